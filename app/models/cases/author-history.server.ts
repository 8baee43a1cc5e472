import type { EnforcementActionKind, TriageOutcome } from "@machines/triage";
import { ENFORCEMENT_ACTIONS } from "@machines/triage";
import { prisma } from "~/utils/db.server";
import { parseJsonAs } from "~/utils/json";
import { z } from "zod";

// What a moderator needs to know about an author before deciding: the other cases
// about the same handle (with their state and outcome) and every enforcement action
// taken against it, summed up as a strike ladder (warn, mute, suspend, ban).

/** How many of the author's other cases and enforcement actions the case page lists. */
export const AUTHOR_HISTORY_LIMIT = 50;

export const STRIKE_KINDS = ["warn", "mute", "suspend", "ban"] as const satisfies readonly EnforcementActionKind[];
export type StrikeKind = (typeof STRIKE_KINDS)[number];

export type AuthorCase = {
  ref: string;
  state: string;
  ruleCode: string;
  createdAt: string;
  outcome: Pick<TriageOutcome, "action" | "ruleCode" | "reason" | "at"> | null;
};

export type AuthorEnforcement = {
  id: string;
  kind: EnforcementActionKind;
  ruleCode: string;
  reason: string;
  caseRef: string;
  /** True when it was taken on the case being viewed. */
  thisCase: boolean;
  by: string;
  approvedBy: string | null;
  createdAt: string;
};

export type StrikeLadder = {
  counts: Record<StrikeKind, number>;
  /** Content removals are not strikes against the account but are counted beside them. */
  removals: number;
  /** The most severe step reached so far, or null for a clean record. */
  highest: StrikeKind | null;
};

export type AuthorHistory = {
  handle: string;
  cases: AuthorCase[];
  /** All of the author's other cases, including those beyond the list's limit. */
  caseCount: number;
  enforcements: AuthorEnforcement[];
  enforcementCount: number;
  strikes: StrikeLadder;
};

/** What a case row keeps of its outcome; older rows may lack the later fields. */
const StoredOutcome = z.object({ action: z.enum([...ENFORCEMENT_ACTIONS, "dismiss"]), ruleCode: z.string().nullish(), reason: z.string().optional(), at: z.string().optional() });

function parseOutcome(resolution: string | null): AuthorCase["outcome"] {
  const o = parseJsonAs(StoredOutcome, resolution);
  return o && { action: o.action, ruleCode: o.ruleCode ?? null, reason: o.reason ?? "", at: o.at ?? "" };
}

const isKind = (kind: string): kind is EnforcementActionKind => (ENFORCEMENT_ACTIONS as readonly string[]).includes(kind);

/** The strike ladder from how many of each action an author has received. */
export function strikeLadder(kinds: readonly { kind: string; count: number }[]): StrikeLadder {
  const counts = Object.fromEntries(STRIKE_KINDS.map((k) => [k, 0])) as Record<StrikeKind, number>;
  let removals = 0;
  for (const { kind, count } of kinds) {
    if (kind === "remove_content") removals += count;
    else if ((STRIKE_KINDS as readonly string[]).includes(kind)) counts[kind as StrikeKind] += count;
  }
  const highest = [...STRIKE_KINDS].reverse().find((k) => counts[k] > 0) ?? null;
  return { counts, removals, highest };
}

/**
 * The author's record as seen from the case `caseId`: their other cases, newest first,
 * and every enforcement against them (this case's included, marked). Null without a handle.
 */
export async function authorHistory(authorHandle: string | null, caseId: string): Promise<AuthorHistory | null> {
  if (authorHandle === null || authorHandle.trim() === "") return null;
  const otherCases = { authorHandle, id: { not: caseId } };
  const [cases, caseCount, enforcements, enforcementCount, kinds] = await Promise.all([
    prisma.case.findMany({
      where: otherCases,
      select: { ref: true, state: true, ruleCode: true, createdAt: true, resolution: true },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: AUTHOR_HISTORY_LIMIT,
    }),
    prisma.case.count({ where: otherCases }),
    prisma.enforcementAction.findMany({
      where: { authorHandle },
      include: { case: { select: { ref: true } } },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: AUTHOR_HISTORY_LIMIT,
    }),
    prisma.enforcementAction.count({ where: { authorHandle } }),
    prisma.enforcementAction.groupBy({ by: ["kind"], where: { authorHandle }, _count: { _all: true } }),
  ]);
  const people = [...new Set(enforcements.flatMap((e) => [e.actorId, ...(e.approvedById ? [e.approvedById] : [])]))];
  const users = await prisma.user.findMany({ where: { id: { in: people } }, select: { id: true, name: true } });
  const nameOf = (id: string) => users.find((u) => u.id === id)?.name ?? "a former moderator";
  return {
    handle: authorHandle,
    cases: cases.map((c) => ({
      ref: c.ref,
      state: c.state,
      ruleCode: c.ruleCode,
      createdAt: c.createdAt.toISOString(),
      outcome: parseOutcome(c.resolution),
    })),
    caseCount,
    enforcements: enforcements.flatMap((e) =>
      isKind(e.kind)
        ? [
            {
              id: e.id,
              kind: e.kind,
              ruleCode: e.ruleCode,
              reason: e.reason,
              caseRef: e.case.ref,
              thisCase: e.caseId === caseId,
              by: nameOf(e.actorId),
              approvedBy: e.approvedById ? nameOf(e.approvedById) : null,
              createdAt: e.createdAt.toISOString(),
            },
          ]
        : [],
    ),
    enforcementCount,
    strikes: strikeLadder(kinds.map((k) => ({ kind: k.kind, count: k._count._all }))),
  };
}
