import crypto from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { action, loader } from "~/routes/admin.webhooks";
import { createWebhookDelivery } from "~/services/webhook-delivery.server";
import { prepareToServe } from "~/services/startup.server";
import { prisma } from "~/utils/db.server";
import { isSealed, seal } from "~/utils/secret-box.server";
import { resetDb } from "../db";
import { reportSubject } from "../factories/cases";
import { seedDemo } from "../factories/demo";
import type { Browser } from "../http";
import { getRequest, loginAs, postForm, respond, routeArgs } from "../http";
import { closeReceivers, receiver, signedWith } from "./receiver";

// Webhook signing secrets: shown to the admin once, sealed at rest, opened only to sign.

type Reply = { ok: boolean; message?: string; secret?: { name: string; value: string } };

beforeEach(async () => {
  await resetDb();
  await seedDemo();
});
afterEach(closeReceivers);

const post = async (browser: Browser, fields: Record<string, string | string[]>) => {
  const res = await respond(() => action(routeArgs(postForm("/admin/webhooks", fields, browser))));
  return { res, reply: (await res.clone().json()) as Reply };
};
const page = async (subjectId: string) => reportSubject({ ruleCode: "self_harm", subject: { type: "content", id: subjectId, text: "I can't go on." } });
const auditText = async () => JSON.stringify(await prisma.auditEntry.findMany());

describe("webhook secrets", () => {
  it("are shown once when a webhook is added, stored sealed, and still sign what is delivered", async () => {
    const { url, received } = await receiver([200]);
    const admin = await loginAs("admin@example.com");
    const { res, reply } = await post(admin, { intent: "create", name: "Crisis channel", url, events: ["page"] });
    expect(res.status).toBe(201);
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    const secret = reply.secret!.value;
    expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{32}$/);

    const row = await prisma.webhook.findFirstOrThrow();
    expect(isSealed(row.secret)).toBe(true);
    expect(row.secret).not.toContain(secret.slice(6));
    // The page never shows it again, and the audit trail never held it.
    const listed = await respond(() => loader(routeArgs(getRequest("/admin/webhooks", admin))));
    expect(await listed.text()).not.toContain(secret);
    expect(await auditText()).not.toContain(secret);
    expect(await prisma.auditEntry.findFirstOrThrow({ where: { action: "webhook.created" } })).toMatchObject({ actorLabel: "admin@example.com" });

    await page("post-sec-1");
    expect(await createWebhookDelivery({ instanceId: "d1" }).tick()).toBe(1);
    expect(received).toHaveLength(1);
    expect(signedWith(secret, received[0])).toBe(true);
  });

  it("rotate: the new secret is shown once, audited without it, and signs from then on", async () => {
    const { url, received } = await receiver([200, 200]);
    const admin = await loginAs("admin@example.com");
    const first = (await post(admin, { intent: "create", name: "Crisis channel", url, events: ["page"] })).reply.secret!.value;
    const hook = await prisma.webhook.findFirstOrThrow();
    await page("post-sec-2");
    await createWebhookDelivery().tick();

    const moderator = await loginAs("moderator@example.com");
    expect((await post(moderator, { intent: "rotate", id: hook.id })).res.status).toBe(403);
    const { res, reply } = await post(admin, { intent: "rotate", id: hook.id });
    expect(res.status).toBe(200);
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    expect(reply.message).toBe("New secret for “Crisis channel”: messages are signed with it from now on.");
    const second = reply.secret!.value;
    expect(second).not.toBe(first);
    const rotated = await prisma.auditEntry.findFirstOrThrow({ where: { action: "webhook.secret_rotated" } });
    expect(rotated).toMatchObject({ actorLabel: "admin@example.com", subjectId: hook.id });
    const audit = await auditText();
    expect(audit).not.toContain(first);
    expect(audit).not.toContain(second);

    await page("post-sec-3");
    expect(await createWebhookDelivery().tick()).toBe(1);
    expect(received).toHaveLength(2);
    expect(signedWith(first, received[0])).toBe(true);
    expect(signedWith(second, received[1])).toBe(true);
    expect(signedWith(first, received[1])).toBe(false);
  });

  it("stored in plain text by an earlier release are sealed at start, once, and keep signing as before", async () => {
    const { url, received } = await receiver([200]);
    const legacy = await prisma.webhook.create({ data: { name: "Old hook", url, secret: "whsec_from_before", events: '["page"]' } });

    expect(await prepareToServe()).toEqual(["Encrypted 1 webhook secret stored in plain text."]);
    const row = await prisma.webhook.findUniqueOrThrow({ where: { id: legacy.id } });
    expect(isSealed(row.secret)).toBe(true);
    expect(await prisma.auditEntry.findMany({ where: { action: "webhook.secret_sealed" } })).toMatchObject([{ actorLabel: "system:startup", subjectId: legacy.id }]);
    expect(await auditText()).not.toContain("whsec_from_before");
    // A second start (or another instance) finds nothing left to seal.
    expect(await prepareToServe()).toEqual([]);
    expect(await prisma.auditEntry.count({ where: { action: "webhook.secret_sealed" } })).toBe(1);
    expect((await prisma.webhook.findUniqueOrThrow({ where: { id: legacy.id } })).secret).toBe(row.secret);

    await page("post-sec-4");
    expect(await createWebhookDelivery().tick()).toBe(1);
    expect(signedWith("whsec_from_before", received[0])).toBe(true);
  });

  it("sealed under another key are not used: nothing is sent unsigned, the attempt says why, and a rotation mends it", async () => {
    const { url, received } = await receiver([200]);
    const hook = await prisma.webhook.create({ data: { name: "Moved hook", url, secret: seal("whsec_elsewhere", crypto.randomBytes(32)), events: '["page"]' } });
    await page("post-sec-5");
    const t0 = new Date();
    expect(await createWebhookDelivery().tick(t0)).toBe(1);
    expect(received).toHaveLength(0);
    const attempt = await prisma.deliveryAttempt.findFirstOrThrow();
    expect(attempt).toMatchObject({ ok: false, httpStatus: null });
    expect(attempt.error).toBe(
      "The sealed secret cannot be opened: it was altered, or sealed under another VIGIL_ENCRYPTION_KEY. Rotate the webhook's secret to sign with a new one.",
    );

    const admin = await loginAs("admin@example.com");
    const secret = (await post(admin, { intent: "rotate", id: hook.id })).reply.secret!.value;
    expect(await createWebhookDelivery().tick(new Date(t0.getTime() + 3000))).toBe(1);
    expect(received).toHaveLength(1);
    expect(signedWith(secret, received[0])).toBe(true);
  });
});
