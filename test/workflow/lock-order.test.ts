import { beforeEach, describe, expect, it } from "vitest";
import { verifyAuditChain } from "~/models/audit/audit-verify.server";
import { applyCaseEvent } from "~/models/cases/case-events.server";
import { fireCaseTimer } from "~/models/cases/case-timers.server";
import { recordReport } from "~/models/intake/intake.server";
import { writeRetries } from "~/models/workflow/write-retry.server";
import { createScheduler } from "~/services/scheduler.server";
import { isSqlite, prisma } from "~/utils/db.server";
import { resetDb } from "../db";
import { reportSubject, userByEmail } from "../factories/cases";
import { seedDemo } from "../factories/demo";

// One lock order for every writer (the case row, then the audit head). Intake of new
// reports for a case, claims, releases, acts, reopenings and SLA deadlines firing on that
// same case race from several connections; on PostgreSQL opposite orders would deadlock.
// The store must report no deadlock at all (not "survived by a retry"), and the chain verifies.

const OPERATIONS = 200;
const CONCURRENCY = 8;

beforeEach(async () => {
  await resetDb();
  await seedDemo();
});

describe("racing writers on one case", () => {
  it("never deadlock, lose nothing and leave a chain that verifies", async () => {
    const subjectId = "raided-post";
    const c = await reportSubject({ subjectId });
    const mo = await userByEmail("moderator@example.com");
    const senior = await userByEmail("senior@example.com");
    const far = new Date(Date.now() + 30 * 24 * 3_600_000);
    const schedulers = [0, 1].map((n) => createScheduler({ fire: fireCaseTimer, instanceId: `race-${n}`, onError: (e) => console.error(e) }));
    let reports = 1;

    const operation = async (i: number): Promise<string> => {
      switch (i % 6) {
        case 0: {
          const outcome = await recordReport(
            { source: "member", subject: { type: "content", id: subjectId, authorHandle: "@author", text: `again ${i}`, language: "en" }, ruleCode: "respect" },
            { actor: { kind: "member" }, requestId: null },
          );
          if (outcome.kind === "accepted") reports++;
          return outcome.kind;
        }
        case 1:
          return (await applyCaseEvent({ caseId: c.id, event: { type: "CLAIM" }, actor: i % 12 === 1 ? mo : senior })).status;
        case 2:
          return (await applyCaseEvent({ caseId: c.id, event: { type: "ACT", action: "warn", ruleCode: "respect", reason: `Race ${i}.` }, actor: mo })).status;
        case 3:
          return (await applyCaseEvent({ caseId: c.id, event: { type: "REOPEN", reason: `Race ${i}.` }, actor: senior })).status;
        case 4:
          return (await applyCaseEvent({ caseId: c.id, event: { type: "RELEASE" }, actor: senior })).status;
        default:
          // Every deadline of the case has passed by then: claim expiries and SLA breaches fire.
          return `fired ${await schedulers[i % 2].tick(far)}`;
      }
    };

    Object.assign(writeRetries, { deadlocks: 0, conflicts: 0, busy: 0 });
    const results: string[] = [];
    for (let start = 0; start < OPERATIONS; start += CONCURRENCY) {
      const batch = Array.from({ length: Math.min(CONCURRENCY, OPERATIONS - start) }, (_, k) => operation(start + k));
      results.push(...(await Promise.all(batch)));
    }
    console.log(`${OPERATIONS} racing writes on ${isSqlite() ? "SQLite" : "PostgreSQL"}: ${writeRetries.deadlocks} deadlocks, ${writeRetries.conflicts} retried conflicts`);

    expect(writeRetries.deadlocks).toBe(0);
    expect(results.filter((r) => r === "applied").length).toBeGreaterThan(OPERATIONS / 6);
    // Every accepted report is on the case, counted once.
    const after = await prisma.case.findUniqueOrThrow({ where: { id: c.id } });
    expect(await prisma.report.count({ where: { caseId: c.id } })).toBe(reports);
    expect(after.reportCount).toBe(reports);
    // Each applied case event is one audit entry and one version step.
    const caseEvents = await prisma.auditEntry.count({ where: { subjectType: "Case", subjectId: c.id, action: { startsWith: "case." }, NOT: { action: "case.created" } } });
    expect(after.version).toBe(c.version + caseEvents);
    expect(await verifyAuditChain(prisma)).toMatchObject({ ok: true });
  });
});
