import { beforeEach, describe, expect, it } from "vitest";
import { applyCrisisEvent, declareCrisis } from "~/models/crises/crisis-commands.server";
import { CRISIS_TIMER_KINDS } from "~/models/crises/crisis-timers.server";
import { createWebhook } from "~/models/messages/webhooks.server";
import { CASE_TIMER_KINDS } from "~/models/cases/case-timers.server";
import { timerFiring } from "~/models/workflow/timers.server";
import { loadQueue } from "~/models/queue/queue.server";
import { createScheduler } from "~/services/scheduler.server";
import { prisma } from "~/utils/db.server";
import { reportSubject, userByEmail } from "../factories/cases";
import { publishedVersionId } from "../factories/crises";
import { seedWithPlaybooks } from "../playbooks/helpers";

// A crisis through the one write path on both stores: declared from a self-harm case, its
// playbook paging and creating tasks, command taken by one of two at once, deadlines fired
// once by two schedulers, and the crisis resolved and closed as its playbook allows.

beforeEach(seedWithPlaybooks);

const MINUTE = 60_000;
const fire = timerFiring({ ...CASE_TIMER_KINDS, ...CRISIS_TIMER_KINDS });

async function declareImminentHarm(at = new Date()) {
  const responder = await userByEmail("responder@example.com");
  const c = await reportSubject({ ruleCode: "self_harm", subject: { type: "content", id: "post-sh-crisis", text: "I am going to end it tonight." } });
  const outcome = await declareCrisis({
    title: "Member says they will end their life tonight",
    crisisType: "safety_threat",
    severity: "SEV1",
    known: "A post in the support forum; the member has posted before.",
    playbookVersionId: await publishedVersionId("imminent_harm"),
    fromCase: { id: c.id, ref: c.ref },
    actor: responder,
    at,
  });
  if (outcome.status !== "applied") throw new Error(outcome.message);
  const crisis = await prisma.crisis.findUniqueOrThrow({ where: { ref: outcome.ref } });
  return { crisis, case: c, responder };
}

const pagesOf = (userId: string, ref: string) => prisma.notification.count({ where: { userId, subjectType: "crisis", subjectRef: ref, kind: "crisis_paged" } });
const tasks = (crisisId: string) => prisma.crisisTask.findMany({ where: { crisisId }, orderBy: { createdAt: "asc" } });

describe("declaring a crisis", () => {
  it("declares from a case: links it, pins the playbook, pages its roles once each and fires the crisis page webhook", async () => {
    const admin = await userByEmail("admin@example.com");
    await createWebhook({ name: "Crisis channel", url: "https://hooks.example.com/crisis", events: ["crisis_page"], secret: "whsec_crisis" }, admin);
    const { crisis, case: c } = await declareImminentHarm();

    expect(crisis.ref).toMatch(/^CR-[23456789ABCDEFGHJKMNPQRSTVWXYZ]{8}$/);
    expect(crisis).toMatchObject({ state: "active", steps: "page_now", severity: "SEV1", version: 1, updateEveryMinutes: 30 });
    expect(await prisma.crisisCase.count({ where: { crisisId: crisis.id, caseId: c.id } })).toBe(1);
    const [lead, commander] = await Promise.all([userByEmail("lead@example.com"), userByEmail("commander@example.com")]);
    expect(await pagesOf(lead.id, crisis.ref)).toBe(1);
    expect(await pagesOf(commander.id, crisis.ref)).toBe(1);
    const hooks = await prisma.outboxMessage.findMany({ where: { kind: "webhook.crisis_page" } });
    expect(hooks).toHaveLength(1);
    expect(JSON.parse(hooks[0].payload).vigil).toMatchObject({ event: "crisis_page", subject: { type: "crisis", ref: crisis.ref } });
    const audit = await prisma.auditEntry.findMany({ where: { subjectType: "Crisis", subjectId: crisis.id } });
    expect(audit.map((e) => e.action)).toEqual(["crisis.declare"]);
  });

  it("refuses leadership, who read crises and change nothing", async () => {
    const leadership = await userByEmail("leadership@example.com");
    const outcome = await declareCrisis({
      title: "A test",
      crisisType: "data_leak",
      severity: "SEV2",
      known: "",
      playbookVersionId: await publishedVersionId("data_leak"),
      fromCase: null,
      actor: leadership,
    });
    expect(outcome).toMatchObject({ status: "forbidden", message: "You need the permission “declare:crisis” to do this." });
    expect(await prisma.crisis.count()).toBe(0);
  });
});

