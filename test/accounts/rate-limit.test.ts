import { beforeEach, describe, expect, it } from "vitest";
import { hitBackoff, hitRateLimit } from "~/models/accounts/rate-limit.server";
import { LOGIN_LIMITS } from "~/models/accounts/users.server";
import { action as loginAction } from "~/routes/login";
import { prisma } from "~/utils/db.server";
import { resetDb } from "../db";
import { DEMO_PASSWORD, seedDemo } from "../factories/demo";
import { TEST_CLIENT_IP, anonymous, postForm, respond, routeArgs } from "../http";

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

describe("growing waits", () => {
  const backoff = { free: 3, waitsSeconds: [60, 120, 240], forgetAfterSeconds: 3600 };
  const start = new Date("2030-01-01T12:00:00.000Z");
  const at = (seconds: number) => new Date(start.getTime() + seconds * 1000);

  beforeEach(async () => {
    await resetDb();
  });

  it("lets the first attempts through at once, then makes each one wait longer, and forgets after a quiet spell", async () => {
    const hit = (seconds: number) => hitBackoff("test:backoff", backoff, at(seconds));
    for (let i = 0; i < 3; i++) expect(await hit(0)).toEqual({ allowed: true });
    expect(await hit(1)).toEqual({ allowed: false, retryAfterSeconds: 59 });
    expect(await hit(60)).toEqual({ allowed: true });
    expect(await hit(61)).toEqual({ allowed: false, retryAfterSeconds: 119 });
    expect(await hit(180)).toEqual({ allowed: true });
    expect(await hit(180)).toEqual({ allowed: false, retryAfterSeconds: 240 });
    expect(await hit(420)).toEqual({ allowed: true });
    // The last wait repeats.
    expect(await hit(420)).toEqual({ allowed: false, retryAfterSeconds: 240 });
    expect(await hit(660)).toEqual({ allowed: true });
    // An hour without attempts: the first three go through at once again.
    for (let i = 0; i < 3; i++) expect(await hit(660 + 3600)).toEqual({ allowed: true });
    expect(await hit(660 + 3600)).toEqual({ allowed: false, retryAfterSeconds: 60 });
  });

  it(`gives each turn to exactly one of ${PARALLEL} parallel attempts`, async () => {
    const burst = async (seconds: number) =>
      (await Promise.all(Array.from({ length: PARALLEL }, () => hitBackoff("test:burst", backoff, at(seconds))))).filter((r) => r.allowed);
    expect(await burst(0)).toHaveLength(3);
    expect(await burst(60)).toHaveLength(1);
    expect(await burst(179)).toHaveLength(0);
    expect(await burst(180)).toHaveLength(1);
  });
});

describe("sign-in limits by account and address", () => {
  beforeEach(async () => {
    await resetDb();
    await seedDemo();
  });

  const login = (fields: Record<string, string>, clientIp = TEST_CLIENT_IP) =>
    respond(() => loginAction(routeArgs(postForm("/login", fields, anonymous()), {}, { clientIp })));
  const wrong = { email: "admin@example.com", password: "not-the-password" };
  const right = { email: "admin@example.com", password: DEMO_PASSWORD };

  it("a stranger guessing from elsewhere does not lock the owner out", async () => {
    const stranger = "203.0.113.66";
    const { free } = LOGIN_LIMITS.perAccountAndAddress;
    for (let i = 0; i < free; i++) expect((await login(wrong, stranger)).status).toBe(400);
    for (let i = 0; i < 3; i++) expect((await login(wrong, stranger)).status).toBe(429);
    // At the stranger's address even the right password waits its turn.
    expect((await login(right, stranger)).status).toBe(429);
    expect((await login(right)).status).toBe(302);
  });

  it("asks for a wait that grows, and says so in the answer", async () => {
    const { free, waitsSeconds } = LOGIN_LIMITS.perAccountAndAddress;
    for (let i = 0; i < free; i++) expect((await login(wrong)).status).toBe(400);
    const limited = await login(wrong);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("Retry-After"))).toBe(waitsSeconds[0]);
    expect((await limited.json()).formError).toBe("Too many sign-in attempts. Try again in 1 minute.");
    // A minute later (the last attempt moved back), one more try, then a longer wait.
    await prisma.rateLimit.updateMany({
      where: { key: { startsWith: "login:address-account:" } },
      data: { windowStart: new Date(Date.now() - waitsSeconds[0] * 1000) },
    });
    expect((await login(wrong)).status).toBe(400);
    const longer = await login(wrong);
    expect(longer.status).toBe(429);
    expect(Number(longer.headers.get("Retry-After"))).toBe(waitsSeconds[1]);
    expect((await longer.json()).formError).toBe("Too many sign-in attempts. Try again in 2 minutes.");
  });
});

describe("sign-in under parallel guesses", () => {
  beforeEach(async () => {
    await resetDb();
    await seedDemo();
  });

  it(`checks exactly ${LOGIN_LIMITS.perAccountAndAddress.free} of ${PARALLEL} parallel wrong passwords for one account`, async () => {
    const answers = await Promise.all(
      Array.from({ length: PARALLEL }, () =>
        respond(() =>
          loginAction(routeArgs(postForm("/login", { email: "admin@example.com", password: "not-the-password" }, anonymous()))),
        ),
      ),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 400)).toHaveLength(LOGIN_LIMITS.perAccountAndAddress.free);
    expect(statuses.filter((s) => s === 429)).toHaveLength(PARALLEL - LOGIN_LIMITS.perAccountAndAddress.free);
    expect(await prisma.auditEntry.count({ where: { action: "user.login_failed" } })).toBe(LOGIN_LIMITS.perAccountAndAddress.free);
  });
});
