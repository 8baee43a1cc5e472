import { beforeAll, describe, expect, it } from "vitest";
import type { CaseEventBody } from "~/models/cases/case-events.server";
import { applyCaseEvent } from "~/models/cases/case-events.server";
import { fireCaseTimer } from "~/models/cases/case-timers.server";
import type { DashboardView } from "~/models/dashboard/dashboard.server";
import { loadDashboard } from "~/models/dashboard/dashboard.server";
import type { ReportSubmission } from "~/models/intake/intake.server";
import { recordReport } from "~/models/intake/intake.server";
import { TimerAlreadySettled } from "~/models/workflow/timers.server";
import { createScheduler } from "~/services/scheduler.server";
import { prisma } from "~/utils/db.server";
import { resetDb } from "../db";
import { userByEmail } from "../factories/cases";
import { seedDemo } from "../factories/demo";

// Every figure of the dashboard against a small data set worked out by hand (in the
// comments), on each store; and the rollups' answer against the GROUP BY over the rows.

const MIN = 60_000;
const DAY = 86_400_000;
const R = new Date(Math.floor(Date.now() / MIN) * MIN);
const at = (minutes: number) => new Date(R.getTime() + minutes * MIN);
// Seen five days later: "the last 7 days" hold R and the days around it; the 7 before hold R − 5 days.
const NOW = new Date(R.getTime() + 5 * DAY);

async function report(id: string, fields: Partial<ReportSubmission> & { language?: string }, via: "form" | "api" = "form") {
  const { language, ...rest } = fields;
  const key = await prisma.apiKey.findFirstOrThrow();
  const outcome = await recordReport(
    { source: "form", subject: { type: "content", id, text: "You are all idiots.", language: language ?? "en" }, ruleCode: "spam", ...rest },
    { actor: via === "api" ? { kind: "api-key", id: key.id, name: key.name } : { kind: "member" } },
  );
  if (outcome.kind !== "accepted") throw new Error(outcome.kind);
  // Received, and the case opened, at R exactly (intake stamps the real time).
  await prisma.report.update({ where: { id: outcome.body.reportId }, data: { receivedAt: R } });
  if (!outcome.body.duplicate) await prisma.case.update({ where: { id: outcome.body.caseId }, data: { createdAt: R } });
  return outcome.body.caseId;
}

async function act(caseId: string, email: string, event: CaseEventBody, minutes: number) {
  const outcome = await applyCaseEvent({ caseId, event, actor: await userByEmail(email), at: at(minutes) });
  expect(outcome.status, `${event.type} by ${email}`).toBe("applied");
}

const figure = (view: DashboardView, key: string) => {
  const f = view.figures.find((x) => x.key === key);
  if (!f) throw new Error(`no figure ${key}`);
  return { value: f.value, previous: f.previous, change: f.change };
};
const lead = { workload: true };

