import { beforeEach, describe, expect, it } from "vitest";
import { hitRateLimit } from "~/models/rate-limit.server";
import { LOGIN_LIMITS } from "~/models/users.server";
import { action as loginAction } from "~/routes/login";
import { prisma } from "~/utils/db.server";
import { resetDb } from "../db";
import { seedDemo } from "../factories/demo";
import { anonymous, postForm, respond, routeArgs } from "../http";

// Rate limits hold under parallel requests on both stores: the count is taken and
// compared in one statement, so 40 requests at once let exactly the limit through.

const PARALLEL = 40;

describe("rate limit counting", () => {
  beforeEach(async () => {
    await resetDb();
  });

  it(`lets exactly the limit through when ${PARALLEL} hits arrive at once`, async () => {
    const results = await Promise.all(Array.from({ length: PARALLEL }, () => hitRateLimit("test:parallel", 5, 60)));
    expect(results.filter((r) => r.allowed)).toHaveLength(5);
    for (const refused of results.filter((r) => !r.allowed)) {
      expect(refused).toMatchObject({ allowed: false });
      if (!refused.allowed) expect(refused.retryAfterSeconds).toBeGreaterThan(0);
    }
  });

  it("starts a new window once the old one has run out, and says how long is left", async () => {
    const start = new Date("2030-01-01T12:00:00.000Z");
    const at = (seconds: number) => new Date(start.getTime() + seconds * 1000);
    expect(await hitRateLimit("test:window", 2, 60, at(0))).toEqual({ allowed: true });
    expect(await hitRateLimit("test:window", 2, 60, at(10))).toEqual({ allowed: true });
    expect(await hitRateLimit("test:window", 2, 60, at(20))).toEqual({ allowed: false, retryAfterSeconds: 40 });
    expect(await hitRateLimit("test:window", 2, 60, at(59.5))).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(await hitRateLimit("test:window", 2, 60, at(60))).toEqual({ allowed: true });
    expect(await hitRateLimit("test:window", 2, 60, at(61))).toEqual({ allowed: true });
    expect(await hitRateLimit("test:window", 2, 60, at(62))).toEqual({ allowed: false, retryAfterSeconds: 58 });
    // Other buckets are counted apart.
    expect(await hitRateLimit("test:other", 2, 60, at(62))).toEqual({ allowed: true });
  });
});

describe("sign-in under parallel guesses", () => {
  beforeEach(async () => {
    await resetDb();
    await seedDemo();
  });

  it(`checks exactly ${LOGIN_LIMITS.perAccount.limit} of ${PARALLEL} parallel wrong passwords for one account`, async () => {
    const answers = await Promise.all(
      Array.from({ length: PARALLEL }, () =>
        respond(() =>
          loginAction(routeArgs(postForm("/login", { email: "admin@example.com", password: "not-the-password" }, anonymous()))),
        ),
      ),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 400)).toHaveLength(LOGIN_LIMITS.perAccount.limit);
    expect(statuses.filter((s) => s === 429)).toHaveLength(PARALLEL - LOGIN_LIMITS.perAccount.limit);
    expect(await prisma.auditEntry.count({ where: { action: "user.login_failed" } })).toBe(LOGIN_LIMITS.perAccount.limit);
  });
});
