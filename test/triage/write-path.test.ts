import { beforeEach, describe, expect, it } from "vitest";
import { applyCaseEvent } from "~/models/cases/case-events.server";
import { prisma } from "~/utils/db.server";
import { resetDb } from "../db";
import { seedDemo } from "../factories/demo";
import { reportSubject, userByEmail } from "../factories/cases";

beforeEach(async () => {
  await resetDb();
  await seedDemo();
});

describe("the write path", () => {
  it("applies a claim: snapshot, state column, version, audit entry and claim timer in one go", async () => {
    const c = await reportSubject();
    const mo = await userByEmail("moderator@example.com");
    const at = new Date("2026-11-22T12:00:00Z");
    const outcome = await applyCaseEvent({ caseId: c.id, event: { type: "CLAIM" }, actor: mo, at, requestId: "req-1" });
    expect(outcome.status).toBe("applied");

    const after = await prisma.case.findUniqueOrThrow({ where: { id: c.id } });
    expect(after.state).toBe("in_review");
    expect(JSON.parse(after.snapshot).value).toBe("in_review");
    expect(after.assigneeId).toBe(mo.id);
    expect(after.version).toBe(c.version + 1);
    expect(after.claimExpiresAt?.toISOString()).toBe("2026-11-22T12:10:00.000Z");

    const entry = await prisma.auditEntry.findFirstOrThrow({ where: { subjectId: c.id, action: "case.claim" } });
    expect(entry.actorLabel).toBe("moderator@example.com");
    expect(entry.role).toBe("moderator");
    expect(entry.requestId).toBe("req-1");
    expect(JSON.parse(entry.before!)).toMatchObject({ state: "new" });
    expect(JSON.parse(entry.after!)).toMatchObject({ state: "in_review", assigneeId: mo.id });

    const timers = await prisma.timer.findMany({ where: { caseId: c.id, kind: "claim_expiry", status: "pending" } });
    expect(timers).toHaveLength(1);
    expect(timers[0].dueAt.toISOString()).toBe("2026-11-22T12:10:00.000Z");
  });

  it("tells a second moderator who holds the case and changes nothing", async () => {
    const c = await reportSubject();
    const senior = await userByEmail("senior@example.com");
    const mo = await userByEmail("moderator@example.com");
    await applyCaseEvent({ caseId: c.id, event: { type: "CLAIM" }, actor: senior });
    const before = await prisma.case.findUniqueOrThrow({ where: { id: c.id } });

    const outcome = await applyCaseEvent({ caseId: c.id, event: { type: "CLAIM" }, actor: mo });
    expect(outcome.status).toBe("refused");
    expect(outcome.status === "refused" && outcome.message).toContain("held by Sen Senior (senior@example.com)");
    const after = await prisma.case.findUniqueOrThrow({ where: { id: c.id } });
    expect(after.version).toBe(before.version);
    expect(after.assigneeId).toBe(senior.id);
  });

  it("gives exactly one of several racing moderators the claim", async () => {
    const c = await reportSubject();
    const workers = await Promise.all(
      ["moderator@example.com", "senior@example.com", "lead@example.com"].map((e) => userByEmail(e)),
    );
    const outcomes = await Promise.all(
      workers.map((actor) => applyCaseEvent({ caseId: c.id, event: { type: "CLAIM" }, actor })),
    );
    expect(outcomes.filter((o) => o.status === "applied")).toHaveLength(1);
    expect(outcomes.filter((o) => o.status === "refused")).toHaveLength(2);
    expect(await prisma.auditEntry.count({ where: { subjectId: c.id, action: "case.claim" } })).toBe(1);
    expect(await prisma.timer.count({ where: { caseId: c.id, kind: "claim_expiry", status: "pending" } })).toBe(1);
  });

  it("answers a stale version with a conflict naming who changed the case and what they did", async () => {
    const c = await reportSubject();
    const mo = await userByEmail("moderator@example.com");
    await applyCaseEvent({ caseId: c.id, event: { type: "CLAIM" }, actor: mo });
    await applyCaseEvent({ caseId: c.id, event: { type: "DISMISS", reason: "Not a rule breach" }, actor: mo });
    const senior = await userByEmail("senior@example.com");

    const outcome = await applyCaseEvent({
      caseId: c.id,
      event: { type: "REOPEN", reason: "Looks wrong" },
      actor: senior,
      expectedVersion: c.version,
    });
    expect(outcome.status).toBe("conflict");
    if (outcome.status !== "conflict") return;
    expect(outcome.message).toContain("moderator@example.com (dismiss)");
    expect(outcome.latest.state).toBe("dismissed");
    expect((await prisma.case.findUniqueOrThrow({ where: { id: c.id } })).state).toBe("dismissed");
  });

  it("refuses people without the permission, naming it", async () => {
    const c = await reportSubject();
    for (const email of ["admin@example.com", "leadership@example.com", "comms@example.com"]) {
      const outcome = await applyCaseEvent({ caseId: c.id, event: { type: "CLAIM" }, actor: await userByEmail(email) });
      expect(outcome).toMatchObject({ status: "forbidden", permission: "work:case" });
    }
    expect((await prisma.case.findUniqueOrThrow({ where: { id: c.id } })).version).toBe(c.version);
  });

  it("holds a ban for a second person and records the enforcement once approved", async () => {
    const c = await reportSubject({ ruleCode: "respect" });
    const mo = await userByEmail("moderator@example.com");
    const senior = await userByEmail("senior@example.com");
    await applyCaseEvent({ caseId: c.id, event: { type: "CLAIM" }, actor: mo });
    const proposed = await applyCaseEvent({
      caseId: c.id,
      event: { type: "ACT", action: "ban", ruleCode: "respect", reason: "Repeated abuse" },
      actor: mo,
    });
    expect(proposed).toMatchObject({ status: "applied", case: { state: "awaiting_approval" } });
    expect(await prisma.enforcementAction.count({ where: { caseId: c.id } })).toBe(0);

    // The proposer cannot approve (and a moderator lacks the permission anyway).
    expect((await applyCaseEvent({ caseId: c.id, event: { type: "APPROVE" }, actor: mo })).status).toBe("forbidden");

    const approved = await applyCaseEvent({ caseId: c.id, event: { type: "APPROVE" }, actor: senior });
    expect(approved).toMatchObject({ status: "applied", case: { state: "actioned" } });
    const enforcement = await prisma.enforcementAction.findFirstOrThrow({ where: { caseId: c.id } });
    expect(enforcement).toMatchObject({ kind: "ban", ruleCode: "respect", actorId: mo.id, approvedById: senior.id, reason: "Repeated abuse" });
    const closed = await prisma.case.findUniqueOrThrow({ where: { id: c.id } });
    expect(closed.isOpen).toBe(false);
  });

  it("asks the approvers, not the proposer, in their inbox; a rejection goes back to the proposer", async () => {
    const c = await reportSubject();
    const mo = await userByEmail("moderator@example.com");
    const senior = await userByEmail("senior@example.com");
    const lead = await userByEmail("lead@example.com");
    const inboxOf = (userId: string) => prisma.notification.findMany({ where: { userId, caseId: c.id } });
    await applyCaseEvent({ caseId: c.id, event: { type: "CLAIM" }, actor: mo });
    await applyCaseEvent({ caseId: c.id, event: { type: "ACT", action: "ban", ruleCode: "respect", reason: "Repeated abuse" }, actor: mo });

    for (const approver of [senior, lead]) {
      expect(await inboxOf(approver.id)).toEqual([
        expect.objectContaining({ kind: "approval_requested", caseRef: c.ref, title: `${c.ref}: ban proposed by moderator@example.com awaits approval`, body: "Repeated abuse" }),
      ]);
    }
    expect(await inboxOf(mo.id)).toEqual([]);

    await applyCaseEvent({ caseId: c.id, event: { type: "REJECT", reason: "A suspension is enough" }, actor: senior });
    expect(await inboxOf(mo.id)).toEqual([
      expect.objectContaining({ kind: "ban_rejected", title: `${c.ref}: senior@example.com rejected the ban you proposed`, body: "A suspension is enough" }),
    ]);
  });

  it("refuses to load a snapshot written by an unknown machine version", async () => {
    const c = await reportSubject();
    await prisma.$executeRawUnsafe(`UPDATE "Case" SET "machineVersion" = 99 WHERE "id" = '${c.id}'`);
    const mo = await userByEmail("moderator@example.com");
    await expect(applyCaseEvent({ caseId: c.id, event: { type: "CLAIM" }, actor: mo })).rejects.toThrow(/machine version 99/);
  });

  it("sends intake's reports through the machine: a closed case reopens on a new rule, counts a repeat", async () => {
    const c = await reportSubject({ subjectId: "post-42", ruleCode: "spam" });
    const mo = await userByEmail("moderator@example.com");
    await applyCaseEvent({ caseId: c.id, event: { type: "CLAIM" }, actor: mo });
    await applyCaseEvent({ caseId: c.id, event: { type: "DISMISS", reason: "Not spam" }, actor: mo });

    const repeat = await reportSubject({ subjectId: "post-42", ruleCode: "spam" });
    expect(repeat.id).toBe(c.id);
    expect(repeat.state).toBe("dismissed");
    expect(repeat.reportCount).toBe(2);

    const worse = await reportSubject({ subjectId: "post-42", ruleCode: "respect" });
    expect(worse.state).toBe("new");
    expect(worse.isOpen).toBe(true);
    expect(await prisma.auditEntry.count({ where: { subjectId: c.id, action: "case.report_added" } })).toBe(2);
  });
});
