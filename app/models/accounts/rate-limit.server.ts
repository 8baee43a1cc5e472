import { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";

export type RateLimitResult = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Fixed-window counter kept in the database so every app instance shares it.
 * `key` names the bucket, e.g. `login:ip:1.2.3.4` or `report-form:ip:1.2.3.4`.
 *
 * One statement counts the hit and returns the count, so parallel requests cannot all
 * read "under the limit" before any of them writes: exactly `limit` hits pass in a
 * window. A window that has run out starts again at this hit. Refused hits stop
 * counting one past the limit, which is all it takes to refuse.
 */
export async function hitRateLimit(
  key: string,
  limit: number,
  windowSeconds: number,
  now: Date = new Date(),
): Promise<RateLimitResult> {
  const expiredBefore = new Date(now.getTime() - windowSeconds * 1000);
  const [row] = await prisma.$queryRaw<{ count: number | bigint; windowStart: Date | string }[]>`
    INSERT INTO "RateLimit" ("key", "windowStart", "count") VALUES (${key}, ${now}, 1)
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE
        WHEN "RateLimit"."windowStart" <= ${expiredBefore} THEN 1
        WHEN "RateLimit"."count" > ${limit} THEN "RateLimit"."count"
        ELSE "RateLimit"."count" + 1
      END,
      "windowStart" = CASE WHEN "RateLimit"."windowStart" <= ${expiredBefore} THEN ${now} ELSE "RateLimit"."windowStart" END
    RETURNING "count", "windowStart"`;
  if (Number(row.count) <= limit) return { allowed: true };
  const retryAfterMs = new Date(row.windowStart).getTime() + windowSeconds * 1000 - now.getTime();
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)) };
}

/** Growing waits: `free` attempts at once, then `waitsSeconds` in turn (the last repeats). */
export type Backoff = { free: number; waitsSeconds: readonly number[]; forgetAfterSeconds: number };

/**
 * Attempts that must wait longer after each one past the first `free`: the wait before
 * attempt n+1 is `waitsSeconds[n - free]` from attempt n. A quiet spell of
 * `forgetAfterSeconds` starts over. One statement decides and counts (an upsert whose
 * update only happens when the wait is over), so parallel attempts cannot share a turn.
 */
export async function hitBackoff(key: string, backoff: Backoff, now: Date = new Date()): Promise<RateLimitResult> {
  const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000);
  const quietSince = ago(backoff.forgetAfterSeconds);
  // Attempt number `count` was made long enough ago for the next one to go ahead now.
  const { free, waitsSeconds } = backoff;
  const last = waitsSeconds.length - 1;
  const waited = Prisma.join(
    waitsSeconds.map((wait, i) =>
      i < last
        ? Prisma.sql`("RateLimit"."count" = ${free + i} AND "RateLimit"."windowStart" <= ${ago(wait)})`
        : Prisma.sql`("RateLimit"."count" >= ${free + i} AND "RateLimit"."windowStart" <= ${ago(wait)})`,
    ),
    " OR ",
  );
  const passed = await prisma.$queryRaw<{ count: number | bigint }[]>`
    INSERT INTO "RateLimit" ("key", "windowStart", "count") VALUES (${key}, ${now}, 1)
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN "RateLimit"."windowStart" <= ${quietSince} THEN 1 ELSE "RateLimit"."count" + 1 END,
      "windowStart" = ${now}
    WHERE "RateLimit"."count" < ${free} OR "RateLimit"."windowStart" <= ${quietSince} OR ${waited}
    RETURNING "count"`;
  if (passed.length > 0) return { allowed: true };
  // Refused: how long until the wait is over (read after the fact, only to say so).
  const row = await prisma.rateLimit.findUnique({ where: { key } });
  if (!row) return { allowed: false, retryAfterSeconds: 1 };
  const wait = waitsSeconds[Math.max(0, Math.min(row.count - free, last))];
  const retryAfterMs = row.windowStart.getTime() + wait * 1000 - now.getTime();
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)) };
}

/** Forgets buckets, e.g. the account's sign-in counters after a successful sign-in. */
export async function resetRateLimit(...keys: string[]): Promise<void> {
  await prisma.rateLimit.deleteMany({ where: { key: { in: keys } } });
}
