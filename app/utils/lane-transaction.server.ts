import type { Tx } from "./db.server";
import { storeConnection } from "./db.server";
import { openLane, openPostgresLane } from "./sqlite-lane.server";
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
