import type { Tx } from "~/utils/db.server";
import { enqueueWebhooks, webhookBody } from "../messages/outbox.server";
import { roleNames } from "../playbooks/playbook-words";
import type { CrisisRole } from "./crisis-words";
import { CRISIS_ROLES, crisisRoleFor } from "./crisis-words";

// Pages and notices of a crisis: an inbox entry for every holder of a paged role, written
// in the transaction of the change that pages (so a page is never told for a change that
// rolled back, and a timer fired twice pages once), and the crisis page webhook through
// the outbox.

export type CrisisNotice = {
  /** The crisis it is about; a proposal has none yet. */
  crisisRef: string | null;
  subjectType?: "crisis" | "crisis_proposal";
  kind: "crisis_paged" | "crisis_role" | "crisis_update_due" | "crisis_proposal" | "statement_approval" | "crisis_action_item";
  title: string;
  body: string;
  at: Date;
};

/** Every active user whose account has the role. */
export async function accountHolders(tx: Tx, role: string): Promise<string[]> {
  const users = await tx.user.findMany({ where: { disabledAt: null, roles: { some: { role } } }, select: { id: true } });
  return users.map((u) => u.id);
}

/**
 * Who holds a role a playbook names (an account role such as `crisis_commander`) or a
 * room's role: the people holding it in this crisis when someone does, otherwise every
 * active user whose account has it.
 */
export async function holdersOf(tx: Tx, crisisId: string, role: string): Promise<string[]> {
  const crisisRole: CrisisRole | null = role in CRISIS_ROLES ? (role as CrisisRole) : crisisRoleFor(role);
  if (crisisRole) {
    const held = await tx.crisisRole.findMany({ where: { crisisId, role: crisisRole, until: null }, select: { userId: true } });
    if (held.length > 0) return held.map((h) => h.userId);
  }
  const accountRole = crisisRole ? CRISIS_ROLES[crisisRole].accountRole : role;
  return accountRole ? accountHolders(tx, accountRole) : [];
}

export async function noticeTo(tx: Tx, userIds: readonly string[], notice: CrisisNotice): Promise<number> {
  const unique = [...new Set(userIds)];
  if (unique.length === 0) return 0;
  await tx.notification.createMany({
    data: unique.map((userId) => ({ userId, kind: notice.kind, subjectType: notice.subjectType ?? "crisis", subjectRef: notice.crisisRef, title: notice.title, body: notice.body, createdAt: notice.at })),
  });
  return unique.length;
}

/** Pages every holder of `roles` and fires the crisis page webhook. */
export async function pageRoles(tx: Tx, crisis: { id: string; ref: string; title: string }, roles: readonly string[], why: string, at: Date): Promise<number> {
  // One after another: a transaction's queries share one connection.
  const people: string[] = [];
  for (const role of roles) people.push(...(await holdersOf(tx, crisis.id, role)));
  const title = `${crisis.ref} pages the ${roleNames(roles.map((r) => (r in CRISIS_ROLES ? CRISIS_ROLES[r as CrisisRole].accountRole ?? r : r)))}: ${why}`;
  const told = await noticeTo(tx, people, { crisisRef: crisis.ref, kind: "crisis_paged", title, body: crisis.title, at });
  await enqueueWebhooks(tx, "crisis_page", webhookBody("crisis_page", `Vigil: ${title} (${crisis.title})`, { crisisRef: crisis.ref, roles: [...roles], at }), at);
  return told;
}
