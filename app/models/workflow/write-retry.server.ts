import { Prisma } from "~/generated/prisma/client";
import type { Tx } from "~/utils/db.server";
import { writeTransaction } from "~/utils/db.server";

// One retry policy for every writer (docs/decisions/0021). A write transaction runs again,
// a bounded number of times, when the store refused it for a reason that a second try
// clears: a serialisation failure or deadlock on PostgreSQL, a busy SQLite file, another
// writer's row changing under a compare-and-set (`RetryableConflict`), or a unique key
// another transaction took first (intake: two first reports of one subject). Anything
// else, and the last failure, reaches the caller.

export const WRITE_ATTEMPTS = 5;

/** Thrown inside a write transaction to roll it back and run it again. */
export class RetryableConflict extends Error {}

export function isRetryableWriteError(error: unknown): boolean {
  if (error instanceof RetryableConflict) return true;
  if (error instanceof Prisma.PrismaClientKnownRequestError && (error.code === "P2034" || error.code === "P2002")) return true;
  // The same unique key from a statement on the lane: the driver's own error.
  const code = (error as { code?: unknown } | null)?.code;
  if (code === "SQLITE_CONSTRAINT_UNIQUE" || code === "SQLITE_CONSTRAINT_PRIMARYKEY" || code === "23505") return true;
  const message = error instanceof Error ? error.message : String(error);
  return /SQLITE_BUSY|database is locked|could not serialize|deadlock detected/i.test(message);
}

/** How many deadlocks the store reported to retried writes in this process (the race test reads it). */
export const writeRetries = { deadlocks: 0, conflicts: 0, busy: 0 };

function count(error: unknown) {
  const message = error instanceof Error ? error.message : String(error);
  if (/deadlock detected/i.test(message)) writeRetries.deadlocks++;
  else if (/SQLITE_BUSY|database is locked/i.test(message)) writeRetries.busy++;
  else writeRetries.conflicts++;
}

/** Runs `work` in a write transaction, again on a retryable failure, up to WRITE_ATTEMPTS times. */
export async function withWriteRetry<T>(work: (tx: Tx) => Promise<T>, options: { writes?: (result: T) => number } = {}): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await writeTransaction(work, options);
    } catch (error) {
      if (attempt >= WRITE_ATTEMPTS || !isRetryableWriteError(error)) throw error;
      count(error);
    }
  }
}
