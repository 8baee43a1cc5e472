import { beforeEach, describe, expect, it } from "vitest";
import { appendAudit } from "~/models/audit/audit.server";
import { CASE_TIMER_KINDS } from "~/models/cases/case-timers.server";
import { applyCrisisEvent } from "~/models/crises/crisis-commands.server";
import { crisisFacts } from "~/models/crises/crisis-review-facts.server";
import { crisisReviewView } from "~/models/crises/crisis-review-view.server";
import { CRISIS_TIMER_KINDS } from "~/models/crises/crisis-timers.server";
import { timerFiring } from "~/models/workflow/timers.server";
import { createScheduler } from "~/services/scheduler.server";
import { prisma } from "~/utils/db.server";
import { seedWithPlaybooks } from "../playbooks/helpers";
import { crisisThroughItsPlaybook, MINUTE, sendAt } from "./review-helpers";

// The post-crisis review through the one write path on both stores: its facts read from a
// crisis's timeline, its sign-off (only a trust & safety lead or leadership) closing the
// crisis, and action items that outlive the crisis with their reminders.

beforeEach(seedWithPlaybooks);

const t0 = new Date("2026-11-02T08:00:00.000Z");

describe("the review's facts", () => {
  it("reads the timings from the first linked report, the page and its acknowledgement, late tasks and the statement's approval", async () => {
    const { crisis } = await crisisThroughItsPlaybook(t0);
    expect(crisis.state).toBe("resolved");
    const facts = (await crisisFacts(crisis.id, new Date(t0.getTime() + 200 * MINUTE)))!;
    expect(facts.start).toEqual({ at: t0, what: "the first linked report" });
    expect(Object.fromEntries(facts.timings.map((t) => [t.key, t.minutes ?? t.missing]))).toEqual({
      declared: 10,
      firstAcknowledged: 15,
      firstStatement: "no statement yet",
      contained: 52,
      resolved: 120,
    });
    expect(facts.pages).toEqual([
      { at: new Date(t0.getTime() + 10 * MINUTE), who: "trust safety lead or crisis commander", why: "Page the trust & safety lead and the crisis commander at once", acknowledgedAt: new Date(t0.getTime() + 15 * MINUTE), acknowledgedBy: "Cora Commander" },
    ]);
    expect(facts.lateTasks).toEqual([{ title: "Draft the message with crisis-line resources", dueAt: new Date(t0.getTime() + 35 * MINUTE), doneAt: new Date(t0.getTime() + 45 * MINUTE), minutesLate: 10 }]);
    expect(facts.statements).toEqual([{ label: "Draft the message with crisis-line resources", submittedAt: new Date(t0.getTime() + 45 * MINUTE), approvedAt: new Date(t0.getTime() + 52 * MINUTE), minutes: 7 }]);
    // The update promised at the declaration (30 minutes, SEV1) fell due while nothing was published.
    expect(facts.updates).toMatchObject({ due: 1, onTime: 0 });
  });

  it("counts an update published before its promise fell due as on time, from the statements' own entries", async () => {
    const { crisis } = await crisisThroughItsPlaybook(t0);
    await prisma.$transaction(async (tx) => {
      await appendAudit(tx, {
        actor: { kind: "system", name: "test" },
        action: "statement.publish",
        subjectType: "Statement",
        subjectId: "statement-1",
        at: new Date(t0.getTime() + 30 * MINUTE),
        after: { crisisRef: crisis.ref, stage: "update", audience: "members", channel: "status_page", language: "en", state: "published" },
      });
    });
    const facts = (await crisisFacts(crisis.id))!;
    expect(facts.timings.find((t) => t.key === "firstStatement")).toMatchObject({ minutes: 30 });
    expect(facts.updates).toMatchObject({ due: 1, onTime: 1 });
  });
});

