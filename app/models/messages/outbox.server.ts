import crypto from "node:crypto";
import type { OutboxMessage, Prisma } from "~/generated/prisma/client";
import type { Tx } from "~/utils/db.server";
import { prisma } from "~/utils/db.server";
import type { WebhookEvent } from "./webhook-events";
import { subscribedEvents, WEBHOOK_EVENT_SUBJECTS } from "./webhook-events";

// The outbox: webhook messages and messages to members, each enqueued in the transaction
// of the change it tells about, then delivered by a loop per stream: leased like timers
// (compare-and-set on lockedBy/lockedUntil) so two instances never send the same message
// at once, retried with exponential backoff, every attempt kept.

export type { WebhookEvent };
export { WEBHOOK_EVENTS } from "./webhook-events";

/**
 * What a webhook receives: chat text (Slack's incoming webhooks read `text`, Discord's
 * `content`) and, under `vigil`, the event as data: its version, the subject it is about
 * and the event's own fields (docs/api.md). Each event names its subject's type.
 */
export type WebhookBody = {
  text: string;
  content: string;
  vigil: { version: 1; event: SubjectWebhookEvent; subject: { type: (typeof WEBHOOK_EVENT_SUBJECTS)[SubjectWebhookEvent]; ref: string }; at: string } & WebhookDetails[SubjectWebhookEvent];
};

/** Events about one subject; the weekly digest sums up a period and builds its own body (dashboard/digest). */
export type SubjectWebhookEvent = Exclude<WebhookEvent, "digest">;

/** The fields each event carries besides its subject and time. */
export type WebhookDetails = {
  page: { caseRef: string; tier: string };
  breach: { caseRef: string; tier: string };
  crisis_page: { crisisRef: string; roles: string[] };
  /** A public post, approved: what a social tool posts (`text` is the post itself). */
  "statement.published": { statementRef: string; crisisRef: string; audience: string; language: string; post: string; approvals: number };
};

export function webhookBody<E extends SubjectWebhookEvent>(event: E, message: string, details: WebhookDetails[E] & { at: Date }): WebhookBody {
  const { at, ...fields } = details as WebhookDetails[SubjectWebhookEvent] & { at: Date };
  const ref = "statementRef" in fields ? fields.statementRef : "crisisRef" in fields ? fields.crisisRef : fields.caseRef;
  const subject = { type: WEBHOOK_EVENT_SUBJECTS[event], ref };
  return { text: message, content: message, vigil: { version: 1, event, subject, at: at.toISOString(), ...fields } };
}

/** `sha256=<hex>` of the raw body under the webhook's secret: the X-Vigil-Signature header. */
export function signBody(secret: string, rawBody: string): string {
  return `sha256=${crypto.createHmac("sha256", secret).update(rawBody).digest("hex")}`;
}

/** What any webhook message carries: Slack's `text`, Discord's `content`, and Vigil's own details. */
export type WebhookPayload = { text: string; content: string; vigil: { event: WebhookEvent } };

/** One message per active webhook subscribed to `event`; returns how many. */
export async function enqueueWebhooks(tx: Tx, event: WebhookEvent, body: WebhookPayload, at: Date): Promise<number> {
  const hooks = await tx.webhook.findMany({ where: { active: true }, select: { id: true, events: true } });
  const subscribed = hooks.filter((h) => subscribedEvents(h.events).includes(event));
  const payload = JSON.stringify(body);
  for (const hook of subscribed) {
    await tx.outboxMessage.create({ data: { kind: `webhook.${event}`, webhookId: hook.id, payload, createdAt: at, nextAttemptAt: at } });
  }
  return subscribed.length;
}

export const MAX_DELIVERY_ATTEMPTS = 10;

/** 2 s, 4 s, 8 s … up to an hour. */
export function backoffMs(attempts: number): number {
  return Math.min(3_600_000, 1000 * 2 ** Math.max(1, attempts));
}

/**
 * Which rows a delivery loop takes: those naming a webhook, or messages to members
 * (`message.*`, for the community platform). Other kinds (`case.*`) wait for no one.
 */
export type OutboxStream = "webhook" | "member";
const STREAMS: Record<OutboxStream, Prisma.OutboxMessageWhereInput> = {
  webhook: { webhookId: { not: null } },
  member: { kind: { startsWith: "message." }, webhookId: null },
};

/** A message this instance holds the lease on; `attempts` counts the attempt about to be made. */
export type LeasedMessage = OutboxMessage & { lockedBy: string };

/**
 * Leases up to `limit` due messages of a stream. `more` says whether the look found a
 * full batch: another instance may have leased some of it, so fewer leased than asked
 * does not mean the stream is drained.
 */
export async function leaseDueMessages(stream: OutboxStream, instanceId: string, now: Date, leaseMs: number, limit: number): Promise<{ leased: LeasedMessage[]; more: boolean }> {
  const free = [{ lockedUntil: null }, { lockedUntil: { lt: now } }];
  const candidates = await prisma.outboxMessage.findMany({
    where: { ...STREAMS[stream], status: "pending", nextAttemptAt: { lte: now }, OR: free },
    orderBy: { nextAttemptAt: "asc" },
    take: limit,
  });
  const lockedUntil = new Date(now.getTime() + leaseMs);
  const leased: LeasedMessage[] = [];
  for (const m of candidates) {
    const { count } = await prisma.outboxMessage.updateMany({
      where: { id: m.id, status: "pending", OR: free },
      data: { lockedBy: instanceId, lockedUntil, attempts: { increment: 1 } },
    });
    if (count === 1) leased.push({ ...m, lockedBy: instanceId, lockedUntil, attempts: m.attempts + 1 });
  }
  return { leased, more: candidates.length === limit };
}

export type AttemptResult = { ok: boolean; httpStatus: number | null; error: string | null; durationMs: number };

/**
 * Records the attempt and settles the message: delivered, retried later, or failed after
 * MAX_DELIVERY_ATTEMPTS. Only while this instance still holds the lease.
 */
export async function settleDelivery(message: LeasedMessage, result: AttemptResult, now: Date) {
  const failed = !result.ok && message.attempts >= MAX_DELIVERY_ATTEMPTS;
  await prisma.$transaction(async (tx) => {
    await tx.deliveryAttempt.create({
      data: {
        outboxMessageId: message.id,
        webhookId: message.webhookId,
        attempt: message.attempts,
        httpStatus: result.httpStatus,
        ok: result.ok,
        error: result.error?.slice(0, 2000) ?? null,
        durationMs: result.durationMs,
        at: now,
      },
    });
    await tx.outboxMessage.updateMany({
      where: { id: message.id, status: "pending", lockedBy: message.lockedBy },
      data: result.ok
        ? { status: "delivered", deliveredAt: now, lockedBy: null, lockedUntil: null, lastError: null }
        : {
            status: failed ? "failed" : "pending",
            nextAttemptAt: new Date(now.getTime() + backoffMs(message.attempts)),
            lockedBy: null,
            lockedUntil: null,
            lastError: result.error?.slice(0, 2000) ?? null,
          },
    });
  });
}
