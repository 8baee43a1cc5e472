// What holds on every path to each step: tasks completed, statements drafted, statements
// approved since their last draft. A must-analysis (intersection over paths), region by
// region: a track starts from what held at its parallel step, less what a track running
// beside it may undo; after the join, what any track established holds.
import { statementsByApproval } from "../implementations";
import type { Plan } from "../plan";
import { regionChain } from "../plan";
import type { AbstractEdge } from "./graph";

export type Facts = Set<string>;
export const completed = (task: string) => `c:${task}`;
export const drafted = (statement: string) => `d:${statement}`;
export const approved = (statement: string) => `a:${statement}`;

export interface MustAnalysis {
  /** Null for a step no path reaches. */
  at: (node: string) => Facts | null;
  /** Statements whose approval a track running beside this region may undo. */
  undoneBeside: (region: string) => Set<string>;
}

/**
 * `edgesOf(node)` lists a node's edges, a parallel step's join and exits among them;
 * `nodesOf(region)` the nodes the analysis may assume reached.
 */
export function mustAnalysis(plan: Plan, edgesOf: (node: string) => AbstractEdge[], nodesOf: (region: string) => Iterable<string>): MustAnalysis {
  const steps = new Map([...plan.nodes.values()].flatMap((n) => (n.step ? [[n.id, n.step] as const] : [])));
  const approves = statementsByApproval(steps);

  // Statements each region (with its tracks) may redraft or see rejected.
  const undoes = new Map<string, Set<string>>();
  const deepUndoes = (region: string): Set<string> => {
    const cached = undoes.get(region);
    if (cached) return cached;
    const out = new Set<string>();
    for (const id of nodesOf(region)) {
      const step = plan.nodes.get(id)!.step;
      if (step?.kind === "statement") out.add(step.id);
      if (step?.kind === "approval" && step.onReject) approves(step.id).forEach((s) => out.add(s));
      if (step?.kind === "parallel") for (const t of step.tracks) deepUndoes(`track:${t.id}`).forEach((s) => out.add(s));
    }
    undoes.set(region, out);
    return out;
  };
  const beside = new Map<string, Set<string>>();
  const undoneBeside = (region: string): Set<string> => {
    const cached = beside.get(region);
    if (cached) return cached;
    const out = new Set<string>();
    for (const r of regionChain(plan, region)) {
      const parent = plan.regions.get(r)!.parent;
      const step = parent ? plan.nodes.get(parent)!.step : null;
      if (step?.kind !== "parallel") continue;
      for (const t of step.tracks) if (`track:${t.id}` !== r) deepUndoes(`track:${t.id}`).forEach((s) => out.add(s));
    }
    beside.set(region, out);
    return out;
  };

  const IN = new Map<string, Facts>();
  const transfer = (edge: AbstractEdge, facts: Facts): Facts | null => {
    if (edge.summary?.kind === "join") {
      const step = plan.nodes.get(edge.from)!.step;
      if (step?.kind !== "parallel") return null;
      const union = new Set<string>();
      for (const t of step.tracks) {
        const end = IN.get(plan.regions.get(`track:${t.id}`)!.end);
        if (!end) return null;
        end.forEach((f) => union.add(f));
      }
      return union;
    }
    if (edge.summary?.kind === "exit") {
      let inner = edge.summary.edge;
      while (inner.summary?.kind === "exit") inner = inner.summary.edge;
      const source = IN.get(inner.from);
      return source ? transfer({ ...inner, summary: undefined }, source) : null;
    }
    const effect = edge.effect;
    if (!effect) return facts;
    const out = new Set(facts);
    if (effect.complete) out.add(completed(effect.complete));
    if (effect.draft) {
      out.add(drafted(effect.draft));
      out.delete(approved(effect.draft));
    }
    if (effect.approve) {
      const region = plan.nodes.get(edge.from)!.region;
      for (const s of approves(effect.approve)) if (facts.has(drafted(s)) && !undoneBeside(region).has(s)) out.add(approved(s));
    }
    if (effect.reject) for (const s of approves(effect.reject)) out.delete(approved(s));
    return out;
  };

  const queue: string[] = [];
  const queued = new Set<string>();
  const enqueue = (id: string) => {
    if (!queued.has(id)) {
      queued.add(id);
      queue.push(id);
    }
  };
  const meet = (node: string, facts: Facts) => {
    const before = IN.get(node);
    const after = before ? new Set([...before].filter((f) => facts.has(f))) : new Set(facts);
    if (before && after.size === before.size) return;
    IN.set(node, after);
    enqueue(node);
    // A track's change can change its parallel step's join or exits.
    for (let r = plan.nodes.get(node)!.region; r !== "main"; ) {
      const parent = plan.regions.get(r)!.parent!;
      enqueue(parent);
      r = plan.nodes.get(parent)!.region;
    }
  };
  meet(plan.regions.get("main")!.start, new Set());
  while (queue.length > 0) {
    const id = queue.shift()!;
    queued.delete(id);
    const facts = IN.get(id);
    if (!facts) continue;
    const node = plan.nodes.get(id)!;
    if (node.step?.kind === "parallel") {
      for (const t of node.step.tracks) {
        const region = `track:${t.id}`;
        const undone = undoneBeside(region);
        meet(plan.regions.get(region)!.start, new Set([...facts].filter((f) => !(f.startsWith("a:") && undone.has(f.slice(2))))));
      }
    }
    for (const edge of edgesOf(id)) {
      const out = transfer(edge, facts);
      if (out && plan.nodes.has(edge.to)) meet(edge.to, out);
    }
  }
  return { at: (node) => IN.get(node) ?? null, undoneBeside };
}
