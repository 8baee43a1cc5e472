// The verifier's view of a playbook: per region (the main line, each track), the steps as
// nodes and, from each, the ways the crisis can leave it: a person acting, a timer, or at
// once (decisions, pages that do not wait). A parallel step is one node in its region; its tracks are
// regions of their own, summarised into it after they are analysed (see search.ts).
import { describeCondition } from "../conditions";
import { formatDuration, parseDuration } from "../durations";
import type { WitnessEvent } from "../findings";
import type { Step } from "../format";
import { REVIEW, REVIEWED } from "../format";
import type { Plan, PlanNode } from "../plan";
import type { Bits, ValuationSpace } from "./valuations";

export type EdgeKind = "person" | "timer" | "auto" | "facts";

/** What an edge does to the facts the approval check follows. */
export interface EdgeEffect {
  complete?: string;
  draft?: string;
  /** The approval step whose last approval this is. */
  approve?: string;
  reject?: string;
}

export interface AbstractEdge {
  from: string;
  to: string;
  kind: EdgeKind;
  /** Events a person or the scheduler sends: 0 for what happens at once. */
  weight: number;
  events: WitnessEvent[];
  /** For a decision's branch: the valuations that take it. */
  vals?: Bits;
  label: string;
  effect?: EdgeEffect;
  /** A decision's valuations that match no branch and have no otherwise: not a move. */
  stuck?: true;
  /** For a parallel step's summary edges: filled in by the search. */
  summary?: { kind: "join" } | { kind: "exit"; region: string; edge: AbstractEdge; from: string };
}

/** Nodes where the crisis waits for a person: a cycle through one can be broken. */
export const waitsForPerson = (node: PlanNode) =>
  node.kind === "task" || node.kind === "approval" || node.kind === "statement" || node.kind === "publish" || node.kind === "review" || (node.kind === "page" && node.step?.kind === "page" && node.step.acknowledge);

/** Nodes the crisis passes through in the same instant it reaches them. */
export const isImmediate = (node: PlanNode) =>
  node.kind === "decision" || node.kind === "empty_phase" || (node.kind === "page" && node.step?.kind === "page" && !node.step.acknowledge);

export function edgesOf(plan: Plan, node: PlanNode, space: ValuationSpace, allowed: (decision: string) => Bits): AbstractEdge[] {
  const edges: AbstractEdge[] = [];
  const add = (edge: Omit<AbstractEdge, "from">) => edges.push({ from: node.id, ...edge });
  const person = (to: string, label: string, events: WitnessEvent[], effect?: EdgeEffect) => add({ to, kind: "person", weight: events.length, events, label, effect });
  const step = node.step;
  const next = node.next!;

  if (node.kind === "review") {
    const role = plan.playbook.review.owner;
    person(REVIEWED, "review completed", [{ type: "COMPLETE", step: REVIEW, role, text: `${role} completes the review` }]);
    deadline(plan.playbook.review, REVIEW, add);
    return edges;
  }
  if (node.kind === "empty_phase") {
    add({ to: next, kind: "auto", weight: 0, events: [], label: "empty phase" });
    return edges;
  }
  if (!step) return edges;
  switch (step.kind) {
    case "task":
      person(next, "completed", [{ type: "COMPLETE", step: step.id, role: step.owner, text: `${step.owner} completes ${step.id}` }], { complete: step.id });
      break;
    case "statement":
      person(next, "drafted", [{ type: "DRAFT", step: step.id, role: step.owner, text: `${step.owner} drafts ${step.id}` }], { draft: step.id });
      break;
    case "approval": {
      const role = step.approvers[0];
      const events = Array.from({ length: step.count }, (_, i): WitnessEvent => ({
        type: "APPROVE",
        step: step.id,
        role,
        text: step.count > 1 ? `${role} (${i + 1} of ${step.count}) approves ${step.id}` : `${role} approves ${step.id}`,
      }));
      person(next, "approved", events, { approve: step.id });
      if (step.onReject) person(step.onReject, "rejected", [{ type: "REJECT", step: step.id, role, text: `${role} rejects ${step.id}` }], { reject: step.id });
      break;
    }
    case "page":
      if (step.acknowledge) person(next, "acknowledged", [{ type: "ACKNOWLEDGE", step: step.id, role: step.roles[0], text: `${step.roles[0]} acknowledges ${step.id}` }]);
      else add({ to: next, kind: "auto", weight: 0, events: [], label: "paged" });
      break;
    case "wait": {
      const ms = parseDuration(step.for) ?? 0;
      add({ to: next, kind: "timer", weight: 1, events: [{ type: "TIMER", step: step.id, text: `the wait at ${step.id} ends (${formatDuration(ms)})` }], label: `after ${formatDuration(ms)}` });
      break;
    }
    case "publish": {
      // Its drafter sends the statement (or, unapproved, nothing goes out): a person moves it on.
      const statement = plan.nodes.get(step.statement)?.step;
      const role = statement?.kind === "statement" ? statement.owner : "";
      person(next, "published", [{ type: "PUBLISH", step: step.id, role, text: `${role} publishes ${step.statement}` }]);
      break;
    }
    case "decision": {
      const sets = space.decisions.get(step.id)!;
      const ok = allowed(step.id);
      step.branches.forEach((branch, i) => {
        const vals = sets.branches[i].and(ok);
        if (!vals.isEmpty()) add({ to: branch.goto, kind: "auto", weight: 0, events: [], vals, label: describeCondition(branch.when) });
      });
      const none = sets.none.and(ok);
      if (!none.isEmpty()) {
        if (step.otherwise !== undefined) add({ to: step.otherwise, kind: "auto", weight: 0, events: [], vals: none, label: "otherwise" });
        else add({ to: node.id, kind: "facts", weight: 0, events: [], vals: none, label: "no branch matches", stuck: true });
      }
      break;
    }
    case "parallel":
      break;
  }
  // A page that does not wait passes at once: its deadline can never fall due.
  if ("due" in step && !isImmediate(node)) deadline(step, step.id, add);
  return edges;
}

function deadline(step: { due?: string; onDue?: Extract<Step, { kind: "task" }>["onDue"] }, id: string, add: (edge: Omit<AbstractEdge, "from">) => void) {
  const ms = step.due ? parseDuration(step.due) : null;
  if (ms === null || !step.onDue || !("goto" in step.onDue)) return;
  add({
    to: step.onDue.goto,
    kind: "timer",
    weight: 1,
    events: [{ type: "TIMER", step: id, text: `the deadline of ${id} passes (${formatDuration(ms)})` }],
    label: `deadline ${formatDuration(ms)}`,
  });
}
