import { prisma } from "~/utils/db.server";
import { can } from "~/utils/permissions";
import type { Actor } from "../accounts/actor";
import { appendAudit } from "../audit/audit.server";

// Trying a failed delivery again: once the platform is back (or its address fixed), a
// moderator or comms lead puts the message back in the outbox with a fresh set of
// attempts. The earlier attempts stay on record, and the retry is audited.

export type RetryOutcome = { status: "queued" | "forbidden" | "not_found" | "refused"; message: string };

export async function retryDelivery(messageId: string, actor: Actor, requestId: string | null, now: Date = new Date()): Promise<RetryOutcome> {
  if (actor.kind === "user" && !can(actor.roles, "send:message")) return { status: "forbidden", message: "You need the permission “send:message” to do this." };
  return prisma.$transaction(async (tx) => {
    const message = await tx.message.findUnique({ where: { id: messageId }, select: { id: true, caseRef: true, templateKey: true, outboxId: true } });
    const outbox = message?.outboxId ? await tx.outboxMessage.findUnique({ where: { id: message.outboxId } }) : null;
    if (!message || !outbox) return { status: "not_found", message: "There is no such message." };
    // Compare-and-set on the failed state: a second click, or a colleague's, finds it queued.
    const { count } = await tx.outboxMessage.updateMany({
      where: { id: outbox.id, status: "failed" },
      data: { status: "pending", attempts: 0, nextAttemptAt: now, lockedBy: null, lockedUntil: null, lastError: null },
    });
    if (count !== 1) return { status: "refused", message: `Only a failed delivery can be tried again; this message is ${outbox.status === "pending" ? "still queued" : outbox.status}.` };
    await appendAudit(tx, {
      actor,
      permission: "send:message",
      action: "message.delivery_retried",
      subjectType: "Message",
      subjectId: message.id,
      before: { delivery: "failed", attempts: outbox.attempts, lastError: outbox.lastError },
      after: { delivery: "queued" },
      requestId,
      at: now,
    });
    return { status: "queued", message: `The ${message.templateKey} message${message.caseRef ? ` for ${message.caseRef}` : ""} is queued again.` };
  });
}
