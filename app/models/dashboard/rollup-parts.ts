import { DURATION_BOUNDS_MS, DURATION_BUCKETS } from "./durations";

// What each source row (a case, a report, a ban proposal, an SLA deadline) adds to which
// dashboard rollup row, for both stores, and the rollups as a GROUP BY over those rows.
// tally-sql.ts turns the same description into the triggers that keep the rollups exact.

export type Dialect = "sqlite" | "postgresql";

const range = (n: number) => Array.from({ length: n }, (_, i) => i);
export const FIRST_RESPONSE_COLUMNS = range(DURATION_BUCKETS).map((i) => `ttfr${i}`);
export const RESOLUTION_COLUMNS = range(DURATION_BUCKETS).map((i) => `ttr${i}`);
export const TALLY_MEASURES = ["reports", "opened", "reopened", "resolved", "escalated", "banProposed", "banRejected", ...FIRST_RESPONSE_COLUMNS, ...RESOLUTION_COLUMNS];
export const TIER_MEASURES = ["peaked", "firstResponseMet", "firstResponseMissed", "resolutionMet", "resolutionMissed"];
const DIMS = ["day", "ruleCode", "language", "source"];

export type Rollup = { table: string; keys: string[]; measures: string[] };
export const ROLLUPS = {
  tally: { table: "DashboardTally", keys: DIMS, measures: TALLY_MEASURES },
  tier: { table: "DashboardTierTally", keys: [...DIMS, "tier"], measures: TIER_MEASURES },
  backlog: { table: "DashboardBacklog", keys: DIMS, measures: ["open"] },
  workload: { table: "DashboardWorkload", keys: ["day", "userId"], measures: ["resolved"] },
} satisfies Record<string, Rollup>;
export type RollupName = keyof typeof ROLLUPS;

export type Slot = "day" | "hour";
export const q = (name: string) => `"${name}"`;

export const dialects = {
  sqlite: {
    day: (x: string) => `date(${x})`,
    hour: (x: string) => `strftime('%Y-%m-%dT%H', ${x})`,
    ms: (a: string, b: string) => `CAST(round((julianday(${a}) - julianday(${b})) * 86400000.0) AS INTEGER)`,
    changed: (col: string) => `OLD.${q(col)} IS NOT NEW.${q(col)}`,
    time: (d: Date) => `'${d.toISOString().replace("Z", "+00:00")}'`,
  },
  postgresql: {
    day: (x: string) => `to_char(${x}, 'YYYY-MM-DD')`,
    hour: (x: string) => `to_char(${x}, 'YYYY-MM-DD"T"HH24')`,
    ms: (a: string, b: string) => `CAST(round(EXTRACT(EPOCH FROM (${a} - ${b})) * 1000) AS BIGINT)`,
    changed: (col: string) => `OLD.${q(col)} IS DISTINCT FROM NEW.${q(col)}`,
    time: (d: Date) => `CAST('${d.toISOString().slice(0, 23)}' AS TIMESTAMP(3))`,
  },
};

/** Whether a duration in milliseconds falls in bucket `k`: DURATION_BOUNDS_MS as a range test. */
export function inBucketSql(ms: string, k: number): string {
  const lower = k > 0 ? `${ms} > ${DURATION_BOUNDS_MS[k - 1]}` : null;
  const upper = k < DURATION_BOUNDS_MS.length ? `${ms} <= ${DURATION_BOUNDS_MS[k]}` : null;
  return [lower, upper].filter(Boolean).join(" AND ");
}

/**
 * Where the rows come from: the NEW or OLD row in a trigger (with the sign its
 * contribution carries), or a table read whole or within a window of time.
 */
export type RowSource = { kind: "trigger"; row: "NEW" | "OLD"; sign: 1 | -1 } | { kind: "table"; window?: { from: Date; to: Date } };

export type Part = {
  table: string;
  /** The timestamp the contribution counts on (its day or hour). */
  at: (r: string) => string;
  /** Other columns the outer select reads, as expressions over the row. */
  inner: (r: string, d: Dialect) => Record<string, string>;
  when?: (r: string) => string;
  /** The window of a table read, as a condition on the row (indexable), when not `at` alone. */
  windowed?: (r: string, from: string, to: string) => string;
  /** Measures by name, as expressions over the inner columns (alias i) and the sign s. */
  measures: (s: string) => Record<string, string>;
  /** For a case: the columns its contribution depends on, so an update that changes none of them skips it. */
  reads?: string[];
};

