import crypto from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { findApiKey } from "~/models/accounts/api-keys.server";
import { action as keysAction, loader as keysLoader } from "~/routes/admin.keys";
import { prisma } from "~/utils/db.server";
import { resetDb } from "../db";
import { DEMO_API_KEY, seedDemo } from "../factories/demo";
import type { Browser, FormFields } from "../http";
import { BASE_URL, getRequest, loginAs, postForm, respond, routeArgs } from "../http";

let admin: Browser;

beforeEach(async () => {
  await resetDb();
  await seedDemo();
  admin = await loginAs("admin@example.com");
});

const post = (fields: FormFields, options?: { csrf?: string | null }) =>
  respond(() => keysAction(routeArgs(postForm("/admin/keys", fields, admin, options))));
const listPage = () => respond(() => keysLoader(routeArgs(getRequest("/admin/keys", admin))));
const bearer = (key: string) => new Request(`${BASE_URL}/api/v1/reports`, { headers: { Authorization: `Bearer ${key}` } });

async function createKey(name: string) {
  const res = await post({ intent: "create", name });
  expect(res.status).toBe(201);
  return (await res.json()).created as { id: string; name: string; key: string };
}

describe("creating an API key", () => {
  it("shows the full key once, stores only its hash, and audits without the key", async () => {
    const created = await createKey("Forum platform");
    expect(created.key).toMatch(/^vigil_[\w-]{32}$/);

    const row = await prisma.apiKey.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.hash).toBe(crypto.createHash("sha256").update(created.key).digest("hex"));
    expect(row.prefix).toBe(created.key.slice(0, 10));
    expect(JSON.stringify(row)).not.toContain(created.key);

    const [entry] = await prisma.auditEntry.findMany({ where: { action: "api_key.created" } });
    expect(entry.subjectId).toBe(created.id);
    expect(JSON.parse(entry.after!)).toEqual({ name: "Forum platform", prefix: row.prefix });
    expect(JSON.stringify(entry)).not.toContain(created.key);
    expect(JSON.stringify(entry)).not.toContain(row.hash);

    // The list shows the key by name and prefix, never the key or its hash again.
    const page = await (await listPage()).text();
    expect(page).toContain("Forum platform");
    expect(page).toContain(row.prefix);
    expect(page).not.toContain(created.key);
    expect(page).not.toContain(row.hash);
  });

  it("authorises requests with the new key and records when it was last used", async () => {
    const created = await createKey("Chat bridge");
    const found = await findApiKey(bearer(created.key));
    expect(found?.id).toBe(created.id);
    const row = await prisma.apiKey.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.lastUsedAt).toBeInstanceOf(Date);
    expect(await findApiKey(bearer(`${created.key}x`))).toBeNull();
  });

  it("refuses an empty name with a field error and creates nothing", async () => {
    const res = await post({ intent: "create", name: "   " });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.fieldErrors.name).toHaveLength(1);
    expect(await prisma.apiKey.count()).toBe(1);
    expect(await prisma.auditEntry.count()).toBe(0);
  });

  it("refuses a form without the CSRF token with 403 and creates nothing", async () => {
    const res = await post({ intent: "create", name: "Forged" }, { csrf: null });
    expect(res.status).toBe(403);
    expect(await prisma.apiKey.count()).toBe(1);
  });
});

describe("revoking an API key", () => {
  it("stops the key working at once and audits the revocation", async () => {
    const created = await createKey("Old integration");
    expect(await findApiKey(bearer(created.key))).not.toBeNull();

    const res = await post({ intent: "revoke", id: created.id });
    expect(res.status).toBe(200);
    expect((await res.json()).revoked).toBe("Old integration");
    expect(await findApiKey(bearer(created.key))).toBeNull();
    expect((await prisma.apiKey.findUniqueOrThrow({ where: { id: created.id } })).revokedAt).toBeInstanceOf(Date);

    const [entry] = await prisma.auditEntry.findMany({ where: { action: "api_key.revoked" } });
    expect(entry.subjectId).toBe(created.id);
    expect(entry.actorLabel).toBe("admin@example.com");

    const again = await post({ intent: "revoke", id: created.id });
    expect(again.status).toBe(400);
    expect((await again.json()).formError).toMatch(/already revoked/);
    expect(await prisma.auditEntry.count({ where: { action: "api_key.revoked" } })).toBe(1);
  });

  it("revokes the demo key, leaving other keys working", async () => {
    const other = await createKey("Other");
    const demo = await findApiKey(bearer(DEMO_API_KEY));
    expect(demo).not.toBeNull();
    await post({ intent: "revoke", id: demo!.id });
    expect(await findApiKey(bearer(DEMO_API_KEY))).toBeNull();
    expect(await findApiKey(bearer(other.key))).not.toBeNull();
  });

  it("refuses a revocation with a wrong CSRF token, and the key keeps working", async () => {
    const demo = await prisma.apiKey.findFirstOrThrow();
    const res = await post({ intent: "revoke", id: demo.id }, { csrf: "wrong" });
    expect(res.status).toBe(403);
    expect(await findApiKey(bearer(DEMO_API_KEY))).not.toBeNull();
  });

  it("answers an unknown key id with an error", async () => {
    const res = await post({ intent: "revoke", id: "no-such-key" });
    expect(res.status).toBe(400);
    expect((await res.json()).formError).toBe("This API key does not exist.");
  });
});
