import { beforeEach, describe, expect, it } from "vitest";
import { action as userAction, loader as userLoader } from "~/routes/admin.users.$id";
import { action as usersAction, loader as usersLoader } from "~/routes/admin.users._index";
import { action as loginAction } from "~/routes/login";
import { getOptionalUser } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { can } from "~/utils/permissions";
import { resetDb } from "../db";
import { DEMO_PASSWORD, seedDemo } from "../factories/demo";
import type { Browser, FormFields } from "../http";
import { anonymous, getRequest, loginAs, postForm, respond, routeArgs } from "../http";

let admin: Browser & { user: NonNullable<Browser["user"]> };

beforeEach(async () => {
  await resetDb();
  await seedDemo();
  admin = await loginAs("admin@example.com");
});

const createUser = (fields: FormFields, browser: Browser = admin) =>
  respond(() => usersAction(routeArgs(postForm("/admin/users", fields, browser))));
const changeUser = (id: string, fields: FormFields, browser: Browser = admin) =>
  respond(() => userAction(routeArgs(postForm(`/admin/users/${id}`, fields, browser), { id })));
const signIn = (email: string, password: string) =>
  respond(() => loginAction(routeArgs(postForm("/login", { email, password }, anonymous()))));
const userId = async (email: string) => (await prisma.user.findUniqueOrThrow({ where: { email } })).id;
const roles = async (email: string) =>
  (await prisma.userRole.findMany({ where: { user: { email } }, orderBy: { role: "asc" } })).map((r) => r.role);
const audit = (action: string) => prisma.auditEntry.findMany({ where: { action }, orderBy: { seq: "asc" } });

describe("the user list", () => {
  it("lists every user with their roles", async () => {
    const res = await respond(() => usersLoader(routeArgs(getRequest("/admin/users", admin))));
    expect(res.status).toBe(200);
    const { users } = await res.json();
    expect(users).toHaveLength(8);
    expect(users.find((u: { email: string }) => u.email === "lead@example.com")).toMatchObject({
      name: "Lee Lead",
      roles: ["trust_safety_lead"],
      disabled: false,
    });
    expect(JSON.stringify(users)).not.toMatch(/scrypt|passwordHash/);
  });
});

describe("creating a user", () => {
  it("creates the user with a hashed password and roles, audits it, and the user can sign in", async () => {
    const res = await createUser({
      email: "New.Person@Example.com",
      name: "New Person",
      password: "correct horse battery",
      roles: ["moderator", "comms_lead"],
    });
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body.created).toMatchObject({ email: "new.person@example.com", name: "New Person" });
    expect(body.generatedPassword).toBeNull();

    const row = await prisma.user.findUniqueOrThrow({ where: { email: "new.person@example.com" } });
    expect(row.passwordHash).toMatch(/^scrypt\$/);
    expect(row.passwordHash).not.toContain("correct horse");
    expect(await roles("new.person@example.com")).toEqual(["comms_lead", "moderator"]);

    const [entry] = await audit("user.created");
    expect(entry.actorLabel).toBe("admin@example.com");
    expect(entry.role).toBe("admin");
    expect(entry.subjectId).toBe(row.id);
    expect(JSON.parse(entry.after!)).toEqual({ email: "new.person@example.com", name: "New Person", roles: ["comms_lead", "moderator"] });
    expect(entry.after).not.toContain("correct horse");

    expect((await signIn("new.person@example.com", "correct horse battery")).status).toBe(302);
  });

  it("generates an initial password when none is given and shows it once", async () => {
    const res = await createUser({ email: "gen@example.com", name: "Gen", password: "", roles: [] });
    expect(res.status).toBe(201);
    const { generatedPassword } = await res.json();
    expect(generatedPassword.length).toBeGreaterThanOrEqual(12);
    expect((await signIn("gen@example.com", generatedPassword)).status).toBe(302);
    const list = await respond(() => usersLoader(routeArgs(getRequest("/admin/users", admin))));
    expect(await list.text()).not.toContain(generatedPassword);
  });

  it("refuses a duplicate email (in any case) as a field error, keeping what was typed", async () => {
    const before = await prisma.auditEntry.count();
    const res = await createUser({ email: "Moderator@Example.com", name: "Second Mo", password: "long enough password", roles: ["admin"] });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.fieldErrors.email).toEqual(["A user with this email already exists."]);
    expect(body.values).toEqual({ email: "Moderator@Example.com", name: "Second Mo", roles: ["admin"] });
    expect(JSON.stringify(body)).not.toContain("long enough password");
    expect(await prisma.user.count()).toBe(8);
    expect(await roles("moderator@example.com")).toEqual(["moderator"]);
    expect(await prisma.auditEntry.count()).toBe(before);
  });

  it.each([
    ["a short password", { password: "short" }, "password"],
    ["an invalid email", { email: "not-an-email" }, "email"],
    ["an empty name", { name: "   " }, "name"],
    ["an unknown role", { roles: ["moderator", "superuser"] }, "roles"],
  ])("refuses %s with a field error and creates nothing", async (_label, override, field) => {
    const res = await createUser({ email: "ok@example.com", name: "Ok", password: "", roles: ["moderator"], ...override });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(Object.keys(body.fieldErrors)).toEqual([field]);
    expect(await prisma.user.count()).toBe(8);
    expect(await prisma.auditEntry.count()).toBe(0);
  });

  it("refuses a form without the CSRF token with 403 and creates nothing", async () => {
    const res = await respond(() =>
      usersAction(routeArgs(postForm("/admin/users", { email: "x@example.com", name: "X", password: "" }, admin, { csrf: null }))),
    );
    expect(res.status).toBe(403);
    expect(await prisma.user.count()).toBe(8);
  });
});

