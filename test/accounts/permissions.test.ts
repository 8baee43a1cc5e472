import { beforeAll, describe, expect, it } from "vitest";
import * as keys from "~/routes/admin.keys";
import * as user from "~/routes/admin.users.$id";
import * as users from "~/routes/admin.users._index";
import { prisma } from "~/utils/db.server";
import type { Permission } from "~/utils/permissions";
import { resetDb } from "../db";
import { DEMO_USERS, seedDemo } from "../factories/demo";
import type { Browser } from "../http";
import { anonymous, getRequest, loginAs, postForm, respond, routeArgs } from "../http";

// Every admin loader and action, called as each demo role. Only admin may use them;
// everyone else gets 403 naming the permission, and nothing changes.

type Call = { name: string; permission: Permission; run: (browser: Browser, targetId: string) => Promise<Response> };

const CALLS: Call[] = [
  {
    name: "list users",
    permission: "manage:users",
    run: (b) => respond(() => users.loader(routeArgs(getRequest("/admin/users", b)))),
  },
  {
    name: "create a user",
    permission: "manage:users",
    run: (b) =>
      respond(() =>
        users.action(
          routeArgs(postForm("/admin/users", { email: `new-${crypto.randomUUID()}@example.com`, name: "New", password: "", roles: ["admin"] }, b)),
        ),
      ),
  },
  {
    name: "view a user",
    permission: "manage:users",
    run: (b, id) => respond(() => user.loader(routeArgs(getRequest(`/admin/users/${id}`, b), { id }))),
  },
  {
    name: "change a user's roles",
    permission: "manage:users",
    run: (b, id) =>
      respond(() => user.action(routeArgs(postForm(`/admin/users/${id}`, { intent: "roles", roles: ["admin"] }, b), { id }))),
  },
  {
    name: "disable a user",
    permission: "manage:users",
    run: (b, id) => respond(() => user.action(routeArgs(postForm(`/admin/users/${id}`, { intent: "disable" }, b), { id }))),
  },
  {
    name: "list API keys",
    permission: "manage:api-keys",
    run: (b) => respond(() => keys.loader(routeArgs(getRequest("/admin/keys", b)))),
  },
  {
    name: "create an API key",
    permission: "manage:api-keys",
    run: (b) => respond(() => keys.action(routeArgs(postForm("/admin/keys", { intent: "create", name: "Sneaky" }, b)))),
  },
  {
    name: "revoke an API key",
    permission: "manage:api-keys",
    run: async (b) => {
      const key = await prisma.apiKey.findFirstOrThrow();
      return respond(() => keys.action(routeArgs(postForm("/admin/keys", { intent: "revoke", id: key.id }, b))));
    },
  },
];

async function snapshot() {
  const [userRows, roles, apiKeys, audit] = await Promise.all([
    prisma.user.findMany({ orderBy: { email: "asc" } }),
    prisma.userRole.findMany({ orderBy: [{ userId: "asc" }, { role: "asc" }] }),
    prisma.apiKey.findMany({ orderBy: { id: "asc" } }),
    prisma.auditEntry.count(),
  ]);
  return { userRows, roles, apiKeys, audit };
}

describe("admin pages: permission matrix", () => {
  beforeAll(async () => {
    await resetDb();
    await seedDemo();
  });

  const refused = DEMO_USERS.filter((u) => !(u.roles as readonly string[]).includes("admin"));

  it("covers all eight demo roles", () => {
    expect(new Set(DEMO_USERS.flatMap((u) => u.roles)).size).toBe(8);
    expect(refused).toHaveLength(7);
  });

  describe.each(refused)("as $email", ({ email }) => {
    it.each(CALLS)("refuses to $name with 403 naming $permission, changing nothing", async (call) => {
      const browser = await loginAs(email);
      // The target is the signed-in user themselves: the most tempting case.
      const before = await snapshot();
      const res = await call.run(browser, browser.user.id);
      expect(res.status).toBe(403);
      const body = await res.json();
      expect(body.missing).toBe(call.permission);
      expect(body.message).toContain(call.permission);
      expect(await snapshot()).toEqual(before);
    });
  });

  describe("as admin@example.com", () => {
    it.each(CALLS)("allows to $name", async (call) => {
      const browser = await loginAs("admin@example.com");
      const target = await prisma.user.findUniqueOrThrow({ where: { email: "commander@example.com" } });
      const res = await call.run(browser, target.id);
      expect(res.status).toBeGreaterThanOrEqual(200);
      expect(res.status).toBeLessThan(300);
    });
  });

  describe("anonymous", () => {
    it.each(CALLS)("is sent to /login when trying to $name", async (call) => {
      const target = await prisma.user.findFirstOrThrow();
      const before = await snapshot();
      const res = await call.run(anonymous(), target.id);
      expect(res.status).toBe(302);
      expect(res.headers.get("Location")).toMatch(/^\/login\?redirectTo=%2Fadmin%2F(users|keys)/);
      expect(await snapshot()).toEqual(before);
    });
  });
});
