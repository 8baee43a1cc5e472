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

describe("the review's updates on time", () => {
  const publishedAt = (crisisRef: string, id: string, minutes: number, stage: string, audience: string) =>
    prisma.$transaction((tx) =>
      appendAudit(tx, {
        actor: { kind: "system", name: "test" },
        action: "statement.publish",
        subjectType: "Statement",
        subjectId: id,
        at: new Date(t0.getTime() + minutes * MINUTE),
        after: { crisisRef, stage, audience, channel: "email", language: "en", state: "published" },
      }),
    );

  it("count only what keeps the cadence's promise, as publishing does: not an update to the press or partners, but a members' holding statement", async () => {
    const { crisis } = await crisisThroughItsPlaybook(t0);
    await publishedAt(crisis.ref, "statement-press", 30, "update", "press");
    await publishedAt(crisis.ref, "statement-partners", 31, "update", "partners");
    expect((await crisisFacts(crisis.id))!.updates).toMatchObject({ due: 1, onTime: 0 });

    await publishedAt(crisis.ref, "statement-holding", 32, "holding", "affected_members");
    expect((await crisisFacts(crisis.id))!.updates).toMatchObject({ due: 1, onTime: 1 });
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
    // Done, its reminder on the day is cancelled: nothing comes that morning.
    expect(await prisma.timer.count({ where: { subjectId: crisis.id, kind: "crisis_action_item", status: "pending" } })).toBe(0);
    await scheduler.tick(new Date("2026-11-10T09:00:01.000Z"));
    expect(await notices()).toHaveLength(2);
    expect(await prisma.timer.count({ where: { subjectId: crisis.id, kind: "crisis_action_item", status: "pending" } })).toBe(0);
    // Other tasks stay closed with the crisis.
    expect(await applyCrisisEvent({ id: crisis.id, event: { type: "PROMISE_UPDATE", minutes: 30 }, actor: who.commander })).toMatchObject({ status: "refused", message: "The crisis is closed." });

    const view = (await crisisReviewView(crisis.ref))!;
    expect(view.actionItems).toEqual([expect.objectContaining({ title: "Add crisis-line numbers for Latvia", owner: "Cam Comms", status: "done" })]);
  });
});

describe("changing an action item", () => {
  const pending = (crisisId: string) => prisma.timer.findMany({ where: { subjectId: crisisId, kind: "crisis_action_item", status: "pending" }, orderBy: { dueAt: "asc" } });
  const reminders = async (crisisId: string) => (await pending(crisisId)).map((t) => t.dueAt.toISOString());

  it("moves its reminders with its due date, tells a new owner, and stays changeable after the crisis closes, audited", async () => {
    const { crisis, who, at } = await crisisThroughItsPlaybook(t0);
    const due = (day: string) => new Date(`${day}T23:59:59.999Z`).toISOString();
    await sendAt(crisis.id, who.lead, { type: "ADD_ACTION_ITEM", title: "Add crisis-line numbers for Latvia", ownerId: who.comms.id, dueAt: due("2026-11-10") }, at(150));
    const item = await prisma.crisisTask.findFirstOrThrow({ where: { crisisId: crisis.id, actionItem: true } });
    await sendAt(crisis.id, who.lead, { type: "WRITE_REVIEW", whatHappened: "Handled.", wentWell: "", toChange: "" }, at(160));
    await sendAt(crisis.id, who.lead, { type: "SUBMIT_REVIEW" }, at(161));
    await sendAt(crisis.id, who.lead, { type: "SIGN_OFF_REVIEW", note: "" }, at(170));

    const changed = { type: "EDIT_ACTION_ITEM" as const, taskId: item.id, title: "Add crisis-line numbers for Latvia and Lithuania", ownerId: who.commander.id, dueAt: due("2026-11-12") };
    await sendAt(crisis.id, who.lead, changed, at(180));
    expect(await prisma.crisisTask.findUniqueOrThrow({ where: { id: item.id } })).toMatchObject({ title: changed.title, ownerId: who.commander.id, dueAt: new Date(changed.dueAt), status: "open" });
    expect(await reminders(crisis.id)).toEqual(["2026-11-11T09:00:00.000Z", "2026-11-12T09:00:00.000Z"]);
    expect(await prisma.timer.count({ where: { subjectId: crisis.id, kind: "crisis_action_item", status: "cancelled" } })).toBe(2);
    expect(await prisma.notification.findFirst({ where: { userId: who.commander.id, kind: "crisis_action_item" } })).toMatchObject({ title: `${crisis.ref}: an action item for you, due 2026-11-12`, body: changed.title });
    const entry = await prisma.auditEntry.findFirstOrThrow({ where: { subjectType: "Crisis", subjectId: crisis.id, action: "crisis.edit_action_item" } });
    expect(entry).toMatchObject({ actorLabel: "lead@example.com", at: at(180) });
    expect(JSON.parse(entry.after!)).toMatchObject({
      effects: [{ type: "action_item.changed", taskId: item.id, title: changed.title, ownerId: who.commander.id, dueAt: changed.dueAt, from: { title: "Add crisis-line numbers for Latvia", ownerId: who.comms.id, dueAt: due("2026-11-10") } }],
    });

    // The text alone changes nothing of the reminders; nothing new is refused, and changes nothing.
    await sendAt(crisis.id, who.commander, { ...changed, title: "Add crisis-line numbers for the Baltics" }, at(181));
    expect(await reminders(crisis.id)).toEqual(["2026-11-11T09:00:00.000Z", "2026-11-12T09:00:00.000Z"]);
    const audit = await prisma.auditEntry.count();
    expect(await applyCrisisEvent({ id: crisis.id, event: { ...changed, title: "Add crisis-line numbers for the Baltics" }, actor: who.commander, at: at(182) })).toMatchObject({ status: "refused", message: "Nothing changed: the action item is as it was." });
    expect(await prisma.auditEntry.count()).toBe(audit);

    // Done: its reminders are cancelled and it is changed no more until it is reopened, which sets them again.
    await sendAt(crisis.id, who.lead, { type: "FINISH_TASK", taskId: item.id }, at(190));
    expect(await pending(crisis.id)).toEqual([]);
    // Marked done by someone else, it stays its owner's.
    expect(await prisma.crisisTask.findUniqueOrThrow({ where: { id: item.id } })).toMatchObject({ status: "done", ownerId: who.commander.id });
    expect(await applyCrisisEvent({ id: crisis.id, event: { ...changed, title: "Too late" }, actor: who.commander, at: at(191) })).toMatchObject({ status: "refused", message: "That action item is done: reopen it to change it." });
    await sendAt(crisis.id, who.lead, { type: "REOPEN_ACTION_ITEM", taskId: item.id }, at(200));
    expect(await prisma.crisisTask.findUniqueOrThrow({ where: { id: item.id } })).toMatchObject({ status: "open", doneAt: null });
    expect(await reminders(crisis.id)).toEqual(["2026-11-11T09:00:00.000Z", "2026-11-12T09:00:00.000Z"]);
    expect(await applyCrisisEvent({ id: crisis.id, event: { type: "REOPEN_ACTION_ITEM", taskId: item.id }, actor: who.lead, at: at(201) })).toMatchObject({ status: "refused", message: "That action item is open already." });
  });
});
