import { beforeEach, describe, expect, it, vi } from "vitest";
import { findCaseBySubjectKey } from "~/models/cases/cases.server";
import { recordReport } from "~/models/intake/intake.server";
import { prisma } from "~/utils/db.server";
import { resetDb } from "../db";
import { seedDemo } from "../factories/demo";

// Another transaction creating the same case between our lookup and our insert: the
// lookup is made to miss once, as it would on a store where both run at once.
vi.mock(import("~/models/cases/cases.server"), async (importOriginal) => {
  const actual = await importOriginal();
  return { ...actual, findCaseBySubjectKey: vi.fn(actual.findCaseBySubjectKey) };
});

const submission = { source: "member" as const, subject: { type: "content" as const, id: "raced" }, ruleCode: "spam" };

describe("two transactions creating the same case", () => {
  beforeEach(async () => {
    await resetDb();
    await seedDemo();
  });

  it("retries the loser as an update of the winner's case", async () => {
    const first = await recordReport(submission, { actor: { kind: "member" } });
    vi.mocked(findCaseBySubjectKey).mockResolvedValueOnce(null);
    const second = await recordReport(submission, { actor: { kind: "member" } });

    expect(first.kind).toBe("accepted");
    expect(second.kind).toBe("accepted");
    if (first.kind !== "accepted" || second.kind !== "accepted") return;
    expect(second.body).toMatchObject({ caseId: first.body.caseId, duplicate: true });
    expect(await prisma.case.count()).toBe(1);
    expect(await prisma.case.findFirstOrThrow()).toMatchObject({ reportCount: 2, reporterCount: 2 });
    // The failed attempt left nothing behind: one entry per report, one per case change.
    const actions = (await prisma.auditEntry.findMany({ orderBy: { seq: "asc" } })).map((a) => a.action);
    expect(actions).toEqual(["report.received", "case.created", "case.report_added", "report.received"]);
  });
});
