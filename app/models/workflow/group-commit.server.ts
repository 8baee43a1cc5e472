import { Prisma } from "~/generated/prisma/client";
import type { Tx } from "~/utils/db.server";
import { DeferredWritesFailed, execute } from "~/utils/sqlite-lane.server";
import { laneTransaction } from "~/utils/lane-transaction.server";
import { isRetryableWriteError, withWriteRetry } from "./write-retry.server";

// Group commit for SQLite (docs/decisions/0026). SQLite has one writer at a time and a
// commit costs a sync of the log; a raid's reports arriving together share one
// transaction and one sync instead of each paying its own. Writes that arrive while a
// group is committing wait and form the next group. Each caller is answered only after the
// commit that holds its write, so an answer still means the write is on disk. A write that
// fails is rolled back alone: in a group of client writes each runs inside a savepoint; a
// group of lane writes (raw statements only, the raid's first reports) runs without them,
// since a savepoint copies every page its write changes, and if one of them fails the
// transaction is rolled back whole and the others run again without it.

type Waiting = { work: (tx: Tx) => Promise<unknown>; lane: boolean; resolve: (value: unknown) => void; reject: (error: unknown) => void };
type Result = { ok: true; value: unknown } | { ok: false; error: unknown; retry: boolean };

/** At most this many writes in one transaction, so none waits behind a long group. */
export const GROUP_COMMIT_MAX = 64;

let waiting: Waiting[] = [];
let committing = false;

/**
 * Runs `work` in a transaction shared with the writes that arrive with it; resolves after its
 * commit. With `lane`, `work` runs only raw statements (lane-transaction.server.ts): a group
 * of such writes commits without the client, and a failed one is not run again here (its
 * caller decides what to do next).
 */
export function inGroupCommit<T>(work: (tx: Tx) => Promise<T>, { lane = false }: { lane?: boolean } = {}): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    waiting.push({ work, lane, resolve: resolve as (value: unknown) => void, reject });
    if (committing) return;
    // A group starts once the requests read in this turn of the event loop have joined it: a
    // lane transaction's statements never wait for I/O, so none could join it later.
    committing = true;
    setImmediate(() => void commitGroups());
  });
}

async function commitGroups() {
  committing = true;
  try {
    while (waiting.length > 0) {
      const group = waiting.slice(0, GROUP_COMMIT_MAX);
      waiting = waiting.slice(GROUP_COMMIT_MAX);
      await commitGroup(group);
    }
  } finally {
    committing = false;
  }
}

/**
 * A group of lane writes: no savepoints; a failed write is answered with its failure and the
 * rest run again. Their inserts go in together at the end (`deferred`); if that fails, no
 * one write can be named, and the group runs again with each write's rows going in as it
 * runs, which names the one that fails.
 */
async function commitLaneGroup(group: Waiting[]) {
  let members = group;
  let deferred = true;
  while (members.length > 0) {
    const failed: { index: number; error: unknown }[] = [];
    let values: unknown[];
    try {
      values = await laneTransaction(
        async (tx) => {
          const done: unknown[] = [];
          for (const [index, member] of members.entries()) {
            try {
              done.push(await member.work(tx));
            } catch (error) {
              failed.push({ index, error });
              throw error;
            }
          }
          return done;
        },
        { writes: (done) => done.length, syncOffLoop: true, deferred },
      );
    } catch (error) {
      const [first] = failed;
      // The rows that waited failed as they went in (at the end, or for a later write's read):
      // no one write is to blame yet.
      if (deferred && (!first || first.error instanceof DeferredWritesFailed)) {
        deferred = false;
        continue;
      }
      if (!first) {
        // The commit itself failed, or a write reached for the client: none of the group is written.
        for (const member of members) member.reject(error);
        return;
      }
      members[first.index].reject(first.error);
      members = members.filter((_, i) => i !== first.index);
      continue;
    }
    for (const [i, member] of members.entries()) member.resolve(values[i]);
    return;
  }
}

async function commitGroup(group: Waiting[]) {
  if (group.every((member) => member.lane)) return commitLaneGroup(group);
  let results: Result[];
  try {
    const run = async (tx: Tx) => {
      const done: Result[] = [];
      for (const member of group) {
        await execute(tx, Prisma.sql`SAVEPOINT "group_member"`);
        try {
          const value = await member.work(tx);
          await execute(tx, Prisma.sql`RELEASE SAVEPOINT "group_member"`);
          done.push({ ok: true, value });
        } catch (error) {
          await execute(tx, Prisma.sql`ROLLBACK TO SAVEPOINT "group_member"`);
          await execute(tx, Prisma.sql`RELEASE SAVEPOINT "group_member"`);
          done.push({ ok: false, error, retry: isRetryableWriteError(error) });
        }
      }
      return done;
    };
    const writes = (done: Result[]) => done.filter((r) => r.ok).length;
    results = await withWriteRetry(run, { writes });
  } catch (error) {
    // The commit itself failed (after its retries): none of the group is written.
    for (const member of group) member.reject(error);
    return;
  }
  await Promise.all(
    group.map(async (member, i) => {
      const result = results[i];
      if (result.ok) return member.resolve(result.value);
      // A conflict that a second try clears (a unique key taken meanwhile) runs again on its own.
      if (!result.retry || member.lane) return member.reject(result.error);
      await withWriteRetry(member.work).then(member.resolve, member.reject);
    }),
  );
}