describe("signing off the review", () => {
  it("is refused while the crisis is active, and before the review is sent for sign-off", async () => {
    const { crisis, who, at } = await crisisThroughItsPlaybook(t0, { resolve: false });
    expect(await applyCrisisEvent({ id: crisis.id, event: { type: "WRITE_REVIEW", whatHappened: "x", wentWell: "", toChange: "" }, actor: who.lead })).toMatchObject({ status: "refused", message: "The review opens when the crisis is resolved." });
    await sendAt(crisis.id, who.lead, { type: "COMPLETE", step: "follow_up" }, at(120));
    expect(await prisma.crisisReview.findUnique({ where: { crisisId: crisis.id } })).toMatchObject({ status: "draft", openedAt: at(120) });
    expect(await applyCrisisEvent({ id: crisis.id, event: { type: "SUBMIT_REVIEW" }, actor: who.lead })).toMatchObject({ status: "refused", message: "Write what happened before you send the review for sign-off." });
    expect(await applyCrisisEvent({ id: crisis.id, event: { type: "SIGN_OFF_REVIEW", note: "" }, actor: who.lead })).toMatchObject({ status: "refused", message: "Send the review for sign-off first: it is a draft." });
  });

  it("needs the sign-off permission: a commander is refused, leadership signs off and the crisis closes, audited", async () => {
    const { crisis, who, at } = await crisisThroughItsPlaybook(t0);
    await sendAt(crisis.id, who.commander, { type: "WRITE_REVIEW", whatHappened: "Declared ten minutes after the report.", wentWell: "The page was answered in five minutes.", toChange: "Draft the resources message sooner." }, at(200));
    await sendAt(crisis.id, who.commander, { type: "SUBMIT_REVIEW" }, at(210));
    expect(await applyCrisisEvent({ id: crisis.id, event: { type: "WRITE_REVIEW", whatHappened: "changed", wentWell: "", toChange: "" }, actor: who.commander })).toMatchObject({ status: "refused" });

    const refused = await applyCrisisEvent({ id: crisis.id, event: { type: "SIGN_OFF_REVIEW", note: "" }, actor: who.commander });
    expect(refused).toMatchObject({ status: "forbidden", message: "You need the permission “sign-off:crisis-review” to do this." });
    expect((await prisma.crisis.findUniqueOrThrow({ where: { id: crisis.id } })).state).toBe("resolved");

    const signed = await sendAt(crisis.id, who.leadership, { type: "SIGN_OFF_REVIEW", note: "Read and agreed." }, at(300));
    expect(signed).toMatchObject({ state: "closed" });
    const row = await prisma.crisis.findUniqueOrThrow({ where: { id: crisis.id }, include: { review: true } });
    expect(row).toMatchObject({ state: "closed", closedAt: at(300) });
    expect(row.review).toMatchObject({ status: "completed", signedOffById: who.leadership.id, signedOffAt: at(300), signOffNote: "Read and agreed.", whatHappened: "Declared ten minutes after the report." });
    const entry = await prisma.auditEntry.findFirstOrThrow({ where: { subjectType: "Crisis", subjectId: crisis.id, action: "crisis.sign_off_review" } });
    expect(entry).toMatchObject({ actorLabel: "leadership@example.com", reason: "Read and agreed." });
    expect(JSON.parse(entry.after!)).toMatchObject({ state: "closed", effects: expect.arrayContaining([{ type: "review.completed", by: who.leadership.id }]) });
    expect(await prisma.crisisTask.findFirst({ where: { crisisId: crisis.id, step: "review" } })).toMatchObject({ status: "done", ownerId: who.leadership.id });
    // Leadership changes nothing else.
    expect(await applyCrisisEvent({ id: crisis.id, event: { type: "NOTE", text: "Done." }, actor: who.leadership })).toMatchObject({ status: "forbidden" });
  });
});

describe("action items", () => {
  it("stay open after the crisis closes, remind their owner a day before and on the day, and are done afterwards", async () => {
    const { crisis, who, at } = await crisisThroughItsPlaybook(t0);
    const dueAt = new Date("2026-11-10T23:59:59.999Z");
    await sendAt(crisis.id, who.lead, { type: "ADD_ACTION_ITEM", title: "Add crisis-line numbers for Latvia", ownerId: who.comms.id, dueAt: dueAt.toISOString() }, at(150));
    const item = await prisma.crisisTask.findFirstOrThrow({ where: { crisisId: crisis.id, actionItem: true } });
    expect(item).toMatchObject({ status: "open", ownerId: who.comms.id, dueAt });
    const timers = await prisma.timer.findMany({ where: { subjectId: crisis.id, kind: "crisis_action_item", status: "pending" }, orderBy: { dueAt: "asc" } });
    expect(timers.map((t) => t.dueAt.toISOString())).toEqual(["2026-11-09T09:00:00.000Z", "2026-11-10T09:00:00.000Z"]);

    await sendAt(crisis.id, who.lead, { type: "WRITE_REVIEW", whatHappened: "Handled.", wentWell: "", toChange: "" }, at(160));
    await sendAt(crisis.id, who.lead, { type: "SUBMIT_REVIEW" }, at(161));
    await sendAt(crisis.id, who.lead, { type: "SIGN_OFF_REVIEW", note: "" }, at(170));
    expect(await applyCrisisEvent({ id: crisis.id, event: { type: "ADD_ACTION_ITEM", title: "Late idea", ownerId: who.comms.id, dueAt: dueAt.toISOString() }, actor: who.lead })).toMatchObject({ status: "refused", message: "The review is completed; the crisis is closed." });
    expect((await prisma.crisisTask.findUniqueOrThrow({ where: { id: item.id } })).status).toBe("open");

    const scheduler = createScheduler({ fire: timerFiring({ ...CASE_TIMER_KINDS, ...CRISIS_TIMER_KINDS }), instanceId: "review-test" });
    await scheduler.tick(new Date("2026-11-09T09:00:01.000Z"));
    const notices = () => prisma.notification.findMany({ where: { userId: who.comms.id, kind: "crisis_action_item" }, orderBy: { createdAt: "asc" } });
    expect((await notices()).map((n) => n.title)).toEqual([`${crisis.ref}: an action item for you, due 2026-11-10`, `${crisis.ref}: your action item is due tomorrow (2026-11-10)`]);

    await sendAt(crisis.id, who.comms, { type: "FINISH_TASK", taskId: item.id }, new Date("2026-11-09T12:00:00.000Z"));
    expect(await prisma.crisisTask.findUniqueOrThrow({ where: { id: item.id } })).toMatchObject({ status: "done", doneAt: new Date("2026-11-09T12:00:00.000Z") });
    // The reminder on the day finds the item done: it is settled without a notice.
    await scheduler.tick(new Date("2026-11-10T09:00:01.000Z"));
    expect(await notices()).toHaveLength(2);
    expect(await prisma.timer.count({ where: { subjectId: crisis.id, kind: "crisis_action_item", status: "pending" } })).toBe(0);
    // Other tasks stay closed with the crisis.
    expect(await applyCrisisEvent({ id: crisis.id, event: { type: "PROMISE_UPDATE", minutes: 30 }, actor: who.commander })).toMatchObject({ status: "refused", message: "The crisis is closed." });

    const view = (await crisisReviewView(crisis.ref))!;
    expect(view.actionItems).toEqual([expect.objectContaining({ title: "Add crisis-line numbers for Latvia", owner: "Cam Comms", status: "done" })]);
  });
});
