import { DURATION_BOUNDS_MS, DURATION_BUCKETS } from "./durations";

// The dashboard's rollups as SQL, for both stores, from one description: what each source
// row (a case, a report, a ban proposal, an SLA deadline) adds to which rollup row. The
// same description gives
// - the triggers that keep the rollups exact (written into migration 0010_dashboard_tally;
//   `npm run db:dashboard-sql` prints them, and a test checks the migration holds them),
// - the rebuild: the GROUP BY over the source rows that the rollups must equal (the
//   migration's backfill, and the reference the tests compare with),
// - the same GROUP BY over a window of rows, by hour or by day: the 24-hour view and the
//   naive baseline in `npm run bench:dashboard`.
// A row's contribution is added with its sign: a trigger subtracts the old row's and adds
// the new row's, part by part, so a change of any column moves it exactly; a part whose
// columns did not change is skipped.

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
const q = (name: string) => `"${name}"`;

const dialects = {
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

type Part = {
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

const DIM_COLUMNS = ["ruleCode", "language", "source"];
const roundStart = (r: string) => `COALESCE(${r}."reopenedAt", ${r}."createdAt")`;
const caseDims = (r: string) => ({ ruleCode: `${r}."ruleCode"`, language: `COALESCE(${r}."language", '')`, source: `COALESCE(${r}."source", '')` });
const flag = (condition: string) => `CASE WHEN ${condition} THEN 1 ELSE 0 END`;
// The duration is computed once per row (inner select), each bucket tests its range of it.
const histogram = (columns: string[], s: string) => Object.fromEntries(columns.map((c, k) => [c, `CASE WHEN ${inBucketSql('i."ms"', k)} THEN ${s} ELSE 0 END`]));
// A round begun in the window: a new case, or one reopened (each found by its own index).
const roundWindow = (r: string, from: string, to: string) =>
  `((${r}."reopenedAt" >= ${from} AND ${r}."reopenedAt" < ${to}) OR (${r}."reopenedAt" IS NULL AND ${r}."createdAt" >= ${from} AND ${r}."createdAt" < ${to}))`;

const PARTS: Record<string, Part> = {
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
};

/** Which parts feed each rollup. */
export const ROLLUP_PARTS: Record<RollupName, PartName[]> = {
  tally: ["caseBegun", "caseResolved", "caseAnswered", "report", "banProposal"],
  tier: ["casePeak", "deadline"],
  backlog: ["caseOpen"],
  workload: ["caseDecidedBy"],
};

/** One part's rows, with every key and measure of the rollup (0 where the part adds nothing). */
function partSelect(rollup: Rollup, part: Part, source: RowSource, d: Dialect, slot: Slot, only?: { measures: string[]; when?: string }): string {
  const r = source.kind === "trigger" ? source.row : "r";
  const s = source.kind === "trigger" ? String(source.sign) : "1";
  const at = part.at(r);
  const inner = { day: dialects[d][slot](at), ...part.inner(r, d) };
  const conditions = [part.when?.(r), only?.when].filter(Boolean) as string[];
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

/**
 * Adds one part's contribution of one trigger row (NEW, or OLD with its sign) to a rollup:
 * one upsert of the part's own measures, which writes nothing when the row contributes
 * nothing (a part's condition is false) or, on an update, when none of the columns it reads changed.
 */
function contribution(name: RollupName, partName: keyof typeof PARTS, row: RowSource & { kind: "trigger" }, d: Dialect, onUpdate = false): string {
  const rollup = ROLLUPS[name];
  const part = PARTS[partName];
  const measures = Object.keys(part.measures("1"));
  const when = onUpdate && part.reads ? `(${anyChanged(d, part.reads)})` : undefined;
  const select = partSelect(rollup, part, row, d, "day", { measures, when });
  const add = measures.map((m) => `${q(m)} = ${q(rollup.table)}.${q(m)} + excluded.${q(m)}`).join(", ");
  return `INSERT INTO ${q(rollup.table)} (${[...rollup.keys, ...measures].map(q).join(", ")})\n    ${select} WHERE true\n    ON CONFLICT (${rollup.keys.map(q).join(", ")}) DO UPDATE SET ${add};`;
}

/** The backfill: each rollup filled from the rows already there. */
export function rebuildSql(d: Dialect): string {
  return (Object.keys(ROLLUPS) as RollupName[])
    .map((name) => {
      const rollup = ROLLUPS[name];
      return `INSERT INTO ${q(rollup.table)} (${[...rollup.keys, ...rollup.measures].map(q).join(", ")})\n${rollupSelect(name, d)};`;
    })
    .join("\n\n");
}

const NEW = { kind: "trigger", row: "NEW", sign: 1 } as const;
const OLD = { kind: "trigger", row: "OLD", sign: -1 } as const;

const ALL_CASE_COLUMNS = [...new Set(Object.values(PARTS).flatMap((p) => p.reads ?? []))];

export type TriggerStatements = {
  /** Statements run for each new case, report, ban proposal, deadline, timer or escalation. */
  name: string;
  table: string;
  event: "INSERT" | "UPDATE";
  columns?: string[];
  when?: string;
  body: string[];
};

const anyChanged = (d: Dialect, columns: string[]) => columns.map((c) => dialects[d].changed(c)).join(" OR ");
const SLA_TIMER_KINDS = "('sla_first_response', 'sla_resolution')";
const RUNNING_ESCALATION = "('awaiting_ack', 'acknowledged')";

/** Every trigger, as its name, table, event, condition and body statements. */
export function dashboardTriggers(d: Dialect): TriggerStatements[] {
  const caseParts: [RollupName, keyof typeof PARTS][] = [
    ["tally", "caseBegun"],
    ["tally", "caseResolved"],
    ["tally", "caseAnswered"],
    ["tier", "casePeak"],
    ["backlog", "caseOpen"],
    ["workload", "caseDecidedBy"],
  ];
  const caseRollups = (rows: (RowSource & { kind: "trigger" })[]) => caseParts.flatMap(([name, part]) => rows.map((row) => contribution(name, part, row, d, rows.length > 1)));
  const followCaseDims = (table: string) =>
    `UPDATE ${q(table)} SET "ruleCode" = NEW."ruleCode", "language" = COALESCE(NEW."language", ''), "source" = COALESCE(NEW."source", '')\n    WHERE "caseId" = NEW."id" AND (${anyChanged(d, DIM_COLUMNS)});`;
  const caseUpdated = [...caseRollups([OLD, NEW]), followCaseDims("SlaDeadline"), followCaseDims("BanProposal")];
  return [
    { name: "Case_dashboard_insert", table: "Case", event: "INSERT", body: caseRollups([NEW]) },
    { name: "Case_dashboard_update", table: "Case", event: "UPDATE", columns: ALL_CASE_COLUMNS, when: anyChanged(d, ALL_CASE_COLUMNS), body: caseUpdated },
    {
      // A ban proposal is the only way into awaiting_approval; the second person's decision the only way out.
      name: "Case_ban_proposal",
      table: "Case",
      event: "UPDATE",
      columns: ["state"],
      when: `NEW."state" = 'awaiting_approval' OR OLD."state" = 'awaiting_approval'`,
      body: [
        `UPDATE "BanProposal" SET "outcome" = CASE NEW."state" WHEN 'actioned' THEN 'approved' WHEN 'in_review' THEN 'rejected' ELSE 'withdrawn' END, "decidedAt" = NEW."updatedAt"\n    WHERE "caseId" = NEW."id" AND "outcome" = 'pending' AND OLD."state" = 'awaiting_approval' AND NEW."state" <> 'awaiting_approval';`,
        `INSERT INTO "BanProposal" ("caseId", "proposedAt", "outcome", "ruleCode", "language", "source")\n    SELECT NEW."id", NEW."updatedAt", 'pending', NEW."ruleCode", COALESCE(NEW."language", ''), COALESCE(NEW."source", '')\n    WHERE NEW."state" = 'awaiting_approval' AND OLD."state" <> 'awaiting_approval'\n    ON CONFLICT ("caseId", "proposedAt") DO NOTHING;`,
      ],
    },
    {
      name: "Report_dashboard_insert",
      table: "Report",
      event: "INSERT",
      body: [contribution("tally", "report", NEW, d), `UPDATE "Case" SET "source" = NEW."source" WHERE "id" = NEW."caseId" AND "source" IS NULL;`],
    },
    {
      // Reports are kept verbatim; should one be corrected by hand, its count moves with it.
      name: "Report_dashboard_update",
      table: "Report",
      event: "UPDATE",
      columns: ["receivedAt", "ruleCode", "language", "source"],
      when: anyChanged(d, ["receivedAt", "ruleCode", "language", "source"]),
      body: [contribution("tally", "report", OLD, d), contribution("tally", "report", NEW, d)],
    },
    { name: "BanProposal_dashboard_insert", table: "BanProposal", event: "INSERT", body: [contribution("tally", "banProposal", NEW, d)] },
    { name: "BanProposal_dashboard_update", table: "BanProposal", event: "UPDATE", body: [contribution("tally", "banProposal", OLD, d), contribution("tally", "banProposal", NEW, d)] },
    { name: "SlaDeadline_dashboard_insert", table: "SlaDeadline", event: "INSERT", body: [contribution("tier", "deadline", NEW, d)] },
    { name: "SlaDeadline_dashboard_update", table: "SlaDeadline", event: "UPDATE", body: [contribution("tier", "deadline", OLD, d), contribution("tier", "deadline", NEW, d)] },
    {
      // A deadline armed for the tier the case is on (its running escalation's, or the first);
      // one re-armed in the same round and tier (after a pause, a restore) replaces its timer.
      name: "Timer_sla_deadline_armed",
      table: "Timer",
      event: "INSERT",
      when: `NEW."kind" IN ${SLA_TIMER_KINDS} AND NEW."caseId" IS NOT NULL AND NEW."status" = 'pending'`,
      body: [
        `INSERT INTO "SlaDeadline" ("caseId", "roundStart", "tier", "clock", "timerId", "dueAt", "outcome", "ruleCode", "language", "source")
    SELECT c."id", ${roundStart("c")},
        COALESCE((SELECT e."tierIndex" FROM "CaseEscalation" e WHERE e."caseId" = c."id" AND e."state" IN ${RUNNING_ESCALATION}), 0),
        CASE NEW."kind" WHEN 'sla_first_response' THEN 'first_response' ELSE 'resolution' END,
        NEW."id", NEW."dueAt", 'pending', c."ruleCode", COALESCE(c."language", ''), COALESCE(c."source", '')
    FROM "Case" c WHERE c."id" = NEW."caseId"
    ON CONFLICT ("caseId", "roundStart", "tier", "clock") DO UPDATE SET "timerId" = excluded."timerId", "dueAt" = excluded."dueAt", "outcome" = 'pending';`,
      ],
    },
    {
      // Its breach fired: missed. Cancelled (answered, resolved, climbed past, paused): kept,
      // unless the same deadline is armed again, which makes it pending once more.
      name: "Timer_sla_deadline_settled",
      table: "Timer",
      event: "UPDATE",
      columns: ["status"],
      when: `OLD."status" = 'pending' AND NEW."status" IN ('fired', 'cancelled') AND NEW."kind" IN ${SLA_TIMER_KINDS}`,
      body: [`UPDATE "SlaDeadline" SET "outcome" = CASE NEW."status" WHEN 'fired' THEN 'missed' ELSE 'met' END WHERE "timerId" = NEW."id" AND "outcome" = 'pending';`],
    },
    ...(["INSERT", "UPDATE"] as const).map((event) => ({
      name: `CaseEscalation_peak_${event.toLowerCase()}`,
      table: "CaseEscalation",
      event,
      columns: event === "UPDATE" ? ["tierIndex", "state"] : undefined,
      when: `NEW."state" IN ${RUNNING_ESCALATION}`,
      body: [`UPDATE "Case" SET "escalationPeak" = NEW."tierIndex" WHERE "id" = NEW."caseId" AND "escalationPeak" < NEW."tierIndex";`],
    })),
  ];
}

/** The triggers as one store's DDL. */
export function triggersSql(d: Dialect): string {
  return dashboardTriggers(d)
    .map((t) => {
      const on = `AFTER ${t.event}${t.columns ? ` OF ${t.columns.map(q).join(", ")}` : ""} ON ${q(t.table)}`;
      if (d === "sqlite") {
        return `CREATE TRIGGER ${q(t.name)} ${on}${t.when ? `\nWHEN ${t.when}` : ""} BEGIN\n    ${t.body.join("\n    ")}\nEND;`;
      }
      const fn = `"${t.name.toLowerCase()}"`;
      return `CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n    ${t.body.join("\n    ")}\n    RETURN NULL;\nEND\n$$;\nCREATE TRIGGER ${q(t.name)} ${on}\n    FOR EACH ROW${t.when ? ` WHEN (${t.when})` : ""} EXECUTE FUNCTION ${fn}();`;
    })
    .join("\n\n");
}
