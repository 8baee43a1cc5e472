import { applyCrisisEvent, declareCrisis } from "~/models/crises/crisis-commands.server";
import type { CrisisEventBody } from "~/models/crises/crisis-events";
import { prisma } from "~/utils/db.server";
import { reportSubject, userByEmail } from "../factories/cases";
import { publishedVersionId } from "../factories/crises";

// A self-harm crisis driven through the one write path on a clock the test sets: the
// member's report at t0, declared 10 minutes later, and each step of the imminent-harm
// playbook at known minutes, until it is resolved at t0 + 120 min.

export const MINUTE = 60_000;
export type Person = Awaited<ReturnType<typeof userByEmail>>;

export async function people() {
  const [responder, commander, lead, leadership, comms] = await Promise.all(
    ["responder@example.com", "commander@example.com", "lead@example.com", "leadership@example.com", "comms@example.com"].map(userByEmail),
  );
  return { responder, commander, lead, leadership, comms };
}

export async function sendAt(crisisId: string, actor: Person, event: CrisisEventBody, at: Date, expectedVersion?: number) {
  const outcome = await applyCrisisEvent({ id: crisisId, event, actor, at, expectedVersion });
  if (outcome.status !== "applied") throw new Error(`${event.type}: ${outcome.message}`);
  return outcome;
}

/** Declared at t0 + 10 min (or `declareAfter`, under 15) from a report received at t0; resolved at t0 + 120 min unless `resolve` is false. */
export async function crisisThroughItsPlaybook(t0: Date, { resolve = true, declareAfter = 10 } = {}) {
  const at = (minutes: number) => new Date(t0.getTime() + minutes * MINUTE);
  const who = await people();
  const c = await reportSubject({ ruleCode: "self_harm", subject: { type: "content", id: `post-review-${t0.getTime()}`, text: "I am going to end it tonight." } });
  await prisma.report.updateMany({ where: { caseId: c.id }, data: { receivedAt: t0 } });
  const declared = await declareCrisis({
    title: "Member says they will end their life tonight",
    crisisType: "safety_threat",
    severity: "SEV1",
    known: "A post in the support forum.",
    playbookVersionId: await publishedVersionId("imminent_harm"),
    fromCase: { id: c.id, ref: c.ref },
    actor: who.responder,
    at: at(declareAfter),
  });
  if (declared.status !== "applied") throw new Error(declared.message);
  const crisis = await prisma.crisis.findUniqueOrThrow({ where: { ref: declared.ref } });
  await sendAt(crisis.id, who.commander, { type: "ACKNOWLEDGE", step: "page_now" }, at(15));
  await sendAt(crisis.id, who.lead, { type: "COMPLETE", step: "assess_risk", answer: "not_immediate" }, at(25));
  await sendAt(crisis.id, who.responder, { type: "COMPLETE", step: "remove_threat" }, at(40));
  await sendAt(crisis.id, who.lead, { type: "DRAFT", step: "send_resources" }, at(45));
  await sendAt(crisis.id, who.commander, { type: "APPROVE", step: "approve_resources" }, at(52));
  await sendAt(crisis.id, who.lead, { type: "PUBLISH", step: "deliver_resources" }, at(52));
  if (resolve) await sendAt(crisis.id, who.lead, { type: "COMPLETE", step: "follow_up" }, at(120));
  return { crisis: await prisma.crisis.findUniqueOrThrow({ where: { id: crisis.id } }), case: c, who, at };
}
