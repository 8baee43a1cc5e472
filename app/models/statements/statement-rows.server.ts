import type { StatementChain } from "@machines/statement";
import type { Statement } from "~/generated/prisma/client";
import { Prisma } from "~/generated/prisma/client";
import type { Db, Tx } from "~/utils/db.server";
import { isSqlite } from "~/utils/db.server";
import { parseJsonAs } from "~/utils/json";
import { execute } from "~/utils/sqlite-lane.server";
import { z } from "zod";
import type { LockedCrisis } from "../crises/crisis-rows.server";
import { readCrisis } from "../crises/crisis-rows.server";

// A statement's row as the write path takes it: its lock, and the crisis it speaks for
// (read, not locked: a statement's change never changes its crisis's row, except that
// publishing a members' update promises the next one, through the crisis's own subject).

export type LockedStatement = {
  id: string;
  /** Null only while the cell's statement is being drafted. */
  row: Statement | null;
  crisis: LockedCrisis;
  /** The cell's statement before this one, published, which publishing this one supersedes. */
  previous: Statement | null;
};

const Chain = z.object({ roles: z.array(z.string()), count: z.number().int().min(1) });
const Approvals = z.array(z.object({ by: z.string(), role: z.string(), hash: z.string(), at: z.string() }));

export const chainOf = (row: Pick<Statement, "chain">): StatementChain => parseJsonAs(Chain, row.chain) ?? { roles: [], count: 1 };
export const approvalsOf = (row: Pick<Statement, "approvals">) => parseJsonAs(Approvals, row.approvals) ?? [];

/** Takes the statement row's write lock (SQLite: the database's; PostgreSQL: the row's), then reads it and its crisis. */
export async function lockStatementRow(tx: Tx, id: string): Promise<LockedStatement | null> {
  if (isSqlite()) await execute(tx, Prisma.sql`UPDATE "Statement" SET "version" = "version" WHERE "id" = ${id}`);
  else await tx.$queryRaw`SELECT "id" FROM "Statement" WHERE "id" = ${id} FOR UPDATE`;
  return readStatement(tx, id);
}

export async function readStatement(tx: Tx | Db, id: string): Promise<LockedStatement | null> {
  const row = await tx.statement.findUnique({ where: { id } });
  if (!row) return null;
  const crisis = await readCrisis(tx, row.crisisId);
  if (!crisis) return null;
  return { id, row, crisis, previous: await previousOf(tx, row) };
}

export type CellKey = { crisisId: string; stage: string; audience: string; channel: string; language: string };

/** The newest statement of a cell. */
export function latestInCell(tx: Tx | Db, cell: CellKey) {
  return tx.statement.findFirst({ where: cell, orderBy: { sequence: "desc" } });
}

async function previousOf(tx: Tx | Db, row: Statement): Promise<Statement | null> {
  if (row.sequence <= 1) return null;
  const { crisisId, stage, audience, channel, language } = row;
  return tx.statement.findFirst({ where: { crisisId, stage, audience, channel, language, sequence: { lt: row.sequence }, state: "published" }, orderBy: { sequence: "desc" } });
}
