import { beforeEach, describe, expect, it } from "vitest";
import { newReportRef } from "~/models/cases/refs";
import { CRISIS_TIMER_KINDS } from "~/models/crises/crisis-timers.server";
import { acceptProposal, dismissProposal } from "~/models/crises/crisis-proposals.server";
import type { MonitorConfig } from "~/models/crises/early-warning";
import { startEarlyWarning, watchReports } from "~/models/crises/early-warning.server";
import { recordReport } from "~/models/intake/intake.server";
import { timerFiring } from "~/models/workflow/timers.server";
import { withWriteRetry } from "~/models/workflow/write-retry.server";
import { createScheduler } from "~/services/scheduler.server";
import { prisma } from "~/utils/db.server";
import { reportSubject, userByEmail } from "../factories/cases";
import { seedWithPlaybooks } from "../playbooks/helpers";

// The early-warning monitor over real intake: a burst of reports about one author over a
// quiet baseline is proposed once; a second burst inside the cool-down is not; steady
// traffic never is; two instances look once; a proposal is accepted into a crisis with its
// cases linked, or dismissed with a reason, and every step is audited.

beforeEach(seedWithPlaybooks);

const MINUTE = 60_000;
const DAY = 86_400_000;
const CONFIG: MonitorConfig = { windowsMinutes: [10, 60], baselineDays: 7, minReports: 25, factor: 5, coolDownMs: 6 * 3_600_000 };
const look = (at: Date) => withWriteRetry((tx) => watchReports(tx, at, CONFIG));

/** A burst through intake: `posts` posts by one author, each reported `each` times. */
async function burst(author: string, posts: number, each: number, tag: string) {
  for (let p = 0; p < posts; p++) {
    for (let r = 0; r < each; r++) {
      const outcome = await recordReport(
        { source: "platform", subject: { type: "content", id: `${tag}-${p}`, authorHandle: author, text: "You will all regret this.", language: "en" }, ruleCode: "respect", reporter: { id: `member-${tag}-${p}-${r}` } },
        { actor: { kind: "member" }, requestId: null },
      );
      if (outcome.kind !== "accepted") throw new Error(`report not accepted: ${outcome.kind}`);
    }
  }
}

/** Past traffic in the same window of each of the last seven days, written as old reports. */
async function pastTraffic(perDay: number, now: Date, author = "@regular") {
  const c = await reportSubject({ subject: { type: "content", id: "post-old", authorHandle: author, text: "An old thread.", language: "en" } });
  const rows = [];
  for (let day = 1; day <= 7; day++) {
    for (let i = 0; i < perDay; i++) {
      rows.push({ ref: newReportRef(), caseId: c.id, source: "platform", subjectType: "content", subjectId: "post-old", authorHandle: author, language: "en", ruleCode: "respect", screen: "{}", receivedAt: new Date(now.getTime() - day * DAY - (i % 9) * MINUTE - 30_000) });
    }
  }
  await prisma.report.createMany({ data: rows });
}

describe("the early-warning monitor", () => {
  it("proposes a burst about one author once, and not again inside the cool-down", async () => {
    const now = new Date();
    await pastTraffic(1, now);
    await burst("@raider", 30, 5, "raid");
    const first = await look(new Date());
    expect(first.map((p) => p.signal)).toEqual(["author:@raider"]);
    const proposals = await prisma.crisisProposal.findMany();
    expect(proposals).toHaveLength(1);
    expect(proposals[0]).toMatchObject({ signal: "author:@raider", count: 150, status: "open" });
    const [commander, lead, moderator] = await Promise.all(["commander@example.com", "lead@example.com", "moderator@example.com"].map(userByEmail));
    for (const person of [commander, lead]) expect(await prisma.notification.count({ where: { userId: person.id, kind: "crisis_proposal" } })).toBe(1);
    expect(await prisma.notification.count({ where: { userId: moderator.id, kind: "crisis_proposal" } })).toBe(0);
    expect(await prisma.auditEntry.count({ where: { subjectType: "CrisisProposal", action: "crisis_proposal.file" } })).toBe(1);

    await burst("@raider", 30, 5, "raid-again");
    expect(await look(new Date(Date.now() + MINUTE))).toEqual([]);
    expect(await prisma.crisisProposal.count()).toBe(1);
  });

  it("proposes nothing for steady traffic, however busy", async () => {
    const now = new Date();
    await pastTraffic(40, now, "@busy");
    await burst("@busy", 8, 5, "steady");
    expect(await look(new Date())).toEqual([]);
    expect(await prisma.crisisProposal.count()).toBe(0);
  });

  it("looks once per turn when two instances run it", async () => {
    await burst("@raider", 30, 5, "raid");
    const t0 = new Date();
    await startEarlyWarning(new Date(t0.getTime() - 2 * MINUTE));
    const fire = timerFiring(CRISIS_TIMER_KINDS);
    const schedulers = ["s1", "s2"].map((instanceId) => createScheduler({ fire, instanceId, onError: (e) => { throw e; } }));
    await Promise.all(schedulers.map((s) => s.tick(new Date(Date.now() + 1000))));
    expect(await prisma.crisisProposal.count()).toBe(1);
    expect(await prisma.timer.count({ where: { kind: "crisis_monitor", status: "fired" } })).toBe(1);
    expect(await prisma.timer.count({ where: { kind: "crisis_monitor", status: "pending" } })).toBe(1);
  });

  it("declares the crisis with the cases linked when a proposal is accepted, once", async () => {
    await burst("@raider", 6, 5, "raid");
    await look(new Date());
    const proposal = await prisma.crisisProposal.findFirstOrThrow();
    const [commander, lead] = await Promise.all([userByEmail("commander@example.com"), userByEmail("lead@example.com")]);
    const accepted = await acceptProposal(proposal.id, { type: "harassment_raid", severity: "SEV2" }, commander, null);
    expect(accepted).toMatchObject({ status: "applied", message: expect.stringContaining("with 6 cases linked") });
    const crisis = await prisma.crisis.findUniqueOrThrow({ where: { ref: (accepted as { crisisRef: string }).crisisRef }, include: { cases: true } });
    expect(crisis.cases).toHaveLength(6);
    expect(await acceptProposal(proposal.id, { type: "harassment_raid", severity: "SEV2" }, lead, null)).toMatchObject({ status: "refused", message: "Someone decided this proposal already." });
    expect(await prisma.auditEntry.count({ where: { subjectType: "CrisisProposal", action: "crisis_proposal.accept" } })).toBe(1);
  });

  it("dismisses a proposal with its reason, and refuses leadership", async () => {
    await burst("@raider", 6, 5, "raid");
    await look(new Date());
    const proposal = await prisma.crisisProposal.findFirstOrThrow();
    const [lead, leadership] = await Promise.all([userByEmail("lead@example.com"), userByEmail("leadership@example.com")]);
    expect(await dismissProposal(proposal.id, "A game launch: people are excited, not raiding.", leadership)).toMatchObject({ status: "forbidden" });
    expect(await dismissProposal(proposal.id, "A game launch: people are excited, not raiding.", lead)).toMatchObject({ status: "applied" });
    const entry = await prisma.auditEntry.findFirstOrThrow({ where: { subjectType: "CrisisProposal", action: "crisis_proposal.dismiss" } });
    expect(entry.reason).toBe("A game launch: people are excited, not raiding.");
    expect(await prisma.crisisProposal.findUniqueOrThrow({ where: { id: proposal.id } })).toMatchObject({ status: "dismissed" });
  });
});
