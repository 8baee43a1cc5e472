import type { AuditEntry, Notification } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { madeByPerson } from "../accounts/actor";
import { listInbox } from "./notifications.server";
import { tiersOfVersion } from "../cases/sla.server";
import { parseJsonAs } from "~/utils/json";
import { z } from "zod";

// The inbox as each person reads it. A notice that asks for something (acknowledge an
// escalation, approve a ban) is open until someone settles that matter, and then shows as
// done, with who did what and when, in everyone's inbox alike: the audit log says so.

export type InboxMatter = { status: "open" } | { status: "done"; summary: string } | { status: "notice" };
export type InboxItem = Notification & { matter: InboxMatter };

/** Kinds that ask the tier to acknowledge the escalation they announce. */
export const TIER_ENTRY_KINDS = new Set(["escalated", "paged", "handed_back"]);
const ASKS = new Set([...TIER_ENTRY_KINDS, "approval_requested"]);

const SETTLING = ["escalation.acknowledge", "escalation.climb", "escalation.hand_back", "escalation.resolve", "escalation.breach", "case.approve", "case.reject"];

type Words = { nameOf: (e: AuditEntry) => string; tierOf: (caseId: string, key: unknown) => string };

const time = (d: Date) => `${d.toISOString().slice(11, 16)} UTC`;
const WithTier = z.object({ tier: z.unknown() }).partial();
const after = (e: AuditEntry) => parseJsonAs(WithTier, e.after) ?? {};
const before = (e: AuditEntry) => parseJsonAs(WithTier, e.before) ?? {};

/** What settled a tier-entry notice: the first later move that is not a breach at the top tier (which leaves it waiting). */
function settledEscalation(e: AuditEntry, w: Words): string | null {
  const by = w.nameOf(e);
  const tier = w.tierOf(e.subjectId, after(e).tier);
  switch (e.action) {
    case "escalation.acknowledge":
      return `Acknowledged by ${by} at ${time(e.at)}`;
    case "escalation.climb":
      return `Climbed to ${tier} by ${by} at ${time(e.at)}`;
    case "escalation.hand_back":
      return `Handed back to ${tier} by ${by} at ${time(e.at)}`;
    case "escalation.resolve":
      return madeByPerson(e) ? `Resolved by ${by} at ${time(e.at)}` : `Resolved with the case at ${time(e.at)}`;
    case "escalation.breach":
      return before(e).tier === after(e).tier ? null : `Deadline missed: climbed to ${tier} at ${time(e.at)}`;
    default:
      return null;
  }
}

function settledApproval(e: AuditEntry, w: Words): string | null {
  if (e.action === "case.approve") return `Approved by ${w.nameOf(e)} at ${time(e.at)}`;
  if (e.action === "case.reject") return `Rejected by ${w.nameOf(e)} at ${time(e.at)}`;
  return null;
}

/** The matter of one notice, from the case's audit entries after it (oldest first). */
export function matterOf(n: Pick<Notification, "kind" | "caseId" | "createdAt">, later: AuditEntry[], words: Words): InboxMatter {
  if (!ASKS.has(n.kind) || !n.caseId) return { status: "notice" };
  const settle = TIER_ENTRY_KINDS.has(n.kind) ? settledEscalation : settledApproval;
  for (const e of later) {
    if (e.subjectId !== n.caseId || e.at <= n.createdAt) continue;
    const summary = settle(e, words);
    if (summary) return { status: "done", summary };
  }
  return { status: "open" };
}

export async function inboxOf(userId: string): Promise<InboxItem[]> {
  const items = await listInbox(userId);
  const asking = items.filter((n) => ASKS.has(n.kind) && n.caseId);
  if (asking.length === 0) return items.map((n) => ({ ...n, matter: { status: "notice" } }));
  const caseIds = [...new Set(asking.map((n) => n.caseId!))];
  const since = new Date(Math.min(...asking.map((n) => n.createdAt.getTime())));
  const [entries, escalations] = await Promise.all([
    prisma.auditEntry.findMany({ where: { subjectType: "Case", subjectId: { in: caseIds }, action: { in: SETTLING }, at: { gt: since } }, orderBy: { seq: "asc" } }),
    prisma.caseEscalation.findMany({ where: { caseId: { in: caseIds } }, select: { caseId: true, policyVersionId: true } }),
  ]);
  const people = await prisma.user.findMany({ where: { id: { in: [...new Set(entries.flatMap((e) => (e.actorId ? [e.actorId] : [])))] } }, select: { id: true, name: true } });
  const names = new Map(people.map((p) => [p.id, p.name]));
  const tiers = new Map(await Promise.all(escalations.map(async (e) => [e.caseId, await tiersOfVersion(prisma, e.policyVersionId)] as const)));
  const words: Words = {
    nameOf: (e) => (e.actorId ? (names.get(e.actorId) ?? e.actorLabel) : "Vigil"),
    tierOf: (caseId, key) => tiers.get(caseId)?.find((t) => t.key === key)?.label ?? String(key),
  };
  return items.map((n) => ({ ...n, matter: matterOf(n, entries, words) }));
}
