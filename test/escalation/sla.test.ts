import { beforeEach, describe, expect, it } from "vitest";
import { applyCaseEvent } from "~/models/cases/case-events.server";
import { fireCaseTimer } from "~/models/cases/case-timers.server";
import { createScheduler } from "~/services/scheduler.server";
import { prisma } from "~/utils/db.server";
import { resetDb } from "../db";
import { reportSubject, userByEmail } from "../factories/cases";
import { seedDemo } from "../factories/demo";

const after = (d: Date, minutes: number) => new Date(d.getTime() + minutes * 60_000);
const scheduler = (instanceId: string) => createScheduler({ fire: fireCaseTimer, instanceId, onError: (e) => console.error(e) });
const caseOf = (id: string) => prisma.case.findUniqueOrThrow({ where: { id }, include: { escalation: true } });

beforeEach(async () => {
  await resetDb();
  await seedDemo();
});

describe("SLA clocks", () => {
  it("start at intake from the policy version and the priority band", async () => {
    const c = await reportSubject();
    const row = await caseOf(c.id);
    const version = await prisma.escalationPolicyVersion.findFirstOrThrow();
    expect(row.policyVersionId).toBe(version.id);
    // "respect" is a low-band case: 240 minutes to first response, 2880 to resolution.
    expect(row.priority).toBeLessThan(50);
    expect(row.firstResponseDueAt!.getTime() - row.createdAt.getTime()).toBe(240 * 60_000);
    expect(row.resolutionDueAt!.getTime() - row.createdAt.getTime()).toBe(2880 * 60_000);
    const kinds = (await prisma.timer.findMany({ where: { caseId: c.id, status: "pending" } })).map((t) => t.kind).sort();
    expect(kinds).toEqual(["sla_first_response", "sla_first_response_warning", "sla_resolution", "sla_resolution_warning"]);
  });

  it("warn before the first-response deadline, then climb one tier exactly once at breach, also across a restart", async () => {
    const c = await reportSubject();
    const due = (await caseOf(c.id)).firstResponseDueAt!;
    const first = scheduler("instance-a");
    expect(await first.tick(after(due, -60))).toBe(0);
    expect(await first.tick(after(due, -30))).toBe(1); // the warning, 80% into the window (48 minutes before)
    const warned = await prisma.notification.findMany({ where: { caseId: c.id, kind: "sla_warning" } });
    expect(warned.length).toBeGreaterThan(0);
    expect((await caseOf(c.id)).escalation).toBeNull();

    expect(await first.tick(after(due, 1))).toBe(1);
    const climbed = await caseOf(c.id);
    expect(climbed.escalation).toMatchObject({ tierKey: "senior_moderator", tierIndex: 1, state: "awaiting_ack" });
    // The new tier has clocks of its own, from the breach.
    expect(climbed.firstResponseDueAt!.getTime()).toBe(after(due, 1 + 240).getTime());

    // The instance stops; a new one (nothing in memory) starts later and finds nothing left to fire.
    const restarted = scheduler("instance-b");
    expect(await restarted.tick(after(due, 5))).toBe(0);
    expect(await first.tick(after(due, 10))).toBe(0);
    expect(await prisma.auditEntry.count({ where: { subjectId: c.id, action: { startsWith: "escalation." } } })).toBe(1);
    expect((await caseOf(c.id)).escalation).toMatchObject({ tierIndex: 1, version: 1 });
    const senior = await userByEmail("senior@example.com");
    const inbox = await prisma.notification.findMany({ where: { userId: senior.id, caseId: c.id } });
    expect(inbox.map((n) => n.kind).sort()).toEqual(["escalated", "sla_breached", "sla_warning"]);
  });

  it("stop while the reporter is asked for information; resuming moves the deadline by the time waited", async () => {
    const c = await reportSubject();
    const mo = await userByEmail("moderator@example.com");
    const t0 = new Date();
    await applyCaseEvent({ caseId: c.id, event: { type: "CLAIM" }, actor: mo, at: t0 });
    const claimed = await caseOf(c.id);
    expect(claimed.firstRespondedAt?.getTime()).toBe(t0.getTime());
    expect(await prisma.timer.count({ where: { caseId: c.id, kind: "sla_first_response", status: "pending" } })).toBe(0);
    const resolutionDue = claimed.resolutionDueAt!;

    await applyCaseEvent({ caseId: c.id, event: { type: "REQUEST_INFO", reason: "Which post?" }, actor: mo, at: after(t0, 5) });
    expect((await caseOf(c.id)).slaPausedAt?.getTime()).toBe(after(t0, 5).getTime());
    expect(await prisma.timer.count({ where: { caseId: c.id, kind: { startsWith: "sla_" }, status: "pending" } })).toBe(0);
    // Nothing fires while paused, however long the wait.
    expect(await scheduler("s").tick(after(resolutionDue, 60))).toBe(0);

    await applyCaseEvent({ caseId: c.id, event: { type: "INFO_RECEIVED" }, actor: mo, at: after(t0, 125) });
    const resumed = await caseOf(c.id);
    expect(resumed.slaPausedAt).toBeNull();
    expect(resumed.slaPausedMs).toBe(120 * 60_000);
    expect(resumed.resolutionDueAt!.getTime()).toBe(after(resolutionDue, 120).getTime());
    const breach = await prisma.timer.findFirstOrThrow({ where: { caseId: c.id, kind: "sla_resolution", status: "pending" } });
    expect(breach.dueAt.getTime()).toBe(resumed.resolutionDueAt!.getTime());
  });

  it("end when the case is resolved", async () => {
    const c = await reportSubject();
    const mo = await userByEmail("moderator@example.com");
    await applyCaseEvent({ caseId: c.id, event: { type: "CLAIM" }, actor: mo });
    await applyCaseEvent({ caseId: c.id, event: { type: "DISMISS", reason: "No breach" }, actor: mo });
    expect(await prisma.timer.count({ where: { caseId: c.id, kind: { startsWith: "sla_" }, status: "pending" } })).toBe(0);
  });
});

