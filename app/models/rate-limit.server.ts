import { prisma } from "~/utils/db.server";

export type RateLimitResult = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Fixed-window counter kept in the database so every app instance shares it.
 * `key` names the bucket, e.g. `login:ip:1.2.3.4` or `report-form:ip:1.2.3.4`.
 */
export async function hitRateLimit(
  key: string,
  limit: number,
  windowSeconds: number,
  now: Date = new Date(),
): Promise<RateLimitResult> {
  const windowMs = windowSeconds * 1000;
  return prisma.$transaction(async (tx) => {
    const row = await tx.rateLimit.findUnique({ where: { key } });
    if (!row || now.getTime() - row.windowStart.getTime() >= windowMs) {
      await tx.rateLimit.upsert({
        where: { key },
        create: { key, windowStart: now, count: 1 },
        update: { windowStart: now, count: 1 },
      });
      return { allowed: true } as const;
    }
    if (row.count >= limit) {
      const retryAfterMs = row.windowStart.getTime() + windowMs - now.getTime();
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)) } as const;
    }
    await tx.rateLimit.update({ where: { key }, data: { count: { increment: 1 } } });
    return { allowed: true } as const;
  });
}

/** Forgets a bucket, e.g. the per-account login counter after a successful login. */
export async function resetRateLimit(key: string): Promise<void> {
  await prisma.rateLimit.deleteMany({ where: { key } });
}
