import { beforeEach, describe, expect, it } from "vitest";
import { Prisma } from "~/generated/prisma/client";
import { prisma, writeTransaction } from "~/utils/db.server";
import { execute, select } from "~/utils/sqlite-lane.server";
import { resetDb } from "../db";
import { reportSubject, userByEmail } from "../factories/cases";
import { seedDemo } from "../factories/demo";
import { applyCaseEvent } from "~/models/cases/case-events.server";

// The write paths' own statements: on SQLite they run on the connection the transaction
// holds, elsewhere through the client. Either way a caller must see the same rows and the
// same transaction.

describe("a write transaction", () => {
  beforeEach(async () => {
    await resetDb();
    await seedDemo();
  });

  it("reads a row as the client reads it: dates, flags, numbers and empty columns", async () => {
    const c = await reportSubject();
    const mo = await userByEmail("moderator@example.com");
    await applyCaseEvent({ caseId: c.id, event: { type: "CLAIM" }, actor: mo });
    const typed = await prisma.case.findUniqueOrThrow({ where: { id: c.id } });
    const [raw] = await writeTransaction((tx) => select<typeof typed>(tx, Prisma.sql`SELECT * FROM "Case" WHERE "id" = ${c.id}`));
    expect(raw).toEqual(typed);
    expect(raw.claimExpiresAt).toBeInstanceOf(Date);
    expect(raw.isOpen).toBe(true);
    expect(raw.resolution).toBeNull();
    expect(typeof raw.version).toBe("number");
  });

  it("keeps its statements in the transaction: the client sees them inside, and a failure undoes them", async () => {
    const c = await reportSubject();
    const at = new Date("2026-12-02T09:15:00.250Z");
    const failed = writeTransaction(async (tx) => {
      expect(await execute(tx, Prisma.sql`UPDATE "Case" SET "firstRespondedAt" = ${at} WHERE "id" = ${c.id}`)).toBe(1);
      // A typed read in the same transaction sees the write.
      expect((await tx.case.findUniqueOrThrow({ where: { id: c.id } })).firstRespondedAt).toEqual(at);
      throw new Error("the change failed later on");
    });
    await expect(failed).rejects.toThrow(/failed later on/);
    expect((await prisma.case.findUniqueOrThrow({ where: { id: c.id } })).firstRespondedAt).toBeNull();

    await writeTransaction((tx) => execute(tx, Prisma.sql`UPDATE "Case" SET "firstRespondedAt" = ${at} WHERE "id" = ${c.id}`));
    expect((await prisma.case.findUniqueOrThrow({ where: { id: c.id } })).firstRespondedAt).toEqual(at);
  });

  it("gives the same answers in a transaction opened by the client itself", async () => {
    const c = await reportSubject();
    const typed = await prisma.case.findUniqueOrThrow({ where: { id: c.id } });
    const [raw] = await prisma.$transaction((tx) => select<typeof typed>(tx, Prisma.sql`SELECT * FROM "Case" WHERE "id" = ${c.id}`));
    expect(raw).toEqual(typed);
  });
});
