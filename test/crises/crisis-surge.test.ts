import { beforeEach, describe, expect, it } from "vitest";
import { CRISIS_POINTS } from "~/models/cases/priority";
import { readBreakdown } from "~/models/cases/crisis-priority.server";
import { applyCrisisEvent, declareCrisis } from "~/models/crises/crisis-commands.server";
import { loadQueue } from "~/models/queue/queue.server";
import { action as roomAction, loader as roomLoader } from "~/routes/crises.$ref";
import { loader as queueLoader } from "~/routes/queue";
import { action as bulkAction } from "~/routes/queue.bulk";
import { prisma } from "~/utils/db.server";
import { reportSubject, userByEmail } from "../factories/cases";
import { DEMO_CRISIS_REF, publishedVersionId, seedCrises } from "../factories/crises";
import type { Browser, FormFields } from "../http";
import { getRequest, loginAs, postForm, respond, routeArgs } from "../http";
import { seedWithPlaybooks } from "../playbooks/helpers";

// A surge (issue 13): cases ticked in the queue are linked to an active crisis in bulk,
// each through the crisis's write path and audited; a linked case climbs in the queue with
// the crisis named in its priority breakdown until the crisis is no longer active; and the
// team pins the notes that matter above the room's timeline.

beforeEach(async () => {
  await seedWithPlaybooks();
  await seedCrises();
});

const crisisId = async () => (await prisma.crisis.findUniqueOrThrow({ where: { ref: DEMO_CRISIS_REF } })).id;
const bulk = (browser: Browser, fields: FormFields) => respond(() => bulkAction(routeArgs(postForm("/queue/bulk", fields, browser))));
const postRoom = (browser: Browser, fields: FormFields) => respond(() => roomAction(routeArgs(postForm(`/crises/${DEMO_CRISIS_REF}`, fields, browser), { ref: DEMO_CRISIS_REF })));
const openRoom = async (browser: Browser) => (await respond(() => roomLoader(routeArgs(getRequest(`/crises/${DEMO_CRISIS_REF}`, browser), { ref: DEMO_CRISIS_REF })))).json();

async function twoCases() {
  const a = await reportSubject({ ruleCode: "privacy", subject: { type: "content", id: "post-leak-a", text: "Her email is on her profile." } });
  const b = await reportSubject({ ruleCode: "privacy", subject: { type: "content", id: "post-leak-b", text: "Mine too, look." } });
  return [a, b];
}

