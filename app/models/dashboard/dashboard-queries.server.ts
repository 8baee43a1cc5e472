import { Prisma } from "~/generated/prisma/client";
import type { Db } from "~/utils/db.server";
import { prisma } from "~/utils/db.server";
import { emptyHistogram } from "./durations";
import type { DashboardFilters, Period } from "./period";
import { MEMBER_SOURCES, NO_LANGUAGE } from "./period";
import { storeDialect } from "./rollups.server";
import type { PartName, RollupName } from "./tally-sql";
import { FIRST_RESPONSE_COLUMNS, RESOLUTION_COLUMNS, ROLLUPS, rollupSelect, TIER_MEASURES } from "./tally-sql";

// The dashboard's sums over a period and the one before it, with its filters. A period of
// days reads the rollups; the last 24 hours, counted by the hour, read the same GROUP BY
// over the rows of those hours (few) instead. `naive` reads the GROUP BY over the rows for
// any period: the baseline `npm run bench:dashboard` times the rollups against.

export type Measures = {
  reports: number;
  memberReports: number;
  opened: number;
  reopened: number;
  resolved: number;
  escalated: number;
  banProposed: number;
  banRejected: number;
  ttfr: number[];
  ttr: number[];
};
export type SlotMeasures = Measures & { slot: string };
export type Dimension = "ruleCode" | "language" | "source";
export type DimensionRow = { dim: Dimension; slot: string; value: string; reports: number };
export type TierMeasures = { peaked: number; firstResponseMet: number; firstResponseMissed: number; resolutionMet: number; resolutionMissed: number };
export type TierRow = TierMeasures & { current: boolean; tier: number };

export type Reading = { naive?: boolean };

const SUMMED = ["reports", "opened", "reopened", "resolved", "escalated", "banProposed", "banRejected"] as const;

export function emptyMeasures(): Measures {
  return { reports: 0, memberReports: 0, opened: 0, reopened: 0, resolved: 0, escalated: 0, banProposed: 0, banRejected: 0, ttfr: emptyHistogram(), ttr: emptyHistogram() };
}

export function addMeasures(a: Measures, b: Measures): Measures {
  const sum = emptyMeasures();
  for (const k of [...SUMMED, "memberReports"] as const) sum[k] = a[k] + b[k];
  sum.ttfr = a.ttfr.map((n, i) => n + b.ttfr[i]);
  sum.ttr = a.ttr.map((n, i) => n + b.ttr[i]);
  return sum;
}

/** Where a rollup's rows come from for this period: the rollup, or the GROUP BY over the rows. */
function rowsOf(name: RollupName, period: Period, reading: Reading, parts?: PartName[]): Prisma.Sql {
  if (period.slot === "day" && !reading.naive) return Prisma.raw(`"${ROLLUPS[name].table}"`);
  return Prisma.raw(`(${rollupSelect(name, storeDialect(), { slot: period.slot, window: { from: period.previousFrom, to: period.to }, parts })})`);
}

function filtersSql(filters: DashboardFilters): Prisma.Sql {
  const parts: Prisma.Sql[] = [];
  if (filters.rule) parts.push(Prisma.sql` AND t."ruleCode" = ${filters.rule}`);
  if (filters.language) parts.push(Prisma.sql` AND t."language" = ${filters.language === NO_LANGUAGE ? "" : filters.language}`);
  if (filters.source) parts.push(Prisma.sql` AND t."source" = ${filters.source}`);
  return parts.length ? Prisma.join(parts, "") : Prisma.empty;
}

const inBothPeriods = (period: Period) => Prisma.sql`t."day" >= ${period.previousSlots[0]} AND t."day" <= ${period.slots.at(-1)!}`;
const n = (v: unknown) => Number(v ?? 0);
const sums = (columns: readonly string[]) => Prisma.raw(columns.map((c) => `SUM(t."${c}") AS "${c}"`).join(", "));

/** Every measure, per slot of both periods. */
export async function measuresBySlot(period: Period, filters: DashboardFilters, reading: Reading = {}, db: Db = prisma): Promise<SlotMeasures[]> {
  const members = Prisma.raw(MEMBER_SOURCES.map((s) => `'${s}'`).join(", "));
  const rows = await db.$queryRaw<Record<string, unknown>[]>(Prisma.sql`
    SELECT t."day" AS "slot", ${sums([...SUMMED, ...FIRST_RESPONSE_COLUMNS, ...RESOLUTION_COLUMNS])},
      SUM(CASE WHEN t."source" IN (${members}) THEN t."reports" ELSE 0 END) AS "memberReports"
    FROM ${rowsOf("tally", period, reading)} t
    WHERE ${inBothPeriods(period)}${filtersSql(filters)}
    GROUP BY t."day"`);
  return rows.map((r) => ({
    slot: String(r.slot),
    ...(Object.fromEntries([...SUMMED, "memberReports"].map((k) => [k, n(r[k])])) as Omit<Measures, "ttfr" | "ttr">),
    ttfr: FIRST_RESPONSE_COLUMNS.map((c) => n(r[c])),
    ttr: RESOLUTION_COLUMNS.map((c) => n(r[c])),
  }));
}

