// A playbook flattened into what both the compiler and the verifier walk: every step with
// its region (the main line or a parallel track) and the step that follows it. Built
// from a playbook whose references may still be wrong; `problems` lists what is.
import type { Playbook, Step, StepKind } from "./format";
import { RESERVED_IDS, RESOLVED, REVIEW, REVIEWED } from "./format";

export const MAIN = "main";
/** The end of a track: its final state, where it waits for the join. */
export const trackEnd = (trackId: string) => `end:${trackId}`;
export const emptyPhaseNode = (phaseId: string) => `phase:${phaseId}`;

export type NodeKind = StepKind | "empty_phase" | "review" | "final" | "track_end";

export interface PlanNode {
  id: string;
  kind: NodeKind;
  step: Step | null;
  region: string;
  phase: string | null;
  /** Where the crisis goes when this node is done (not for decisions, ends and the final node). */
  next: string | null;
  /** Path in the playbook data, for lines. */
  path: (string | number)[];
}

export interface PlanRegion {
  id: string;
  /** The parallel step that runs this track; null for the main line. */
  parent: string | null;
  start: string;
  /** The node reached when the region is done: a track's end, or the reviewed crisis. */
  end: string;
  nodes: string[];
}

export interface PlanProblem {
  kind: "duplicate_id" | "unknown_target" | "target_out_of_scope";
  nodeId: string | null;
  target?: string;
  field: string;
  path: (string | number)[];
  /** True when a deadline names the target. */
  deadline?: boolean;
  message: string;
}

export interface Plan {
  playbook: Playbook;
  nodes: Map<string, PlanNode>;
  regions: Map<string, PlanRegion>;
  /** Nodes in document order (tracks inside their parallel step), then the ending. */
  order: string[];
  /** Each node's index in `order`. */
  position: Map<string, number>;
  problems: PlanProblem[];
}

export function buildPlan(playbook: Playbook): Plan {
  const nodes = new Map<string, PlanNode>();
  const regions = new Map<string, PlanRegion>();
  const order: string[] = [];
  const problems: PlanProblem[] = [];
  const seenTracks = new Set<string>();
  const seenPhases = new Set<string>();

  const add = (node: PlanNode) => {
    if (nodes.has(node.id) || (RESERVED_IDS as readonly string[]).includes(node.id)) {
      const reserved = (RESERVED_IDS as readonly string[]).includes(node.id);
      problems.push({
        kind: "duplicate_id",
        nodeId: node.id,
        field: "id",
        path: [...node.path, "id"],
        message: reserved ? `The id ${node.id} is kept for the crisis's fixed ending; choose another.` : `Two steps share the id ${node.id}; each needs its own.`,
      });
      return false;
    }
    nodes.set(node.id, node);
    order.push(node.id);
    return true;
  };

  // Lays out one list of steps; `after` is where the list leads when it runs out.
  const layOut = (steps: Step[], region: string, phase: string, path: (string | number)[], after: string) => {
    steps.forEach((step, i) => {
      const following = i + 1 < steps.length ? steps[i + 1].id : after;
      const next = step.kind === "decision" ? null : (step.next ?? following);
      const added = add({ id: step.id, kind: step.kind, step, region, phase, next, path: [...path, i] });
      if (step.kind !== "parallel" || !added) return;
      step.tracks.forEach((track, t) => {
        const trackPath = [...path, i, "tracks", t];
        const regionId = `track:${track.id}`;
        if (seenTracks.has(track.id)) {
          problems.push({ kind: "duplicate_id", nodeId: step.id, field: "id", path: [...trackPath, "id"], message: `Two tracks share the id ${track.id}; each needs its own.` });
          return;
        }
        seenTracks.add(track.id);
        const end = trackEnd(track.id);
        regions.set(regionId, { id: regionId, parent: step.id, start: track.steps[0]?.id ?? end, end, nodes: [] });
        layOut(track.steps, regionId, phase, [...trackPath, "steps"], end);
        nodes.set(end, { id: end, kind: "track_end", step: null, region: regionId, phase, next: null, path: trackPath });
      });
    });
  };

  const entryOf = (index: number): string => {
    const phase = playbook.phases[index];
    if (!phase) return RESOLVED;
    return phase.steps[0]?.id ?? emptyPhaseNode(phase.id);
  };
  regions.set(MAIN, { id: MAIN, parent: null, start: entryOf(0), end: REVIEWED, nodes: [] });
  playbook.phases.forEach((phase, p) => {
    if (seenPhases.has(phase.id)) {
      problems.push({ kind: "duplicate_id", nodeId: null, field: "id", path: ["phases", p, "id"], message: `Two phases share the id ${phase.id}; each needs its own.` });
    }
    seenPhases.add(phase.id);
    if (phase.steps.length === 0) {
      nodes.set(emptyPhaseNode(phase.id), { id: emptyPhaseNode(phase.id), kind: "empty_phase", step: null, region: MAIN, phase: phase.id, next: entryOf(p + 1), path: ["phases", p] });
      order.push(emptyPhaseNode(phase.id));
    }
    layOut(phase.steps, MAIN, phase.id, ["phases", p, "steps"], entryOf(p + 1));
  });
  nodes.set(RESOLVED, { id: RESOLVED, kind: "review", step: null, region: MAIN, phase: null, next: REVIEWED, path: ["review"] });
  nodes.set(REVIEWED, { id: REVIEWED, kind: "final", step: null, region: MAIN, phase: null, next: null, path: ["review"] });
  order.push(RESOLVED, REVIEWED);
  for (const node of nodes.values()) regions.get(node.region)?.nodes.push(node.id);

  const plan: Plan = { playbook, nodes, regions, order, position: new Map(order.map((id, i) => [id, i])), problems };
  for (const id of order) checkTargets(plan, nodes.get(id)!);
  return plan;
}

