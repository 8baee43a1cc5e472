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

/** Forgets buckets, e.g. the account's sign-in counters after a successful sign-in. */
export async function resetRateLimit(...keys: string[]): Promise<void> {
  await prisma.rateLimit.deleteMany({ where: { key: { in: keys } } });
}
