// Dead ends and cycles nobody can break, region by region, over the edges the search took.
// A region's step is alive when it can still reach the region's end or leave the region:
// a crisis that cannot finish because of another track is reported in that track.
import type { Plan } from "../plan";
import type { AbstractEdge } from "./graph";
import { waitsForPerson } from "./graph";
import type { RegionSearch, Search } from "./search";

export interface DeadEnd {
  node: string;
  region: string;
}
export interface Cycle {
  nodes: string[];
  /** For steps passing to one another at once: a search state inside the loop. */
  state?: string;
  region: string;
  /** True when the steps pass to one another in the same instant (the machine would never settle). */
  instant: boolean;
}

export function findCycles(plan: Plan, search: Search): Cycle[] {
  const cycles: Cycle[] = [];
  for (const result of search.regions.values()) {
    // Steps passing to one another at once, under the same facts, loop forever.
    const instantGraph = new Map<string, string[]>();
    for (const [from, to] of result.instant) instantGraph.set(from, [...(instantGraph.get(from) ?? []), to]);
    for (const scc of components(instantGraph)) {
      const nodes = [...new Set(scc.map((key) => result.states.get(key)?.node ?? key.split("|")[0]))];
      const ordered = orderOf(plan, nodes);
      cycles.push({ nodes: ordered, region: result.region, instant: true, state: scc.find((key) => result.states.get(key)?.node === ordered[0]) });
    }
    // Timers and automatic steps chasing each other, with no way out at all.
    const auto = new Set([...result.best.keys()].filter((id) => !waitsForPerson(plan.nodes.get(id)!) && !hasPersonInside(plan, search, id)));
    const graph = nodeGraph(result.taken.filter((e) => auto.has(e.from) && auto.has(e.to)));
    const exits = new Set(result.exits.map((e) => e.state.node));
    for (const scc of components(graph)) {
      const inside = new Set(scc);
      const leaves = result.taken.some((e) => inside.has(e.from) && !inside.has(e.to)) || scc.some((id) => exits.has(id));
      const already = cycles.some((c) => c.instant && c.region === result.region && scc.every((id) => c.nodes.includes(id)));
      if (!leaves && !already) cycles.push({ nodes: orderOf(plan, scc), region: result.region, instant: false });
    }
  }
  return cycles;
}

/**
 * Steps from which the crisis can no longer finish. Not reported: steps whose only way on
 * leads into a problem already reported (`explained`: cycles, stuck decisions), nor a
 * parallel step whose tracks hold the problem. Tracks come before their parents.
 */
export function findDeadEnds(plan: Plan, search: Search, explained: Set<string>): DeadEnd[] {
  const found: DeadEnd[] = [];
  const troubled = new Set(explained);
  for (const result of search.regions.values()) {
    const region = plan.regions.get(result.region)!;
    for (const id of result.best.keys()) {
      const step = plan.nodes.get(id)!.step;
      if (step?.kind === "parallel" && step.tracks.some((t) => [...search.regions.get(`track:${t.id}`)!.best.keys()].some((n) => troubled.has(n)))) troubled.add(id);
    }
    const live = aliveNodes(result, region.end);
    const leadsToTrouble = backwards(result, [...result.best.keys()].filter((id) => troubled.has(id)));
    for (const id of result.best.keys()) {
      if (live.has(id) || leadsToTrouble.has(id)) continue;
      // Report where the crisis falls in: entered from a live step, or from the start.
      const entered = id === region.start || result.taken.some((e) => e.to === id && live.has(e.from));
      if (entered) found.push({ node: id, region: result.region });
      troubled.add(id);
    }
  }
  return found;
}

function backwards(result: RegionSearch, from: string[]): Set<string> {
  const incoming = new Map<string, string[]>();
  for (const e of result.taken) incoming.set(e.to, [...(incoming.get(e.to) ?? []), e.from]);
  const seen = new Set(from);
  const queue = [...from];
  while (queue.length > 0) {
    for (const prev of incoming.get(queue.pop()!) ?? []) {
      if (!seen.has(prev)) {
        seen.add(prev);
        queue.push(prev);
      }
    }
  }
  return seen;
}

function aliveNodes(result: RegionSearch, end: string): Set<string> {
  return backwards(result, [...(result.best.has(end) ? [end] : []), ...result.exits.map((e) => e.state.node)]);
}

function hasPersonInside(plan: Plan, search: Search, id: string): boolean {
  const step = plan.nodes.get(id)!.step;
  if (step?.kind !== "parallel") return false;
  return step.tracks.some((t) => {
    const result = search.regions.get(`track:${t.id}`)!;
    return [...result.best.keys()].some((n) => waitsForPerson(plan.nodes.get(n)!) || hasPersonInside(plan, search, n));
  });
}

function nodeGraph(edges: AbstractEdge[]): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const e of edges) graph.set(e.from, [...(graph.get(e.from) ?? []), e.to]);
  return graph;
}

/** Strongly connected components that hold a cycle (Tarjan, iterative). */
export function components(graph: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const result: string[][] = [];
  let counter = 0;
  for (const root of graph.keys()) {
    if (index.has(root)) continue;
    const work: { node: string; i: number }[] = [{ node: root, i: 0 }];
    index.set(root, counter);
    low.set(root, counter++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      const next = graph.get(frame.node) ?? [];
      if (frame.i < next.length) {
        const to = next[frame.i++];
        if (!index.has(to)) {
          index.set(to, counter);
          low.set(to, counter++);
          stack.push(to);
          onStack.add(to);
          work.push({ node: to, i: 0 });
        } else if (onStack.has(to)) low.set(frame.node, Math.min(low.get(frame.node)!, index.get(to)!));
        continue;
      }
      work.pop();
      if (work.length > 0) low.set(work[work.length - 1].node, Math.min(low.get(work[work.length - 1].node)!, low.get(frame.node)!));
      if (low.get(frame.node) !== index.get(frame.node)) continue;
      const scc: string[] = [];
      for (let n = stack.pop()!; ; n = stack.pop()!) {
        onStack.delete(n);
        scc.push(n);
        if (n === frame.node) break;
      }
      if (scc.length > 1 || (graph.get(scc[0]) ?? []).includes(scc[0])) result.push(scc);
    }
  }
  return result;
}

const orderOf = (plan: Plan, nodes: string[]) => plan.order.filter((id) => nodes.includes(id)).concat(nodes.filter((id) => !plan.order.includes(id)));
