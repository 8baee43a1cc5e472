import { prisma } from "~/utils/db.server";
import type { RateLimitResult } from "./rate-limit.server";

// The API's rate limits without a write on every request (docs/decisions/0026). The
// windows are the same fixed windows in "RateLimit" that every instance shares, but an
// instance reserves a few requests of a window at once (a lease) and spends them in
// memory. Reserving is one statement that adds to the shared count, so all instances
// together never pass more than the limit; what an instance reserved and did not spend
// when the window ends is lost, which keeps the error on the strict side. Leases shrink as
// the window fills (an eighth of what is left, at most a fiftieth of the limit), so the
// requests stranded in other instances' leases stay a few percent of the limit.
//
// A lease is spent only while the shared row still says what this instance saw when it
// reserved (same window start, a count at least as high): every request reads the row
// anyway, in the statement that finds its key, so a reset or rewritten row ends the lease.

export type BucketRow = { count: number; windowStart: Date } | null;

type Lease = { windowStart: number; left: number; high: number };

const leases = new Map<string, Lease>();
const reserving = new Map<string, Promise<unknown>>();

const MAX_SHARE_OF_LIMIT = 50;
const SHARE_OF_REMAINDER = 8;

function leaseSize(limit: number, row: BucketRow, now: Date, windowSeconds: number): number {
  const used = row && !expired(row.windowStart, now, windowSeconds) ? row.count : 0;
  return Math.max(1, Math.min(Math.ceil(limit / MAX_SHARE_OF_LIMIT), Math.floor((limit - used) / SHARE_OF_REMAINDER)));
}

function expired(windowStart: Date, now: Date, windowSeconds: number): boolean {
  return windowStart.getTime() + windowSeconds * 1000 <= now.getTime();
}

function refused(windowStart: Date, now: Date, windowSeconds: number): RateLimitResult {
  const retryAfterMs = windowStart.getTime() + windowSeconds * 1000 - now.getTime();
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)) };
}

function spendLease(bucket: string, row: BucketRow, now: Date, windowSeconds: number): boolean {
  const lease = leases.get(bucket);
  if (!lease || lease.left <= 0 || !row) return false;
  const stillOurs = row.windowStart.getTime() === lease.windowStart && row.count >= lease.high && !expired(row.windowStart, now, windowSeconds);
  if (!stillOurs) {
    leases.delete(bucket);
    return false;
  }
  lease.left--;
  return true;
}

/** Adds `size` to the shared count (a new window starts at `now`) and keeps what was granted. */
async function reserve(bucket: string, size: number, limit: number, windowSeconds: number, now: Date): Promise<RateLimitResult> {
  const expiredBefore = new Date(now.getTime() - windowSeconds * 1000);
  // The count may pass the limit: a reservation that finds it full adds what it asked for
  // and is granted nothing, and the granted part is then always limit − (count − size).
  const [row] = await prisma.$queryRaw<{ count: number | bigint; windowStart: Date | string }[]>`
    INSERT INTO "RateLimit" ("key", "windowStart", "count") VALUES (${bucket}, ${now}, ${size})
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN "RateLimit"."windowStart" <= ${expiredBefore} THEN ${size} ELSE "RateLimit"."count" + ${size} END,
      "windowStart" = CASE WHEN "RateLimit"."windowStart" <= ${expiredBefore} THEN ${now} ELSE "RateLimit"."windowStart" END
    RETURNING "count", "windowStart"`;
  const count = Number(row.count);
  const windowStart = new Date(row.windowStart);
  const granted = Math.max(0, Math.min(size, limit - (count - size)));
  if (granted === 0) return refused(windowStart, now, windowSeconds);
  leases.set(bucket, { windowStart: windowStart.getTime(), left: granted - 1, high: count });
  return { allowed: true };
}

/**
 * Counts one request against `bucket` (at most `limit` per window of `windowSeconds`),
 * given the bucket's row as the request read it. Writes only when this instance's lease
 * is spent: about once per fiftieth of the limit.
 */
export async function takeAllowance(bucket: string, limit: number, windowSeconds: number, row: BucketRow, now: Date = new Date()): Promise<RateLimitResult> {
  for (;;) {
    if (spendLease(bucket, row, now, windowSeconds)) return { allowed: true };
    // A full window is refused from the row, without writing.
    if (row && !expired(row.windowStart, now, windowSeconds) && row.count >= limit) return refused(row.windowStart, now, windowSeconds);
    const inFlight = reserving.get(bucket);
    if (inFlight) {
      // Another request of this instance is reserving: share its lease.
      await inFlight.catch(() => {});
      const lease = leases.get(bucket);
      if (lease && lease.left > 0) {
        lease.left--;
        return { allowed: true };
      }
      row = null;
      continue;
    }
    const reservation = reserve(bucket, leaseSize(limit, row, now, windowSeconds), limit, windowSeconds, now);
    reserving.set(bucket, reservation);
    try {
      return await reservation;
    } finally {
      reserving.delete(bucket);
    }
  }
}
