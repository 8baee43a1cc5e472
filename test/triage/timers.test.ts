import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { beforeEach, describe, expect, it } from "vitest";
import { applyCaseEvent } from "~/models/cases/case-events.server";
import { fireCaseTimer } from "~/models/cases/case-timers.server";
import { createScheduler } from "~/services/scheduler.server";
import { prisma } from "~/utils/db.server";
import { resetDb } from "../db";
import { seedDemo } from "../factories/demo";
import { reportSubject, userByEmail } from "../factories/cases";

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, "../..");
const T0 = new Date("2026-11-22T12:00:00Z");
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);

function scheduler(instanceId = "test-scheduler") {
  return createScheduler({ fire: fireCaseTimer, instanceId, onError: (e) => console.error(e) });
}

async function claimedCase(email = "moderator@example.com", at = T0) {
  const c = await reportSubject();
  const actor = await userByEmail(email);
  const outcome = await applyCaseEvent({ caseId: c.id, event: { type: "CLAIM" }, actor, at });
  expect(outcome.status).toBe("applied");
  return c;
}

beforeEach(async () => {
  await resetDb();
  await seedDemo();
});

describe("durable claim-expiry timers", () => {
  it("do nothing before they are due, then return the case to the queue exactly once", async () => {
    const c = await claimedCase();
    const s = scheduler();
    expect(await s.tick(minutes(9))).toBe(0);
    expect((await prisma.case.findUniqueOrThrow({ where: { id: c.id } })).state).toBe("in_review");

    expect(await s.tick(minutes(11))).toBe(1);
    const after = await prisma.case.findUniqueOrThrow({ where: { id: c.id } });
    expect(after).toMatchObject({ state: "new", assigneeId: null, claimExpiresAt: null });
    const entry = await prisma.auditEntry.findFirstOrThrow({ where: { subjectId: c.id, action: "case.claim_expired" } });
    expect(entry.actorLabel).toBe("system:scheduler");

    expect(await s.tick(minutes(30))).toBe(0);
    expect(await prisma.auditEntry.count({ where: { subjectId: c.id, action: "case.claim_expired" } })).toBe(1);
  });

  it("are pushed back when the holder renews the claim", async () => {
    const c = await claimedCase();
    const mo = await userByEmail("moderator@example.com");
    await applyCaseEvent({ caseId: c.id, event: { type: "CLAIM" }, actor: mo, at: minutes(8) });
    const s = scheduler();
    expect(await s.tick(minutes(11))).toBe(0);
    expect((await prisma.case.findUniqueOrThrow({ where: { id: c.id } })).assigneeId).toBe(mo.id);
    expect(await s.tick(minutes(19))).toBe(1);
    expect((await prisma.case.findUniqueOrThrow({ where: { id: c.id } })).assigneeId).toBeNull();
  });

  it("are cancelled when the case is resolved first", async () => {
    const c = await claimedCase();
    const mo = await userByEmail("moderator@example.com");
    await applyCaseEvent({ caseId: c.id, event: { type: "DISMISS", reason: "No breach" }, actor: mo, at: minutes(2) });
    expect(await scheduler().tick(minutes(30))).toBe(0);
    expect(await prisma.timer.count({ where: { caseId: c.id, status: "pending" } })).toBe(0);
    expect((await prisma.case.findUniqueOrThrow({ where: { id: c.id } })).state).toBe("dismissed");
  });

  it("fire once after a restart when they fell due while the server was down", async () => {
    const c = await claimedCase();
    // The instance that took the claim stops; nothing ticks for an hour. A new one
    // starts (a new scheduler, nothing carried over in memory) and catches up.
    const restarted = scheduler("after-restart");
    expect(await restarted.tick(minutes(60))).toBe(1);
    expect(await restarted.tick(minutes(61))).toBe(0);
    expect(await prisma.auditEntry.count({ where: { subjectId: c.id, action: "case.claim_expired" } })).toBe(1);
  });

  it("are taken over when the scheduler holding the lease dies", async () => {
    const c = await claimedCase();
    const timer = await prisma.timer.findFirstOrThrow({ where: { caseId: c.id, status: "pending" } });
    // A scheduler leased it and died before firing it.
    await prisma.timer.update({ where: { id: timer.id }, data: { lockedBy: "dead-instance", lockedUntil: minutes(11) } });
    expect(await scheduler().tick(minutes(10.5))).toBe(0);
    expect(await scheduler().tick(minutes(12))).toBe(1);
    expect((await prisma.timer.findUniqueOrThrow({ where: { id: timer.id } })).status).toBe("fired");
  });

  it("fire each timer once when two scheduler processes race on the same database", async () => {
    const cases = [];
    for (let i = 0; i < 12; i++) cases.push(await claimedCase(i % 2 ? "moderator@example.com" : "senior@example.com"));
    const tsx = path.join(root, "node_modules/tsx/dist/cli.mjs");
    const script = path.join(root, "test/triage/scheduler-process.ts");
    const results = await Promise.all(
      [0, 1].map(() =>
        run(process.execPath, [tsx, script, minutes(15).toISOString()], { cwd: root, env: process.env }),
      ),
    );
    const fired = results.map((r) => (JSON.parse(r.stdout.trim().split("\n").at(-1)!) as { fired: number }).fired);
    expect(fired[0] + fired[1]).toBe(cases.length);
    expect(await prisma.timer.count({ where: { status: "fired" } })).toBe(cases.length);
    expect(await prisma.auditEntry.count({ where: { action: "case.claim_expired" } })).toBe(cases.length);
    for (const c of cases) {
      const after = await prisma.case.findUniqueOrThrow({ where: { id: c.id } });
      expect(after).toMatchObject({ state: "new", assigneeId: null, version: c.version + 2 });
    }
  });
});
