import { beforeEach, describe, expect, it } from "vitest";
import { Prisma } from "~/generated/prisma/client";
import { GENESIS_HASH } from "~/models/audit/audit-chain";
import { containsText, createDb, isSqlite, prisma, storeOf } from "~/utils/db.server";
import { resetDb } from "../db";

const store = process.env.VIGIL_TEST_STORE;
// Tests about one store are registered only in that store's run (not reported as skipped in the other).
const onStore = (which: string) => (store === which ? it : ((() => undefined) as unknown as typeof it));

describe("the store", () => {
  beforeEach(resetDb);

  it("is the store the test project names, in a database of this run's own", async () => {
    expect(isSqlite()).toBe(store === "sqlite");
    if (store === "postgresql") {
      const [{ name }] = await prisma.$queryRaw<{ name: string }[]>`SELECT current_database() AS name`;
      expect(name).toBe(process.env.VIGIL_TEST_DB);
      expect(name).toMatch(new RegExp(`^${process.env.VIGIL_TEST_PG_RUN}_worker`));
    } else {
      expect(process.env.DATABASE_URL).toBe(`file:${process.env.VIGIL_TEST_DB}`);
      expect(process.env.VIGIL_TEST_DB).toContain(process.env.VIGIL_TEST_RUN_DIR);
    }
  });

  it("tells the stores apart by URL and refuses any other", () => {
    expect(storeOf("file:./data/vigil.db")).toBe("sqlite");
    expect(storeOf("postgresql://vigil@db.internal:5432/vigil")).toBe("postgresql");
    expect(storeOf("postgres://vigil@db.internal/vigil")).toBe("postgresql");
    expect(() => storeOf("mysql://vigil@db.internal/vigil")).toThrow(/file: URL \(SQLite\) or a postgresql:\/\/ URL/);
  });

  it("reports a duplicate key as the Prisma error callers check for", async () => {
    await prisma.rule.create({ data: { code: "spam", severity: 1 } });
    const error = await prisma.rule.create({ data: { code: "spam", severity: 2 } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Prisma.PrismaClientKnownRequestError);
    expect((error as Prisma.PrismaClientKnownRequestError).code).toBe("P2002");
  });

  it("finds text by a part of it whatever its case", async () => {
    await prisma.user.create({ data: { email: "Lead.Moderator@Example.com", name: "Lead", passwordHash: "x" } });
    expect(await prisma.user.count({ where: { email: containsText("moderator@example") } })).toBe(1);
    expect(await prisma.user.count({ where: { email: containsText("MODERATOR@") } })).toBe(1);
    expect(await prisma.user.count({ where: { email: containsText("admin@") } })).toBe(0);
  });

  it("keeps timestamps to the millisecond and in UTC", async () => {
    const dueAt = new Date("2026-03-29T01:30:00.123Z");
    const timer = await prisma.timer.create({ data: { kind: "first-response", event: "{}", dueAt } });
    const read = await prisma.timer.findUniqueOrThrow({ where: { id: timer.id } });
    expect(read.dueAt.toISOString()).toBe("2026-03-29T01:30:00.123Z");
    expect(await prisma.timer.count({ where: { dueAt: { lt: new Date("2026-03-29T01:30:00.124Z") } } })).toBe(1);
  });

  onStore("postgresql")("reads the database's clock in UTC whatever the server's time zone", async () => {
    const name = process.env.VIGIL_TEST_DB!;
    await prisma.$executeRawUnsafe(`ALTER DATABASE "${name}" SET timezone = 'America/New_York'`);
    const db = createDb(process.env.DATABASE_URL!);
    try {
      await db.$executeRaw`INSERT INTO "RateLimit" ("key", "windowStart", "count") VALUES ('clock', CURRENT_TIMESTAMP, 1)`;
      const { windowStart } = await db.rateLimit.findUniqueOrThrow({ where: { key: "clock" } });
      expect(Math.abs(windowStart.getTime() - Date.now())).toBeLessThan(60_000);
    } finally {
      await db.$disconnect();
      await prisma.$executeRawUnsafe(`ALTER DATABASE "${name}" RESET timezone`);
    }
  });

  it("empties every table and restarts the audit chain at genesis on resetDb", async () => {
    const user = await prisma.user.create({
      data: { email: "m@example.com", name: "M", passwordHash: "x", roles: { create: { role: "moderator" } } },
    });
    await prisma.auditEntry.create({
      data: { seq: 1, at: new Date(), actorLabel: user.email, action: "user.created", subjectType: "User", subjectId: user.id, prevHash: GENESIS_HASH, hash: "h1" },
    });
    await prisma.auditHead.update({ where: { id: 1 }, data: { seq: 1, hash: "h1" } });

    await resetDb();

    expect(await prisma.user.count()).toBe(0);
    expect(await prisma.userRole.count()).toBe(0);
    expect(await prisma.auditEntry.count()).toBe(0);
    expect(await prisma.auditHead.findMany()).toEqual([{ id: 1, seq: 0, hash: GENESIS_HASH }]);
  });
});
