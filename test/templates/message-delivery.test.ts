import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DeliveryBody } from "~/models/messages/messages.server";
import { action as logAction, loader as logLoader } from "~/routes/messages";
import type { MessageLogData } from "~/routes/messages";
import { createMessageDelivery } from "~/services/message-delivery.server";
import { createWebhookDelivery } from "~/services/webhook-delivery.server";
import { isSqlite, prisma } from "~/utils/db.server";
import { resetDb } from "../db";
import { seedDemo } from "../factories/demo";
import { seedTemplates } from "../factories/templates";
import type { Browser } from "../http";
import { getRequest, loginAs, postForm, respond, routeArgs } from "../http";
import type { Receiver } from "../receiver";
import { signedWith, startReceiver } from "../receiver";
import { REPORTER, polishCaseRemoved, sendFromCase } from "./helpers";

// Messages to members reach the community platform: a local receiver stands in for it,
// configured the way a deployment is (MESSAGE_DELIVERY_URL, MESSAGE_DELIVERY_SECRET).

const SECRET = "platform-shared-secret-0123456789";
let platform: Receiver;
let mo: Browser;

beforeAll(async () => {
  platform = await startReceiver();
  // Read by env() on first use in this test file's process.
  process.env.MESSAGE_DELIVERY_URL = platform.url;
  process.env.MESSAGE_DELIVERY_SECRET = SECRET;
});
afterAll(() => platform.close());
beforeEach(async () => {
  await resetDb();
  await seedDemo();
  await seedTemplates();
  platform.received.splice(0);
  platform.fallback = 200;
  mo = await loginAs("moderator@example.com");
});

const bodies = () => platform.received.map((r) => JSON.parse(r.body) as DeliveryBody);

async function logAs(browser: Browser, query = "") {
  const res = await respond(() => logLoader(routeArgs(getRequest(`/messages${query}`, browser))));
  expect(res.status).toBe(200);
  return (await res.json()) as MessageLogData;
}

