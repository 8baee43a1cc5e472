import { Prisma } from "~/generated/prisma/client";
import type { Tx } from "~/utils/db.server";
import { writeTransaction } from "~/utils/db.server";
import { laneTransaction, NeedsClient } from "~/utils/lane-transaction.server";

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

type Options<T> = { writes?: (result: T) => number };

async function retried<T>(attempt: () => Promise<T>): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (error) {
      if (n >= WRITE_ATTEMPTS || !isRetryableWriteError(error)) throw error;
      count(error);
    }
  }
}

/** Runs `work` in a write transaction, again on a retryable failure, up to WRITE_ATTEMPTS times. */
export function withWriteRetry<T>(work: (tx: Tx) => Promise<T>, options: Options<T> = {}): Promise<T> {
  return retried(() => writeTransaction(work, options));
}

/**
 * Kinds of write (a subject and event type) seen to use the client, with how many of their
 * next writes go straight to a client transaction. One kind can take either way (a refused
 * claim names who holds the case, through the client; an accepted one does not), so the lane
 * is tried again after a while: at most one write in LANE_RETRY_AFTER pays for a rollback.
 */
const usesClient = new WeakMap<object, Map<string, number>>();
const LANE_RETRY_AFTER = 50;

/**
 * As `withWriteRetry`, but first in a lane transaction (raw statements on the connection,
 * no client: lane-transaction.server.ts), which costs a fraction of the client's. A write
 * that reaches for the client there is rolled back and runs in a client transaction, as
 * the next writes of its kind (`writer` and `type`: a subject kind and an event type) do for a
 * while. Same retries, same outcome either way.
 */
export async function withLaneFirstRetry<T>(writer: object, type: string, work: (tx: Tx) => Promise<T>, options: Options<T> = {}): Promise<T> {
  let seen = usesClient.get(writer);
  if (!seen) usesClient.set(writer, (seen = new Map()));
  const skip = seen.get(type) ?? 0;
  if (skip > 0) seen.set(type, skip - 1);
  else {
    try {
      return await retried(() => laneTransaction(work, options));
    } catch (error) {
      if (!(error instanceof NeedsClient)) throw error;
      seen.set(type, LANE_RETRY_AFTER);
    }
  }
  return withWriteRetry(work, options);
}
