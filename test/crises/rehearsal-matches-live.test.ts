import type { CompiledPlaybook, CrisisFacts, PlaybookEvent, Scenario, TimelineEntry } from "@machines/playbook";
import { REVIEW, simulatePlaybook } from "@machines/playbook";
import { beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import type { Actor } from "~/models/accounts/actor";
import { CASE_TIMER_KINDS } from "~/models/cases/case-timers.server";
import { applyCrisisEvent, declareCrisis } from "~/models/crises/crisis-commands.server";
import type { CrisisEventBody } from "~/models/crises/crisis-events";
import { compiledVersion } from "~/models/crises/crisis-rows.server";
import { CRISIS_TIMER_KINDS } from "~/models/crises/crisis-timers.server";
import { readStepProgress } from "~/models/crises/crisis-statement-steps.server";
import { drivenStep } from "~/models/crises/statement-steps";
import { draftCell, moveStatement } from "~/models/statements/statement-commands.server";
import type { MachineBody } from "~/models/statements/statement-events";
import type { Stage } from "~/models/statements/statement-words";
import type { CrisisSeverity, CrisisType } from "~/models/crises/crisis-words";
import { CRISIS_SEVERITIES, CRISIS_SEVERITY_KEYS } from "~/models/crises/crisis-words";
import { timerFiring } from "~/models/workflow/timers.server";
import { createScheduler } from "~/services/scheduler.server";
import { prisma } from "~/utils/db.server";
import { readStoredJson } from "~/utils/json";
import { seedWithPlaybooks } from "../playbooks/helpers";

// A rehearsal and the real thing read the same (issue 12, decision 18): for every seeded
// playbook, the people's actions of a rehearsal on the virtual clock are replayed live
// through the write path at the same offsets, while the deadlines and waits are left to
// the timer table and the one scheduler, ticked by the test at each due time. The live
// crisis's audit trail must give the rehearsal's timeline: the same moments, in the same
// order, with the same effects and the same live steps after each. A statement's drafting,
// approval and publishing are done live as people do them, on the statements' own cells,
// which move the playbook (decision 24). The room's own cadence (update reminders and the
// promises a published update keeps) is not part of a playbook and is left out of the comparison.

beforeEach(seedWithPlaybooks);

const KEYS = ["harassment_raid", "data_leak", "pr_backlash", "imminent_harm"] as const;
const SCENARIOS: Record<string, Partial<Scenario>> = {
  "everyone acts at half of each deadline": {},
  "nobody acts, so every deadline passes": { policy: "never", horizonMs: 24 * 3_600_000 },
};
const ROOM_EFFECTS = new Set(["crisis.declared", "update.promised", "case.linked", "review.moved"]);
const PLAYBOOK_ACTIONS = new Set(["crisis.declare", "crisis.acknowledge", "crisis.complete", "crisis.draft", "crisis.approve", "crisis.reject", "crisis.publish", "crisis.timer", "crisis.sign_off_review"]);
const fire = timerFiring({ ...CASE_TIMER_KINDS, ...CRISIS_TIMER_KINDS });

type Moment = { at: number; what: string; effects: unknown[]; active: string[] };

const withoutEntries = (effects: readonly { type: string }[]) => effects.filter((e) => e.type !== "step.entered" && e.type !== "phase.entered" && !ROOM_EFFECTS.has(e.type));
const whatOf = (event: { type: string; step?: string; key?: string; answer?: string } | undefined) =>
  event ? [event.type, event.step ?? event.key, event.answer].filter(Boolean).join(" ") : "DECLARE";

function rehearsed(entry: TimelineEntry): Moment {
  return { at: entry.at, what: whatOf(entry.event), effects: withoutEntries(entry.effects), active: entry.active };
}

const After = z.object({ steps: z.array(z.string()), step: z.string().optional(), key: z.string().optional(), answer: z.string().nullable().optional(), effects: z.array(z.object({ type: z.string() }).passthrough()) });

/** The live crisis's playbook moments from its audit trail, people's ids read back as the rehearsal's. */
async function livedMoments(crisisId: string, start: Date, rehearsalIdOf: Map<string, string>): Promise<Moment[]> {
  const entries = await prisma.auditEntry.findMany({ where: { subjectType: "Crisis", subjectId: crisisId }, orderBy: { seq: "asc" } });
  return entries
    .filter((e) => PLAYBOOK_ACTIONS.has(e.action))
    .map((e) => {
      const after = readStoredJson(After, e.after ?? "", "a crisis's audit entry");
      // The review's sign-off is the live form of completing the playbook's review step.
      const type = e.action === "crisis.sign_off_review" ? "COMPLETE" : e.action.replace(/^crisis\./, "").toUpperCase();
      const renamed = (v: unknown): unknown =>
        typeof v === "string" ? (rehearsalIdOf.get(v) ?? v) : Array.isArray(v) ? v.map(renamed) : v && typeof v === "object" ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, renamed(x)])) : v;
      const effects = withoutEntries(after.effects).map(renamed);
      const step = e.action === "crisis.sign_off_review" ? REVIEW : after.step;
      return { at: e.at.getTime() - start.getTime(), what: whatOf({ type, step, key: after.key, answer: after.answer ?? undefined }), effects, active: after.steps };
    });
}