/** Reports per slot of both periods by rule, by language and by source. */
export async function reportsByDimension(period: Period, filters: DashboardFilters, reading: Reading = {}, db: Db = prisma): Promise<DimensionRow[]> {
  // Over the rows, only the reports are read (the other parts add none), once for all three.
  const rollup = period.slot === "day" && !reading.naive;
  const source = rollup ? rowsOf("tally", period, reading) : Prisma.raw(`"reportRows"`);
  const where = Prisma.sql`${inBothPeriods(period)}${filtersSql(filters)} AND t."reports" <> 0`;
  const branch = (dim: Dimension) =>
    Prisma.sql`SELECT '${Prisma.raw(dim)}' AS "dim", t."day" AS "slot", t."${Prisma.raw(dim)}" AS "value", SUM(t."reports") AS "reports" FROM ${source} t WHERE ${where} GROUP BY t."day", t."${Prisma.raw(dim)}"`;
  const union = Prisma.sql`${branch("ruleCode")} UNION ALL ${branch("language")} UNION ALL ${branch("source")}`;
  const rows = await db.$queryRaw<Record<string, unknown>[]>(rollup ? union : Prisma.sql`WITH "reportRows" AS MATERIALIZED ${rowsOf("tally", period, reading, ["report"])} ${union}`);
  return rows.map((r) => ({ dim: r.dim as Dimension, slot: String(r.slot), value: String(r.value), reports: n(r.reports) }));
}

/** Per escalation tier and period: rounds that peaked there, deadlines kept and missed. */
export async function measuresByTier(period: Period, filters: DashboardFilters, reading: Reading = {}, db: Db = prisma): Promise<TierRow[]> {
  const rows = await db.$queryRaw<Record<string, unknown>[]>(Prisma.sql`
    SELECT CASE WHEN t."day" >= ${period.slots[0]} THEN 1 ELSE 0 END AS "current", t."tier", ${sums(TIER_MEASURES)}
    FROM ${rowsOf("tier", period, reading)} t
    WHERE ${inBothPeriods(period)}${filtersSql(filters)}
    GROUP BY 1, 2`);
  return rows.map((r) => ({
    current: n(r.current) === 1,
    tier: n(r.tier),
    ...(Object.fromEntries(TIER_MEASURES.map((m) => [m, n(r[m])])) as TierMeasures),
  }));
}

/** The open cases now, by the day their round began. */
export async function backlogByDay(filters: DashboardFilters, db: Db = prisma): Promise<{ day: string; open: number }[]> {
  const rows = await db.$queryRaw<Record<string, unknown>[]>(Prisma.sql`
    SELECT t."day", SUM(t."open") AS "open" FROM "DashboardBacklog" t WHERE t."open" <> 0${filtersSql(filters)} GROUP BY t."day"`);
  return rows.map((r) => ({ day: String(r.day), open: n(r.open) })).filter((r) => r.open !== 0);
}

/** Rounds begun less rounds resolved after a day: how much the backlog grew since its end. */
export async function netOpenedAfter(day: string, filters: DashboardFilters, db: Db = prisma): Promise<number> {
  const rows = await db.$queryRaw<Record<string, unknown>[]>(Prisma.sql`
    SELECT SUM(t."opened") - SUM(t."resolved") AS "net" FROM "DashboardTally" t WHERE t."day" > ${day}${filtersSql(filters)}`);
  return n(rows[0]?.net);
}

/** Rounds each person decided in the period (not filtered: the rollup is per person only). */
export async function resolvedByPerson(period: Period, reading: Reading = {}, db: Db = prisma): Promise<{ userId: string; resolved: number }[]> {
  const rows = await db.$queryRaw<Record<string, unknown>[]>(Prisma.sql`
    SELECT t."userId", SUM(t."resolved") AS "resolved" FROM ${rowsOf("workload", period, reading)} t
    WHERE t."day" >= ${period.slots[0]} AND t."day" <= ${period.slots.at(-1)!} GROUP BY t."userId"`);
  return rows.map((r) => ({ userId: String(r.userId), resolved: n(r.resolved) })).filter((r) => r.resolved !== 0);
}
