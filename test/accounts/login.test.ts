import crypto from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { LOGIN_LIMITS } from "~/models/accounts/users.server";
import { action as loginAction, loader as loginLoader } from "~/routes/login";
import { action as logoutAction } from "~/routes/logout";
import { SESSION_COOKIE, getOptionalUser } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { resetDb } from "../db";
import { DEMO_PASSWORD, seedDemo } from "../factories/demo";
import type { Browser, FormFields } from "../http";
import { afterResponse, anonymous, cookieValue, getRequest, loginAs, postForm, respond, routeArgs } from "../http";

function login(fields: FormFields, options: { browser?: Browser; ip?: string; csrf?: string | null; origin?: string } = {}) {
  const browser = options.browser ?? anonymous();
  const headers = options.origin ? { Origin: options.origin } : undefined;
  const request = postForm("/login", fields, browser, { csrf: options.csrf, headers });
  return respond(() => loginAction(routeArgs(request, {}, options.ip ? { clientIp: options.ip } : {})));
}

const admin = { email: "admin@example.com", password: DEMO_PASSWORD };
const wrong = { email: "admin@example.com", password: "not-the-password" };

async function auditActions() {
  return (await prisma.auditEntry.findMany({ orderBy: { seq: "asc" } })).map((e) => e.action);
}

describe("signing in", () => {
  beforeEach(async () => {
    await resetDb();
    await seedDemo();
  });

  it("redirects with an HttpOnly SameSite session cookie and stores only the token's hash", async () => {
    const res = await login({ ...admin, redirectTo: "/cases?status=open" });

    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/cases?status=open");
    const setCookie = res.headers.get("Set-Cookie") ?? "";
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    expect(setCookie).toMatch(/Path=\//);
    const token = cookieValue(setCookie, SESSION_COOKIE);
    expect(token).toMatch(/^[\w-]{40,}$/);

    const sessions = await prisma.session.findMany();
    expect(sessions).toHaveLength(1);
    expect(sessions[0].id).toBe(crypto.createHash("sha256").update(token!).digest("hex"));
    expect(JSON.stringify(sessions)).not.toContain(token);

    const browser = afterResponse(anonymous(), res);
    const user = await getOptionalUser(getRequest("/", browser));
    expect(user?.email).toBe("admin@example.com");
    const entry = await prisma.auditEntry.findFirstOrThrow({ where: { action: "user.login" } });
    expect(entry.actorLabel).toBe("admin@example.com");
    expect(entry.subjectId).toBe(user?.id);
  });

  it("accepts the email in any case and with surrounding spaces", async () => {
    const res = await login({ email: "  Admin@Example.COM ", password: DEMO_PASSWORD });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/");
  });

  it("answers a wrong password and an unknown email with the same message, and audits both", async () => {
    const bad = await login(wrong);
    const unknown = await login({ email: "nobody@example.com", password: DEMO_PASSWORD });

    for (const res of [bad, unknown]) {
      expect(res.status).toBe(400);
      expect(res.headers.get("Set-Cookie")).toBeNull();
    }
    const badBody = await bad.json();
    expect(badBody.formError).toBe("Email or password is incorrect.");
    expect(badBody.values).toEqual({ email: "admin@example.com" });
    expect(JSON.stringify(badBody)).not.toContain("not-the-password");
    expect((await unknown.json()).formError).toBe("Email or password is incorrect.");
    expect(await prisma.session.count()).toBe(0);

    const failures = await prisma.auditEntry.findMany({ where: { action: "user.login_failed" }, orderBy: { seq: "asc" } });
    expect(failures.map((f) => JSON.parse(f.after!))).toEqual([
      { email: "admin@example.com", reason: "wrong_password", ip: "192.0.2.10" },
      { email: "nobody@example.com", reason: "unknown_account", ip: "192.0.2.10" },
    ]);
    expect(failures[0].actorLabel).toBe("system:sign-in");
  });

  it("shows field errors and keeps the typed email when the form is incomplete", async () => {
    const res = await login({ email: "not an email", password: "" });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.fieldErrors.email).toEqual(["Enter your email address."]);
    expect(body.fieldErrors.password).toEqual(["Enter your password."]);
    expect(body.values.email).toBe("not an email");
    expect(await auditActions()).toEqual([]);
  });

  it("refuses a disabled account even with the right password", async () => {
    await prisma.user.update({ where: { email: admin.email }, data: { disabledAt: new Date() } });
    const right = await login(admin);
    expect(right.status).toBe(400);
    expect((await right.json()).formError).toMatch(/disabled/);
    const bad = await login(wrong);
    expect((await bad.json()).formError).toBe("Email or password is incorrect.");
    expect(await prisma.session.count()).toBe(0);
  });

  it.each([
    ["https://evil.example/steal", "/"],
    ["//evil.example/steal", "/"],
    ["/\\evil.example/steal", "/"],
    ["/\t/evil.example", "/"],
    ["javascript:alert(1)", "/"],
    ["/audit?action=user.login#top", "/audit?action=user.login#top"],
  ])("redirects to %j only when it is a path on this site (→ %s)", async (redirectTo, location) => {
    const res = await login({ ...admin, redirectTo });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(location);
  });

  it("sends a signed-in visitor of /login home, or to redirectTo", async () => {
    const browser = await loginAs("moderator@example.com");
    const home = await respond(() => loginLoader(routeArgs(getRequest("/login", browser))));
    expect(home.status).toBe(302);
    expect(home.headers.get("Location")).toBe("/");
    const onward = await respond(() => loginLoader(routeArgs(getRequest("/login?redirectTo=%2Fcases", browser))));
    expect(onward.headers.get("Location")).toBe("/cases");
    const anon = await respond(() => loginLoader(routeArgs(getRequest("/login", anonymous()))));
    expect(anon.status).toBe(200);
  });
});

