import type { NotifyKind, TriageEvent, TriageOutcome, TriageSnapshot } from "@machines/triage";
import type { Tx } from "~/utils/db.server";
import { prisma } from "~/utils/db.server";
import type { Permission } from "~/utils/permissions";
import { ROLES, can } from "~/utils/permissions";
import type { Actor } from "../accounts/actor";
import { actorLabel } from "../accounts/actor";

// The in-app inbox: one row per recipient, written in the transaction of the change it
// tells about, so a page or a breach is never announced for a change that rolled back.

export type NotificationKind =
  | "escalated"
  | "paged"
  | "handed_back"
  | "sla_warning"
  | "sla_breached"
  | "approval_requested"
  | "ban_rejected"
  | "resolved"
  | "reopened";

export type NotificationInput = { kind: NotificationKind; caseId: string; caseRef: string; title: string; body: string; at: Date };

/** Tells every active user holding any of `roles` (but `exceptUserId`); returns how many were told. */
export async function notifyRoles(tx: Tx, roles: readonly string[], input: NotificationInput, exceptUserId?: string | null): Promise<number> {
  const users = await tx.user.findMany({
    where: { disabledAt: null, roles: { some: { role: { in: [...roles] } } }, ...(exceptUserId ? { id: { not: exceptUserId } } : {}) },
    select: { id: true },
  });
  if (users.length === 0) return 0;
  await tx.notification.createMany({
    data: users.map((u) => ({
      userId: u.id,
      kind: input.kind,
      caseId: input.caseId,
      caseRef: input.caseRef,
      title: input.title,
      body: input.body,
      createdAt: input.at,
    })),
  });
  return users.length;
}

export async function notifyUser(tx: Tx, userId: string, input: NotificationInput) {
  await tx.notification.create({
    data: { userId, kind: input.kind, caseId: input.caseId, caseRef: input.caseRef, title: input.title, body: input.body, createdAt: input.at },
  });
}

const rolesWith = (permission: Permission) => ROLES.filter((role) => can([role], permission));

const OUTCOME_WORDS: Record<TriageOutcome["action"], string> = {
  dismiss: "dismissed",
  remove_content: "content removed",
  warn: "author warned",
  mute: "author muted",
  suspend: "author suspended",
  ban: "author banned",
};
const outcomeWords = (action: TriageOutcome["action"]) => OUTCOME_WORDS[action];

/**
 * The triage moments someone on the staff must hear of, each told to the people it concerns
 * and never to whoever caused it: a proposed ban waits for a second person; its proposer
 * learns when it is rejected or approved; whoever escalated a case learns how it ended; whoever
 * decided a case learns when it comes back.
 */
export async function notifyTriageMoment(
  tx: Tx,
  c: { id: string; ref: string },
  kind: NotifyKind,
  input: { before: TriageSnapshot; after: TriageSnapshot; event: TriageEvent; actor: Actor; at: Date },
) {
  const reason = "reason" in input.event ? input.event.reason : "";
  const notice = { caseId: c.id, caseRef: c.ref, body: reason, at: input.at };
  const by = actorLabel(input.actor);
  const actorId = input.actor.kind === "user" ? input.actor.id : null;
  const tell = async (userId: string | null | undefined, told: NotificationInput) => {
    if (userId && userId !== actorId && (await tx.user.count({ where: { id: userId, disabledAt: null } })) === 1) await notifyUser(tx, userId, told);
  };
  switch (kind) {
    case "approval_requested":
      await notifyRoles(tx, rolesWith("approve:ban"), { ...notice, kind, title: `${c.ref}: ban proposed by ${by} awaits approval` }, actorId);
      return;
    case "ban_rejected":
      await tell(input.before.context.pendingBan?.proposerId, { ...notice, kind, title: `${c.ref}: ${by} rejected the ban you proposed` });
      return;
    case "resolved": {
      const outcome = input.after.context.outcome;
      if (!outcome) return;
      const told = { ...notice, body: outcome.reason, kind };
      if (outcome.approvedBy) await tell(outcome.by, { ...told, title: `${c.ref}: ${by} approved the ban you proposed` });
      const escalator = input.before.context.escalation?.by;
      // A proposer who escalated has just heard of the approval.
      if (!(outcome.approvedBy && escalator === outcome.by)) {
        await tell(escalator, { ...told, title: `${c.ref}, which you escalated, was resolved by ${by}: ${outcomeWords(outcome.action)}` });
      }
      return;
    }
    case "reopened": {
      const earlier = input.before.context.outcome;
      if (!earlier) return;
      const why = input.event.type === "REPORT_ADDED" ? `a new report under ${input.event.ruleCode}` : `reopened by ${by}`;
      await tell(earlier.by, { ...notice, kind, title: `${c.ref}, which you resolved (${outcomeWords(earlier.action)}), came back: ${why}` });
      return;
    }
    default:
      // A kind the machine emits and nobody tells about fails the typecheck here.
      kind satisfies never;
  }
}

export const INBOX_PAGE_SIZE = 50;

export async function listInbox(userId: string) {
  return prisma.notification.findMany({
    where: { userId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: INBOX_PAGE_SIZE,
  });
}

export async function unreadCount(userId: string): Promise<number> {
  return prisma.notification.count({ where: { userId, readAt: null } });
}

/** Marks one notification (only the user's own) or all of them read. */
export async function markRead(userId: string, id: string | "all", at: Date = new Date()) {
  await prisma.notification.updateMany({ where: { userId, readAt: null, ...(id === "all" ? {} : { id }) }, data: { readAt: at } });
}

export async function notificationOf(userId: string, id: string) {
  return prisma.notification.findFirst({ where: { id, userId } });
}
