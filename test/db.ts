import { isSqlite, prisma } from "~/utils/db.server";
import { GENESIS_HASH } from "~/models/audit/audit-chain";

// The tables to empty are read from the store, so a new model is emptied without
// being listed here: every table but the migrations record and the chain head.
const KEEP = ["_prisma_migrations", "AuditHead"];
let emptying: Promise<string[]> | null = null;

/** Empties the worker's database and restarts the audit chain at genesis. */
export async function resetDb() {
  emptying ??= isSqlite() ? sqliteDeletes() : postgresDeletes();
  await prisma.$transaction([
    ...(await emptying).map((statement) => prisma.$executeRawUnsafe(statement)),
    prisma.$executeRawUnsafe(`UPDATE "AuditHead" SET "seq" = 0, "hash" = '${GENESIS_HASH}' WHERE "id" = 1`),
  ]);
}

async function sqliteDeletes() {
  const tables = await prisma.$queryRawUnsafe<{ name: string }[]>(
    `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' AND name NOT IN ('${KEEP.join("', '")}')`,
  );
  // Foreign keys are checked at commit, so the order of the deletes does not matter.
  return ["PRAGMA defer_foreign_keys = ON", ...tables.map(({ name }) => `DELETE FROM "${name}"`)];
}

/** DELETE rather than TRUNCATE: on a few rows it takes a millisecond, not a few hundred. */
async function postgresDeletes() {
  const tables = await prisma.$queryRawUnsafe<{ name: string; parents: string[] }[]>(
    `SELECT c.relname::text AS name, array_remove(array_agg(p.relname::text), NULL) AS parents
       FROM pg_class c
       JOIN pg_namespace n ON n.oid = c.relnamespace
       LEFT JOIN pg_constraint k ON k.conrelid = c.oid AND k.contype = 'f'
       LEFT JOIN pg_class p ON p.oid = k.confrelid AND p.oid <> c.oid
      WHERE n.nspname = current_schema() AND c.relkind = 'r' AND c.relname NOT IN ('${KEEP.join("', '")}')
      GROUP BY c.relname`,
  );
  // Children before the tables they reference.
  const ordered: string[] = [];
  let left = tables;
  while (left.length > 0) {
    const referenced = new Set(left.flatMap((table) => table.parents));
    const leaves = left.filter((table) => !referenced.has(table.name));
    if (leaves.length === 0) throw new Error(`Cannot order deletes for tables referencing each other: ${left.map((t) => t.name)}`);
    ordered.push(...leaves.map((table) => table.name));
    left = left.filter((table) => referenced.has(table.name));
  }
  return ordered.map((name) => `DELETE FROM "${name}"`);
}

/**
 * Raw SQL with `?` placeholders on either store (PostgreSQL numbers them): for tests
 * that tamper with rows directly, as an attacker with database access would.
 */
export function rawSql(query: string, ...values: unknown[]) {
  let n = 0;
  const text = isSqlite() ? query : query.replace(/\?/g, () => `$${++n}`);
  return prisma.$executeRawUnsafe(text, ...values);
}
