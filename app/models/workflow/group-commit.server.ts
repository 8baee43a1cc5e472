import { Prisma } from "~/generated/prisma/client";
import type { Tx } from "~/utils/db.server";
import { execute } from "~/utils/sqlite-lane.server";
import { isRetryableWriteError, withWriteRetry } from "./write-retry.server";

// Group commit for SQLite (docs/decisions/0026). SQLite has one writer at a time and a
// commit costs a sync of the log; a raid's reports arriving together share one
// transaction and one sync instead of each paying its own. Writes that arrive while a
// group is committing wait and form the next group. Each write runs inside a savepoint,
// so one that fails is rolled back alone; each caller is answered only after the commit
// that holds its write, so an answer still means the write is on disk.

type Waiting = { work: (tx: Tx) => Promise<unknown>; resolve: (value: unknown) => void; reject: (error: unknown) => void };
type Result = { ok: true; value: unknown } | { ok: false; error: unknown; retry: boolean };

/** At most this many writes in one transaction, so none waits behind a long group. */
export const GROUP_COMMIT_MAX = 64;

let waiting: Waiting[] = [];
let committing = false;

/** Runs `work` in a transaction shared with the writes that arrive with it; resolves after its commit. */
export function inGroupCommit<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    waiting.push({ work, resolve: resolve as (value: unknown) => void, reject });
    if (!committing) void commitGroups();
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

async function commitGroup(group: Waiting[]) {
  let results: Result[];
  try {
    results = await withWriteRetry(async (tx) => {
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
    }, { writes: (done) => done.filter((r) => r.ok).length });
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
      if (!result.retry) return member.reject(result.error);
      await withWriteRetry(member.work).then(member.resolve, member.reject);
    }),
  );
}
