import type { Tx } from "./db.server";
import { storeConnection } from "./db.server";
import type { Prisma } from "~/generated/prisma/client";
import { openLane, openPostgresLane, select } from "./sqlite-lane.server";
import { noteCommitted } from "./write-stats.server";

// A write transaction with no client in it (docs/decisions/0026): every statement runs on
// the lane (sqlite-lane.server.ts), so a write costs the store's work and little else. On
// SQLite it takes the one writer's turn that the client's transactions also take, so the
// two never interleave on the connection; on PostgreSQL it holds a connection of the
// client's pool. For writers whose every statement is raw SQL (intake's first report);
// a statement through the client in it fails at once: `tx` is not a client.

export async function laneTransaction<T>(work: (tx: Tx) => Promise<T>, { writes }: { writes?: (result: T) => number } = {}): Promise<T> {
  const kept = await storeConnection();
  const tx = Object.freeze({}) as Tx;
  let result: T;
  if (kept.store === "sqlite") {
    const done = await kept.writerTurn.take();
    const { connection } = kept;
    try {
      // IMMEDIATE: the write lock now, not at the first write (no upgrade to fail later).
      connection.prepare("BEGIN IMMEDIATE").run();
      openLane(tx, connection);
      try {
        result = await work(tx);
        connection.prepare("COMMIT").run();
      } catch (error) {
        if (connection.inTransaction) connection.prepare("ROLLBACK").run();
        throw error;
      }
    } finally {
      done();
    }
  } else {
    const client = await kept.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query("BEGIN");
      openPostgresLane(tx, client);
      try {
        result = await work(tx);
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
