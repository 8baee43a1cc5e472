import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { describeChange } from "~/components/queue/format";
import { applyCaseEvent } from "~/models/cases/case-events.server";
import { fireCaseTimer } from "~/models/cases/case-timers.server";
import { loader as caseLoader } from "~/routes/cases.$ref";
import { action as moveAction } from "~/routes/cases.$ref.escalation";
import { loader as eventsLoader } from "~/routes/queue.events";
import type { CaseChange } from "~/models/cases/case-live";
import { caseChangeOf } from "~/models/cases/case-live";
import { subscribeLive } from "~/utils/live-bus.server";
import { createScheduler } from "~/services/scheduler.server";
import { prisma } from "~/utils/db.server";
import { resetDb } from "../db";
import { reportSubject, userByEmail } from "../factories/cases";
import { seedDemo } from "../factories/demo";
import type { Browser } from "../http";
import { BASE_URL, getRequest, loginAs, postForm, respond, routeArgs } from "../http";

// Escalation moves reach other moderators' queues and case pages as they happen: people's
// moves through the case page's escalation forms, and breaches fired by the scheduler.

let heard: CaseChange[];
let unsubscribe: () => void;
beforeEach(async () => {
  await resetDb();
  await seedDemo();
  heard = [];
  unsubscribe = subscribeLive({
    onChange: (change) => {
      const caseChange = caseChangeOf(change);
      if (caseChange) heard.push(caseChange);
    },
  });
});
afterEach(() => unsubscribe());

/** A case a moderator claimed and escalated: it waits at the senior moderator tier. */
async function escalatedCase() {
  const c = await reportSubject();
  const mo = await userByEmail("moderator@example.com");
  await applyCaseEvent({ caseId: c.id, event: { type: "CLAIM" }, actor: mo });
  await applyCaseEvent({ caseId: c.id, event: { type: "ESCALATE", reason: "Part of a pile-on." }, actor: mo });
  heard = [];
  return c;
}

const move = (browser: Browser, ref: string, fields: Record<string, string>) =>
  respond(() => moveAction(routeArgs(postForm(`/cases/${ref}/escalation`, fields, browser), { ref })));

/**
 * The change the last move published, as the moderator's event stream carries it. The
 * change is published before the action answers, so it is already heard and already
 * queued on the stream: nothing here waits for time to pass.
 */
async function published(reader: ReadableStreamDefaultReader<Uint8Array>, sofar: { text: string }): Promise<CaseChange> {
  expect(heard, "no change was published").not.toHaveLength(0);
  const streamed = await nextCaseEvent(reader, sofar);
  expect(streamed).toEqual(heard.pop());
  expect(heard).toEqual([]);
  return streamed;
}

async function nextCaseEvent(reader: ReadableStreamDefaultReader<Uint8Array>, sofar: { text: string }): Promise<CaseChange> {
  const decoder = new TextDecoder();
  const pattern = /event: case\ndata: (.*)\n\n/;
  while (!pattern.test(sofar.text)) {
    const chunk = await reader.read();
    if (chunk.done) throw new Error(`stream ended: ${sofar.text}`);
    sofar.text += decoder.decode(chunk.value, { stream: true });
  }
  const match = pattern.exec(sofar.text)!;
  sofar.text = sofar.text.slice(match.index + match[0].length);
  return JSON.parse(match[1]) as CaseChange;
}