export const DIM_COLUMNS = ["ruleCode", "language", "source"];
export const roundStart = (r: string) => `COALESCE(${r}."reopenedAt", ${r}."createdAt")`;
const caseDims = (r: string) => ({ ruleCode: `${r}."ruleCode"`, language: `COALESCE(${r}."language", '')`, source: `COALESCE(${r}."source", '')` });
const flag = (condition: string) => `CASE WHEN ${condition} THEN 1 ELSE 0 END`;
// The duration is computed once per row (inner select), each bucket tests its range of it.
const histogram = (columns: string[], s: string) => Object.fromEntries(columns.map((c, k) => [c, `CASE WHEN ${inBucketSql('i."ms"', k)} THEN ${s} ELSE 0 END`]));
// A round begun in the window: a new case, or one reopened (each found by its own index).
const roundWindow = (r: string, from: string, to: string) =>
  `((${r}."reopenedAt" >= ${from} AND ${r}."reopenedAt" < ${to}) OR (${r}."reopenedAt" IS NULL AND ${r}."createdAt" >= ${from} AND ${r}."createdAt" < ${to}))`;

export const PARTS = {
  caseBegun: {
    table: "Case",
    reads: ["createdAt", "reopenedAt", ...DIM_COLUMNS],
    at: roundStart,
    windowed: roundWindow,
    inner: (r) => ({ ...caseDims(r), re: flag(`${r}."reopenedAt" IS NOT NULL`) }),
    measures: (s) => ({ opened: s, reopened: `${s} * i."re"` }),
  },
  caseResolved: {
    table: "Case",
    reads: ["resolvedAt", "createdAt", "reopenedAt", "escalationPeak", ...DIM_COLUMNS],
    at: (r) => `${r}."resolvedAt"`,
    when: (r) => `${r}."resolvedAt" IS NOT NULL`,
    inner: (r, d) => ({ ...caseDims(r), esc: flag(`${r}."escalationPeak" > 0`), ms: dialects[d].ms(`${r}."resolvedAt"`, roundStart(r)) }),
    measures: (s) => ({ resolved: s, escalated: `${s} * i."esc"`, ...histogram(RESOLUTION_COLUMNS, s) }),
  },
  caseAnswered: {
    table: "Case",
    reads: ["firstRespondedAt", "createdAt", "reopenedAt", ...DIM_COLUMNS],
    at: (r) => `${r}."firstRespondedAt"`,
    when: (r) => `${r}."firstRespondedAt" IS NOT NULL`,
    inner: (r, d) => ({ ...caseDims(r), ms: dialects[d].ms(`${r}."firstRespondedAt"`, roundStart(r)) }),
    measures: (s) => histogram(FIRST_RESPONSE_COLUMNS, s),
  },
  report: {
    table: "Report",
    at: (r) => `${r}."receivedAt"`,
    inner: (r) => ({ ruleCode: `${r}."ruleCode"`, language: `COALESCE(${r}."language", '')`, source: `${r}."source"` }),
    measures: (s) => ({ reports: s }),
  },
  banProposal: {
    table: "BanProposal",
    at: (r) => `${r}."proposedAt"`,
    inner: (r) => ({ ruleCode: `${r}."ruleCode"`, language: `${r}."language"`, source: `${r}."source"`, rej: flag(`${r}."outcome" = 'rejected'`) }),
    measures: (s) => ({ banProposed: s, banRejected: `${s} * i."rej"` }),
  },
  casePeak: {
    table: "Case",
    reads: ["resolvedAt", "escalationPeak", ...DIM_COLUMNS],
    at: (r) => `${r}."resolvedAt"`,
    when: (r) => `${r}."resolvedAt" IS NOT NULL`,
    inner: (r) => ({ ...caseDims(r), tier: `${r}."escalationPeak"` }),
    measures: (s) => ({ peaked: s }),
  },
  deadline: {
    table: "SlaDeadline",
    at: (r) => `${r}."dueAt"`,
    when: (r) => `${r}."outcome" IN ('met', 'missed')`,
    inner: (r) => ({
      ruleCode: `${r}."ruleCode"`,
      language: `${r}."language"`,
      source: `${r}."source"`,
      tier: `${r}."tier"`,
      frMet: flag(`${r}."clock" = 'first_response' AND ${r}."outcome" = 'met'`),
      frMissed: flag(`${r}."clock" = 'first_response' AND ${r}."outcome" = 'missed'`),
      rsMet: flag(`${r}."clock" = 'resolution' AND ${r}."outcome" = 'met'`),
      rsMissed: flag(`${r}."clock" = 'resolution' AND ${r}."outcome" = 'missed'`),
    }),
    measures: (s) => ({
      firstResponseMet: `${s} * i."frMet"`,
      firstResponseMissed: `${s} * i."frMissed"`,
      resolutionMet: `${s} * i."rsMet"`,
      resolutionMissed: `${s} * i."rsMissed"`,
    }),
  },
  caseOpen: {
    table: "Case",
    reads: ["isOpen", "createdAt", "reopenedAt", ...DIM_COLUMNS],
    at: roundStart,
    when: (r) => `${r}."isOpen"`,
    inner: (r) => caseDims(r),
    measures: (s) => ({ open: s }),
  },
  caseDecidedBy: {
    table: "Case",
    reads: ["resolvedAt", "resolvedById"],
    at: (r) => `${r}."resolvedAt"`,
    when: (r) => `${r}."resolvedAt" IS NOT NULL AND ${r}."resolvedById" IS NOT NULL`,
    inner: (r) => ({ userId: `${r}."resolvedById"` }),
    measures: (s) => ({ resolved: s }),
  },
} satisfies Record<string, Part>;

