import type { Case } from "~/generated/prisma/client";
import { Prisma } from "~/generated/prisma/client";
import type { Tx } from "~/utils/db.server";
import type { prisma } from "~/utils/db.server";

// The case row as the write path reads and writes it: raw SQL with bound values on the
// hottest path in Vigil. Only `case-events.server.ts` calls these.

/** The case row, by raw SQL for the same reason as `updateCaseRow`; types come back as Prisma's. */
export async function loadCaseRow(db: Tx | typeof prisma, id: string): Promise<Case | null> {
  const rows = await db.$queryRaw<Case[]>`SELECT * FROM "Case" WHERE "id" = ${id}`;
  return rows[0] ?? null;
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
  "authorHandle",
  "text",
  "language",
] as const satisfies readonly (keyof Case)[];

/**
 * The versioned update: `UPDATE "Case" SET … , version = version + 1 WHERE id AND
 * version`. Raw SQL on the hottest path in Vigil (one typed update costs several
 * times a raw one); column names come from the fixed list above, values are bound.
 */
export async function updateCaseRow(tx: Tx, id: string, version: number, data: Partial<Record<(typeof WRITABLE)[number], unknown>>) {
  const sets = WRITABLE.filter((column) => data[column] !== undefined).map(
    (column) => Prisma.sql`${Prisma.raw(`"${column}"`)} = ${data[column]}`,
  );
  return tx.$executeRaw`UPDATE "Case" SET ${Prisma.join(sets, ", ")}, "version" = ${version + 1} WHERE "id" = ${id} AND "version" = ${version}`;
}
