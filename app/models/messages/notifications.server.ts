import type { NotifyKind, TriageEvent, TriageSnapshot } from "@machines/triage";
import type { Tx } from "~/utils/db.server";
import { prisma } from "~/utils/db.server";
import type { Permission } from "~/utils/permissions";
import { ROLES, can } from "~/utils/permissions";
import type { Actor } from "../accounts/actor";
import { actorLabel } from "../accounts/actor";

// The in-app inbox: one row per recipient, written in the transaction of the change it
// tells about, so a page or a breach is never announced for a change that rolled back.

export type NotificationKind = "escalated" | "paged" | "handed_back" | "sla_warning" | "sla_breached" | "approval_requested" | "ban_rejected";

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

/**
 * The triage moments someone on the staff must hear of: a proposed ban waits for a second
 * person, and its proposer learns when it is rejected. The other moments (resolved,
 * reopened, information requested) are the audit log's to record; escalations notify
 * their tiers themselves.
 */
export async function notifyTriageMoment(
  tx: Tx,
  c: { id: string; ref: string },
  kind: NotifyKind,
  input: { before: TriageSnapshot; event: TriageEvent; actor: Actor; at: Date },
) {
  const reason = "reason" in input.event ? input.event.reason : "";
  const notice = { caseId: c.id, caseRef: c.ref, body: reason, at: input.at };
  if (kind === "approval_requested") {
    const title = `${c.ref}: ban proposed by ${actorLabel(input.actor)} awaits approval`;
    await notifyRoles(tx, rolesWith("approve:ban"), { ...notice, kind, title }, input.actor.kind === "user" ? input.actor.id : null);
  } else if (kind === "ban_rejected") {
    const proposer = input.before.context.pendingBan?.proposerId;
    const title = `${c.ref}: ${actorLabel(input.actor)} rejected the ban you proposed`;
    if (proposer) await notifyUser(tx, proposer, { ...notice, kind, title });
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
