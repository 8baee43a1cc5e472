import { beforeEach, describe, expect, it } from "vitest";
import { loader as rootLoader } from "~/root";
import { action as inboxAction } from "~/routes/inbox";
import { action as loginAction } from "~/routes/login";
import { action as logoutAction } from "~/routes/logout";
import { getOptionalUser } from "~/utils/auth.server";
import { resetDb } from "../db";
import { DEMO_PASSWORD, seedDemo } from "../factories/demo";
import type { Browser } from "../http";
import { afterResponse, anonymous, getRequest, loginAs, postForm, respond, routeArgs } from "../http";

// The form token belongs to the session it was given in: a token taken from one
// session (another person's, another device's, or the page before signing in or
// out) is refused in any other, even with the same CSRF cookie.

/** The token the page a browser loads carries: what the root loader gives it. */
async function pageToken(browser: Browser): Promise<string> {
  const response = await respond(() => rootLoader(routeArgs(getRequest("/inbox", browser))));
  return ((await response.json()) as { csrf: string }).csrf;
}

function signOut(browser: Browser, csrf: string) {
  return respond(() => logoutAction(routeArgs(postForm("/logout", {}, browser, { csrf }))));
}

describe("form tokens tied to the session", () => {
  beforeEach(async () => {
    await resetDb();
    await seedDemo();
  });

  it("accepts the token the page gave in the same session", async () => {
    const browser = await loginAs("moderator@example.com");
    const read = await respond(() => inboxAction(routeArgs(postForm("/inbox", { intent: "read-all" }, browser, { csrf: browser.csrf }))));
    expect(read.status).toBe(302);
    expect(await pageToken(browser)).toBe(browser.csrf);
    expect((await signOut(browser, await pageToken(browser))).status).toBe(302);
  });

  it("refuses another person's token, even sent with that person's CSRF cookie", async () => {
    const mallory = await loginAs("moderator@example.com");
    const victim = await loginAs("admin@example.com");
    const csrfCookie = mallory.cookie.split("; ").find((c) => c.startsWith("vigil_csrf="))!;
    const victimSession = victim.cookie.split("; ").find((c) => c.startsWith("vigil_session="))!;
    const mixed = { ...victim, cookie: `${csrfCookie}; ${victimSession}` };
    for (const browser of [victim, mixed]) {
      expect((await signOut(browser, mallory.csrf)).status).toBe(403);
      expect(await getOptionalUser(getRequest("/", browser))).not.toBeNull();
    }
  });

  it("refuses a page left open from the same person's earlier session in that browser", async () => {
    const signIn = async (browser: Browser) =>
      afterResponse(
        browser,
        await respond(() =>
          loginAction(routeArgs(postForm("/login", { email: "moderator@example.com", password: DEMO_PASSWORD }, browser))),
        ),
      );
    const first = await signIn(anonymous());
    const earlierPage = first.csrf;
    const signedOut = afterResponse(first, await signOut(first, first.csrf));
    const second = await signIn(signedOut);
    expect(await getOptionalUser(getRequest("/", second))).not.toBeNull();
    expect((await signOut(second, earlierPage)).status).toBe(403);
    expect(await getOptionalUser(getRequest("/", second))).not.toBeNull();
    expect((await signOut(second, second.csrf)).status).toBe(302);
  });

  it("refuses the token of the page from before signing in, and of the session after signing out", async () => {
    let browser = anonymous();
    const beforeSignIn = browser.csrf;
    const signedIn = await respond(() =>
      loginAction(routeArgs(postForm("/login", { email: "admin@example.com", password: DEMO_PASSWORD }, browser))),
    );
    expect(signedIn.status).toBe(302);
    browser = afterResponse(browser, signedIn);
    expect(browser.csrf).not.toBe(beforeSignIn);
    expect((await signOut(browser, beforeSignIn)).status).toBe(403);
    expect(await getOptionalUser(getRequest("/", browser))).not.toBeNull();

    const duringSession = await pageToken(browser);
    const signedOut = await signOut(browser, duringSession);
    expect(signedOut.status).toBe(302);
    browser = afterResponse(browser, signedOut);
    // Signed out, the page's old token cannot sign anyone in.
    const reuse = await respond(() =>
      loginAction(
        routeArgs(postForm("/login", { email: "admin@example.com", password: DEMO_PASSWORD }, browser, { csrf: duringSession })),
      ),
    );
    expect(reuse.status).toBe(403);
  });
});