describe("linking queue cases to a crisis in bulk", () => {
  it("links each ticked case through the write path, audited, and the room lists them", async () => {
    const moderator = await loginAs("moderator@example.com");
    const queue = await (await respond(() => queueLoader(routeArgs(getRequest("/queue", moderator))))).json();
    expect(queue.viewer.canLink).toBe(true);
    expect(queue.crises.map((c: { ref: string }) => c.ref)).toEqual([DEMO_CRISIS_REF]);

    const [a, b] = await twoCases();
    const answer = await bulk(moderator, { intent: "link_crisis", crisis: DEMO_CRISIS_REF, case: [`${a.id}:${a.version}`, `${b.id}:${b.version}`] });
    expect(answer.status).toBe(200);
    const reply = await answer.json();
    expect(reply.summary).toBe(`Linked to ${DEMO_CRISIS_REF}: 2 of 2 cases done.`);
    expect(reply.results.map((r: { ref: string; status: string }) => [r.ref, r.status])).toEqual([
      [a.ref, "applied"],
      [b.ref, "applied"],
    ]);
    const audit = await prisma.auditEntry.findMany({ where: { subjectType: "Crisis", subjectId: await crisisId(), action: "crisis.link_case" }, orderBy: { seq: "asc" } });
    expect(audit.map((e) => [e.actorLabel, JSON.parse(e.after ?? "{}").caseRef])).toEqual([
      ["moderator@example.com", a.ref],
      ["moderator@example.com", b.ref],
    ]);
    const lead = await loginAs("lead@example.com");
    expect((await openRoom(lead)).room.cases.map((c: { ref: string }) => c.ref).sort()).toEqual([a.ref, b.ref].sort());

    // Linking again answers per case, and changes nothing.
    const again = await (await bulk(moderator, { intent: "link_crisis", crisis: DEMO_CRISIS_REF, case: [`${a.id}:${a.version}`] })).json();
    expect(again.results[0]).toMatchObject({ ref: a.ref, status: "refused", message: `${a.ref} is already linked to this crisis.` });
    expect(await prisma.crisisCase.count()).toBe(2);
  });

  it("refuses those who may not link, a crisis that is not active, and a crisis that is not chosen, changing nothing", async () => {
    const [a] = await twoCases();
    const leadership = await loginAs("leadership@example.com");
    const refused = await bulk(leadership, { intent: "link_crisis", crisis: DEMO_CRISIS_REF, case: [`${a.id}:${a.version}`] });
    expect(refused.status).toBe(403);
    expect((await refused.json()).results[0]).toMatchObject({ status: "forbidden", message: "You need the permission “link:crisis-case” to do this." });

    const moderator = await loginAs("moderator@example.com");
    const unchosen = await bulk(moderator, { intent: "link_crisis", crisis: "", case: [`${a.id}:${a.version}`] });
    expect(unchosen.status).toBe(400);
    expect(await unchosen.json()).toMatchObject({ error: "Choose the crisis to link the cases to." });
    const unknown = await bulk(moderator, { intent: "link_crisis", crisis: "CR-23456789", case: [`${a.id}:${a.version}`] });
    expect(await unknown.json()).toMatchObject({ error: "There is no crisis CR-23456789." });
    await prisma.crisis.update({ where: { ref: DEMO_CRISIS_REF }, data: { state: "resolved" } });
    const inactive = await bulk(moderator, { intent: "link_crisis", crisis: DEMO_CRISIS_REF, case: [`${a.id}:${a.version}`] });
    expect(await inactive.json()).toMatchObject({ error: `${DEMO_CRISIS_REF} is no longer active: cases are linked to an active crisis.` });
    expect(await prisma.crisisCase.count()).toBe(0);
    expect(await prisma.auditEntry.count({ where: { action: "crisis.link_case" } })).toBe(0);
  });
});

