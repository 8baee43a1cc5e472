import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { entryHash } from "~/models/audit/audit-chain";
import { verifyAuditChain } from "~/models/audit/audit-verify.server";
import { AuditLogNeedsAttention } from "~/models/audit/audit.server";
import type { IntakeContext, IntakeOutcome, ReportSubmission } from "~/models/intake/intake.server";
import { idempotencyHash, recordReport } from "~/models/intake/intake.server";
import { prisma } from "~/utils/db.server";
import { resetDb } from "../db";
import { seedDemo } from "../factories/demo";

// A raid's first reports that arrive together share one transaction on SQLite, and their
// rows go in together at its end (deferred writes, docs/decisions/0026). Reports started in
// the same turn of the event loop join one group, so each test's reports below do. What a
// caller sees must not change: each report its own answer, a second report of a subject
// joining the case the first opened, an Idempotency-Key answered once, a report the store
// refuses failing alone, and an audit chain that verifies.
// Group commit is SQLite's: the PostgreSQL project leaves this file out (test/vitest.config.ts).

const member: IntakeContext = { actor: { kind: "member" }, requestId: null };

function submission(subjectId: string, text = "You will all regret this."): ReportSubmission {
  return { source: "member", subject: { type: "content", id: subjectId, text, language: "en" }, ruleCode: "respect" };
}

function accepted(outcome: IntakeOutcome) {
  if (outcome.kind !== "accepted") throw new Error(`not accepted: ${outcome.kind}`);
  return outcome.body;
}

async function entriesAbout(ids: string[]) {
  return prisma.auditEntry.findMany({ where: { subjectId: { in: ids } }, orderBy: { seq: "asc" }, select: { action: true, subjectId: true } });
}

