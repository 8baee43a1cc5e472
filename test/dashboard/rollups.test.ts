import { beforeAll, describe, expect, it } from "vitest";
import type { CaseEventBody } from "~/models/cases/case-events.server";
import { applyCaseEvent } from "~/models/cases/case-events.server";
import { fireCaseTimer } from "~/models/cases/case-timers.server";
import { applyEscalationCommand } from "~/models/escalation/escalation-commands.server";
import { computedRollup, storedRollup } from "~/models/dashboard/rollups.server";
import type { RollupName } from "~/models/dashboard/tally-sql";
import { ROLLUPS } from "~/models/dashboard/tally-sql";
import type { ReportSubmission } from "~/models/intake/intake.server";
import { recordReport } from "~/models/intake/intake.server";
import { TimerAlreadySettled } from "~/models/workflow/timers.server";
import { createScheduler } from "~/services/scheduler.server";
import { prisma } from "~/utils/db.server";
import { resetDb } from "../db";
import { userByEmail } from "../factories/cases";
import { seedDemo } from "../factories/demo";

// The dashboard's rollups are kept by triggers. After every kind of change a case goes
// through (intake from each source, claims, a pause, a rejected and an approved ban, an
// escalation that climbs and comes back, a dismissal undone, a reopening, a report that
// brings a more severe rule or a language, deadlines that pass, a claim that expires),
// each rollup must equal the GROUP BY over the rows themselves.

const day = 86_400_000;
const t0 = new Date(Date.now() - 20 * day);
const at = (hours: number) => new Date(t0.getTime() + hours * 3_600_000);
// A timer leased in the same look as one whose event cancels it is settled by that event first.
const scheduler = createScheduler({ fire: fireCaseTimer, instanceId: "rollups-test", onError: (e) => (e instanceof TimerAlreadySettled ? null : console.error(e)) });

async function expectExact(step: string) {
  for (const name of Object.keys(ROLLUPS) as RollupName[]) {
    expect(await storedRollup(name), `${name} after ${step}`).toEqual(await computedRollup(name));
  }
}

async function report(submission: Partial<ReportSubmission> & { id: string; language?: string | null }, via: "member" | "api") {
  const { id, language, ...rest } = submission;
  const key = await prisma.apiKey.findFirstOrThrow();
  const outcome = await recordReport(
    { source: via === "api" ? "member" : "form", subject: { type: "content", id, text: "You are all idiots.", language: language === undefined ? "en" : language }, ruleCode: "respect", ...rest },
    { actor: via === "api" ? { kind: "api-key", id: key.id, name: key.name } : { kind: "member" } },
  );
  if (outcome.kind !== "accepted") throw new Error(outcome.kind);
  return outcome.body.caseId;
}

async function act(caseId: string, email: string, event: CaseEventBody, when: Date) {
  const outcome = await applyCaseEvent({ caseId, event, actor: await userByEmail(email), at: when });
  expect(outcome.status, `${event.type} by ${email}`).toBe("applied");
}

async function climb(caseId: string, email: string, type: "ACKNOWLEDGE" | "CLIMB" | "HAND_BACK", note = "Over to you.") {
  const outcome = await applyEscalationCommand({ caseId, type, note, actor: await userByEmail(email) });
  expect(outcome.status, `${type} by ${email}`).toBe("applied");
}

