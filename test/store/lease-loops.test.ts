import { beforeEach, describe, expect, it } from "vitest";
import { settleTimer } from "~/models/workflow/timers.server";
import { createOutboxDelivery } from "~/services/outbox-delivery.server";
import { createScheduler } from "~/services/scheduler.server";
import { prisma } from "~/utils/db.server";
import { resetDb } from "../db";

// Several instances run the delivery and timer loops on one database. When they look at
// the same due rows at once, each may lease only part of a batch; a loop that took "fewer
// than a batch" for "nothing left" stopped early and left due rows behind for a poll later
// (or, in a test, for ever). Each round below races three loops over rows that span several
// batches, and every due row must be settled once by the time all of them return.

const ROUNDS = 15;
const ROWS = 9;
const now = new Date("2026-11-22T12:00:00Z");

beforeEach(() => resetDb());

describe("leasing loops racing across instances", () => {
  it("deliver every due outbox row once, however the leases split", async () => {
    for (let round = 0; round < ROUNDS; round++) {
      await prisma.deliveryAttempt.deleteMany();
      await prisma.outboxMessage.deleteMany();
      for (let i = 0; i < ROWS; i++) await prisma.outboxMessage.create({ data: { kind: "message.in_app", payload: `{"n":${i}}`, nextAttemptAt: now } });
      const sent: string[] = [];
      const loops = ["a", "b", "c"].map((id) =>
        createOutboxDelivery(
          "member",
          async (message) => {
            sent.push(message.id);
            return { ok: true, httpStatus: 200, error: null, durationMs: 1 };
          },
          { instanceId: id, batch: 2 },
        ),
      );
      const counts = await Promise.all(loops.map((loop) => loop.tick(now)));
      expect({ round, attempts: counts.reduce((a, b) => a + b, 0) }).toEqual({ round, attempts: ROWS });
      expect(new Set(sent).size).toBe(ROWS);
      expect(await prisma.outboxMessage.count({ where: { status: "delivered" } })).toBe(ROWS);
    }
  });

  it("fire every due timer once, however the leases split", async () => {
    for (let round = 0; round < ROUNDS; round++) {
      await prisma.timer.deleteMany();
      for (let i = 0; i < ROWS; i++) await prisma.timer.create({ data: { kind: "test", event: "{}", dueAt: now } });
      const fired: string[] = [];
      const schedulers = ["a", "b", "c"].map((id) =>
        createScheduler({
          instanceId: id,
          batch: 2,
          onError: (error) => {
            throw error;
          },
          fire: async (timer, at) => {
            await prisma.$transaction((tx) => settleTimer(tx, timer, "fired", at));
            fired.push(timer.id);
          },
        }),
      );
      const counts = await Promise.all(schedulers.map((s) => s.tick(now)));
      expect({ round, fired: counts.reduce((a, b) => a + b, 0) }).toEqual({ round, fired: ROWS });
      expect(new Set(fired).size).toBe(ROWS);
      expect(await prisma.timer.count({ where: { status: "fired" } })).toBe(ROWS);
    }
  });
});