describe("first reports that arrive together", () => {
  beforeEach(async () => {
    await resetDb();
    await seedDemo();
  });

  it("are each answered with their own case, every row written, their entries chained in order", async () => {
    const subjects = Array.from({ length: 8 }, (_, i) => `group-${i}`);
    const bodies = (await Promise.all(subjects.map((s) => recordReport(submission(s), member)))).map(accepted);

    expect(new Set(bodies.map((b) => b.caseRef)).size).toBe(8);
    for (const [i, body] of bodies.entries()) {
      const report = await prisma.report.findUniqueOrThrow({ where: { ref: body.reportRef }, include: { case: true } });
      expect(report.subjectId).toBe(subjects[i]);
      expect(report.case.ref).toBe(body.caseRef);
      expect(report.case.reportCount).toBe(1);
      // Its SLA clocks started with it.
      expect(await prisma.timer.count({ where: { caseId: body.caseId, status: "pending" } })).toBeGreaterThan(0);
      expect(await prisma.slaDeadline.count({ where: { caseId: body.caseId } })).toBe(2);
    }
    // Two entries per report, in the order the reports were taken, with nothing between them.
    const entries = await entriesAbout(bodies.flatMap((b) => [b.reportId, b.caseId]));
    expect(entries).toEqual(bodies.flatMap((b) => [{ action: "report.received", subjectId: b.reportId }, { action: "case.created", subjectId: b.caseId }]));
    expect(await verifyAuditChain(prisma)).toMatchObject({ ok: true });
    // The queue's tallies counted every case.
    const tallied = await prisma.queueTally.aggregate({ _sum: { count: true }, where: { state: "new" } });
    expect(tallied._sum.count).toBe(await prisma.case.count({ where: { state: "new" } }));
  });

  it("join the case an earlier report of the same subject opened in the same group", async () => {
    const outcomes = await Promise.all(["raided", "other-1", "raided", "other-2", "raided"].map((s) => recordReport(submission(s), member)));
    const bodies = outcomes.map(accepted);
    const raided = [bodies[0], bodies[2], bodies[4]];
    expect(new Set(raided.map((b) => b.caseRef)).size).toBe(1);
    expect(raided.map((b) => b.duplicate)).toEqual([false, true, true]);
    const kase = await prisma.case.findUniqueOrThrow({ where: { ref: bodies[0].caseRef } });
    expect(kase.reportCount).toBe(3);
    expect(await prisma.case.count({ where: { subjectId: { in: ["raided", "other-1", "other-2"] } } })).toBe(3);
    expect(await verifyAuditChain(prisma)).toMatchObject({ ok: true });
  });

  it("answer an Idempotency-Key once: the same body again is the first answer, another body is refused", async () => {
    const apiKey = await prisma.apiKey.findFirstOrThrow({ where: { revokedAt: null } });
    const body = submission("idem-subject");
    const other = submission("idem-other");
    const ctx = (report: ReportSubmission): IntakeContext => ({
      actor: { kind: "api-key", id: apiKey.id, name: apiKey.name },
      requestId: null,
      idempotency: { key: "retry-1", requestHash: idempotencyHash(report) },
    });
    const [first, again, reused] = await Promise.all([recordReport(body, ctx(body)), recordReport(body, ctx(body)), recordReport(other, ctx(other))]);
    const firstBody = accepted(first);
    expect(again).toEqual({ kind: "replayed", status: 201, bodyJson: first.kind === "accepted" ? first.bodyJson : "" });
    expect(reused).toEqual({ kind: "idempotency_key_reused" });
    expect(await prisma.report.count({ where: { subjectId: { in: ["idem-subject", "idem-other"] } } })).toBe(1);
    expect((await prisma.report.findUniqueOrThrow({ where: { ref: firstBody.reportRef } })).idempotencyKey).toBe("retry-1");
  });

  describe("with a report the store refuses", () => {
    // Stands in for any row the store turns down when the group's rows go in together.
    beforeEach(() =>
      prisma.$executeRawUnsafe(`CREATE TRIGGER "test_refuse_report" BEFORE INSERT ON "Report" WHEN NEW."text" = 'refuse me' BEGIN SELECT RAISE(ABORT, 'refused by the test'); END`),
    );
    afterEach(() => prisma.$executeRawUnsafe(`DROP TRIGGER IF EXISTS "test_refuse_report"`));

    it("fails that report alone; the others of its group are written and answered", async () => {
      const reports = [submission("kept-1"), submission("refused", "refuse me"), submission("kept-2"), submission("kept-3")];
      const results = await Promise.allSettled(reports.map((r) => recordReport(r, member)));
      expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled", "fulfilled"]);
      expect(String((results[1] as PromiseRejectedResult).reason)).toContain("refused by the test");
      expect((await prisma.report.findMany({ where: { subjectId: { in: ["kept-1", "refused", "kept-2", "kept-3"] } }, orderBy: { subjectId: "asc" } })).map((r) => r.subjectId)).toEqual([
        "kept-1",
        "kept-2",
        "kept-3",
      ]);
      // Nothing of the refused report: no case, no entry.
      expect(await prisma.case.count({ where: { subjectId: "refused" } })).toBe(0);
      const kept = results.flatMap((r) => (r.status === "fulfilled" ? [accepted(r.value)] : []));
      expect(await entriesAbout(kept.flatMap((b) => [b.reportId, b.caseId]))).toHaveLength(6);
      expect(await prisma.auditEntry.count({ where: { action: "report.received" } })).toBe(await prisma.report.count());
      expect(await verifyAuditChain(prisma)).toMatchObject({ ok: true });
    });

    it("does not blame a later report of the same subject, whose read wrote the refused rows first", async () => {
      const reports = [submission("shared", "refuse me"), submission("shared"), submission("apart")];
      const results = await Promise.allSettled(reports.map((r) => recordReport(r, member)));
      expect(results.map((r) => r.status)).toEqual(["rejected", "fulfilled", "fulfilled"]);
      // The second report opened the subject's case, the first having written nothing.
      const [, second] = results.map((r) => (r.status === "fulfilled" ? accepted(r.value) : null));
      expect(second).toMatchObject({ duplicate: false });
      expect(await prisma.report.count({ where: { subjectId: "shared" } })).toBe(1);
      expect(await verifyAuditChain(prisma)).toMatchObject({ ok: true });
    });
  });

  it("name the entry in the way when one sits past the chain's head, and write nothing", async () => {
    // A row at the second number after the head, written without moving it (as someone
    // with access to the database could): the group's first report takes the number
    // before it, so the refusal must name this one, not the first of the append.
    accepted(await recordReport(submission("before-the-gap"), member));
    const head = await prisma.auditHead.findUniqueOrThrow({ where: { id: 1 } });
    const last = await prisma.auditEntry.findUniqueOrThrow({ where: { seq: head.seq } });
    const extra = { ...last, seq: head.seq + 2, prevHash: "unknown", reason: "slipped in" };
    await prisma.auditEntry.create({ data: { ...extra, hash: entryHash(extra.prevHash, extra) } });
    const before = { reports: await prisma.report.count(), cases: await prisma.case.count(), entries: await prisma.auditEntry.count() };

    const results = await Promise.allSettled(["blocked-1", "blocked-2", "blocked-3"].map((s) => recordReport(submission(s), member)));
    for (const result of results) {
      expect(result.status).toBe("rejected");
      const reason = (result as PromiseRejectedResult).reason;
      expect(reason).toBeInstanceOf(AuditLogNeedsAttention);
      expect(reason).toMatchObject({ seq: head.seq + 2 });
    }
    expect({ reports: await prisma.report.count(), cases: await prisma.case.count(), entries: await prisma.auditEntry.count() }).toEqual(before);
    expect(await prisma.auditHead.findUniqueOrThrow({ where: { id: 1 } })).toEqual(head);
  });
});
