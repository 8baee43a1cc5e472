import { Prisma } from "~/generated/prisma/client";
import type { Db } from "~/utils/db.server";
import { isSqlite, prisma } from "~/utils/db.server";
import type { Dialect, RollupName } from "./tally-sql";
import { ROLLUPS, rollupSelect } from "./tally-sql";

// Reading the rollups as rows, and the same rows computed from the source rows directly:
// what the tests compare after every kind of case change.

export const storeDialect = (): Dialect => (isSqlite() ? "sqlite" : "postgresql");

export type RollupRow = Record<string, string | number>;

/** Numbers as numbers (PostgreSQL sums are bigints), keys as text; rows with every measure 0 left out. */
function normalised(name: RollupName, rows: Record<string, unknown>[]): RollupRow[] {
  const { keys, measures } = ROLLUPS[name];
  return rows
    .map((row) => Object.fromEntries([...keys.map((k) => [k, k === "tier" ? Number(row[k]) : String(row[k])]), ...measures.map((m) => [m, Number(row[m])])]) as RollupRow)
    .filter((row) => measures.some((m) => row[m] !== 0))
    .sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));
}

/** A rollup as its triggers keep it. */
export async function storedRollup(name: RollupName, db: Db = prisma): Promise<RollupRow[]> {
  const rows = await db.$queryRaw<Record<string, unknown>[]>(Prisma.sql`SELECT * FROM ${Prisma.raw(`"${ROLLUPS[name].table}"`)}`);
  return normalised(name, rows);
}

/** A rollup computed now from the cases, reports, ban proposals and deadlines themselves. */
export async function computedRollup(name: RollupName, db: Db = prisma): Promise<RollupRow[]> {
  const rows = await db.$queryRaw<Record<string, unknown>[]>(Prisma.sql`${Prisma.raw(rollupSelect(name, storeDialect()))}`);
  return normalised(name, rows);
}
