import type { Tx } from "~/utils/db.server";
import { prisma } from "~/utils/db.server";

// The in-app inbox: one row per recipient, written in the transaction of the change it
// tells about, so a page or a breach is never announced for a change that rolled back.

export type NotificationKind = "escalated" | "paged" | "handed_back" | "sla_warning" | "sla_breached";

export type NotificationInput = { kind: NotificationKind; caseId: string; caseRef: string; title: string; body: string; at: Date };

/** Tells every active user holding any of `roles`; returns how many were told. */
export async function notifyRoles(tx: Tx, roles: readonly string[], input: NotificationInput): Promise<number> {
  const users = await tx.user.findMany({
    where: { disabledAt: null, roles: { some: { role: { in: [...roles] } } } },
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