describe("the dashboard's figures", () => {
  beforeAll(async () => {
    await resetDb();
    await seedDemo();
    // Before: P, reported on the form 5 days earlier, answered after 10 minutes, dismissed after 30.
    const p = await report("post-p", { ruleCode: "spam" });
    await prisma.report.updateMany({ where: { caseId: p }, data: { receivedAt: at(-5 * 1440) } });
    await prisma.case.update({ where: { id: p }, data: { createdAt: at(-5 * 1440) } });
    await act(p, "moderator@example.com", { type: "CLAIM" }, -5 * 1440 + 10);
    await act(p, "moderator@example.com", { type: "DISMISS", reason: "Not spam" }, -5 * 1440 + 30);

    // This period: A (form, respect, twice), B (a member through the API, Polish), C (the
    // platform's detection), D (hate, escalated), E (never answered).
    const a = await report("post-a", { ruleCode: "respect" });
    await report("post-a", { ruleCode: "respect" });
    const b = await report("post-b", { source: "member", language: "pl" }, "api");
    const c = await report("post-c", { source: "platform" }, "api");
    const d = await report("post-d", { ruleCode: "hate" });
    await report("post-e", {});
    // A: answered after 10 min, warned after 2 h.
    await act(a, "moderator@example.com", { type: "CLAIM" }, 10);
    await act(a, "moderator@example.com", { type: "ACT", action: "warn", ruleCode: "respect", reason: "Insults" }, 120);
    // B: answered after 20 min; a ban proposed and rejected by a senior; dismissed after 50 min.
    await act(b, "moderator@example.com", { type: "CLAIM" }, 20);
    await act(b, "moderator@example.com", { type: "ACT", action: "ban", ruleCode: "spam", reason: "Bot" }, 25);
    await act(b, "senior@example.com", { type: "REJECT", reason: "First time" }, 30);
    await act(b, "moderator@example.com", { type: "DISMISS", reason: "Removed by the author" }, 50);
    // C: answered after 3 h, still open.
    await act(c, "moderator@example.com", { type: "CLAIM" }, 180);
    // D: answered after 10 min, escalated, acknowledged by a senior's claim, dismissed after 2 h.
    await act(d, "moderator@example.com", { type: "CLAIM" }, 10);
    await act(d, "moderator@example.com", { type: "ESCALATE", reason: "Needs a senior" }, 15);
    await act(d, "senior@example.com", { type: "CLAIM" }, 20);
    await act(d, "senior@example.com", { type: "DISMISS", reason: "Quoting, not endorsing" }, 120);
    // E's first-response deadline (4 h for a low-priority case) passes: missed on the first tier, E climbs.
    const scheduler = createScheduler({ fire: fireCaseTimer, instanceId: "figures", onError: (e) => (e instanceof TimerAlreadySettled ? null : console.error(e)) });
    await scheduler.tick(at(5 * 60));
  });

  it("count reports, the members' share, cases opened and resolved, against the period before", async () => {
    const view = await loadDashboard(new URLSearchParams(), lead, NOW);
    // Reports: A twice, B, C, D, E = 6 against P's 1; from members: all but C's = 5 of 6.
    expect(figure(view, "reports")).toEqual({ value: "6", previous: "1", change: "+5 (+500 %)" });
    expect(figure(view, "memberShare")).toEqual({ value: "83.3 %", previous: "100 %", change: "−16.7 points" });
    // Opened: A, B, C, D, E against P. Resolved: A, B, D against P.
    expect(figure(view, "opened")).toEqual({ value: "5", previous: "1", change: "+4 (+400 %)" });
    expect(figure(view, "resolved")).toEqual({ value: "3", previous: "1", change: "+2 (+200 %)" });
  });

  it("read response and resolution times as median and 90th percentile", async () => {
    const view = await loadDashboard(new URLSearchParams(), lead, NOW);
    // First responses: A 10 min, D 10 min, B 20 min, C 3 h. Median (2nd of 4): within 10 min;
    // 90th percentile (4th of 4): within 4 h. Before: P's 10 min.
    expect(figure(view, "firstResponseMedian")).toEqual({ value: "within 10 min", previous: "within 10 min", change: "no change" });
    expect(figure(view, "firstResponseP90")).toEqual({ value: "within 4 h", previous: "within 10 min", change: "slower" });
    // Resolutions: B 50 min, A 2 h, D 2 h. Median (2nd of 3) within 2 h; before, P's 30 min.
    expect(figure(view, "resolutionMedian")).toEqual({ value: "within 2 h", previous: "within 30 min", change: "slower" });
    expect(figure(view, "resolutionP90")).toEqual({ value: "within 2 h", previous: "within 30 min", change: "slower" });
  });

  it("give SLA compliance per tier, the escalation rate, ban proposals and the backlog", async () => {
    const view = await loadDashboard(new URLSearchParams(), lead, NOW);
    // The deadlines all fell due after R (P's too: its timers were armed when it was reported).
    // Moderator tier, first response: A, B, C, D, P met; E missed. Resolution: A, B, P resolved
    // in time, D and E left it for the senior tier before the deadline: all 5 kept.
    // Senior tier: D's acknowledgement and resolution met; E's still running.
    expect(view.tiers.map((t) => [t.label, t.current.firstResponseMet, t.current.firstResponseMissed, t.current.resolutionMet, t.current.resolutionMissed, t.current.peaked])).toEqual([
      ["Moderator", 5, 1, 5, 0, 2],
      ["Senior moderator", 1, 0, 1, 0, 1],
    ]);
    expect(figure(view, "firstResponseSla")).toEqual({ value: "85.7 %", previous: "—", change: "nothing to compare with" });
    expect(figure(view, "resolutionSla")).toEqual({ value: "100 %", previous: "—", change: "nothing to compare with" });
    // Of A, B and D, D climbed a tier; P did not.
    expect(figure(view, "escalationRate")).toEqual({ value: "33.3 %", previous: "0 %", change: "+33.3 points" });
    expect(figure(view, "banProposals")).toEqual({ value: "1", previous: "0", change: "+1" });
    expect(figure(view, "banRejected")).toEqual({ value: "1", previous: "0", change: "+1" });
    // C and E are open, opened 5 days before "now"; none was open when the period before ended.
    expect(figure(view, "backlog")).toEqual({ value: "2", previous: "0", change: "+2" });
    expect(view.backlogAges.map((b) => b.open)).toEqual([0, 0, 2, 0, 0]);
  });

  it("narrow every figure by language and by source", async () => {
    const polish = await loadDashboard(new URLSearchParams({ language: "pl" }), lead, NOW);
    expect(["reports", "opened", "resolved", "banProposals", "backlog"].map((k) => figure(polish, k).value)).toEqual(["1", "1", "1", "1", "0"]);
    expect(figure(polish, "resolutionMedian").value).toBe("within 1 h");
    const platform = await loadDashboard(new URLSearchParams({ source: "platform" }), lead, NOW);
    expect(figure(platform, "reports").value).toBe("1");
    expect(figure(platform, "memberShare").value).toBe("0 %");
    expect(figure(platform, "backlog").value).toBe("1");
    expect(figure(platform, "firstResponseMedian").value).toBe("within 4 h");
  });

  it("show volume over time by rule, language and source, and who decided how much", async () => {
    const view = await loadDashboard(new URLSearchParams(), lead, NOW);
    const total = (s: { label: string; values: number[] }) => [s.label, s.values.reduce((a, b) => a + b, 0)];
    expect(view.byRule.map(total)).toEqual([["No spam or self-promotion", 3], ["Respectful communication", 2], ["No hate speech", 1]]);
    expect(view.byLanguage.map(total)).toEqual([["English", 5], ["Polish", 1]]);
    expect(view.bySource.map(total)).toEqual([["Public form", 4], ["Members on the platform", 1], ["Platform detection", 1]]);
    expect(view.perSlot.reports.reduce((a, b) => a + b, 0)).toBe(6);
    expect(view.period.slots).toHaveLength(7);
    // Mo decided A and B; Sen decided D. Nobody holds a case now (C's claim expired).
    expect(view.workload).toEqual([
      { name: "Mo Moderator", resolved: 2, holding: 0 },
      { name: "Sen Senior", resolved: 1, holding: 0 },
    ]);
    expect((await loadDashboard(new URLSearchParams(), { workload: false }, NOW)).workload).toBeNull();
  });

  it("answer from the rollups what the GROUP BY over the rows answers, for every period and filter", async () => {
    const day = (offset: number) => new Date(R.getTime() + offset * DAY).toISOString().slice(0, 10);
    for (const search of ["", "period=30d", "period=90d&rule=spam", "language=pl", "source=form&period=30d", `period=dates&from=${day(-6)}&to=${day(1)}`]) {
      const params = new URLSearchParams(search);
      expect(await loadDashboard(params, lead, NOW), search).toEqual(await loadDashboard(params, lead, NOW, { naive: true }));
    }
  });

  it("reads the last 24 hours by the hour", async () => {
    const view = await loadDashboard(new URLSearchParams({ period: "24h" }), lead, at(3 * 60));
    expect(view.period.slots).toHaveLength(24);
    // Within 24 hours of R + 3 h: every report of this period; A, B, D resolved; P long before.
    expect(figure(view, "reports")).toEqual({ value: "6", previous: "0", change: "+6" });
    expect(figure(view, "resolved").value).toBe("3");
    expect(view.perSlot.reports.filter((n) => n > 0)).toEqual([6]);
  });

  it("a range of past dates ends where it says: the backlog then, not now", async () => {
    const day = (offset: number) => new Date(R.getTime() + offset * DAY).toISOString().slice(0, 10);
    const view = await loadDashboard(new URLSearchParams({ period: "dates", from: day(-6), to: day(-4) }), lead, NOW);
    expect(view.period.label).toBe(`${day(-6)} to ${day(-4)}`);
    expect(figure(view, "opened")).toEqual({ value: "1", previous: "0", change: "+1" });
    expect(figure(view, "backlog").value).toBe("0");
  });
});
