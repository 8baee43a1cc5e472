import { beforeEach, describe, expect, it } from "vitest";
import { action as roomAction, loader as roomLoader } from "~/routes/crises.$ref";
import { action as listAction, loader as listLoader } from "~/routes/crises._index";
import { action as declareAction, loader as declareLoader } from "~/routes/crises.new";
import { prisma } from "~/utils/db.server";
import { DEMO_USERS } from "../factories/demo";
import { reportSubject } from "../factories/cases";
import { DEMO_CRISIS_REF, seedCrises } from "../factories/crises";
import type { Browser, FormFields } from "../http";
import { getRequest, loginAs, postForm, respond, routeArgs } from "../http";
import { seedWithPlaybooks } from "../playbooks/helpers";

// The crisis pages' loaders and actions as a browser calls them: who may read, declare and
// change a crisis (leadership reads everything and changes nothing), a declaration from a
// case, and refusals that keep what was typed.

beforeEach(async () => {
  await seedWithPlaybooks();
  await seedCrises();
});

const openRoom = (browser: Browser) => respond(() => roomLoader(routeArgs(getRequest(`/crises/${DEMO_CRISIS_REF}`, browser), { ref: DEMO_CRISIS_REF })));
const postRoom = (browser: Browser, fields: FormFields) => respond(() => roomAction(routeArgs(postForm(`/crises/${DEMO_CRISIS_REF}`, fields, browser), { ref: DEMO_CRISIS_REF })));
const declare = (browser: Browser, fields: FormFields) => respond(() => declareAction(routeArgs(postForm("/crises/new", fields, browser))));

describe("the crisis pages", () => {
  it("open the list and the room for the crisis team, leadership and admins, and refuse moderators naming the permission", async () => {
    const readers = ["trust_safety_lead", "crisis_responder", "crisis_commander", "comms_lead", "leadership", "admin"];
    for (const u of DEMO_USERS) {
      const browser = await loginAs(u.email);
      const list = await respond(() => listLoader(routeArgs(getRequest("/crises", browser))));
      const room = await openRoom(browser);
      const allowed = readers.includes(u.roles[0]);
      expect([list.status, room.status], u.email).toEqual(allowed ? [200, 200] : [403, 403]);
      if (!allowed) expect(await room.json()).toMatchObject({ missing: "read:crisis" });
    }
  });

  it("let leadership read the room but change nothing in it", async () => {
    const leadership = await loginAs("leadership@example.com");
    const room = await (await openRoom(leadership)).json();
    expect(room.room).toMatchObject({ ref: DEMO_CRISIS_REF, severity: "SEV2", state: "active" });
    expect(room.can).toEqual({ command: false, work: false, link: false });
    const version = String(room.room.version);
    for (const fields of [{ intent: "take-command", version, note: "" }, { intent: "note", text: "Watching." }, { intent: "link-case", case: "C-23456789" }, { intent: "promise-update", minutes: "30" }]) {
      const answer = await postRoom(leadership, fields);
      expect(answer.status, fields.intent).toBe(403);
    }
    const declined = await respond(() => declareLoader(routeArgs(getRequest("/crises/new", leadership))));
    expect(declined.status).toBe(403);
    expect(await prisma.auditEntry.count({ where: { subjectType: "Crisis", actorLabel: "leadership@example.com" } })).toBe(0);
  });

  it("declare from a self-harm case with the imminent-harm playbook suggested, and link the case", async () => {
    const responder = await loginAs("responder@example.com");
    const c = await reportSubject({ ruleCode: "self_harm", subject: { type: "content", id: "post-sh-route", text: "Nobody would miss me." } });
    const form = await (await respond(() => declareLoader(routeArgs(getRequest(`/crises/new?case=${c.ref}`, responder))))).json();
    expect(form.values).toMatchObject({ type: "safety_threat", severity: "SEV1", case: c.ref });

    const answer = await declare(responder, { ...form.values });
    expect(answer.status).toBe(302);
    const ref = answer.headers.get("Location")!.match(/\/crises\/(CR-\w+)/)![1];
    const crisis = await prisma.crisis.findUniqueOrThrow({ where: { ref }, include: { playbookVersion: { include: { playbook: true } }, cases: true } });
    expect(crisis.playbookVersion.playbook.key).toBe("imminent_harm");
    expect(crisis.cases.map((l) => l.caseId)).toEqual([c.id]);
  });

  it("refuse a declaration that is not complete or has no playbook for it, keeping what was typed", async () => {
    const commander = await loginAs("commander@example.com");
    const empty = await declare(commander, { type: "", severity: "", title: "", known: "Something" });
    expect(empty.status).toBe(400);
    const body = await empty.json();
    expect(Object.keys(body.errors).sort()).toEqual(["severity", "title", "type"]);
    expect(body.values.known).toBe("Something");

    const none = await declare(commander, { type: "other", severity: "SEV3", title: "Odd outage", known: "" });
    expect(none.status).toBe(422);
    expect((await none.json()).errors.playbook[0]).toContain("No published playbook is written for this kind of crisis at SEV3");
  });

  it("answer a stale take-command with a conflict naming who has command", async () => {
    const [commander, lead] = await Promise.all([loginAs("commander@example.com"), loginAs("lead@example.com")]);
    const version = String((await (await openRoom(commander)).json()).room.version);
    expect((await postRoom(commander, { intent: "take-command", version, note: "Mine." })).status).toBe(302);
    const late = await postRoom(lead, { intent: "take-command", version, note: "" });
    expect(late.status).toBe(409);
    expect((await late.json()).message).toContain("Cora Commander (commander@example.com) took command first");
  });

  it("decide the monitor's proposals from the list: a dismissal needs a reason, leadership cannot decide", async () => {
    const proposal = await prisma.crisisProposal.create({ data: { signal: "author:@raider", windowMinutes: 10, count: 150, baseline: 0.3, caseIds: "[]", createdAt: new Date() } });
    const post = (browser: Browser, fields: FormFields) => respond(() => listAction(routeArgs(postForm("/crises", fields, browser))));
    const [lead, leadership] = await Promise.all([loginAs("lead@example.com"), loginAs("leadership@example.com")]);
    const shown = await (await respond(() => listLoader(routeArgs(getRequest("/crises", lead))))).json();
    expect(shown.proposals.map((p: { what: string; count: number }) => [p.what, p.count])).toEqual([["reports about @raider", 150]]);
    expect((await post(leadership, { intent: "dismiss-proposal", proposal: proposal.id, reason: "No." })).status).toBe(403);
    const bare = await post(lead, { intent: "dismiss-proposal", proposal: proposal.id, reason: "" });
    expect(bare.status).toBe(400);
    expect((await bare.json()).message).toBe("Say why it is not a crisis.");
    const done = await post(lead, { intent: "dismiss-proposal", proposal: proposal.id, reason: "A launch, not a raid." });
    expect(done.status).toBe(302);
    expect(await prisma.crisisProposal.findUniqueOrThrow({ where: { id: proposal.id } })).toMatchObject({ status: "dismissed", reason: "A launch, not a raid." });
  });
});