describe("running a crisis", () => {
  it("gives command to one of two people taking it at once and tells the other who has it", async () => {
    const { crisis } = await declareImminentHarm();
    const [commander, lead] = await Promise.all([userByEmail("commander@example.com"), userByEmail("lead@example.com")]);
    const take = (actor: typeof commander) => applyCrisisEvent({ id: crisis.id, event: { type: "TAKE_COMMAND", note: "I have it." }, actor, expectedVersion: 1 });
    const outcomes = await Promise.all([take(commander), take(lead)]);

    const won = outcomes.filter((o) => o.status === "applied");
    const lost = outcomes.filter((o) => o.status === "conflict");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    const holder = await prisma.crisisRole.findFirstOrThrow({ where: { crisisId: crisis.id, role: "commander", until: null } });
    const winner = await prisma.user.findUniqueOrThrow({ where: { id: holder.userId } });
    expect(lost[0].message).toContain(`${winner.name} (${winner.email}) took command first`);
    expect(await prisma.crisisRole.count({ where: { crisisId: crisis.id, role: "commander" } })).toBe(1);
  });

  it("hands command over with a note, ending the last commander's", async () => {
    const { crisis } = await declareImminentHarm();
    const [commander, lead] = await Promise.all([userByEmail("commander@example.com"), userByEmail("lead@example.com")]);
    expect(await applyCrisisEvent({ id: crisis.id, event: { type: "TAKE_COMMAND", note: "On call tonight." }, actor: commander })).toMatchObject({ status: "applied" });
    expect(await applyCrisisEvent({ id: crisis.id, event: { type: "TAKE_COMMAND", note: "Taking over: Cora's shift ends." }, actor: lead })).toMatchObject({ status: "applied" });
    const roles = await prisma.crisisRole.findMany({ where: { crisisId: crisis.id, role: "commander" }, orderBy: { since: "asc" } });
    expect(roles.map((r) => [r.userId, r.until === null, r.note])).toEqual([
      [commander.id, false, "On call tonight."],
      [lead.id, true, "Taking over: Cora's shift ends."],
    ]);
    const handoff = await prisma.auditEntry.findFirstOrThrow({ where: { subjectId: crisis.id, action: "crisis.take_command", actorLabel: lead.email } });
    expect(handoff.reason).toBe("Taking over: Cora's shift ends.");
  });

  it("moves the playbook when tasks are completed, and refuses a step to someone whose role it is not", async () => {
    const { crisis, responder } = await declareImminentHarm();
    const [commander, lead] = await Promise.all([userByEmail("commander@example.com"), userByEmail("lead@example.com")]);
    expect(await applyCrisisEvent({ id: crisis.id, event: { type: "ACKNOWLEDGE", step: "page_now" }, actor: commander })).toMatchObject({ status: "applied" });
    expect((await tasks(crisis.id)).map((t) => [t.step, t.role, t.status])).toEqual([["assess_risk", "trust_safety_lead", "open"]]);

    const refused = await applyCrisisEvent({ id: crisis.id, event: { type: "COMPLETE", step: "assess_risk", answer: "not_immediate" }, actor: responder });
    expect(refused).toMatchObject({ status: "refused", message: "“Read the threat and judge whether someone is in immediate danger” is for the trust & safety lead." });

    expect(await applyCrisisEvent({ id: crisis.id, event: { type: "COMPLETE", step: "assess_risk", answer: "not_immediate" }, actor: lead })).toMatchObject({ status: "applied" });
    const after = await prisma.crisis.findUniqueOrThrow({ where: { id: crisis.id } });
    expect(after.steps.split(",")).toEqual(["send_resources", "remove_threat"]);
    const assess = (await tasks(crisis.id)).find((t) => t.step === "assess_risk")!;
    expect(assess).toMatchObject({ status: "done", answer: "not_immediate", ownerId: lead.id });
  });

  it("fires a step's deadline once with two schedulers, paging the next roles once each", async () => {
    const t0 = new Date();
    const { crisis } = await declareImminentHarm(t0);
    const later = new Date(t0.getTime() + 6 * MINUTE);
    const schedulers = ["s1", "s2"].map((instanceId) => createScheduler({ fire, instanceId, onError: (e) => { throw e; } }));
    await Promise.all(schedulers.map((s) => s.tick(later)));

    const [admin, senior] = await Promise.all([userByEmail("admin@example.com"), userByEmail("senior@example.com")]);
    expect(await pagesOf(admin.id, crisis.ref)).toBe(1);
    expect(await pagesOf(senior.id, crisis.ref)).toBe(1);
    expect(await prisma.timer.count({ where: { subjectType: "crisis", subjectId: crisis.id, kind: "crisis_step", status: "fired" } })).toBe(1);
    expect(await prisma.auditEntry.count({ where: { subjectId: crisis.id, action: "crisis.timer" } })).toBe(1);
  });

  it("reminds the comms lead before the promised update and pages the commander once when it is late", async () => {
    const t0 = new Date();
    const { crisis } = await declareImminentHarm(t0);
    const [commander, comms] = await Promise.all([userByEmail("commander@example.com"), userByEmail("comms@example.com")]);
    await applyCrisisEvent({ id: crisis.id, event: { type: "TAKE_COMMAND", note: "" }, actor: commander, at: t0 });
    await applyCrisisEvent({ id: crisis.id, event: { type: "ACKNOWLEDGE", step: "page_now" }, actor: commander, at: t0 });
    const schedulers = ["s1", "s2"].map((instanceId) => createScheduler({ fire, instanceId, onError: (e) => { throw e; } }));

    await Promise.all(schedulers.map((s) => s.tick(new Date(t0.getTime() + 26 * MINUTE))));
    expect(await prisma.notification.count({ where: { userId: comms.id, kind: "crisis_update_due", subjectRef: crisis.ref } })).toBe(1);
    const paged = () => prisma.notification.count({ where: { userId: commander.id, kind: "crisis_paged", subjectRef: crisis.ref, title: { contains: "is late" } } });
    expect(await paged()).toBe(0);

    await Promise.all(schedulers.map((s) => s.tick(new Date(t0.getTime() + 31 * MINUTE))));
    expect(await paged()).toBe(1);
  });

  it("resolves when the playbook's last step is done, and closes when its review is signed off", async () => {
    const { crisis, responder } = await declareImminentHarm();
    const [commander, lead] = await Promise.all([userByEmail("commander@example.com"), userByEmail("lead@example.com")]);
    const send = async (actor: typeof lead, event: Parameters<typeof applyCrisisEvent>[0]["event"]) => {
      const outcome = await applyCrisisEvent({ id: crisis.id, event, actor });
      expect(outcome, JSON.stringify(event)).toMatchObject({ status: "applied" });
      return outcome;
    };
    await send(commander, { type: "ACKNOWLEDGE", step: "page_now" });
    await send(lead, { type: "COMPLETE", step: "assess_risk", answer: "not_immediate" });
    await send(responder, { type: "COMPLETE", step: "remove_threat" });
    await send(lead, { type: "DRAFT", step: "send_resources" });
    await send(commander, { type: "APPROVE", step: "approve_resources" });
    // The publish step waits for the message to go out: its drafter says so.
    await send(lead, { type: "PUBLISH", step: "deliver_resources" });
    const resolved = await send(lead, { type: "COMPLETE", step: "follow_up" });
    expect(resolved).toMatchObject({ state: "resolved" });
    const row = await prisma.crisis.findUniqueOrThrow({ where: { id: crisis.id } });
    expect(row.resolvedAt).not.toBeNull();
    expect(row.nextUpdateDueAt).toBeNull();
    expect(await prisma.timer.count({ where: { subjectId: crisis.id, kind: { in: ["crisis_update_reminder", "crisis_update_overdue"] }, status: "pending" } })).toBe(0);

    // The review's step is not completed on its own: its sign-off completes it (decision 25).
    expect(await applyCrisisEvent({ id: crisis.id, event: { type: "COMPLETE", step: "review" }, actor: lead })).toMatchObject({ status: "refused", message: "The review is completed by its sign-off: open the review." });
    await send(lead, { type: "WRITE_REVIEW", whatHappened: "The member was safe by midnight.", wentWell: "", toChange: "" });
    await send(lead, { type: "SUBMIT_REVIEW" });
    await send(lead, { type: "SIGN_OFF_REVIEW", note: "" });
    const closed = await prisma.crisis.findUniqueOrThrow({ where: { id: crisis.id } });
    expect(closed).toMatchObject({ state: "closed" });
    expect(await applyCrisisEvent({ id: crisis.id, event: { type: "PROMISE_UPDATE", minutes: 30 }, actor: commander })).toMatchObject({ status: "refused", message: "The crisis is closed." });
  });

  it("links a case once: the queue's row shows the crisis's badge while it is active", async () => {
    const { crisis } = await declareImminentHarm();
    const [commander, moderator] = await Promise.all([userByEmail("commander@example.com"), userByEmail("moderator@example.com")]);
    const other = await reportSubject({ ruleCode: "threats", subject: { type: "content", id: "post-threat-linked", text: "I know where you live." } });
    expect(await applyCrisisEvent({ id: crisis.id, event: { type: "LINK_CASE", caseId: other.id, caseRef: other.ref }, actor: commander })).toMatchObject({ status: "applied" });
    expect(await applyCrisisEvent({ id: crisis.id, event: { type: "LINK_CASE", caseId: other.id, caseRef: other.ref }, actor: commander })).toMatchObject({
      status: "refused",
      message: `${other.ref} is already linked to this crisis.`,
    });
    const queue = await loadQueue({ sort: "priority" }, moderator);
    expect(queue.cases.find((c) => c.ref === other.ref)?.crises).toEqual([crisis.ref]);
    const leadership = await userByEmail("leadership@example.com");
    expect(await applyCrisisEvent({ id: crisis.id, event: { type: "LINK_CASE", caseId: other.id, caseRef: other.ref }, actor: leadership })).toMatchObject({ status: "forbidden" });
  });
});
