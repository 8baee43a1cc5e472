import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createWebhook } from "~/models/messages/webhooks.server";
import { createWebhookDelivery } from "~/services/webhook-delivery.server";
import { prisma } from "~/utils/db.server";
import { resetDb } from "../db";
import { reportSubject, userByEmail } from "../factories/cases";
import { seedDemo } from "../factories/demo";
import type { Received } from "./receiver";
import { closeReceivers, receiver, signedWith } from "./receiver";

const SECRET = "whsec_test_secret";
const verify = (r: Received) => signedWith(SECRET, r);

beforeEach(async () => {
  await resetDb();
  await seedDemo();
});
afterEach(closeReceivers);

async function hook(url: string) {
  const admin = await userByEmail("admin@example.com");
  return createWebhook({ name: "Crisis channel", url, events: ["page", "breach"], secret: SECRET }, admin);
}

describe("paging", () => {
  it("sends a self-harm report straight to the top tier and pages it through a signed webhook", async () => {
    const { url, received } = await receiver([200]);
    await hook(url);
    const c = await reportSubject({ ruleCode: "self_harm", subject: { type: "content", id: "post-sh-1", text: "I can't go on." } });

    const escalation = await prisma.caseEscalation.findUniqueOrThrow({ where: { caseId: c.id } });
    expect(escalation).toMatchObject({ tierKey: "crisis_team", state: "awaiting_ack" });
    const commander = await userByEmail("commander@example.com");
    expect(await prisma.notification.count({ where: { userId: commander.id, caseId: c.id, kind: "paged" } })).toBe(1);

    expect(await createWebhookDelivery({ instanceId: "d1" }).tick()).toBe(1);
    expect(received).toHaveLength(1);
    expect(verify(received[0])).toBe(true);
    const body = JSON.parse(received[0].body) as { text: string; content: string; vigil: { event: string; caseRef: string } };
    expect(body.text).toContain(c.ref);
    expect(body.content).toBe(body.text);
    expect(body.vigil).toMatchObject({ event: "page", caseRef: c.ref });
    expect(received[0].headers["x-vigil-event"]).toBe("webhook.page");
    // A tampered body would not match.
    expect(verify({ ...received[0], body: received[0].body.replace(c.ref, "CASE-0") })).toBe(false);
    expect((await prisma.outboxMessage.findFirstOrThrow({ where: { kind: "webhook.page" } })).status).toBe("delivered");
  });

  it("retries a receiver answering 500 with backoff until it takes the message, keeping every attempt", async () => {
    const { url, received } = await receiver([500]);
    await hook(url);
    await reportSubject({ ruleCode: "threats", subject: { type: "content", id: "post-th-1", text: "I know where you live." } });
    const delivery = createWebhookDelivery({ instanceId: "d1" });
    const t0 = new Date();

    expect(await delivery.tick(t0)).toBe(1);
    const message = await prisma.outboxMessage.findFirstOrThrow({ where: { kind: "webhook.page" } });
    expect(message).toMatchObject({ status: "pending", attempts: 1, lastError: "HTTP 500" });
    expect(await delivery.tick(t0)).toBe(0); // backing off
    // Another instance cannot take it early either.
    expect(await createWebhookDelivery({ instanceId: "d2" }).tick(new Date(t0.getTime() + 1000))).toBe(0);

    expect(await createWebhookDelivery({ instanceId: "d2" }).tick(new Date(t0.getTime() + 3000))).toBe(1);
    expect(received).toHaveLength(2);
    expect(received[1].body).toBe(received[0].body);
    expect(received.every(verify)).toBe(true);
    const attempts = await prisma.deliveryAttempt.findMany({ where: { outboxMessageId: message.id }, orderBy: { attempt: "asc" } });
    expect(attempts.map((a) => [a.attempt, a.httpStatus, a.ok])).toEqual([
      [1, 500, false],
      [2, 200, true],
    ]);
    expect((await prisma.outboxMessage.findUniqueOrThrow({ where: { id: message.id } })).status).toBe("delivered");
  });

  it("keeps a message for a receiver that is down and delivers it when it is back", async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const created = await hook(`http://127.0.0.1:${port}/hook`);
    await reportSubject({ ruleCode: "self_harm", subject: { type: "content", id: "post-sh-2", text: "Goodbye." } });
    const t0 = new Date();
    expect(await createWebhookDelivery().tick(t0)).toBe(1);
    const failed = await prisma.deliveryAttempt.findFirstOrThrow();
    expect(failed).toMatchObject({ ok: false, httpStatus: null });

    const { url, received } = await receiver([200]);
    await prisma.webhook.update({ where: { id: created.id }, data: { url } });
    expect(await createWebhookDelivery().tick(new Date(t0.getTime() + 5000))).toBe(1);
    expect(received).toHaveLength(1);
    expect(verify(received[0])).toBe(true);
  });
});
