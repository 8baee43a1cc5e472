import { beforeEach, describe, expect, it } from "vitest";
import { applyCaseEvent } from "~/models/cases/case-events.server";
import { fireCaseTimer } from "~/models/cases/case-timers.server";
import { action as moveAction } from "~/routes/cases.$ref.escalation";
import { createScheduler } from "~/services/scheduler.server";
import { prisma } from "~/utils/db.server";
import { resetDb } from "../db";
import { reportSubject, userByEmail } from "../factories/cases";
import { seedDemo } from "../factories/demo";
import type { Browser } from "../http";
import { loginAs, postForm, respond, routeArgs } from "../http";

// A person's escalation move sent from a page that a deadline has since overtaken still
// applies when the machine allows it, and the person is told what changed; a move that
// another person made first is a conflict that names them.

beforeEach(async () => {
  await resetDb();
  await seedDemo();
});

const escalationOf = (caseId: string) => prisma.caseEscalation.findUniqueOrThrow({ where: { caseId } });
const hhmm = (d: Date) => `${d.toISOString().slice(11, 16)} UTC`;

/** Sends one move from the case page, at the escalation version the page showed; answers what the page then says. */
async function move(browser: Browser, ref: string, fields: Record<string, string>) {
  const res = await respond(() => moveAction(routeArgs(postForm(`/cases/${ref}/escalation`, fields, browser), { ref })));
  expect(res.status).toBe(302);
  return new URL(res.headers.get("Location")!, "http://vigil.test").searchParams.get("escalation");
}

/** Fires the breach of the case's current first-response deadline, as the scheduler does; answers when. */
async function breachFirstResponse(caseId: string): Promise<Date> {
  const due = (await prisma.case.findUniqueOrThrow({ where: { id: caseId } })).firstResponseDueAt!;
  const at = new Date(due.getTime() + 60_000);
  const scheduler = createScheduler({ fire: fireCaseTimer, instanceId: "meanwhile", onError: (e) => console.error(e) });
  while ((await scheduler.tick(at)) > 0);
  return at;
}

/** A case a moderator escalated: it waits for the senior moderator tier to acknowledge. */
async function atSeniorTier() {
  const c = await reportSubject();
  const mo = await userByEmail("moderator@example.com");
  await applyCaseEvent({ caseId: c.id, event: { type: "CLAIM" }, actor: mo });
  await applyCaseEvent({ caseId: c.id, event: { type: "ESCALATE", reason: "Part of a pile-on." }, actor: mo });
  return c;
}

describe("an escalation move from a page a deadline overtook", () => {
  it("applies the commander's acknowledgement after a breach at the top tier, and says what happened meanwhile", async () => {
    const c = await reportSubject({ ruleCode: "self_harm", subject: { type: "content", id: "post-mw-1", text: "I can't go on." } });
    const seen = (await escalationOf(c.id)).version;
    const at = await breachFirstResponse(c.id);
    expect(await escalationOf(c.id)).toMatchObject({ tierKey: "crisis_team", state: "awaiting_ack", version: seen + 1 });

    const commander = await loginAs("commander@example.com");
    const said = await move(commander, c.ref, { intent: "ACKNOWLEDGE", note: "", version: String(seen) });
    expect(said).toBe(
      `You acknowledged the escalation. Meanwhile the first response deadline passed at ${hhmm(at)}; Crisis team is the top tier, so the case stayed with it.`,
    );
    expect(await escalationOf(c.id)).toMatchObject({ state: "acknowledged", acknowledgedById: commander.user.id, version: seen + 2 });
  });

  it("applies a lead's acknowledgement on the tier the case climbed to, naming the climb", async () => {
    const c = await atSeniorTier();
    const seen = (await escalationOf(c.id)).version;
    const at = await breachFirstResponse(c.id);
    expect((await escalationOf(c.id)).tierKey).toBe("trust_safety_lead");

    const lead = await loginAs("lead@example.com");
    const said = await move(lead, c.ref, { intent: "ACKNOWLEDGE", note: "", version: String(seen) });
    expect(said).toBe(`You acknowledged the escalation. Meanwhile the first response deadline passed at ${hhmm(at)} and the case climbed to Trust & safety lead.`);
    expect(await escalationOf(c.id)).toMatchObject({ state: "acknowledged", acknowledgedById: lead.user.id, tierKey: "trust_safety_lead" });
  });

  it("refuses a senior's acknowledgement once the case climbed past their tier, saying why", async () => {
    const c = await atSeniorTier();
    const seen = (await escalationOf(c.id)).version;
    const at = await breachFirstResponse(c.id);

    const said = await move(await loginAs("senior@example.com"), c.ref, { intent: "ACKNOWLEDGE", note: "", version: String(seen) });
    expect(said).toBe(
      `Meanwhile the first response deadline passed at ${hhmm(at)} and the case climbed to Trust & safety lead. Only Trust & safety lead (trust_safety_lead) may act on this tier.`,
    );
    expect(await escalationOf(c.id)).toMatchObject({ state: "awaiting_ack", version: seen + 1 });
  });
});

describe("an escalation move another person made first", () => {
  it("refuses the commander's acknowledgement, naming the responder who acknowledged first", async () => {
    const c = await reportSubject({ ruleCode: "self_harm", subject: { type: "content", id: "post-mw-2", text: "Goodbye." } });
    const seen = String((await escalationOf(c.id)).version);
    const responder = await loginAs("responder@example.com");
    expect(await move(responder, c.ref, { intent: "ACKNOWLEDGE", note: "", version: seen })).toBe("You acknowledged the escalation.");
    const acknowledged = await prisma.auditEntry.findFirstOrThrow({ where: { subjectId: c.id, action: "escalation.acknowledge" } });

    const said = await move(await loginAs("commander@example.com"), c.ref, { intent: "ACKNOWLEDGE", note: "", version: seen });
    expect(said).toBe(`Rita Responder moved this escalation first (acknowledged it at ${hhmm(acknowledged.at)}); here is where it stands now.`);
    expect(await escalationOf(c.id)).toMatchObject({ state: "acknowledged", acknowledgedById: responder.user.id });
  });

  it("stays a conflict when a deadline also moved it, and names the person", async () => {
    const c = await atSeniorTier();
    const seen = String((await escalationOf(c.id)).version);
    const lead = await loginAs("lead@example.com");
    await move(lead, c.ref, { intent: "CLIMB", note: "The raid spans several threads.", version: seen });
    await breachFirstResponse(c.id); // the lead tier missed its deadline too: the case is with Legal now
    const climbed = await prisma.auditEntry.findFirstOrThrow({ where: { subjectId: c.id, action: "escalation.climb" } });

    const said = await move(await loginAs("senior@example.com"), c.ref, { intent: "ACKNOWLEDGE", note: "", version: seen });
    expect(said).toBe(`Lee Lead moved this escalation first (climbed it to Trust & safety lead at ${hhmm(climbed.at)}); here is where it stands now.`);
    expect(await escalationOf(c.id)).toMatchObject({ state: "awaiting_ack", tierKey: "legal" });
  });

  it("tells a person their own move from another window went first", async () => {
    const c = await atSeniorTier();
    const seen = String((await escalationOf(c.id)).version);
    const senior = await loginAs("senior@example.com");
    await move(senior, c.ref, { intent: "ACKNOWLEDGE", note: "", version: seen });
    expect(await move(senior, c.ref, { intent: "ACKNOWLEDGE", note: "", version: seen })).toMatch(/^You moved this escalation first, in another window \(acknowledged it at/);
  });
});
