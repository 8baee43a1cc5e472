import type { CompiledPlaybook, PlaybookActor, PlaybookSnapshot } from "@machines/playbook";
import { REVIEW } from "@machines/playbook";
import { rolesFor } from "@machines/playbook/implementations";
import { roleNames } from "../playbooks/playbook-words";
import type { PlaybookBody } from "./crisis-events";
import { CRISIS_EVENT_LABELS } from "./crisis-events";

// Why the playbook's machine did not take a person's event, in a sentence they can act on.

/** The title of a step, or of the review. */
export function stepTitle(compiled: CompiledPlaybook, step: string): string {
  if (step === REVIEW) return compiled.playbook.review.title;
  return compiled.plan.nodes.get(step)?.step?.title ?? step;
}

export function refusalOfStep(compiled: CompiledPlaybook, snapshot: PlaybookSnapshot, body: PlaybookBody, actor: PlaybookActor): string {
  if (body.type === "TIMER") return "That deadline no longer applies.";
  const title = stepTitle(compiled, body.step);
  // The review is the resolved state's own task.
  const live = body.step === REVIEW ? snapshot._nodes.some((n) => n.id === "resolved") : snapshot._nodes.some((n) => n.id === body.step);
  if (!live) return `“${title}” is not a live step of this crisis.`;
  const step = body.step === REVIEW ? ("review" as const) : compiled.plan.nodes.get(body.step)?.step;
  if (!step) return `“${title}” is not a step of this playbook.`;
  const roles = rolesFor(compiled.playbook, step, snapshot.context);
  if (roles.length > 0 && !actor.roles.some((r) => roles.includes(r))) return `“${title}” is for the ${roleNames(roles)}.`;
  if (body.type === "COMPLETE" && step !== "review" && step.kind === "task" && step.answers && !step.answers.includes(body.answer ?? "")) {
    return `Choose an answer for “${title}”: ${step.answers.map((a) => a.replace(/_/g, " ")).join(" or ")}.`;
  }
  if (body.type === "APPROVE") return `You cannot approve “${title}”: you approved it already or drafted what it approves.`;
  return `“${CRISIS_EVENT_LABELS[body.type]}” is not possible on “${title}” now.`;
}