describe("live updates of escalation moves", () => {
  it("tell a moderator's open queue and case page when a senior acknowledges, climbs and a lead hands back", async () => {
    const c = await escalatedCase();
    const moderator = await loginAs("moderator@example.com");
    const page = (await (await respond(() => caseLoader(routeArgs(getRequest(`/cases/${c.ref}`, moderator), { ref: c.ref })))).json()) as {
      version: number;
      escalationPath: { version: number };
    };
    const controller = new AbortController();
    const stream = await respond(() => eventsLoader(routeArgs(new Request(new URL("/queue/events", BASE_URL), { headers: { Cookie: moderator.cookie }, signal: controller.signal }))));
    const reader = stream.body!.getReader();
    const sofar = { text: "" };

    const senior = await loginAs("senior@example.com");
    expect((await move(senior, c.ref, { intent: "ACKNOWLEDGE", note: "", version: String(page.escalationPath.version) })).status).toBe(302);
    const acknowledged = await published(reader, sofar);
    expect(acknowledged).toMatchObject({
      caseId: c.id,
      ref: c.ref,
      action: "escalation.acknowledge",
      by: "senior@example.com",
      escalation: { state: "acknowledged", tier: "senior_moderator", tierLabel: "Senior moderator" },
    });
    // The case's triage version stays; the escalation's own version tells the page it is news.
    expect(acknowledged.version).toBe(page.version);
    expect(acknowledged.escalation!.version).toBeGreaterThan(page.escalationPath.version);
    expect(describeChange(acknowledged)).toBe(`The escalation of case ${c.ref} was acknowledged by senior@example.com.`);

    await move(senior, c.ref, { intent: "CLIMB", note: "Needs the lead: a raid across several threads." });
    const climbed = await published(reader, sofar);
    expect(climbed).toMatchObject({ action: "escalation.climb", escalation: { state: "awaiting_ack", tier: "trust_safety_lead" } });
    expect(describeChange(climbed)).toBe(`Case ${c.ref} was escalated to Trust & safety lead by senior@example.com.`);

    const lead = await loginAs("lead@example.com");
    await move(lead, c.ref, { intent: "ACKNOWLEDGE", note: "" });
    expect(await published(reader, sofar)).toMatchObject({ action: "escalation.acknowledge", by: "lead@example.com" });
    await move(lead, c.ref, { intent: "HAND_BACK", note: "Seniors can take it from here; the raid is over." });
    const handedBack = await published(reader, sofar);
    expect(handedBack).toMatchObject({ action: "escalation.hand_back", by: "lead@example.com", escalation: { tier: "senior_moderator" } });
    expect(describeChange(handedBack)).toBe(`Case ${c.ref} was handed back to Senior moderator by lead@example.com.`);
    expect(handedBack.escalation!.version).toBe(acknowledged.escalation!.version + 3);
    controller.abort();
  });

  it("publish nothing for a move the escalation refuses", async () => {
    const c = await escalatedCase();
    const moderator = await loginAs("moderator@example.com");
    // Only the senior tier may act on it, so the moderator's acknowledgement changes nothing.
    const res = await move(moderator, c.ref, { intent: "ACKNOWLEDGE", note: "" });
    expect(decodeURIComponent(res.headers.get("Location") ?? "")).toContain("may act on this tier");
    expect(heard).toEqual([]);
  });

  it("publish a breach the scheduler fires, once, after its transaction; a warning publishes nothing", async () => {
    const c = await reportSubject();
    const dueAt = (await prisma.case.findUniqueOrThrow({ where: { id: c.id } })).firstResponseDueAt!;
    heard = [];
    const at = (minutes: number) => new Date(dueAt.getTime() + minutes * 60_000);
    const scheduler = createScheduler({ fire: fireCaseTimer, instanceId: "instance-a", onError: (e) => console.error(e) });

    expect(await scheduler.tick(at(-30))).toBe(1); // the warning
    expect(heard).toEqual([]);
    expect(await scheduler.tick(at(1))).toBe(1); // the first-response breach: it climbs a tier
    expect(heard).toHaveLength(1);
    expect(heard[0]).toMatchObject({ ref: c.ref, action: "escalation.breach", by: "system:scheduler", escalation: { state: "awaiting_ack", tier: "senior_moderator", version: 1 } });
    expect(describeChange(heard[0])).toBe(`Case ${c.ref} missed a deadline; it is now with Senior moderator.`);

    // A second instance later finds nothing to fire and says nothing.
    expect(await createScheduler({ fire: fireCaseTimer, instanceId: "instance-b" }).tick(at(5))).toBe(0);
    expect(heard).toHaveLength(1);
  });
});
