import type BetterSqlite3 from "better-sqlite3";
import pg from "pg";
import { Prisma } from "~/generated/prisma/client";
import type { Tx } from "./db.server";

// The write path's own statements on SQLite. In a transaction opened by
// `writeTransaction`, they run straight on the connection that transaction holds, inside
// the same SQLite transaction, without the client's work per statement (about 0.2 ms each
// through the client, 0.01 ms on the connection: docs/decisions/0013). Anywhere else, and
// on PostgreSQL, the same SQL goes through the client. Arguments and results are converted
// as the SQLite driver adapter converts them, so callers see what `$queryRaw` returns.
// A lane transaction (lane-transaction.server.ts) has no client at all: on SQLite its
// statements run on the connection, on PostgreSQL on the pool connection it holds.

const lanes = new WeakMap<Tx, BetterSqlite3.Database>();
const pgLanes = new WeakMap<Tx, pg.PoolClient>();

/** Lets `tx`'s statements run on `connection`: only for the transaction `connection` is in. */
export function openLane(tx: Tx, connection: BetterSqlite3.Database) {
  lanes.set(tx, connection);
}

/** Lets `tx`'s statements run on a PostgreSQL pool connection, in the transaction it holds. */
export function openPostgresLane(tx: Tx, client: pg.PoolClient) {
  pgLanes.set(tx, client);
}

// PostgreSQL's values as the client reads them: TIMESTAMP (stored in UTC, no zone) as a
// Date in UTC whatever the process's zone, BIGINT (counts) as a number.
const TIMESTAMP = 1114;
const INT8 = 20;
const postgresTypes = {
  getTypeParser(oid: number, format?: string) {
    if (oid === TIMESTAMP) return (value: string) => new Date(`${value.replace(" ", "T")}Z`);
    if (oid === INT8) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format as "text");
  },
} as pg.CustomTypesConfig;

/** A value as the PostgreSQL adapter binds it: dates in UTC without a zone. */
function postgresBindable(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString().replace("Z", "");
  return value === undefined ? null : value;
}

async function onPostgres<T>(client: pg.PoolClient, query: Prisma.Sql) {
  return client.query<T & pg.QueryResultRow>({ text: query.text, values: query.values.map(postgresBindable), types: postgresTypes });
}

// The lane's statements, kept per connection like the adapter's own (which it does not share).
const STATEMENTS_KEPT = 128;
const statements = new WeakMap<BetterSqlite3.Database, Map<string, BetterSqlite3.Statement>>();

function prepared(connection: BetterSqlite3.Database, sql: string): BetterSqlite3.Statement {
  let kept = statements.get(connection);
  if (!kept) statements.set(connection, (kept = new Map()));
  let statement = kept.get(sql);
  if (statement) kept.delete(sql);
  else {
    statement = connection.prepare(sql);
    if (kept.size >= STATEMENTS_KEPT) kept.delete(kept.keys().next().value!);
  }
  kept.set(sql, statement);
  return statement;
}

// A statement's columns, asked of SQLite once: better-sqlite3 builds them anew at each
// call, which cost more than the API key's read itself (18 µs against 7).
const columnsKept = new WeakMap<BetterSqlite3.Statement, { name: string; type: string | null }[]>();

function columnsOf(statement: BetterSqlite3.Statement) {
  let columns = columnsKept.get(statement);
  if (!columns) columnsKept.set(statement, (columns = statement.columns().map(({ name, type }) => ({ name, type }))));
  return columns;
}

/** A value as the driver adapter binds it: dates as ISO-8601 with an explicit offset, booleans as 0/1. */
function bindable(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString().replace("Z", "+00:00");
  if (typeof value === "boolean") return value ? 1 : 0;
  return value === undefined ? null : value;
}

