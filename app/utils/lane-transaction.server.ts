import type BetterSqlite3 from "better-sqlite3";
import type { Tx } from "./db.server";
import { storeConnection } from "./db.server";
import type { Prisma } from "~/generated/prisma/client";
import { deferWrites, flushDeferred, openLane, openPostgresLane, select } from "./sqlite-lane.server";
import { logSynced, syncsAfterCommit } from "./wal-sync.server";
import { noteCommitted } from "./write-stats.server";

// A write transaction with no client in it (docs/decisions/0026): every statement runs on
// the lane (sqlite-lane.server.ts), so a write costs the store's work and little else. On
// SQLite it takes the one writer's turn that the client's transactions also take, so the
// two never interleave on the connection; on PostgreSQL it holds a connection of the
// client's pool. For writers whose every statement is raw SQL (intake's first report, and
// the write path's common events); a statement through the client in it fails at once,
// `NeedsClient`, and the transaction is rolled back even if the work caught the failure.

/** A write reached for the client in a lane transaction: nothing of it was kept; run it in a client transaction. */
export class NeedsClient extends Error {
  constructor(what: string) {
    super(`This write uses the store's client (${what}); it runs in a client transaction instead.`);
  }
}

/** A stand-in for the client that refuses every use and remembers the first. */
function clientless(): { tx: Tx; used: () => string | null } {
  let used: string | null = null;
  const tx = new Proxy(Object.freeze({}), {
    get(_target, property) {
      // Not uses: a promise's resolution asks any object for `then`; symbols are the runtime's.
      if (property === "then" || typeof property === "symbol") return undefined;
      used ??= String(property);
      throw new NeedsClient(used);
    },
  }) as Tx;
  return { tx, used: () => used };
}

type Controls = Record<"begin" | "commit" | "rollback" | "unsynced" | "synced", BetterSqlite3.Statement>;
const controls = new WeakMap<BetterSqlite3.Database, Controls>();

/** The connection's BEGIN IMMEDIATE, COMMIT, ROLLBACK and its two sync settings, prepared once. */
function control(connection: BetterSqlite3.Database) {
  let kept = controls.get(connection);
  if (!kept) {
    kept = {
      begin: connection.prepare("BEGIN IMMEDIATE"),
      commit: connection.prepare("COMMIT"),
      rollback: connection.prepare("ROLLBACK"),
      unsynced: connection.prepare("PRAGMA synchronous = NORMAL"),
      synced: connection.prepare("PRAGMA synchronous = FULL"),
    };
    controls.set(connection, kept);
  }
  return kept;
}

type LaneOptions<T> = {
  writes?: (result: T) => number;
  /**
   * On PostgreSQL, no BEGIN and COMMIT: each statement commits by itself. Only for work
   * whose one write is one statement, after its reads (intake's first report): two round
   * trips fewer, and the locks that statement takes are let go as it ends.
   */
  autocommit?: boolean;
  /**
   * On SQLite, sync the log off the event loop and answer after it (wal-sync.server.ts): for
   * the group commit, whose next requests are read while the disk syncs. A lone writer waits
   * less with the sync in its commit (one hop to the thread pool and back fewer).
   */
  syncOffLoop?: boolean;
  /**
   * On SQLite, the work's inserts wait and go in together just before the commit
   * (sqlite-lane.server.ts, `deferWrites`): for a group of writes of the same rows.
   */
  deferred?: boolean;
};

export async function laneTransaction<T>(
  work: (tx: Tx) => Promise<T>,
  { writes, autocommit = false, syncOffLoop = false, deferred = false }: LaneOptions<T> = {},
): Promise<T> {
  const kept = await storeConnection();
  const { tx, used } = clientless();
  const finished = async () => {
    const result = await work(tx);
    await flushDeferred(tx);
    const reached = used();
    if (reached) throw new NeedsClient(reached);
    return result;
  };
  let result: T;
  if (kept.store === "sqlite") {
    const done = await kept.writerTurn.take();
    const { connection } = kept;
    const statements = control(connection);
    // With `syncOffLoop` the commit writes the log and leaves its sync to wal-sync.server.ts;
    // every other commit on the connection syncs as it commits.
    const later = syncOffLoop && syncsAfterCommit(connection);
    try {
      if (later) statements.unsynced.run();
      // IMMEDIATE: the write lock now, not at the first write (no upgrade to fail later).
      statements.begin.run();
      openLane(tx, connection);
      if (deferred) deferWrites(tx);
      try {
        result = await finished();
        statements.commit.run();
      } catch (error) {
        if (connection.inTransaction) statements.rollback.run();
        throw error;
      }
    } finally {
      if (later) statements.synced.run();
      done();
    }
    // The head was let go at the commit; the answer waits until the log holding it is on disk.
    noteCommitted(tx, writes ? writes(result) : 1);
    if (later) await logSynced(connection);
    return result;
  } else if (autocommit) {
    const client = await kept.pool.connect();
    try {
      openPostgresLane(tx, client);
      result = await finished();
    } finally {
      client.release();
    }
  } else {
    const client = await kept.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query("BEGIN");
      openPostgresLane(tx, client);
      try {
        result = await finished();
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK").catch((failed: Error) => (broken = failed));
        throw error;
      }
    } finally {
      client.release(broken);
    }
  }
  noteCommitted(tx, writes ? writes(result) : 1);
  return result;
}

const readers = new WeakMap<object, Tx>();

/** One read outside any transaction, on the lane: for a read every request makes (the API key's). */
export async function laneRead<T>(query: Prisma.Sql): Promise<T[]> {
  const kept = await storeConnection();
  if (kept.store === "sqlite") {
    let reader = readers.get(kept.connection);
    if (!reader) {
      reader = Object.freeze({}) as Tx;
      openLane(reader, kept.connection);
      readers.set(kept.connection, reader);
    }
    return select<T>(reader, query);
  }
  const client = await kept.pool.connect();
  try {
    const reader = Object.freeze({}) as Tx;
    openPostgresLane(reader, client);
    return await select<T>(reader, query);
  } finally {
    client.release();
  }
}
