import type { Dialect, Part, PartName, RollupName, RowSource } from "./rollup-parts";
import { DIM_COLUMNS, dialects, partSelect, PARTS, q, ROLLUPS, rollupSelect, roundStart } from "./rollup-parts";

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
// the new row's, part by part, so a change of any column moves it exactly; each part has
// its own update trigger, which runs only when a column the part reads changed.

export type { Dialect, PartName, RollupName, Slot } from "./rollup-parts";
export { FIRST_RESPONSE_COLUMNS, RESOLUTION_COLUMNS, ROLLUPS, rollupSelect, TALLY_MEASURES, TIER_MEASURES } from "./rollup-parts";

/**
 * Adds one part's contribution of one trigger row (NEW, or OLD with its sign) to a rollup:
 * one upsert of the part's own measures, which writes nothing when the row contributes
 * nothing (a part's condition is false). On update, the part's own trigger runs only when a
 * column it reads changed.
 */
function contribution(name: RollupName, partName: PartName, row: RowSource & { kind: "trigger" }, d: Dialect): string {
  const rollup = ROLLUPS[name];
  const part: Part = PARTS[partName];
  const measures = Object.keys(part.measures("1"));
  const select = partSelect(rollup, part, row, d, "day", { measures });
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

const ALL_CASE_COLUMNS = [...new Set((Object.values(PARTS) as Part[]).flatMap((p) => p.reads ?? []))];

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
  const caseParts: [RollupName, PartName][] = [
    ["tally", "caseBegun"],
    ["tally", "caseResolved"],
    ["tally", "caseAnswered"],
    ["tier", "casePeak"],
    ["backlog", "caseOpen"],
    ["workload", "caseDecidedBy"],
  ];
  // One trigger per part on update, each firing only when a column its part reads changed:
  // a claim's first response moves one rollup instead of running every part's upsert.
  const casePartUpdated = caseParts.map(([name, partName]): TriggerStatements => {
    const reads = (PARTS[partName] as Part).reads ?? ALL_CASE_COLUMNS;
    return { name: `Case_dashboard_${partName.charAt(4).toLowerCase()}${partName.slice(5)}`, table: "Case", event: "UPDATE", columns: reads, when: anyChanged(d, reads), body: [contribution(name, partName, OLD, d), contribution(name, partName, NEW, d)] };
  });
  const followCaseDims = (table: string) => `UPDATE ${q(table)} SET "ruleCode" = NEW."ruleCode", "language" = COALESCE(NEW."language", ''), "source" = COALESCE(NEW."source", '')\n    WHERE "caseId" = NEW."id";`;
  return [
    { name: "Case_dashboard_insert", table: "Case", event: "INSERT", body: caseParts.map(([name, part]) => contribution(name, part, NEW, d)) },
    ...casePartUpdated,
    {
      // Deadlines and ban proposals are counted under their case's rule, language and source.
      name: "Case_dashboard_dimensions",
      table: "Case",
      event: "UPDATE",
      columns: DIM_COLUMNS,
      when: anyChanged(d, DIM_COLUMNS),
      body: [followCaseDims("SlaDeadline"), followCaseDims("BanProposal")],
    },
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

/** One trigger as one store's DDL. */
export function triggerSql(t: TriggerStatements, d: Dialect): string {
  const on = `AFTER ${t.event}${t.columns ? ` OF ${t.columns.map(q).join(", ")}` : ""} ON ${q(t.table)}`;
  if (d === "sqlite") {
    return `CREATE TRIGGER ${q(t.name)} ${on}${t.when ? `\nWHEN ${t.when}` : ""} BEGIN\n    ${t.body.join("\n    ")}\nEND;`;
  }
  const fn = `"${t.name.toLowerCase()}"`;
  return `CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n    ${t.body.join("\n    ")}\n    RETURN NULL;\nEND\n$$;\nCREATE TRIGGER ${q(t.name)} ${on}\n    FOR EACH ROW${t.when ? ` WHEN (${t.when})` : ""} EXECUTE FUNCTION ${fn}();`;
}

/** The triggers as one store's DDL. */
export function triggersSql(d: Dialect): string {
  return dashboardTriggers(d)
    .map((t) => triggerSql(t, d))
    .join("\n\n");
}