/** A column as Prisma reads it, by its declared type; expressions without one keep their value. */
function readable(value: unknown, declared: string | null): unknown {
  if (value === null) return null;
  switch (declared?.toUpperCase()) {
    case "DATETIME":
      return new Date(String(value));
    case "BOOLEAN":
      return Number(value) !== 0;
    case "INTEGER":
      return Number(value);
    default:
      return typeof value === "bigint" ? Number(value) : value;
  }
}

/** Runs a statement that returns nothing; answers how many rows it changed. */
export async function execute(tx: Tx, query: Prisma.Sql): Promise<number> {
  if (deferring.has(tx)) await flushDeferred(tx);
  const connection = lanes.get(tx);
  if (!connection) {
    const client = pgLanes.get(tx);
    return client ? ((await onPostgres(client, query)).rowCount ?? 0) : tx.$executeRaw(query);
  }
  return prepared(connection, query.sql).run(query.values.map(bindable)).changes;
}

/** Runs a statement that returns rows (a SELECT, or a write with RETURNING). */
export async function select<T>(tx: Tx, query: Prisma.Sql): Promise<T[]> {
  if (deferring.has(tx)) await flushDeferred(tx);
  return selectPastDeferred<T>(tx, query);
}

/**
 * `select` without first writing the transaction's deferred rows: only for a read that none
 * of them can change, which the caller has made sure of (`deferredRow`).
 */
export async function selectPastDeferred<T>(tx: Tx, query: Prisma.Sql): Promise<T[]> {
  const connection = lanes.get(tx);
  if (!connection) {
    const client = pgLanes.get(tx);
    return client ? (await onPostgres<T>(client, query)).rows : tx.$queryRaw<T[]>(query);
  }
  const statement = prepared(connection, query.sql);
  const columns = columnsOf(statement);
  const rows = statement.raw(true).all(query.values.map(bindable)) as unknown[][];
  return rows.map((row) => Object.fromEntries(columns.map((c, i) => [c.name, readable(row[i], c.type)])) as T);
}

/** Inserts one row, every column named (the row's own keys, in their order). */
export function insertRow(tx: Tx, table: string, row: Record<string, unknown>): Promise<void> {
  return insertRows(tx, table, [row]);
}

// The text of the lane's inserts, by table, columns and number of rows: a raid's first
// reports insert rows of the same few shapes, and building the statement's text anew for
// each (and hashing it to find the prepared statement) was a few percent of a report.
const insertTexts = new Map<string, string>();
const INSERT_TEXTS_KEPT = 256;

function insertText(table: string, columns: string[], rows: number): string {
  const key = `${table}\u0000${rows}\u0000${columns.join("\u0000")}`;
  let text = insertTexts.get(key);
  if (text === undefined) {
    const row = `(${columns.map(() => "?").join(", ")})`;
    text = `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES ${Array.from({ length: rows }, () => row).join(", ")}`;
    if (insertTexts.size >= INSERT_TEXTS_KEPT) insertTexts.clear();
    insertTexts.set(key, text);
  }
  return text;
}

