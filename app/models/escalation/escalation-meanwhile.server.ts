import type { AuditEntry } from "~/generated/prisma/client";
import type { Tx } from "~/utils/db.server";
import { madeByPerson } from "../accounts/actor";
import { CLOCK_LABELS } from "./escalation-clocks.server";
import { policyVersionById } from "./escalation-policy.server";

// What happened to an escalation since the version a person's page showed. A move by the
// system (a deadline passing, a case resolving, a report under a skip rule) does not make
// the person's move wrong: if the machine still allows it, it applies, and the person is
// told what changed in between. A move by another person is a conflict that names them.

export type Meanwhile =
  /** Nothing in between: the page was current. */
  | { kind: "none" }
  /** Only the system moved the escalation, up to `version`; `what` says how, oldest first. */
  | { kind: "system"; version: number; what: string }
  /** A person moved it first (the latest such move), or what happened cannot be told. */
  | { kind: "person"; message: string };

const time = (d: Date) => `${d.toISOString().slice(11, 16)} UTC`;

function parse(text: string | null): Record<string, unknown> {
  try {
    const value: unknown = text ? JSON.parse(text) : null;
    return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** What moved the escalation of `caseId` since `seenVersion`; `actorId` is the person asking (named "you"). */
export async function escalationMeanwhile(tx: Tx, caseId: string, seenVersion: number | undefined, actorId: string | null): Promise<Meanwhile> {
  if (seenVersion === undefined) return { kind: "none" };
  const row = await tx.caseEscalation.findUnique({ where: { caseId }, select: { version: true, policyVersionId: true } });
  if (!row || row.version === seenVersion) return { kind: "none" };
  // Every escalation version is written with exactly one audit entry, so the latest
  // `row.version - seenVersion` of them are the moves the page did not show.
  const unseen = row.version - seenVersion;
  const entries =
    unseen > 0
      ? await tx.auditEntry.findMany({ where: { subjectType: "Case", subjectId: caseId, action: { startsWith: "escalation." } }, orderBy: { seq: "desc" }, take: unseen })
      : [];
  if (entries.length !== unseen) return { kind: "person", message: "Someone else moved this escalation first; here is where it stands now." };

  const tiers = (await policyVersionById(tx, row.policyVersionId)).definition.tiers;
  const label = (key: unknown) => tiers.find((t) => t.key === key)?.label ?? String(key);
  const person = entries.find(madeByPerson);
  if (person) {
    const what = `${personMove(person, label)} at ${time(person.at)}`;
    if (person.actorId === actorId) return { kind: "person", message: `You moved this escalation first, in another window (${what}); here is where it stands now.` };
    const user = person.actorId ? await tx.user.findUnique({ where: { id: person.actorId }, select: { name: true } }) : null;
    return { kind: "person", message: `${user?.name ?? person.actorLabel} moved this escalation first (${what}); here is where it stands now.` };
  }
  return { kind: "system", version: row.version, what: entries.reverse().map((e) => systemMove(e, label)).join("; ") };
}

function personMove(entry: AuditEntry, label: (key: unknown) => string): string {
  const tier = label(parse(entry.after).tier);
  switch (entry.action) {
    case "escalation.acknowledge":
      return "acknowledged it";
    case "escalation.climb":
      return `climbed it to ${tier}`;
    case "escalation.hand_back":
      return `handed it back to ${tier}`;
    case "escalation.resolve":
      return "resolved it";
    default:
      return `escalated it to ${tier}`;
  }
}

function systemMove(entry: AuditEntry, label: (key: unknown) => string): string {
  const before = parse(entry.before);
  const after = parse(entry.after);
  const at = time(entry.at);
  switch (entry.action) {
    case "escalation.breach": {
      const clock = after.clock === "resolution" ? CLOCK_LABELS.resolution : CLOCK_LABELS.first_response;
      return before.tier === after.tier
        ? `the ${clock} deadline passed at ${at}; ${label(after.tier)} is the top tier, so the case stayed with it`
        : `the ${clock} deadline passed at ${at} and the case climbed to ${label(after.tier)}`;
    }
    case "escalation.start":
      return `the case was escalated to ${label(after.tier)} at ${at}`;
    case "escalation.resolve":
      return `the escalation was resolved at ${at}`;
    default:
      return `the escalation changed at ${at}`;
  }
}