/** Every place a step names another step, with the field it is named in. */
export function targetsOf(node: PlanNode): { field: string; path: (string | number)[]; target: string; deadline: boolean }[] {
  const step = node.step;
  if (!step) return [];
  const out: { field: string; path: (string | number)[]; target: string; deadline: boolean }[] = [];
  if (step.kind !== "decision" && step.next !== undefined) out.push({ field: "next", path: [...node.path, "next"], target: step.next, deadline: false });
  if (step.kind === "decision") {
    step.branches.forEach((b, i) => out.push({ field: `branch ${i + 1}`, path: [...node.path, "branches", i, "goto"], target: b.goto, deadline: false }));
    if (step.otherwise !== undefined) out.push({ field: "otherwise", path: [...node.path, "otherwise"], target: step.otherwise, deadline: false });
  }
  if ("onDue" in step && step.onDue && "goto" in step.onDue) out.push({ field: "onDue", path: [...node.path, "onDue", "goto"], target: step.onDue.goto, deadline: true });
  if (step.kind === "approval" && step.onReject !== undefined) out.push({ field: "onReject", path: [...node.path, "onReject"], target: step.onReject, deadline: false });
  return out;
}

/** The regions from `region` up to the main line. */
export function regionChain(plan: Plan, region: string): string[] {
  const chain: string[] = [];
  for (let r: string | null = region; r !== null; ) {
    chain.push(r);
    const parent: string | null = plan.regions.get(r)?.parent ?? null;
    r = parent === null ? null : plan.nodes.get(parent)!.region;
  }
  return chain;
}

// A step may move to a step of its own track or of an enclosing one (leaving the parallel
// step, which ends its other tracks); never into a track it is not in.
function checkTargets(plan: Plan, node: PlanNode) {
  for (const { field, path, target, deadline } of targetsOf(node)) {
    const to = plan.nodes.get(target);
    const named = to && to.kind !== "track_end" && to.kind !== "empty_phase" && to.kind !== "final";
    if (!named && target !== RESOLVED) {
      const hint = target === REVIEW || target === REVIEWED ? ` (the crisis ends at ${RESOLVED}; its review follows)` : "";
      plan.problems.push({ kind: "unknown_target", nodeId: node.id, target, field, path, message: `Step ${node.id} moves to ${target} (${field}), but there is no step ${target}${hint}.` });
      continue;
    }
    if (!regionChain(plan, node.region).includes(to!.region)) {
      plan.problems.push({
        kind: "target_out_of_scope",
        nodeId: node.id,
        target,
        field,
        path,
        deadline,
        message: deadline
          ? `Step ${node.id}'s deadline moves to ${target}, inside a parallel track it is not part of; it could never get there.`
          : `Step ${node.id} moves to ${target} (${field}), inside a parallel track it is not part of; a step can only move within its own track or out of it.`,
      });
    }
  }
}