describe("the dashboard's rollups", () => {
  beforeAll(async () => {
    await resetDb();
    await seedDemo();
  });

  it("equal a direct computation after every kind of case change, on every store", async () => {
    const form = await report({ id: "post-1" }, "member");
    const api = await report({ id: "post-2", ruleCode: "spam", language: "pl" }, "api");
    const platform = await report({ id: "post-3", ruleCode: "threats", source: "platform" }, "api");
    const quiet = await report({ id: "post-4", ruleCode: "off_topic", language: null }, "member");
    await report({ id: "post-2", ruleCode: "spam", language: "pl" }, "member");
    await expectExact("intake from the form, the API and the platform, and a report joining a case");

    // Backdated: the round begins 20 days ago, so the steps below land on several days.
    await prisma.case.updateMany({ where: { id: { in: [form, api, platform, quiet] } }, data: { createdAt: t0 } });
    await expectExact("a case's opening moved to another day");

    await act(form, "moderator@example.com", { type: "CLAIM" }, at(1));
    await act(form, "moderator@example.com", { type: "REQUEST_INFO", reason: "Which post?" }, at(2));
    await act(form, "moderator@example.com", { type: "INFO_RECEIVED" }, at(30));
    await expectExact("a first response, a pause and its end");

    await act(form, "moderator@example.com", { type: "ACT", action: "ban", ruleCode: "respect", reason: "Repeated abuse" }, at(31));
    await expectExact("a ban proposal");
    await act(form, "senior@example.com", { type: "REJECT", reason: "A warning is enough" }, at(32));
    await act(form, "moderator@example.com", { type: "ACT", action: "warn", ruleCode: "respect", reason: "First offence" }, at(33));
    await expectExact("a rejected ban, then a warning that resolves the case");

    await act(api, "moderator@example.com", { type: "CLAIM" }, at(3));
    await act(api, "moderator@example.com", { type: "ESCALATE", reason: "Needs a senior" }, at(4));
    await climb(api, "senior@example.com", "ACKNOWLEDGE");
    await climb(api, "senior@example.com", "CLIMB", "The lead decides this one.");
    await climb(api, "lead@example.com", "ACKNOWLEDGE");
    await climb(api, "lead@example.com", "HAND_BACK", "Senior can finish it.");
    await expectExact("an escalation that climbs two tiers and comes back one");

    await act(api, "senior@example.com", { type: "CLAIM" }, at(50));
    await act(api, "senior@example.com", { type: "ACT", action: "ban", ruleCode: "spam", reason: "Bot network" }, at(51));
    await act(api, "lead@example.com", { type: "APPROVE" }, at(52));
    await expectExact("an approved ban");

    await act(quiet, "moderator@example.com", { type: "CLAIM" }, at(5));
    await act(quiet, "moderator@example.com", { type: "DISMISS", reason: "No breach" }, at(6));
    await act(quiet, "moderator@example.com", { type: "UNDO_DISMISS" }, at(6.1));
    await expectExact("a dismissal undone");
    await act(quiet, "moderator@example.com", { type: "DISMISS", reason: "Still no breach" }, at(7));
    await act(quiet, "moderator@example.com", { type: "CLOSE" }, at(8));
    await act(quiet, "senior@example.com", { type: "REOPEN", reason: "New context" }, at(100));
    await expectExact("a dismissal, closing, and a senior reopening");

    await act(quiet, "moderator@example.com", { type: "CLAIM" }, at(101));
    await act(quiet, "moderator@example.com", { type: "DISMISS", reason: "No breach after all" }, at(102));
    await report({ id: "post-4", ruleCode: "off_topic", language: "de" }, "member");
    await expectExact("a report that fills in a resolved case's language");

    await report({ id: "post-1", ruleCode: "hate" }, "member");
    await expectExact("a report with a more severe rule that reopens a resolved case");

    await scheduler.tick(new Date(Date.now() + 3 * day));
    await expectExact("deadlines passing and the escalations they cause");

    const expiring = await report({ id: "post-5", ruleCode: "spam" }, "api");
    await act(expiring, "moderator@example.com", { type: "CLAIM" }, new Date());
    await scheduler.tick(new Date(Date.now() + 4 * day));
    await expectExact("a claim that expires");

    // Not a vacuous comparison: every rollup and both ledgers hold what the steps did.
    const tally = await storedRollup("tally");
    const sum = (rows: typeof tally, m: string) => rows.reduce((n, r) => n + Number(r[m]), 0);
    expect(sum(tally, "reports")).toBe(8);
    expect(sum(tally, "banProposed")).toBe(2);
    expect(sum(tally, "banRejected")).toBe(1);
    expect(sum(tally, "reopened")).toBe(2);
    expect(sum(tally, "escalated")).toBeGreaterThan(0);
    const tiers = await storedRollup("tier");
    expect(sum(tiers, "firstResponseMet")).toBeGreaterThan(0);
    expect(sum(tiers, "firstResponseMissed") + sum(tiers, "resolutionMissed")).toBeGreaterThan(0);
    expect(new Set(tiers.map((r) => r.tier)).size).toBeGreaterThan(1);
    expect((await storedRollup("backlog")).length).toBeGreaterThan(0);
    expect((await storedRollup("workload")).length).toBeGreaterThan(0);
    expect(await prisma.banProposal.findMany({ orderBy: { proposedAt: "asc" }, select: { outcome: true } })).toEqual([{ outcome: "rejected" }, { outcome: "approved" }]);
  });
});
