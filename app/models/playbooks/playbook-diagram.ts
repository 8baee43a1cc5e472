import type { Condition, DeadlineAction, Playbook, Step } from "@machines/playbook";
import { RESOLVED, REVIEWED } from "@machines/playbook";
import { describeCondition } from "@machines/playbook/conditions";
import type { Plan } from "@machines/playbook/plan";
import { buildPlan, emptyPhaseNode, trackEnd } from "@machines/playbook/plan";
import type { Diagram, DiagramEdge, DiagramNode, DiagramStatus } from "~/utils/diagram";
import { roleName, roleNames } from "./playbook-words";

// A playbook as a statechart people read: phases and parallel tracks as boxes, each step by
// its title with who acts on it and its deadline, decisions with their branches in words,
// deadlines that move the crisis as dashed arrows with their duration. Drawn by the shared
// renderer (utils/diagram-layout.server); `marks` shows where a run stands.

export const START = "start";

export type DiagramMarks = { current: readonly string[]; done: readonly string[]; /** How the title names where the run stands (a rehearsal's end, a crisis's live steps). */ standing?: string };

export function playbookStatechart(playbook: Playbook, title: string, marks?: DiagramMarks): Diagram {
  const plan = buildPlan(playbook);
  const status = (id: string): DiagramStatus | undefined => (marks?.current.includes(id) ? "current" : marks?.done.includes(id) ? "done" : marks ? "idle" : undefined);
  const titleOf = (id: string) => (id === RESOLVED ? playbook.review.title : (plan.nodes.get(id)?.step?.title ?? id));

  const stepNode = (step: Step): DiagramNode => {
    if (step.kind === "parallel") {
      return {
        id: step.id,
        label: step.title,
        kind: "parallel",
        status: status(step.id),
        children: step.tracks.map((track) => ({
          id: `track:${track.id}`,
          label: track.title,
          kind: "group",
          children: [...track.steps.map(stepNode), { id: trackEnd(track.id), label: "Track done", kind: "final", status: status(trackEnd(track.id)) }],
        })),
      };
    }
    return { id: step.id, label: step.title, kind: step.kind === "decision" ? "decision" : "state", status: status(step.id), note: noteOf(step) };
  };

  const nodes: DiagramNode[] = [
    { id: START, label: "Crisis declared", kind: "initial", status: marks ? "done" : undefined },
    ...playbook.phases.map((phase): DiagramNode => {
      if (phase.steps.length === 0) return { id: emptyPhaseNode(phase.id), label: `${phase.title} (no steps)`, kind: "state", status: status(emptyPhaseNode(phase.id)) };
      return { id: `phase:${phase.id}`, label: phase.title, kind: "group", children: phase.steps.map(stepNode) };
    }),
    { id: RESOLVED, label: playbook.review.title, kind: "state", note: `crisis resolved · ${roleName(playbook.review.owner).toLowerCase()}${dueNote(playbook.review.due, playbook.review.onDue)}`, status: status(RESOLVED) },
    { id: REVIEWED, label: "Review completed", kind: "final", status: status(REVIEWED) },
  ];

  const edges: DiagramEdge[] = [];
  const drawn = new Set<string>();
  const collect = (list: DiagramNode[]) => list.forEach((n) => (drawn.add(n.id), collect(n.children ?? [])));
  collect(nodes);
  const edge = (source: string, target: string, label: string, style: DiagramEdge["style"] = "normal") => {
    // A draft may name steps that do not exist: the findings say so; the drawing leaves the arrow out.
    if (drawn.has(source) && drawn.has(target)) edges.push({ id: `${source}->${target}#${edges.length}`, source, target, label, style });
  };
  edge(START, plan.regions.get("main")!.start, "");
  for (const id of plan.order) {
    const node = plan.nodes.get(id)!;
    const step = node.step;
    if (node.kind === "empty_phase" && node.next) edge(id, node.next, "");
    if (!step) continue;
    if (step.kind === "decision") {
      step.branches.forEach((b) => edge(id, b.goto, conditionWords(b.when, plan)));
      if (step.otherwise) edge(id, step.otherwise, "otherwise");
      continue;
    }
    if (node.next) edge(id, node.next, ...nextLabel(step));
    if (step.kind === "approval" && step.onReject) edge(id, step.onReject, "rejected");
    if ("onDue" in step && step.onDue && "goto" in step.onDue && step.due) edge(id, step.onDue.goto, `after ${step.due}`, "deadline");
  }
  edge(RESOLVED, REVIEWED, "review completed");
  return { title: `${title}${marks ? `; ${marks.standing ?? "the rehearsal ended at"} ${marks.current.map(titleOf).join(", ") || "the end"}` : ""}`, nodes, edges };
}

function nextLabel(step: Step): [string, DiagramEdge["style"]] {
  switch (step.kind) {
    case "task":
      return [step.answers ? `answered (${step.answers.join(", ")})` : "done", "normal"];
    case "statement":
      return ["drafted", "normal"];
    case "approval":
      return [step.count > 1 ? `approved by ${step.count} people` : "approved", "normal"];
    case "publish":
      return ["published", "normal"];
    case "page":
      return [step.acknowledge ? "acknowledged" : "paged", step.acknowledge ? "normal" : "automatic"];
    case "wait":
      return [`after ${step.for}`, "deadline"];
    case "parallel":
      return ["every track done", "automatic"];
    case "decision":
      return ["", "automatic"];
  }
}

/** Who acts on a step, and what its deadline does when it does not move the crisis. */
function noteOf(step: Step): string | undefined {
  const due = "due" in step ? dueNote(step.due, step.onDue) : "";
  switch (step.kind) {
    case "task":
      return `${roleName(step.owner).toLowerCase()}${due}`;
    case "statement":
      return `${roleName(step.owner).toLowerCase()} drafts · ${step.languages.length} language${step.languages.length === 1 ? "" : "s"}${due}`;
    case "approval":
      return `${roleNames(step.approvers)}${step.count > 1 ? ` (${step.count} people)` : ""}${due}`;
    case "page":
      return `pages ${roleNames(step.roles)}${due}`;
    case "publish":
      return "the drafter publishes the approved statement";
    case "wait":
      return `waits ${step.for}`;
    default:
      return undefined;
  }
}

function dueNote(due: string | undefined, onDue: DeadlineAction | undefined): string {
  if (!due) return "";
  if (!onDue || "goto" in onDue) return ` · due ${due}`;
  return "page" in onDue ? ` · due ${due}, then page ${roleNames(onDue.page)}` : ` · due ${due}, then hand to ${roleName(onDue.handTo).toLowerCase()}`;
}

/** A branch's condition in words, naming a task by its title rather than its id. */
function conditionWords(condition: Condition, plan: Plan): string {
  const { answer, ...facts } = condition;
  const parts = Object.values(facts).some((v) => v !== undefined) ? [describeCondition(facts as Condition)] : [];
  if (answer) parts.push(`“${plan.nodes.get(answer.step)?.step?.title ?? answer.step}” answered ${answer.is.join(" or ")}`);
  return parts.join(" and ");
}
