import fs from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import type BetterSqlite3 from "better-sqlite3";
import type pg from "pg";
import { PrismaClient } from "~/generated/prisma/client";
import { PrismaClient as PostgresClient } from "~/generated/prisma-pg/client";
import { openLane } from "./sqlite-lane.server";
import { noteCommitted } from "./write-stats.server";

// Both generated clients share Prisma's runtime, so `Prisma.PrismaClientKnownRequestError`
// from "~/generated/prisma/client" matches errors from either store.
export type Db = PrismaClient;
/** The client handed to callbacks of `prisma.$transaction(async (tx) => ...)`. */
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];
export type Store = "sqlite" | "postgresql";

const DEFAULT_URL = "file:./data/vigil.db";

/** The store a database URL names: `file:` is SQLite, `postgresql://` PostgreSQL. */
export function storeOf(url: string): Store {
  if (url.startsWith("file:")) return "sqlite";
  if (/^postgres(ql)?:\/\//.test(url)) return "postgresql";
  throw new Error(`DATABASE_URL must be a file: URL (SQLite) or a postgresql:// URL, not "${url.split(":")[0]}:…"`);
}

/** Whether the process-wide store is SQLite (for SQLite-only statements such as PRAGMA). */
export function isSqlite(): boolean {
  return storeOf(process.env.DATABASE_URL ?? DEFAULT_URL) === "sqlite";
}

/**
 * A `contains` filter that ignores case on both stores: SQLite's LIKE already does
 * (for ASCII letters), PostgreSQL's needs `mode: "insensitive"` (ILIKE), an option
 * the SQLite client's types do not have.
 */
export function containsText(value: string): { contains: string } {
  return isSqlite() ? { contains: value } : ({ contains: value, mode: "insensitive" } as { contains: string });
}

export function sqlitePath(url: string): string {
  return url.replace(/^file:/, "");
}

/**
 * Opens a client for a database URL. The PostgreSQL client is generated from the
 * same schema, so it has the SQLite client's model API and is typed as it.
 */
export function createDb(url: string): PrismaClient {
  if (storeOf(url) === "postgresql") {
    // Columns are TIMESTAMP(3) without time zone and Prisma writes UTC: a session in UTC
    // keeps CURRENT_TIMESTAMP (column defaults, raw SQL) in step whatever the server's zone.
    const adapter = new PrismaPg({ connectionString: url, options: "-c TimeZone=UTC" });
    let pool: pg.Pool | null = null;
    // Keeps the pool the adapter opens, for the lane's transactions (lane-transaction.server.ts).
    const keepingPool: SqlMigrationAwareDriverAdapterFactory = {
      provider: adapter.provider,
      adapterName: adapter.adapterName,
      connect: async () => {
        const opened = await adapter.connect();
        pool = (opened as SqlDriverAdapter & { underlyingDriver(): pg.Pool }).underlyingDriver();
        return opened;
      },
      connectToShadowDb: () => adapter.connectToShadowDb(),
    };
    const client = new PostgresClient({ adapter: keepingPool }) as unknown as PrismaClient;
    connections.set(client, () => (pool ? { store: "postgresql", pool } : null));
    return client;
  }
  const file = sqlitePath(url);
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  // A writer waits up to 10 s for another process's lock instead of failing at once.
  const adapter = new PrismaBetterSQLite3({ url: file, timeout: 10_000 });
  let connection: BetterSqlite3.Database | null = null;
  // Keeps the connection the adapter opens, for the write path's lane (sqlite-lane.server.ts).
  const keeping: SqlMigrationAwareDriverAdapterFactory = {
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    connect: async () => {
      const opened = await adapter.connect();
      connection = (opened as SqlDriverAdapter & { underlyingDriver(): BetterSqlite3.Database }).underlyingDriver();
      // better-sqlite3 is built to sync a WAL database only at checkpoints (synchronous =
      // NORMAL); FULL syncs the log at every commit, so whatever Vigil answered "done" to
      // is on disk, whichever write comes first after a start (docs/decisions/0006).
      connection.pragma("synchronous = FULL");
      // The commit that passes the log's checkpoint mark also copies the log into the
      // database and syncs it, on the event loop. A report touches pages all over the case's
      // indexes and the dashboard's rows; at 10,000 pages (a log of at most 40 MB) rather
      // than SQLite's 1,000, the pages every commit rewrites are copied once for ten times
      // as many commits: a commit of a raid's reports took 1.5 ms instead of 2.2 (decision 26).
      // Each commit is still synced.
      connection.pragma("wal_autocheckpoint = 10000");
      // A statement that may fail halfway (one whose triggers write, or any inside the group
      // commit's savepoints) first copies each page it changes into a statement journal, a
      // temporary file that spills to disk past 64 KB: a first report's case insert, with its
      // tally triggers, spent 130 µs of its 170 there. Temporary files stay in memory.
      connection.pragma("temp_store = MEMORY");
      // The client's transactions take the same turn as the lane's (one writer on one connection).
      const startTransaction = opened.startTransaction.bind(opened);
      opened.startTransaction = async (isolationLevel) => {
        const done = await writerTurn.take();
        try {
          const tx = await startTransaction(isolationLevel);
          const commit = tx.commit.bind(tx);
          const rollback = tx.rollback.bind(tx);
          tx.commit = () => commit().finally(done);
          tx.rollback = () => rollback().finally(done);
          return tx;
        } catch (error) {
          done();
          throw error;
        }
      };
      return opened;
    },
    connectToShadowDb: () => adapter.connectToShadowDb(),
  };
  const writerTurn = new Turns();
  const client = new PrismaClient({ adapter: keeping });
  connections.set(client, () => (connection ? { store: "sqlite", connection, writerTurn } : null));
  return client;
}

/** One at a time, in order of asking: `take()` resolves with the function that ends the turn. */
export class Turns {
  private last: Promise<void> = Promise.resolve();
  take(): Promise<() => void> {
    let done!: () => void;
    const ended = new Promise<void>((resolve) => (done = resolve));
    const turn = this.last.then(() => done);
    this.last = this.last.then(() => ended);
    return turn;
  }
}

/** The connection (SQLite) or pool (PostgreSQL) under the process-wide client, for the lane. */
export type StoreConnection =
  | { store: "sqlite"; connection: BetterSqlite3.Database; writerTurn: Turns }
  | { store: "postgresql"; pool: pg.Pool };

const connections = new WeakMap<PrismaClient, () => StoreConnection | null>();

/** The process-wide client's connection, connecting it first if it has not yet. */
export async function storeConnection(): Promise<StoreConnection> {
  const client = (globalThis.__vigilPrisma ??= createDb(process.env.DATABASE_URL ?? DEFAULT_URL));
  const kept = connections.get(client);
  let found = kept?.() ?? null;
  if (!found) {
    await client.$connect();
    found = kept?.() ?? null;
  }
  if (!found) throw new Error("The store's connection could not be reached.");
  return found;
}

/**
 * A transaction for the write paths (cases, intake). On SQLite their own statements run
 * on the connection the transaction holds (`sqlite-lane.server.ts`); everything else in
 * the transaction, and everything on PostgreSQL, goes through the client as usual.
 */
export async function writeTransaction<T>(
  work: (tx: Tx) => Promise<T>,
  { writes, ...options }: { maxWait?: number; timeout?: number; writes?: (result: T) => number } = {},
): Promise<T> {
  const client = (globalThis.__vigilPrisma ??= createDb(process.env.DATABASE_URL ?? DEFAULT_URL));
  let held: Tx | null = null;
  const result = await client.$transaction(async (tx) => {
    held = tx;
    // Read inside the transaction: the client has connected by now.
    const kept = connections.get(client)?.() ?? null;
    if (kept?.store === "sqlite") openLane(tx, kept.connection);
    return work(tx);
  }, { maxWait: 10_000, timeout: 20_000, ...options });
  if (held) noteCommitted(held, writes ? writes(result) : 1);
  return result;
}

declare global {
  var __vigilPrisma: PrismaClient | undefined;
}

/**
 * The process-wide client, opened on first use from DATABASE_URL (tests point it at
 * their own database first). WAL mode is set once on an SQLite file by `scripts/setup.mjs`.
 */
export const prisma: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, prop) {
    globalThis.__vigilPrisma ??= createDb(process.env.DATABASE_URL ?? DEFAULT_URL);
    const value = Reflect.get(globalThis.__vigilPrisma, prop);
    return typeof value === "function" ? value.bind(globalThis.__vigilPrisma) : value;
  },
});