/** Inserts rows of one shape in one statement (the first row's keys, in their order): one statement's work for all of them. */
export async function insertRows(tx: Tx, table: string, rows: Record<string, unknown>[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = Object.keys(rows[0]);
  const deferred = deferring.get(tx);
  if (deferred && !deferred.flushing) {
    const key = `${table}\u0000${columns.join("\u0000")}`;
    let pending = deferred.inserts.get(key);
    if (!pending) deferred.inserts.set(key, (pending = { table, columns, rows: [] }));
    pending.rows.push(...rows);
    return;
  }
  const connection = lanes.get(tx);
  if (connection) {
    for (const some of inInsertSizes(rows, columns.length)) {
      const values: unknown[] = [];
      for (const row of some) for (const c of columns) values.push(bindable(row[c]));
      prepared(connection, insertText(table, columns, some.length)).run(values);
    }
    return;
  }
  await execute(
    tx,
    Prisma.sql`INSERT INTO ${Prisma.raw(`"${table}"`)} (${Prisma.raw(columns.map((c) => `"${c}"`).join(", "))}) VALUES ${Prisma.join(
      rows.map((row) => Prisma.sql`(${Prisma.join(columns.map((c) => row[c]))})`),
    )}`,
  );
}

const INSERT_SIZES = [64, 32, 16, 8, 4, 2, 1];
/** Values bound in one statement at most (SQLite allows 32,766). */
const MAX_BOUND = 30_000;

/**
 * `rows` in slices of a few fixed sizes (64, 32, … 1 rows, each within SQLite's bound for
 * `valuesPerRow`), so the statements kept for multi-row inserts stay few however groups vary.
 */
export function* inInsertSizes<T>(rows: T[], valuesPerRow: number): Generator<T[]> {
  for (let at = 0; at < rows.length; ) {
    const size = INSERT_SIZES.find((n) => n <= rows.length - at && n * valuesPerRow <= MAX_BOUND) ?? 1;
    yield rows.slice(at, at + size);
    at += size;
  }
}

// Deferred writes (docs/decisions/0026, eighth step). In a lane group's transaction each
// report's rows wait, and go in together just before the commit: one insert of a group's
// cases instead of one per report, and one append to the audit log for all their entries.
// A statement's own cost (its triggers' set-up, its statement journal, binding) is then
// paid once per group. Any other statement on the lane writes them first, so every read
// sees every write before it; a read that none of them can change may skip that
// (`selectPastDeferred`, after `deferredRow`).

type Deferred = {
  inserts: Map<string, { table: string; columns: string[]; rows: Record<string, unknown>[] }>;
  /** Work that writes first when the rows go in (the audit log's append), by name. */
  first: Map<string, () => Promise<void>>;
  flushing: boolean;
};
const deferring = new WeakMap<Tx, Deferred>();

/** From now on `tx`'s inserts wait for `flushDeferred` (a lane group's transaction, on SQLite). */
export function deferWrites(tx: Tx) {
  deferring.set(tx, { inserts: new Map(), first: new Map(), flushing: false });
}

/** Whether `tx` defers its writes; `name`'s work then runs first at the flush (registered once). */
export function deferFirst(tx: Tx, name: string, work: () => Promise<void>): boolean {
  const deferred = deferring.get(tx);
  if (!deferred || deferred.flushing) return false;
  if (!deferred.first.has(name)) deferred.first.set(name, work);
  return true;
}

/** Whether a row waiting to go into `table` in `tx` matches. */
export function deferredRow(tx: Tx, table: string, matches: (row: Record<string, unknown>) => boolean): boolean {
  const deferred = deferring.get(tx);
  if (!deferred) return false;
  for (const pending of deferred.inserts.values()) if (pending.table === table && pending.rows.some(matches)) return true;
  return false;
}

/**
 * Writing the rows of several writers failed: which of them it was is not known here, only
 * that the one running when the rows went in may have had nothing to do with it.
 */
export class DeferredWritesFailed extends Error {
  constructor(readonly cause: unknown) {
    super(`The rows waiting in this transaction could not be written: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = "DeferredWritesFailed";
  }
}

/** Writes what `tx` deferred: the first work, then each table's rows in the order tables were first written. */
export async function flushDeferred(tx: Tx): Promise<void> {
  const deferred = deferring.get(tx);
  if (!deferred || deferred.flushing || (deferred.first.size === 0 && deferred.inserts.size === 0)) return;
  deferred.flushing = true;
  try {
    const first = [...deferred.first.values()];
    const inserts = [...deferred.inserts.values()];
    deferred.first.clear();
    deferred.inserts.clear();
    for (const work of first) await work();
    for (const { table, rows } of inserts) await insertRows(tx, table, rows);
  } catch (error) {
    throw new DeferredWritesFailed(error);
  } finally {
    deferred.flushing = false;
  }
}