describe("changing a user", () => {
  it("shows the user with their roles; an unknown id is 404", async () => {
    const id = await userId("senior@example.com");
    const res = await respond(() => userLoader(routeArgs(getRequest(`/admin/users/${id}`, admin), { id })));
    expect(res.status).toBe(200);
    expect((await res.json()).user).toMatchObject({ email: "senior@example.com", roles: ["senior_moderator"], disabled: false });
    const missing = await respond(() => userLoader(routeArgs(getRequest("/admin/users/nope", admin), { id: "nope" })));
    expect(missing.status).toBe(404);
  });

  it("assigns and removes roles, audits before and after, and the change applies at once", async () => {
    const mo = await loginAs("moderator@example.com");
    expect(can((await getOptionalUser(getRequest("/", mo)))!.roles, "approve:ban")).toBe(false);

    const res = await changeUser(mo.user.id, { intent: "roles", roles: ["senior_moderator", "crisis_responder"] });
    expect(res.status).toBe(200);
    expect((await res.json()).message).toBe("Roles saved.");
    expect(await roles("moderator@example.com")).toEqual(["crisis_responder", "senior_moderator"]);
    expect(can((await getOptionalUser(getRequest("/", mo)))!.roles, "approve:ban")).toBe(true);

    const [entry] = await audit("user.roles_changed");
    expect(entry.subjectId).toBe(mo.user.id);
    expect(JSON.parse(entry.before!)).toEqual({ roles: ["moderator"] });
    expect(JSON.parse(entry.after!)).toEqual({ roles: ["crisis_responder", "senior_moderator"] });

    // Saving the same roles again changes nothing and writes no entry.
    const again = await changeUser(mo.user.id, { intent: "roles", roles: ["crisis_responder", "senior_moderator"] });
    expect((await again.json()).message).toBe("No changes to save.");
    expect(await audit("user.roles_changed")).toHaveLength(1);
  });

  it("does not let an admin remove their own admin role", async () => {
    const res = await changeUser(admin.user.id, { intent: "roles", roles: ["moderator"] });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.formError).toBe("You cannot remove your own admin role. Ask another admin to do it.");
    expect(body.values.roles).toEqual(["moderator"]);
    expect(await roles("admin@example.com")).toEqual(["admin"]);
    expect(await prisma.auditEntry.count()).toBe(0);
    // Adding a role to oneself while keeping admin is fine.
    expect((await changeUser(admin.user.id, { intent: "roles", roles: ["admin", "leadership"] })).status).toBe(200);
  });

  it("lets another admin remove an admin's role", async () => {
    await changeUser(await userId("lead@example.com"), { intent: "roles", roles: ["admin"] });
    const lead = await loginAs("lead@example.com");
    const res = await changeUser(admin.user.id, { intent: "roles", roles: [] }, lead);
    expect(res.status).toBe(200);
    expect(await roles("admin@example.com")).toEqual([]);
  });

  it("disables a user (ending their sessions, refusing sign-in) and enables them again", async () => {
    const mo = await loginAs("moderator@example.com");
    const res = await changeUser(mo.user.id, { intent: "disable" });
    expect(res.status).toBe(200);
    expect(await prisma.session.count({ where: { userId: mo.user.id } })).toBe(0);
    expect(await getOptionalUser(getRequest("/", mo))).toBeNull();
    expect((await signIn("moderator@example.com", DEMO_PASSWORD)).status).toBe(400);

    expect((await changeUser(mo.user.id, { intent: "enable" })).status).toBe(200);
    expect((await signIn("moderator@example.com", DEMO_PASSWORD)).status).toBe(302);
    expect((await audit("user.disabled")).map((e) => e.subjectId)).toEqual([mo.user.id]);
    expect((await audit("user.enabled")).map((e) => e.subjectId)).toEqual([mo.user.id]);
  });

  it("does not let an admin disable their own account", async () => {
    const res = await changeUser(admin.user.id, { intent: "disable" });
    expect(res.status).toBe(400);
    expect((await res.json()).formError).toBe("You cannot disable your own account.");
    expect((await prisma.user.findUniqueOrThrow({ where: { id: admin.user.id } })).disabledAt).toBeNull();
  });

  it("refuses an unknown intent or role, and a missing CSRF token, changing nothing", async () => {
    const id = await userId("comms@example.com");
    expect((await changeUser(id, { intent: "promote" })).status).toBe(400);
    const badRole = await changeUser(id, { intent: "roles", roles: ["root"] });
    expect(badRole.status).toBe(400);
    expect((await badRole.json()).fieldErrors.roles).toBeTruthy();
    const forged = await respond(() =>
      userAction(routeArgs(postForm(`/admin/users/${id}`, { intent: "roles", roles: ["admin"] }, admin, { csrf: "x" }), { id })),
    );
    expect(forged.status).toBe(403);
    expect(await roles("comms@example.com")).toEqual(["comms_lead"]);
    expect(await prisma.auditEntry.count()).toBe(0);
  });
});
