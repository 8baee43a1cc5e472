import type { Case } from "~/generated/prisma/client";
import { Prisma } from "~/generated/prisma/client";
import type { Tx } from "~/utils/db.server";
import { isSqlite } from "~/utils/db.server";
import { execute, select } from "~/utils/sqlite-lane.server";

// The case row as the write path reads and writes it: raw SQL with bound values on the
// hottest path in Vigil (a typed update costs several times a raw one). The triage state
// is written only by the write path with the case as its subject (case-subject.server.ts);
// the SLA modules write their own columns.

/** The case row, by raw SQL for the same reason as `updateCaseRow`; types come back as Prisma's. */
export async function loadCaseRow(tx: Tx, id: string): Promise<Case | null> {
  const rows = await select<Case>(tx, Prisma.sql`SELECT * FROM "Case" WHERE "id" = ${id}`);
  return rows[0] ?? null;
}

/** The escalation's state and tier beside the case row, or null if the case never climbed. */
export type EscalationState = { state: string; tierIndex: number };
export type LockedCase = { row: Case; escalation: EscalationState | null };

type LockedRow = Case & { escalationState: string | null; escalationTier: number | bigint | null };

/**
 * Takes the case row's write lock and reads it with its escalation's state, in one
 * statement: every later read and write of the transaction then sees one state. SQLite
 * takes the database write lock with a no-op update (a read first could not upgrade
 * once another connection had written); PostgreSQL locks the row.
 */
export async function lockCaseRow(tx: Tx, id: string): Promise<LockedCase | null> {
  const rows = isSqlite()
    ? await select<LockedRow>(tx, Prisma.sql`UPDATE "Case" SET "version" = "version" WHERE "id" = ${id} RETURNING *,
        (SELECT "state" FROM "CaseEscalation" WHERE "caseId" = ${id}) AS "escalationState",
        (SELECT "tierIndex" FROM "CaseEscalation" WHERE "caseId" = ${id}) AS "escalationTier"`)
    : await select<LockedRow>(tx, Prisma.sql`SELECT c.*, e."state" AS "escalationState", e."tierIndex" AS "escalationTier"
        FROM "Case" c LEFT JOIN "CaseEscalation" e ON e."caseId" = c."id" WHERE c."id" = ${id} FOR UPDATE OF c`);
  const locked = rows[0];
  if (!locked) return null;
  const { escalationState, escalationTier, ...row } = locked;
  return { row, escalation: escalationState === null ? null : { state: escalationState, tierIndex: Number(escalationTier) } };
}

/** Columns the write path may set: the mirrored snapshot columns and a patch. */
const WRITABLE = [
  "state",
  "snapshot",
  "machineVersion",
  "assigneeId",
  "claimExpiresAt",
  "isOpen",
  "resolution",
  "updatedAt",
  "ruleCode",
  "priority",
  "priorityBreakdown",
  "reportCount",
  "reporterCount",
  "subjectUrl",
  "subjectUrlKey",
  "authorHandle",
  "authorKey",
  "text",
  "language",
  "resolvedAt",
  "resolvedById",
  "reopenedAt",
  "escalationPeak",
] as const satisfies readonly (keyof Case)[];

const same = (a: unknown, b: unknown) => (a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a === b);

/**
 * The versioned update: `UPDATE "Case" SET … , version = version + 1 WHERE id AND
 * version`. Raw SQL on the hottest path in Vigil (one typed update costs several
 * times a raw one); column names come from the fixed list above, values are bound. Only
 * the columns whose value changes are set: SQLite rewrites every index that holds a
 * column named in SET, and a claim changes three of the mirrored columns, not all eight.
 */
export async function updateCaseRow(tx: Tx, current: Case, data: Partial<Record<(typeof WRITABLE)[number], unknown>>) {
  const sets = WRITABLE.filter((column) => data[column] !== undefined && !same(data[column], current[column])).map(
    (column) => Prisma.sql`${Prisma.raw(`"${column}"`)} = ${data[column]}`,
  );
  return execute(tx, Prisma.sql`UPDATE "Case" SET ${Prisma.join([...sets, Prisma.sql`"version" = ${current.version + 1}`], ", ")} WHERE "id" = ${current.id} AND "version" = ${current.version}`);
}

/** SLA bookkeeping beside the triage state: deadlines, pause, first response, policy. */
const SLA_COLUMNS = ["policyVersionId", "firstResponseDueAt", "resolutionDueAt", "firstRespondedAt", "slaPausedAt", "slaPausedMs"] as const satisfies readonly (keyof Case)[];
export type SlaColumns = Partial<Pick<Case, (typeof SLA_COLUMNS)[number]>>;

/**
 * Writes a case's SLA columns inside the transaction of the change that moves them. They
 * are not the triage state, so the version stays; raw SQL for the write path's sake.
 */
export async function updateSlaColumns(tx: Tx, id: string, data: SlaColumns) {
  const sets = SLA_COLUMNS.filter((column) => data[column] !== undefined).map(
    (column) => Prisma.sql`${Prisma.raw(`"${column}"`)} = ${data[column]}`,
  );
  if (sets.length > 0) await execute(tx, Prisma.sql`UPDATE "Case" SET ${Prisma.join(sets, ", ")} WHERE "id" = ${id}`);
}