/** A person of Vigil for each person the rehearsal names ("crisis_commander#1"), with that account role. */
async function peopleFor(events: PlaybookEvent[]): Promise<Map<string, Actor & { kind: "user" }>> {
  const people = new Map<string, Actor & { kind: "user" }>();
  for (const { actor } of events) {
    if (people.has(actor.id)) continue;
    const [role, n] = actor.id.split("#");
    const email = `${role.replace(/_/g, "-")}-${n}@rehearsal.example.com`;
    const user = await prisma.user.create({ data: { email, name: `${role} ${n}`, passwordHash: "-", roles: { create: [{ role }] } } });
    people.set(actor.id, { kind: "user", id: user.id, email, roles: [role] });
  }
  return people;
}

/**
 * A person's act on a step the statements drive, done as they would do it on the statements
 * panel: the drafter drafts and submits every cell the step requires, an approver approves
 * each, the drafter publishes each. The last of them moves the playbook (docs/decisions/0024).
 */
async function actOnCells(crisis: { id: string; ref: string }, compiled: CompiledPlaybook, event: PlaybookEvent, person: Actor & { kind: "user" }, at: Date) {
  const step = "step" in event ? event.step : "";
  const [progress] = await readStepProgress(prisma, { id: crisis.id, compiled, steps: [step] });
  const label = `${event.type} ${step}`;
  for (const cell of progress.cells) {
    let statement = await prisma.statement.findFirst({ where: { crisisId: crisis.id, stage: cell.stage, audience: cell.audience, channel: cell.channel, language: cell.language }, orderBy: { sequence: "desc" } });
    const move = async (body: MachineBody) => {
      expect(await moveStatement({ ref: statement!.ref, event: body, actor: person, at }), `${body.type} ${cell.key} for ${label}`).toMatchObject({ status: "applied" });
      statement = await prisma.statement.findUniqueOrThrow({ where: { id: statement!.id } });
    };
    if (event.type === "DRAFT") {
      if (!statement || statement.state === "published" || statement.state === "superseded") {
        const drafted = await draftCell({ crisisRef: crisis.ref, stage: cell.stage as Stage, audience: cell.audience, channel: cell.channel, language: cell.language, actor: person, at });
        expect(drafted, `drafting ${cell.key} for ${label}`).toMatchObject({ status: "applied" });
        statement = await prisma.statement.findUniqueOrThrow({ where: { ref: (drafted as { ref: string }).ref } });
      }
      if (statement.state === "drafted") await move({ type: "SUBMIT" });
    } else if (event.type === "APPROVE" && statement?.state === "submitted") await move({ type: "APPROVE", hash: statement.textHash });
    else if (event.type === "PUBLISH" && statement?.state === "approved") await move({ type: "PUBLISH" });
  }
}

/** Who signs the review off: its owner when they may, or a trust & safety lead read back as the owner. */
const signedFor = new Map<string, string>();
async function signer(owner: Actor & { kind: "user" }, ownerRehearsalId: string): Promise<Actor> {
  if (owner.roles.includes("trust_safety_lead")) return owner;
  const lead = await prisma.user.findUniqueOrThrow({ where: { email: "lead@example.com" } });
  signedFor.set(lead.id, ownerRehearsalId);
  return { kind: "user", id: lead.id, email: lead.email, roles: ["trust_safety_lead"] };
}

function bodyOf(event: PlaybookEvent): CrisisEventBody {
  switch (event.type) {
    case "COMPLETE":
      return { type: "COMPLETE", step: event.step, ...(event.answer ? { answer: event.answer } : {}) };
    case "ACKNOWLEDGE":
    case "DRAFT":
    case "APPROVE":
    case "REJECT":
    case "PUBLISH":
      return { type: event.type, step: event.step };
    default:
      throw new Error(`a rehearsal's person does not send ${event.type}`);
  }
}