describe("delivering messages to members", () => {
  it("posts a sent message to the platform once, signed, with what it needs to deliver it", async () => {
    const c = await polishCaseRemoved();
    const report = await prisma.report.findFirstOrThrow({ where: { caseId: c.id } });
    await sendFromCase(mo, c.ref, report.ref, "outcome_reporter.in_app");
    const message = await prisma.message.findFirstOrThrow({ include: { outbox: true } });

    expect(await createMessageDelivery().tick()).toBe(1);
    expect(platform.received).toHaveLength(1);
    const [request] = platform.received;
    expect(signedWith(SECRET, request)).toBe(true);
    expect(signedWith(SECRET, { ...request, body: request.body.replace(c.ref, "C-22222222") })).toBe(false);
    expect(request.headers).toMatchObject({ "content-type": "application/json", "x-vigil-event": "message.in_app", "x-vigil-delivery": message.outboxId, "user-agent": "Vigil-Messages" });
    expect(JSON.parse(request.body)).toEqual({
      id: message.id,
      channel: "in_app",
      recipient: { kind: "reporter", address: REPORTER.contact, reportRef: report.ref },
      language: "pl",
      subject: null,
      body: message.body,
      caseRef: c.ref,
      template: { key: "outcome_reporter.in_app", version: 1 },
      sentAt: message.createdAt.toISOString(),
    });
    expect(message.body).toContain(`Sprawdziliśmy sprawę ${c.ref}`);

    // Delivered once: the next round sends nothing, and webhooks' loop never took it.
    expect(await createMessageDelivery().tick()).toBe(0);
    expect(await createWebhookDelivery().tick()).toBe(0);
    expect(await prisma.deliveryAttempt.findMany()).toEqual([expect.objectContaining({ outboxMessageId: message.outboxId, webhookId: null, attempt: 1, httpStatus: 200, ok: true })]);
    const log = await logAs(mo);
    expect(log.endpointConfigured).toBe(true);
    expect(log.messages[0].delivery).toEqual({ state: "delivered", deliveredAt: expect.any(String), attempts: 1 });
  });

  it("retries a platform answering 500 with backoff, keeping every attempt, and says so in the log", async () => {
    const c = await polishCaseRemoved();
    await sendFromCase(mo, c.ref, "author", "content_removed.email");
    platform.answer(500);
    const t0 = new Date();

    expect(await createMessageDelivery({ instanceId: "a" }).tick(t0)).toBe(1);
    let log = await logAs(mo);
    expect(log.messages[0].delivery).toEqual({ state: "retrying", attempts: 1, lastError: "HTTP 500", nextAttemptAt: new Date(t0.getTime() + 2000).toISOString(), noEndpoint: false });
    expect((await logAs(mo, "?delivery=retrying")).messages).toHaveLength(1);
    expect((await logAs(mo, "?delivery=delivered")).messages).toHaveLength(0);
    // Backing off: neither this instance nor another takes it early.
    expect(await createMessageDelivery({ instanceId: "a" }).tick(t0)).toBe(0);
    expect(await createMessageDelivery({ instanceId: "b" }).tick(new Date(t0.getTime() + 1000))).toBe(0);

    expect(await createMessageDelivery({ instanceId: "b" }).tick(new Date(t0.getTime() + 3000))).toBe(1);
    expect(platform.received).toHaveLength(2);
    expect(platform.received[1].body).toBe(platform.received[0].body);
    expect(platform.received[1].headers["x-vigil-delivery"]).toBe(platform.received[0].headers["x-vigil-delivery"]);
    expect(platform.received.every((r) => signedWith(SECRET, r))).toBe(true);
    const attempts = await prisma.deliveryAttempt.findMany({ orderBy: { attempt: "asc" } });
    expect(attempts.map((a) => [a.attempt, a.httpStatus, a.ok, a.error])).toEqual([
      [1, 500, false, "HTTP 500"],
      [2, 200, true, null],
    ]);
    log = await logAs(mo);
    expect(log.messages[0].delivery).toMatchObject({ state: "delivered", attempts: 2 });
  });

  it("marks a message failed after ten refused attempts and stops trying", async () => {
    const c = await polishCaseRemoved();
    await sendFromCase(mo, c.ref, "author", "warning.in_app");
    platform.fallback = 503;
    const t0 = Date.now();
    const hour = 3_600_000;
    for (let n = 1; n <= 10; n++) expect(await createMessageDelivery().tick(new Date(t0 + n * hour))).toBe(1);
    expect(await createMessageDelivery().tick(new Date(t0 + 11 * hour))).toBe(0);

    expect(platform.received).toHaveLength(10);
    expect(await prisma.deliveryAttempt.count({ where: { ok: false, httpStatus: 503 } })).toBe(10);
    const failed = await logAs(mo, "?delivery=failed");
    expect(failed.messages.map((m) => [m.templateKey, m.delivery])).toEqual([["warning.in_app", { state: "failed", attempts: 10, lastError: "HTTP 503" }]]);
  });

  it("lets a moderator retry a failed delivery once the platform is back; leadership may not, and a queued one is not retried", async () => {
    const c = await polishCaseRemoved();
    await sendFromCase(mo, c.ref, "author", "warning.in_app");
    platform.fallback = 503;
    const t0 = Date.now();
    const hour = 3_600_000;
    for (let n = 1; n <= 10; n++) await createMessageDelivery().tick(new Date(t0 + n * hour));
    const [failed] = (await logAs(mo, "?delivery=failed")).messages;
    expect(failed.delivery).toMatchObject({ state: "failed", attempts: 10 });
    expect((await logAs(mo)).canRetry).toBe(true);

    const retry = (browser: Browser) => respond(() => logAction(routeArgs(postForm("/messages?delivery=failed", { intent: "retry", messageId: failed.id }, browser))));
    const leadership = await loginAs("leadership@example.com");
    expect((await logAs(leadership)).canRetry).toBe(false);
    expect((await retry(leadership)).status).toBe(403);

    const res = await retry(mo);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "queued", message: `The warning.in_app message for ${c.ref} is queued again.` });
    expect((await logAs(mo)).messages[0].delivery).toMatchObject({ state: "queued" });
    const second = await retry(mo);
    expect(second.status).toBe(409);
    expect(await second.json()).toMatchObject({ message: "Only a failed delivery can be tried again; this message is still queued." });

    platform.fallback = 200;
    expect(await createMessageDelivery().tick()).toBe(1);
    expect(platform.received).toHaveLength(11);
    expect((await logAs(mo)).messages[0].delivery).toMatchObject({ state: "delivered" });
    // The ten refused attempts stay on record beside the one that got through, and the retry is audited.
    expect(await prisma.deliveryAttempt.count({ where: { ok: false } })).toBe(10);
    expect(await prisma.auditEntry.findFirstOrThrow({ where: { action: "message.delivery_retried" } })).toMatchObject({ actorLabel: "moderator@example.com", subjectId: failed.id });
  });

  it("gives the author nothing about any reporter: not in the body, the address or the headers", async () => {
    const c = await polishCaseRemoved();
    const report = await prisma.report.findFirstOrThrow({ where: { caseId: c.id } });
    for (const key of ["content_removed.email", "content_removed.in_app", "warning.in_app"]) await sendFromCase(mo, c.ref, "author", key);
    await sendFromCase(mo, c.ref, report.ref, "thank_you.in_app");

    expect(await createMessageDelivery().tick()).toBe(4);
    const toAuthor = platform.received.filter((r) => (JSON.parse(r.body) as DeliveryBody).recipient.kind === "author");
    expect(toAuthor).toHaveLength(3);
    for (const r of toAuthor) {
      const seen = `${r.body} ${JSON.stringify(r.headers)}`;
      expect(JSON.parse(r.body)).toMatchObject({ recipient: { kind: "author", address: "@marek_k" }, caseRef: c.ref, language: "pl" });
      for (const secret of [REPORTER.handle, REPORTER.contact, "zofia", report.ref]) expect(seen).not.toContain(secret);
    }
    // The reporter's own message is addressed to them: the check above could fail.
    expect(bodies().find((b) => b.recipient.kind === "reporter")?.recipient).toEqual({ kind: "reporter", address: REPORTER.contact, reportRef: report.ref });
  });

  it("delivers each message once when two instances' loops race for them", async () => {
    const c = await polishCaseRemoved();
    const report = await prisma.report.findFirstOrThrow({ where: { caseId: c.id } });
    for (const key of ["content_removed.email", "content_removed.in_app", "warning.in_app", "mute.in_app"]) await sendFromCase(mo, c.ref, "author", key);
    for (const key of ["thank_you.in_app", "outcome_reporter.email"]) await sendFromCase(mo, c.ref, report.ref, key);
    // A triage notice nobody delivers yet: neither loop may take it.
    await prisma.outboxMessage.create({ data: { kind: "case.dismissed", payload: "{}" } });

    const now = new Date();
    const [a, b] = await Promise.all([createMessageDelivery({ instanceId: "a", batch: 2 }).tick(now), createMessageDelivery({ instanceId: "b", batch: 2 }).tick(now)]);
    expect(a + b).toBe(6);
    const ids = bodies().map((body) => body.id);
    expect(ids).toHaveLength(6);
    expect(new Set(ids).size).toBe(6);
    expect(await prisma.outboxMessage.findMany({ where: { kind: { startsWith: "message." } }, select: { status: true, attempts: true } })).toEqual(Array(6).fill({ status: "delivered", attempts: 1 }));
    expect(await prisma.deliveryAttempt.count()).toBe(6);
    expect(await prisma.outboxMessage.findFirstOrThrow({ where: { kind: "case.dismissed" } })).toMatchObject({ status: "pending", attempts: 0 });
  });

  it("sends a message queued before delivery existed with the full body, once its migration has run", async () => {
    const c = await polishCaseRemoved();
    const report = await prisma.report.findFirstOrThrow({ where: { caseId: c.id } });
    // As the previous release wrote it: the reporter's address only in an older body.
    const legacy = { to: REPORTER.contact, recipientKind: "reporter", channel: "email", subject: "Dziękujemy", body: "Sprawa „zamknięta”.", caseRef: c.ref };
    const at = new Date("2026-03-01T10:00:00.250Z");
    const message = await prisma.message.create({
      data: {
        ...{ caseId: c.id, caseRef: c.ref, language: "pl", channel: "email", createdAt: at },
        ...{ templateKey: "thank_you.email", templateVersion: 1, templateVersionId: "v1" },
        ...{ recipientKind: "reporter", recipient: report.ref, subject: legacy.subject, body: legacy.body },
        outbox: { create: { kind: "message.email", payload: JSON.stringify(legacy), createdAt: at, nextAttemptAt: at } },
      },
    });
    const store = isSqlite() ? "sqlite" : "postgresql";
    const dir = path.resolve(import.meta.dirname, "../../prisma/migrations", store);
    const folder = fs.readdirSync(dir).find((name) => name.endsWith("_member_message_delivery"))!;
    const sql = fs.readFileSync(path.join(dir, folder, "migration.sql"), "utf8");
    await prisma.$executeRawUnsafe(sql.slice(sql.indexOf("-- Messages queued before delivery existed")));

    expect(await createMessageDelivery().tick()).toBe(1);
    expect(signedWith(SECRET, platform.received[0])).toBe(true);
    expect(JSON.parse(platform.received[0].body)).toEqual({
      id: message.id,
      channel: "email",
      recipient: { kind: "reporter", address: REPORTER.contact, reportRef: report.ref },
      language: "pl",
      subject: "Dziękujemy",
      body: "Sprawa „zamknięta”.",
      caseRef: c.ref,
      template: { key: "thank_you.email", version: 1 },
      sentAt: at.toISOString(),
    });
  });
});
