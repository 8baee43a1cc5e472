import type BetterSqlite3 from "better-sqlite3";
import fs from "node:fs";

// A group commit on SQLite without its sync on the event loop (docs/decisions/0026).
// SQLite's COMMIT with `synchronous = FULL` writes the transaction's pages to the log and
// then syncs the log, and the process waits for the disk doing nothing else: a raid's group
// of reports spent a millisecond or more per commit there. The group's lane transaction
// (`laneTransaction(…, { syncOffLoop: true })`) commits with `synchronous = NORMAL` (the
// pages are written to the log, not synced) and its callers are answered only once the log
// has been synced here, on libuv's thread pool, while the event loop goes on reading and
// writing the next requests. An answer still means the write is on disk. Whatever a sync
// finds already written it takes along: commits that end while one sync is under way share
// the next. SQLite still syncs the log itself before every checkpoint, so a checkpoint never
// copies pages that are not yet on disk into the database.

type Syncer = { path: string; fd: Promise<number> | null; running: Promise<void> | null; queued: Promise<void> | null };

const syncers = new WeakMap<BetterSqlite3.Database, Syncer | null>();
let completed = 0;

/** How many syncs of a log have completed in this process. */
export function logSyncsCompleted(): number {
  return completed;
}

// The log is opened once: SQLite keeps the same file for as long as the connection is open
// (it rewinds the log after a checkpoint; only the last connection's close removes it).
async function syncLog(syncer: Syncer): Promise<void> {
  syncer.fd ??= new Promise<number>((resolve, reject) => fs.open(syncer.path, "r", (error, fd) => (error ? reject(error) : resolve(fd))));
  const fd = await syncer.fd.catch((error: unknown) => {
    syncer.fd = null;
    throw error;
  });
  await new Promise<void>((resolve, reject) => fs.fdatasync(fd, (error) => (error ? reject(error) : resolve())));
  completed++;
}

function start(syncer: Syncer): Promise<void> {
  const running = syncLog(syncer).finally(() => {
    if (syncer.running === running) syncer.running = null;
  });
  syncer.running = running;
  return running;
}

/** The syncer of a connection's log, or null where the connection keeps no log (not in WAL mode). */
function syncerOf(connection: BetterSqlite3.Database): Syncer | null {
  let syncer = syncers.get(connection);
  if (syncer === undefined) {
    const wal = connection.memory ? null : connection.pragma("journal_mode", { simple: true }) === "wal";
    syncer = wal ? { path: `${connection.name}-wal`, fd: null, running: null, queued: null } : null;
    syncers.set(connection, syncer);
  }
  return syncer;
}

/** Whether a lane commit on `connection` may leave its sync to `logSynced`. */
export function syncsAfterCommit(connection: BetterSqlite3.Database): boolean {
  return syncerOf(connection) !== null;
}

/** Resolves once everything written to the connection's log before this call is on disk. */
export function logSynced(connection: BetterSqlite3.Database): Promise<void> {
  const syncer = syncerOf(connection);
  if (!syncer) return Promise.resolve();
  if (!syncer.running) return start(syncer);
  // A sync under way may have begun before this commit's pages were written: the next one.
  syncer.queued ??= syncer.running
    .catch(() => undefined)
    .then(() => {
      syncer.queued = null;
      return start(syncer);
    });
  return syncer.queued;
}