/** Which parts feed each rollup. */
export const ROLLUP_PARTS: Record<RollupName, PartName[]> = {
  tally: ["caseBegun", "caseResolved", "caseAnswered", "report", "banProposal"],
  tier: ["casePeak", "deadline"],
  backlog: ["caseOpen"],
  workload: ["caseDecidedBy"],
};

/** One part's rows, with every key and measure of the rollup (0 where the part adds nothing). */
export function partSelect(rollup: Rollup, part: Part, source: RowSource, d: Dialect, slot: Slot, only?: { measures: string[] }): string {
  const r = source.kind === "trigger" ? source.row : "r";
  const s = source.kind === "trigger" ? String(source.sign) : "1";
  const at = part.at(r);
  const inner = { day: dialects[d][slot](at), ...part.inner(r, d) };
  const conditions = [part.when?.(r)].filter(Boolean) as string[];
  let from = "";
  if (source.kind === "table") {
    from = ` FROM ${q(part.table)} r`;
    if (source.window) {
      const [lo, hi] = [dialects[d].time(source.window.from), dialects[d].time(source.window.to)];
      conditions.push(part.windowed ? part.windowed(r, lo, hi) : `${at} >= ${lo} AND ${at} < ${hi}`);
    }
  }
  const innerSql = `SELECT ${Object.entries(inner).map(([name, expr]) => `${expr} AS ${q(name)}`).join(", ")}${from}${conditions.length ? ` WHERE ${conditions.join(" AND ")}` : ""}`;
  const measures = part.measures(s);
  const outer = [...rollup.keys.map((k) => `i.${q(k)}`), ...(only?.measures ?? rollup.measures).map((m) => `${measures[m] ?? "0"} AS ${q(m)}`)];
  return `SELECT ${outer.join(", ")} FROM (${innerSql}) i`;
}

export type PartName = keyof typeof PARTS;

/** The rollup's rows as a GROUP BY over its source rows (whole, or within a window; all its parts, or some). */
export function rollupSelect(name: RollupName, d: Dialect, options: { slot?: Slot; window?: { from: Date; to: Date }; parts?: PartName[] } = {}): string {
  const rollup = ROLLUPS[name];
  const parts = (options.parts ?? ROLLUP_PARTS[name]).map((p) => partSelect(rollup, PARTS[p], { kind: "table", window: options.window }, d, options.slot ?? "day"));
  return grouped(rollup, parts);
}

function grouped(rollup: Rollup, parts: string[]): string {
  const keys = rollup.keys.map(q).join(", ");
  return `SELECT ${keys}, ${rollup.measures.map((m) => `SUM(${q(m)}) AS ${q(m)}`).join(", ")} FROM (${parts.join(" UNION ALL ")}) u WHERE true GROUP BY ${keys}`;
}