describe("a linked case's priority", () => {
  it("climbs with the crisis named in its breakdown, keeps it through a new report, and drops it when the crisis resolves", async () => {
    const [a, b] = await twoCases();
    const before = (await prisma.case.findUniqueOrThrow({ where: { id: a.id } })).priority;
    const [responder, lead, commander, moderator] = await Promise.all(["responder", "lead", "commander", "moderator"].map((n) => userByEmail(`${n}@example.com`)));
    const declared = await declareCrisis({ title: "Threat in a leak thread", crisisType: "safety_threat", severity: "SEV1", known: "", playbookVersionId: await publishedVersionId("imminent_harm"), fromCase: { id: a.id, ref: a.ref }, actor: responder });
    if (declared.status !== "applied") throw new Error(declared.message);

    const linked = await prisma.case.findUniqueOrThrow({ where: { id: a.id } });
    expect(linked.priority).toBe(before + CRISIS_POINTS);
    expect(readBreakdown(linked.priorityBreakdown).find((f) => f.factor === "crisis")).toMatchObject({ points: CRISIS_POINTS, explanation: expect.stringContaining(declared.ref) });
    const queue = await loadQueue({ sort: "priority" }, moderator);
    expect(queue.cases.findIndex((c) => c.ref === a.ref)).toBeLessThan(queue.cases.findIndex((c) => c.ref === b.ref));

    // A second report recomputes the rest of the score and keeps the crisis's part.
    await reportSubject({ ruleCode: "privacy", subject: { type: "content", id: "post-leak-a", text: "Her email is on her profile." } });
    const reported = await prisma.case.findUniqueOrThrow({ where: { id: a.id } });
    expect(reported.reportCount).toBe(2);
    const factors = readBreakdown(reported.priorityBreakdown);
    expect(factors.map((f) => f.factor)).toContain("crisis");
    expect(reported.priority).toBe(factors.reduce((sum, f) => sum + f.points, 0));

    // The playbook's last step resolves the crisis: no longer active, its case stops climbing.
    const id = (await prisma.crisis.findUniqueOrThrow({ where: { ref: declared.ref } })).id;
    const steps: [typeof lead, Parameters<typeof applyCrisisEvent>[0]["event"]][] = [
      [commander, { type: "ACKNOWLEDGE", step: "page_now" }],
      [lead, { type: "COMPLETE", step: "assess_risk", answer: "not_immediate" }],
      [responder, { type: "COMPLETE", step: "remove_threat" }],
      [lead, { type: "DRAFT", step: "send_resources" }],
      [commander, { type: "APPROVE", step: "approve_resources" }],
      [lead, { type: "PUBLISH", step: "deliver_resources" }],
      [lead, { type: "COMPLETE", step: "follow_up" }],
    ];
    for (const [actor, event] of steps) expect(await applyCrisisEvent({ id, event, actor }), event.type).toMatchObject({ status: "applied" });
    const resolved = await prisma.case.findUniqueOrThrow({ where: { id: a.id } });
    expect(readBreakdown(resolved.priorityBreakdown).map((f) => f.factor)).not.toContain("crisis");
    expect(resolved.priority).toBe(reported.priority - CRISIS_POINTS);
  });
});

describe("pinned notes", () => {
  it("pin a note above the timeline, audited, and unpin it; refuse what is not a note of this crisis", async () => {
    const commander = await loginAs("commander@example.com");
    expect((await postRoom(commander, { intent: "note", text: "Release rolled back at 10:05." })).status).toBe(302);
    const room = (await openRoom(commander)).room;
    const note = room.timeline.find((e: { isNote: boolean }) => e.isNote);
    expect(note).toMatchObject({ note: "Release rolled back at 10:05.", pinned: false });
    expect(room.pinned).toEqual([]);

    expect((await postRoom(commander, { intent: "pin-note", note: String(note.seq) })).status).toBe(302);
    const pinned = (await openRoom(commander)).room;
    expect(pinned.pinned.map((e: { note: string }) => e.note)).toEqual(["Release rolled back at 10:05."]);
    expect(pinned.timeline.find((e: { seq: number }) => e.seq === note.seq).pinned).toBe(true);
    expect(pinned.timeline.at(-1)).toMatchObject({ what: "Pinned a note" });
    const again = await postRoom(commander, { intent: "pin-note", note: String(note.seq) });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ message: "That note is already pinned." });

    const declare = await prisma.auditEntry.findFirstOrThrow({ where: { action: "crisis.declare" } });
    const notANote = await postRoom(commander, { intent: "pin-note", note: String(declare.seq) });
    expect(await notANote.json()).toMatchObject({ message: "There is no such note in this crisis." });
    const leadership = await loginAs("leadership@example.com");
    expect((await postRoom(leadership, { intent: "unpin-note", note: String(note.seq) })).status).toBe(403);

    expect((await postRoom(commander, { intent: "unpin-note", note: String(note.seq) })).status).toBe(302);
    expect((await openRoom(commander)).room.pinned).toEqual([]);
    const actions = await prisma.auditEntry.findMany({ where: { subjectType: "Crisis", action: { in: ["crisis.pin_note", "crisis.unpin_note"] } }, orderBy: { seq: "asc" } });
    expect(actions.map((e) => [e.action, e.actorLabel])).toEqual([
      ["crisis.pin_note", "commander@example.com"],
      ["crisis.unpin_note", "commander@example.com"],
    ]);
  });
});