describe("a reopened case", () => {
  const pendingSla = (caseId: string) => prisma.timer.findMany({ where: { caseId, kind: { startsWith: "sla_" }, status: "pending" } });

  it("needs a first response again: its clocks start afresh on the first tier when a senior reopens it", async () => {
    const c = await reportSubject();
    const mo = await userByEmail("moderator@example.com");
    const senior = await userByEmail("senior@example.com");
    const t0 = new Date();
    await applyCaseEvent({ caseId: c.id, event: { type: "CLAIM" }, actor: mo, at: t0 });
    await applyCaseEvent({ caseId: c.id, event: { type: "DISMISS", reason: "No breach" }, actor: mo, at: after(t0, 10) });
    expect(await pendingSla(c.id)).toHaveLength(0);

    const reopenedAt = after(t0, 600);
    const outcome = await applyCaseEvent({ caseId: c.id, event: { type: "REOPEN", reason: "The author posted it again" }, actor: senior, at: reopenedAt });
    expect(outcome.status).toBe("applied");
    const row = await caseOf(c.id);
    expect(row.state).toBe("new");
    expect(row.firstRespondedAt).toBeNull();
    expect(row.firstResponseDueAt!.getTime()).toBe(after(reopenedAt, 240).getTime());
    expect(row.resolutionDueAt!.getTime()).toBe(after(reopenedAt, 2880).getTime());
    const timers = await pendingSla(c.id);
    expect(timers.map((t) => t.kind).sort()).toEqual(["sla_first_response", "sla_first_response_warning", "sla_resolution", "sla_resolution_warning"]);
    expect(timers.find((t) => t.kind === "sla_first_response")!.dueAt.getTime()).toBe(row.firstResponseDueAt!.getTime());

    // The new round's first claim is its first response.
    await applyCaseEvent({ caseId: c.id, event: { type: "CLAIM" }, actor: mo, at: after(reopenedAt, 3) });
    expect((await caseOf(c.id)).firstRespondedAt?.getTime()).toBe(after(reopenedAt, 3).getTime());
    expect((await pendingSla(c.id)).map((t) => t.kind).sort()).toEqual(["sla_resolution", "sla_resolution_warning"]);
  });

  it("climbs when nobody answers the reopening report in time", async () => {
    const c = await reportSubject();
    const mo = await userByEmail("moderator@example.com");
    await applyCaseEvent({ caseId: c.id, event: { type: "CLAIM" }, actor: mo });
    await applyCaseEvent({ caseId: c.id, event: { type: "DISMISS", reason: "No breach" }, actor: mo });

    // A report under a more severe rule brings something new: the case reopens.
    await reportSubject({ subjectId: c.subjectId, ruleCode: "hate" });
    const reopened = await caseOf(c.id);
    expect(reopened.state).toBe("new");
    expect(reopened.firstRespondedAt).toBeNull();
    const due = reopened.firstResponseDueAt!;
    // The new report raised the priority to the high band: 30 minutes to a first response.
    expect(reopened.priority).toBeGreaterThanOrEqual(80);
    expect(due.getTime()).toBe(after(reopened.updatedAt, 30).getTime());

    expect(await scheduler("after-reopen").tick(after(due, 1))).toBeGreaterThan(0);
    expect((await caseOf(c.id)).escalation).toMatchObject({ tierKey: "senior_moderator", state: "awaiting_ack" });
  });
});

describe("escalation from triage", () => {
  it("starts at the second tier on ESCALATE, is acknowledged by a senior's claim and resolves with the case", async () => {
    const c = await reportSubject();
    const mo = await userByEmail("moderator@example.com");
    const senior = await userByEmail("senior@example.com");
    await applyCaseEvent({ caseId: c.id, event: { type: "CLAIM" }, actor: mo });
    await applyCaseEvent({ caseId: c.id, event: { type: "ESCALATE", reason: "Looks like a coordinated raid" }, actor: mo });
    expect((await caseOf(c.id)).escalation).toMatchObject({ tierKey: "senior_moderator", state: "awaiting_ack" });
    expect(await prisma.notification.count({ where: { userId: senior.id, caseId: c.id, kind: "escalated" } })).toBe(1);

    await applyCaseEvent({ caseId: c.id, event: { type: "CLAIM" }, actor: senior });
    expect((await caseOf(c.id)).escalation).toMatchObject({ state: "acknowledged", acknowledgedById: senior.id });
    await applyCaseEvent({ caseId: c.id, event: { type: "DISMISS", reason: "Not a raid" }, actor: senior });
    const done = await caseOf(c.id);
    expect(done.escalation?.state).toBe("resolved");
    const actions = (await prisma.auditEntry.findMany({ where: { subjectId: c.id }, orderBy: { seq: "asc" } })).map((e) => e.action);
    expect(actions.filter((a) => a.startsWith("escalation."))).toEqual(["escalation.start", "escalation.acknowledge", "escalation.resolve"]);
  });
});
