import { beforeEach, describe, expect, it } from "vitest";
import { action as postReport } from "~/routes/api.v1.reports";
import { action as submitForm } from "~/routes/report";
import { recordReport } from "~/models/intake/intake.server";
import type { PriorityFactor } from "~/models/cases/priority";
import { prisma } from "~/utils/db.server";
import { resetDb } from "../db";
import { seedDemo } from "../factories/demo";
import { apiRequest, call, formRequest, reportBody } from "./helpers";

async function post(body: unknown) {
  const res = await call(postReport, apiRequest("/api/v1/reports", { body }));
  expect(res.status).toBe(201);
  return res.json() as Promise<{ reportId: string; caseId: string; caseRef: string; duplicate: boolean }>;
}

async function caseOf(caseId: string) {
  const row = await prisma.case.findUniqueOrThrow({ where: { id: caseId } });
  return { ...row, breakdown: JSON.parse(row.priorityBreakdown) as PriorityFactor[] };
}

describe("grouping reports into cases", () => {
  beforeEach(async () => {
    await resetDb();
    await seedDemo();
  });

  it("gathers reports about one subject into one case and flags the later ones as duplicates", async () => {
    const first = await post(reportBody("https://Community.example/p/7/?utm_source=share#c1", { reporter: { id: "a" } }));
    const second = await post(reportBody("https://community.example:443/p/7", { reporter: { id: "b" } }));
    const other = await post(reportBody("https://community.example/p/8"));
    expect(first.duplicate).toBe(false);
    expect(second).toMatchObject({ duplicate: true, caseId: first.caseId, caseRef: first.caseRef });
    expect(other.caseId).not.toBe(first.caseId);

    const grouped = await caseOf(first.caseId);
    expect(grouped).toMatchObject({ reportCount: 2, reporterCount: 2, subjectKey: "content:url:https://community.example/p/7" });
    expect(await prisma.report.count({ where: { caseId: first.caseId } })).toBe(2);
  });

  it("joins a form report given as a URL with API reports whose id is that URL", async () => {
    const api = await post(reportBody("https://community.example/p/9"));
    const res = await call(
      submitForm,
      formRequest("/report", { subject: "https://COMMUNITY.example/p/9?fbclid=xyz", subjectType: "content", ruleCode: "spam" }),
    );
    expect(res.status).toBe(302);
    const report = await prisma.report.findFirstOrThrow({ where: { source: "form" } });
    expect(report.caseId).toBe(api.caseId);
    expect(report.subjectUrl).toBe("https://COMMUNITY.example/p/9?fbclid=xyz");
  });

  it("counts a reporter once however often they report, and every anonymous report as its own", async () => {
    const { caseId } = await post(reportBody("post-1", { reporter: { id: "u1", handle: "@one" } }));
    await post(reportBody("post-1", { reporter: { id: "u1" } }));
    await post(reportBody("post-1", { reporter: { handle: "@two" } }));
    await post(reportBody("post-1", { reporter: { handle: "@two" } }));
    expect(await caseOf(caseId)).toMatchObject({ reportCount: 4, reporterCount: 2 });
    await post(reportBody("post-1"));
    await post(reportBody("post-1"));
    expect(await caseOf(caseId)).toMatchObject({ reportCount: 6, reporterCount: 4 });
  });

  it("counts form reporters by their contact", async () => {
    const fields = { subject: "post-form", subjectType: "content", ruleCode: "spam", contact: "member@example.com" };
    await call(submitForm, formRequest("/report", fields), {}, "198.51.100.1");
    await call(submitForm, formRequest("/report", fields), {}, "198.51.100.2");
    await call(submitForm, formRequest("/report", { ...fields, contact: "" }), {}, "198.51.100.3");
    const row = await prisma.case.findFirstOrThrow();
    expect(row).toMatchObject({ reportCount: 3, reporterCount: 2 });
  });

  it("keeps the most severe rule and the first language, snapshot and author given", async () => {
    await prisma.rule.create({
      data: { code: "test_severe", severity: 5, translations: { create: { locale: "en", title: "Severe", description: "For tests." } } },
    });
    const { caseId } = await post(reportBody("post-2", { ruleCode: "spam" }));
    expect((await caseOf(caseId)).language).toBeNull();
    await post(reportBody("post-2", { ruleCode: "test_severe" }, { language: "pl", text: "pierwszy", authorHandle: "@autor" }));
    await post(reportBody("post-2", { ruleCode: "respect" }, { language: "en", text: "second", authorHandle: "@other" }));
    expect(await caseOf(caseId)).toMatchObject({ ruleCode: "test_severe", language: "pl", text: "pierwszy", authorHandle: "@autor" });
  });

  it("stores a priority breakdown that adds up to the priority and rises with independent reporters", async () => {
    const { caseId } = await post(reportBody("post-3", { reporter: { id: "a" } }));
    const before = await caseOf(caseId);
    expect(before.breakdown.map((f) => f.factor)).toEqual(["severity", "reports", "reporters", "screen"]);
    expect(before.breakdown.reduce((s, f) => s + f.points, 0)).toBe(before.priority);
    expect(before.breakdown[0]).toMatchObject({ factor: "severity", value: 2, explanation: expect.stringContaining("respect") });

    await post(reportBody("post-3", { reporter: { id: "b" } }));
    const after = await caseOf(caseId);
    expect(after.priority).toBeGreaterThan(before.priority);
    expect(after.breakdown.find((f) => f.factor === "reporters")).toMatchObject({ value: 2 });
    expect(after.breakdown.reduce((s, f) => s + f.points, 0)).toBe(after.priority);
  });

  it("audits the update of a case with what changed", async () => {
    const { caseId } = await post(reportBody("post-4", { reporter: { id: "a" } }));
    await post(reportBody("post-4", { reporter: { id: "b" } }));
    const entry = await prisma.auditEntry.findFirstOrThrow({ where: { action: "case.report_added", subjectId: caseId } });
    expect(JSON.parse(entry.before ?? "null")).toMatchObject({ reportCount: 1, reporterCount: 1 });
    expect(JSON.parse(entry.after ?? "null")).toMatchObject({ reportCount: 2, reporterCount: 2 });
    expect(entry.reason).toMatch(/^Report R-\w{8} joined the case\.$/);
  });

  it("creates one case when reports about a new subject arrive at the same time", async () => {
    const submissions = Array.from({ length: 8 }, (_, i) =>
      recordReport(
        { source: "member", subject: { type: "content", id: "burst" }, ruleCode: "spam", reporter: { id: `r${i}` } },
        { actor: { kind: "member" } },
      ),
    );
    const outcomes = await Promise.all(submissions);
    const caseIds = new Set(outcomes.map((o) => (o.kind === "accepted" ? o.body.caseId : o.kind)));
    expect(caseIds.size).toBe(1);
    expect(outcomes.filter((o) => o.kind === "accepted" && !o.body.duplicate)).toHaveLength(1);
    expect(await prisma.case.findFirstOrThrow()).toMatchObject({ reportCount: 8 });
  });
});