describe("sign-in rate limits", () => {
  beforeEach(async () => {
    await resetDb();
    await seedDemo();
  });

  it("locks an account at one address after 5 failures, then answers 429 even to the right password", async () => {
    for (let i = 0; i < LOGIN_LIMITS.perAccountAndAddress.free; i++) expect((await login(wrong)).status).toBe(400);

    const limited = await login(admin);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect((await limited.json()).formError).toMatch(/^Too many sign-in attempts\. Try again in (15 minutes|\d+ minutes?)\.$/);
    expect(await prisma.session.count()).toBe(0);
    // Another account from the same address is not affected.
    expect((await login({ email: "moderator@example.com", password: DEMO_PASSWORD })).status).toBe(302);
  });

  it("resets the account's counter after a successful sign-in", async () => {
    for (let i = 0; i < LOGIN_LIMITS.perAccountAndAddress.free - 1; i++) await login(wrong);
    expect((await login(admin)).status).toBe(302);
    for (let i = 0; i < LOGIN_LIMITS.perAccountAndAddress.free; i++) expect((await login(wrong)).status).toBe(400);
    expect((await login(wrong)).status).toBe(429);
  });

  it("limits one address across accounts, without affecting other addresses", async () => {
    const ip = "198.51.100.7";
    for (let i = 0; i < LOGIN_LIMITS.perIp.limit; i++) {
      expect((await login({ email: `guess-${i}@example.com`, password: "x" }, { ip })).status).toBe(400);
    }
    const limited = await login(admin, { ip });
    expect(limited.status).toBe(429);
    expect((await limited.json()).formError).toMatch(/Too many sign-in attempts/);
    expect((await login(admin, { ip: "198.51.100.8" })).status).toBe(302);
  });

  it("does not count successful sign-ins against an address (an office behind one NAT)", async () => {
    const ip = "198.51.100.9";
    for (let i = 0; i < LOGIN_LIMITS.perIp.limit + 3; i++) {
      const email = i % 2 ? "moderator@example.com" : "senior@example.com";
      expect((await login({ email, password: DEMO_PASSWORD }, { ip })).status).toBe(302);
    }
    for (let i = 0; i < LOGIN_LIMITS.perIp.limit; i++) {
      expect((await login({ email: `guess-${i}@example.com`, password: "x" }, { ip })).status).toBe(400);
    }
    expect((await login(admin, { ip })).status).toBe(429);
  });
});

describe("CSRF on sign-in and sign-out", () => {
  beforeEach(async () => {
    await resetDb();
    await seedDemo();
  });

  it.each([
    ["missing", { csrf: null }],
    ["wrong", { csrf: "forged-token" }],
    ["from another browser", { csrf: anonymous().csrf }],
    ["from another site", { origin: "https://evil.example" }],
  ])("refuses a sign-in whose token is %s with 403 and creates no session", async (_label, options) => {
    const res = await login(admin, options);
    expect(res.status).toBe(403);
    expect(await prisma.session.count()).toBe(0);
    expect(await prisma.rateLimit.count()).toBe(0);
    expect(await auditActions()).toEqual([]);
  });

  it("refuses a sign-out without the token and keeps the session", async () => {
    const browser = await loginAs("admin@example.com");
    const res = await respond(() => logoutAction(routeArgs(postForm("/logout", {}, browser, { csrf: null }))));
    expect(res.status).toBe(403);
    expect(await prisma.session.count()).toBe(1);
    expect(await getOptionalUser(getRequest("/", browser))).not.toBeNull();
  });
});

describe("signing out", () => {
  beforeEach(async () => {
    await resetDb();
    await seedDemo();
  });

  it("deletes the session, clears the cookie, audits it and redirects to /login", async () => {
    const browser = await loginAs("moderator@example.com");
    await loginAs("moderator@example.com"); // a second device stays signed in
    const res = await respond(() => logoutAction(routeArgs(postForm("/logout", {}, browser))));

    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/login");
    expect(res.headers.get("Set-Cookie")).toMatch(/^vigil_session=; .*Max-Age=0/);
    expect(await prisma.session.count()).toBe(1);
    expect(await getOptionalUser(getRequest("/", browser))).toBeNull();
    const entry = await prisma.auditEntry.findFirstOrThrow({ where: { action: "user.logout" } });
    expect(entry.actorLabel).toBe("moderator@example.com");
    expect(entry.subjectId).toBe(browser.user.id);
  });

  it("a full round trip: sign in through the form, sign out, and the cookie no longer works", async () => {
    let browser = anonymous();
    const signedIn = await login(admin, { browser });
    browser = afterResponse(browser, signedIn);
    expect(await getOptionalUser(getRequest("/", browser))).not.toBeNull();
    const signedOut = await respond(() => logoutAction(routeArgs(postForm("/logout", {}, browser))));
    expect(signedOut.status).toBe(302);
    expect(await getOptionalUser(getRequest("/", browser))).toBeNull();
    expect(await auditActions()).toEqual(["user.login", "user.logout"]);
  });
});
