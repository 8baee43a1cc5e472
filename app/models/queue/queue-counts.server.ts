import { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import type { PriorityBand } from "../cases/priority";
import { PRIORITY_BAND_KEYS, bandOf } from "../cases/priority";
import type { ASSIGNEE_FILTERS, Dimension, OpenState, QueueFilters, SlaAge } from "./queue-filters.server";
import { OPEN_STATES, SLA_AGE_KEYS, filterWhere, waitedSince } from "./queue-filters.server";

// The counts beside every filter option: how many cases each option would show with the
// other filters applied. Counting a million open cases per option is far too slow for a
// page a moderator reloads all day, so they come from `QueueTally` (open cases per
// combination of state, rule, language, band and assignee, kept exact by triggers) and
// the open cases younger than the longest SLA age, which the tally cannot tell apart by
// age. Filters the tally does not hold (tier, escalated to me, SLA deadlines) narrow the
// queue to escalated or due cases, and those are counted directly (docs/decisions/0013).

export type OptionCount = { value: string; count: number };
export type QueueCounts = {
  /** Cases matching every filter. */
  total: number;
  state: Record<OpenState, number>;
  rule: OptionCount[];
  language: OptionCount[];
  band: Record<PriorityBand, number>;
  assignee: Record<(typeof ASSIGNEE_FILTERS)[number], number>;
  sla: Record<SlaAge, number>;
};

/** Open cases sharing one combination of filter values. */
export type Combination = { state: string; ruleCode: string; language: string | null; band: PriorityBand; assigneeId: string | null; n: number };
/** Open cases younger than the longest SLA age; `youngerThan` indexes the shortest age they have not yet waited. */
export type YoungCombination = Combination & { youngerThan: number };

type Filters = Omit<QueueFilters, "sort" | "after">;

export async function queueCounts(filters: QueueFilters, viewerId: string, now: Date = new Date()): Promise<QueueCounts> {
  if (filters.tier || filters.escalated || filters.due) return countCasesDirectly(filters, viewerId, now);
  const [open, young] = await Promise.all([tallied(), youngCases(now)]);
  return countCombinations(open, young, filters, viewerId);
}

async function tallied(): Promise<Combination[]> {
  const rows = await prisma.$queryRaw<{ state: string; ruleCode: string; language: string; band: string; assigneeId: string; count: number | bigint }[]>`
    SELECT "state", "ruleCode", "language", "band", "assigneeId", "count" FROM "QueueTally" WHERE "count" > 0`;
  return rows.map((r) => ({
    state: r.state,
    ruleCode: r.ruleCode,
    language: r.language || null,
    band: r.band as PriorityBand,
    assigneeId: r.assigneeId || null,
    n: Number(r.count),
  }));
}

async function youngCases(now: Date): Promise<YoungCombination[]> {
  const edges = SLA_AGE_KEYS.map((sla) => waitedSince(sla, now));
  const youngerThan = Prisma.sql`CASE ${Prisma.join(
    edges.slice(0, -1).map((edge, i) => Prisma.sql`WHEN "createdAt" > ${edge} THEN ${i}`),
    " ",
  )} ELSE ${edges.length - 1} END`;
  const rows = await prisma.$queryRaw<{ state: string; ruleCode: string; language: string | null; priority: number; assigneeId: string | null; youngerThan: number | bigint; n: number | bigint }[]>`
    SELECT "state", "ruleCode", "language", "priority", "assigneeId", ${youngerThan} AS "youngerThan", COUNT(*) AS "n"
    FROM "Case" WHERE "isOpen" = ${true} AND "createdAt" > ${edges.at(-1)}
    GROUP BY "state", "ruleCode", "language", "priority", "assigneeId", 6`;
  return rows.map((r) => ({
    state: r.state,
    ruleCode: r.ruleCode,
    language: r.language,
    band: bandOf(Number(r.priority)),
    assigneeId: r.assigneeId,
    youngerThan: Number(r.youngerThan),
    n: Number(r.n),
  }));
}

/** The counts from the open combinations and the young ones: pure, so it can be checked against a direct count. */
export function countCombinations(open: Combination[], young: YoungCombination[], filters: Filters, viewerId: string): QueueCounts {
  const matches = (c: Combination, except?: Dimension) =>
    (!filters.state || except === "state" || c.state === filters.state) &&
    (!filters.rule || except === "rule" || c.ruleCode === filters.rule) &&
    (!filters.language || except === "language" || c.language === filters.language) &&
    (!filters.band || except === "band" || c.band === filters.band) &&
    (!filters.assignee || except === "assignee" || c.assigneeId === (filters.assignee === "mine" ? viewerId : null));
  // Cases that have waited at least `sla`: all of them but the young ones that have not.
  const count = (keep: (c: Combination) => boolean, sla: SlaAge | undefined = filters.sla) => {
    let n = 0;
    for (const c of open) if (keep(c)) n += c.n;
    if (sla) {
      const age = SLA_AGE_KEYS.indexOf(sla);
      for (const c of young) if (c.youngerThan <= age && keep(c)) n -= c.n;
    }
    return n;
  };
  const byValue = <K extends string>(values: readonly K[], dimension: Dimension, valueOf: (c: Combination) => string | null) =>
    Object.fromEntries(values.map((v) => [v, count((c) => valueOf(c) === v && matches(c, dimension))])) as Record<K, number>;
  const occurring = (dimension: Dimension, valueOf: (c: Combination) => string | null): OptionCount[] => {
    const values = [...new Set(open.flatMap((c) => (matches(c, dimension) && valueOf(c) !== null ? [valueOf(c)!] : [])))].sort();
    return values.map((value) => ({ value, count: count((c) => valueOf(c) === value && matches(c, dimension)) })).filter((o) => o.count > 0);
  };
  return {
    total: count((c) => matches(c)),
    state: byValue(OPEN_STATES, "state", (c) => c.state),
    rule: occurring("rule", (c) => c.ruleCode),
    language: occurring("language", (c) => c.language),
    band: byValue(PRIORITY_BAND_KEYS, "band", (c) => c.band),
    assignee: {
      mine: count((c) => c.assigneeId === viewerId && matches(c, "assignee")),
      unassigned: count((c) => c.assigneeId === null && matches(c, "assignee")),
    },
    sla: Object.fromEntries(SLA_AGE_KEYS.map((sla) => [sla, count((c) => matches(c, "sla"), sla)])) as Record<SlaAge, number>,
  };
}

/**
 * The same counts, one query per option over the cases themselves: for the filters the
 * tally does not hold, and the reference the tally is tested against.
 */
export async function countCasesDirectly(filters: QueueFilters, viewerId: string, now: Date = new Date()): Promise<QueueCounts> {
  const where = (except?: Dimension) => filterWhere(filters, viewerId, now, except);
  const [total, states, rules, languages, priorities, mine, unassigned, ...slas] = await Promise.all([
    prisma.case.count({ where: where() }),
    prisma.case.groupBy({ by: ["state"], where: where("state"), _count: { _all: true } }),
    prisma.case.groupBy({ by: ["ruleCode"], where: where("rule"), _count: { _all: true }, orderBy: { ruleCode: "asc" } }),
    prisma.case.groupBy({ by: ["language"], where: where("language"), _count: { _all: true }, orderBy: { language: "asc" } }),
    prisma.case.groupBy({ by: ["priority"], where: where("band"), _count: { _all: true } }),
    prisma.case.count({ where: { ...where("assignee"), assigneeId: viewerId } }),
    prisma.case.count({ where: { ...where("assignee"), assigneeId: null } }),
    ...SLA_AGE_KEYS.map((sla) => prisma.case.count({ where: { ...where("sla"), createdAt: { lte: waitedSince(sla, now) } } })),
  ]);
  const band = Object.fromEntries(PRIORITY_BAND_KEYS.map((b) => [b, 0])) as Record<PriorityBand, number>;
  for (const p of priorities) band[bandOf(p.priority)] += p._count._all;
  const state = Object.fromEntries(OPEN_STATES.map((s) => [s, 0])) as Record<OpenState, number>;
  for (const s of states) if (s.state in state) state[s.state as OpenState] = s._count._all;
  return {
    total,
    state,
    rule: rules.map((r) => ({ value: r.ruleCode, count: r._count._all })),
    language: languages.flatMap((l) => (l.language ? [{ value: l.language, count: l._count._all }] : [])),
    band,
    assignee: { mine, unassigned },
    sla: Object.fromEntries(SLA_AGE_KEYS.map((sla, i) => [sla, slas[i]])) as Record<SlaAge, number>,
  };
}