async function runBoth(key: (typeof KEYS)[number], scenario: Partial<Scenario>) {
  const version = await prisma.playbookVersion.findFirstOrThrow({ where: { status: "published", playbook: { key } } });
  const compiled = compiledVersion(version);
  // The first level of the playbook a crisis can be declared at (SEV1 to SEV3).
  const severity = CRISIS_SEVERITY_KEYS.find((k) => compiled.playbook.severity.levels.includes(CRISIS_SEVERITIES[k].level)) as CrisisSeverity;
  const level = CRISIS_SEVERITIES[severity].level;
  const facts: CrisisFacts = { type: compiled.playbook.crisisTypes[0], severity: level, linkedCases: 0 };
  const rehearsal = simulatePlaybook(compiled, facts, scenario);
  const horizon = scenario.horizonMs ?? 72 * 3_600_000;

  const actions = rehearsal.timeline.flatMap((e) => (e.event && e.event.type !== "TIMER" ? [{ at: e.at, event: e.event }] : []));
  const people = await peopleFor(actions.map((a) => a.event));
  const start = new Date(Math.floor(Date.now() / 60_000) * 60_000);
  const declared = await declareCrisis({
    title: `Rehearsed live: ${compiled.playbook.title}`,
    crisisType: facts.type as CrisisType,
    severity,
    known: "",
    playbookVersionId: version.id,
    fromCase: null,
    actor: { kind: "user", id: (await prisma.user.findUniqueOrThrow({ where: { email: "lead@example.com" } })).id, email: "lead@example.com", roles: ["trust_safety_lead"] },
    at: start,
  });
  if (declared.status !== "applied") throw new Error(declared.message);
  const crisis = await prisma.crisis.findUniqueOrThrow({ where: { ref: declared.ref } });
  const scheduler = createScheduler({ fire, instanceId: "rehearsal", onError: (e) => { throw e; } });

  // The test moves the clock: to the next due playbook timer (the scheduler fires it), or to the next person's action, timers first at a tie.
  for (let i = 0, moves = 0; ; moves++) {
    if (moves > 2_000) throw new Error("the live run does not settle");
    const timer = await prisma.timer.findFirst({ where: { subjectType: "crisis", subjectId: crisis.id, kind: "crisis_step", status: "pending" }, orderBy: { dueAt: "asc" } });
    const action = actions[i];
    const timerAt = timer ? timer.dueAt.getTime() - start.getTime() : Infinity;
    const actionAt = action ? action.at : Infinity;
    if (Math.min(timerAt, actionAt) > horizon) break;
    if (timerAt <= actionAt) {
      await scheduler.tick(timer!.dueAt);
      continue;
    }
    const label = `${action.event.type} ${"step" in action.event ? action.event.step : ""} at +${action.at / 60_000}m`;
    const person = people.get(action.event.actor.id)!;
    const at = new Date(start.getTime() + action.at);
    // Live, the review step is completed by the review's sign-off (decision 25): the team writes
    // it and sends it, and a trust & safety lead signs it off, standing in for the step's owner.
    const bodies: [CrisisEventBody, Actor][] =
      action.event.type === "COMPLETE" && action.event.step === REVIEW
        ? [
            [{ type: "WRITE_REVIEW", whatHappened: "Rehearsed live.", wentWell: "", toChange: "" }, person],
            [{ type: "SUBMIT_REVIEW" }, person],
            [{ type: "SIGN_OFF_REVIEW", note: "" }, await signer(person, action.event.actor.id)],
          ]
        : [[bodyOf(action.event), person]];
    if ("step" in action.event && drivenStep(compiled, action.event.step)) {
      await actOnCells(crisis, compiled, action.event, person, at);
      i++;
      continue;
    }
    for (const [body, actor] of bodies) {
      expect(await applyCrisisEvent({ id: crisis.id, event: body, actor, at }), `${body.type} for ${label}`).toMatchObject({ status: "applied" });
    }
    i++;
  }
  const rehearsalIdOf = new Map([...signedFor, ...[...people].map(([simId, actor]): [string, string] => [actor.id, simId])]);
  return { rehearsal, lived: await livedMoments(crisis.id, start, rehearsalIdOf), crisis: await prisma.crisis.findUniqueOrThrow({ where: { id: crisis.id } }) };
}

describe("a rehearsal and a live crisis through the write path", () => {
  for (const key of KEYS) {
    for (const [name, scenario] of Object.entries(SCENARIOS)) {
      it(`give the same ordered timeline for the ${key.replace(/_/g, " ")} playbook when ${name}`, async () => {
        const { rehearsal, lived, crisis } = await runBoth(key, scenario);
        const expected = rehearsal.timeline.filter((e) => e.event || e.at === 0).map(rehearsed);
        expect(expected.length).toBeGreaterThan(1);
        expect(lived).toEqual(expected);
        // And it ends where the rehearsal says it does.
        const ending = rehearsal.ending;
        if (ending.kind === "resolved") expect(crisis.state).toBe(ending.reviewedAt === null ? "resolved" : "closed");
        else expect(crisis.state).toBe("active");
      });
    }
  }
});
