// Reachability, one region at a time. Tracks are searched first, from their own start, and
// each parallel step then stands in its parent for all its tracks: it can join when every
// track can reach its end (costing the sum of their shortest runs), and it can leave early
// wherever a track's step moves out of it. The product of the tracks is never formed.
//
// A search state is a node and the valuations still possible in the current instant: a
// chain of decisions taken at once reads one set of facts, while between two events the
// crisis room may have changed them, so a node that waits resets it to "any".
import type { Plan } from "../plan";
import { MAIN } from "../plan";
import type { AbstractEdge } from "./graph";
import { isImmediate } from "./graph";
import type { Bits } from "./valuations";

export interface SearchState {
  key: string;
  node: string;
  /** Null: any valuation. */
  vals: Bits | null;
  dist: number;
  prev: { state: string; edge: AbstractEdge } | null;
}

export interface RegionSearch {
  region: string;
  states: Map<string, SearchState>;
  /** The closest state of each node reached. */
  best: Map<string, SearchState>;
  /** Edges taken between reached states (node level), for liveness and the approval check. */
  taken: AbstractEdge[];
  /** Edges leaving the region (to a step of an enclosing one), with the state they leave from. */
  exits: { state: SearchState; edge: AbstractEdge }[];
  /** Pairs of states one leads to the other at once (for cycles of immediate steps). */
  instant: [string, string][];
}

export interface Search {
  regions: Map<string, RegionSearch>;
  statesVisited: number;
}

const stateKey = (node: string, vals: Bits | null) => (vals ? `${node}|${vals.key()}` : node);

/** Searches every region, tracks before the region holding their parallel step. */
export function searchPlan(plan: Plan, edgesFrom: (node: string) => AbstractEdge[]): Search {
  const regions = new Map<string, RegionSearch>();
  let statesVisited = 0;
  const visit = (regionId: string) => {
    const region = plan.regions.get(regionId)!;
    for (const id of region.nodes) {
      const node = plan.nodes.get(id)!;
      if (node.kind === "parallel" && node.step?.kind === "parallel") for (const t of node.step.tracks) visit(`track:${t.id}`);
    }
    const result = searchRegion(plan, regionId, (node) => [...edgesFrom(node), ...summaryEdges(plan, regions, node)]);
    statesVisited += result.states.size;
    regions.set(regionId, result);
  };
  visit(MAIN);
  return { regions, statesVisited };
}

/** A parallel step's edges in its parent: the join, and every way out of a track. */
function summaryEdges(plan: Plan, regions: Map<string, RegionSearch>, nodeId: string): AbstractEdge[] {
  const node = plan.nodes.get(nodeId)!;
  if (node.step?.kind !== "parallel") return [];
  const tracks = node.step.tracks.map((t) => regions.get(`track:${t.id}`)!);
  const edges: AbstractEdge[] = [];
  const ends = tracks.map((t) => t.best.get(plan.regions.get(t.region)!.end));
  if (ends.every((e) => e !== undefined)) {
    const weight = ends.reduce((sum, e) => sum + e!.dist, 0);
    edges.push({ from: nodeId, to: node.next!, kind: weight === 0 ? "auto" : "person", weight, events: [], label: "all tracks done", summary: { kind: "join" } });
  }
  for (const track of tracks) {
    for (const exit of track.exits) {
      const weight = exit.state.dist + exit.edge.weight;
      edges.push({ ...exit.edge, from: nodeId, weight, kind: weight === 0 ? "auto" : exit.edge.kind, summary: { kind: "exit", region: track.region, edge: exit.edge, from: exit.state.key } });
    }
  }
  return edges;
}

function searchRegion(plan: Plan, regionId: string, edgesFrom: (node: string) => AbstractEdge[]): RegionSearch {
  const region = plan.regions.get(regionId)!;
  const inRegion = new Set(region.nodes);
  const states = new Map<string, SearchState>();
  const best = new Map<string, SearchState>();
  const taken: AbstractEdge[] = [];
  const exits: { state: SearchState; edge: AbstractEdge }[] = [];
  const instant: [string, string][] = [];
  const edgeCache = new Map<string, AbstractEdge[]>();
  const out = (node: string) => edgeCache.get(node) ?? (edgeCache.set(node, edgesFrom(node)), edgeCache.get(node)!);

  const queue = new MinQueue<SearchState>();
  const start: SearchState = { key: stateKey(region.start, null), node: region.start, vals: null, dist: 0, prev: null };
  queue.push(start, 0);
  const tentative = new Map<string, number>([[start.key, 0]]);
  while (queue.size > 0) {
    const state = queue.pop()!;
    if (states.has(state.key)) continue;
    states.set(state.key, state);
    if (!best.has(state.node)) best.set(state.node, state);
    const node = plan.nodes.get(state.node)!;
    const immediate = isImmediate(node);
    for (const edge of out(state.node)) {
      if (!inRegion.has(edge.to)) {
        exits.push({ state, edge });
        continue;
      }
      const moves = successors(immediate, state, edge, out(state.node));
      for (const { vals, weight, facts } of moves) {
        const key = stateKey(edge.to, vals);
        const taking: AbstractEdge = facts ? { ...edge, kind: "facts", weight, events: [] } : edge;
        taken.push(taking);
        if (weight === 0) instant.push([state.key, key]);
        const dist = state.dist + weight;
        if (states.has(key) || (tentative.get(key) ?? Infinity) <= dist) continue;
        tentative.set(key, dist);
        queue.push({ key, node: edge.to, vals, dist, prev: { state: state.key, edge: taking } }, dist);
      }
    }
  }
  return { region: regionId, states, best, taken, exits, instant };
}

// From a decision the crisis moves at once under the valuations of a branch; when some
// valuations match no branch it waits there too, until the facts change (a FACTS event).
function successors(immediate: boolean, state: SearchState, edge: AbstractEdge, siblings: AbstractEdge[]) {
  if (edge.stuck) return [];
  if (!immediate) return [{ vals: null, weight: edge.weight, facts: false }];
  if (!edge.vals) return [{ vals: state.vals, weight: 0, facts: false }];
  const moves: { vals: Bits | null; weight: number; facts: boolean }[] = [];
  const now = state.vals ? state.vals.and(edge.vals) : edge.vals;
  if (!now.isEmpty()) moves.push({ vals: now, weight: 0, facts: false });
  if (stuckAt(state, siblings)) moves.push({ vals: edge.vals, weight: 1, facts: true });
  return moves;
}

/** Whether some valuation of the state matches none of the decision's branches. */
export function stuckAt(state: { vals: Bits | null }, edges: AbstractEdge[]): Bits | null {
  const stuck = edges.find((e) => e.stuck);
  if (!stuck) return null;
  const vals = state.vals ? state.vals.and(stuck.vals!) : stuck.vals!;
  return vals.isEmpty() ? null : vals;
}

class MinQueue<T> {
  private items: { value: T; priority: number; seq: number }[] = [];
  private seq = 0;
  get size() {
    return this.items.length;
  }
  push(value: T, priority: number) {
    const items = this.items;
    items.push({ value, priority, seq: this.seq++ });
    for (let i = items.length - 1; i > 0; ) {
      const parent = (i - 1) >> 1;
      if (this.less(items[parent], items[i])) break;
      [items[parent], items[i]] = [items[i], items[parent]];
      i = parent;
    }
  }
  pop(): T | undefined {
    const items = this.items;
    const top = items[0];
    const last = items.pop();
    if (items.length > 0 && last) {
      items[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < items.length && this.less(items[l], items[m])) m = l;
        if (r < items.length && this.less(items[r], items[m])) m = r;
        if (m === i) break;
        [items[m], items[i]] = [items[i], items[m]];
        i = m;
      }
    }
    return top?.value;
  }
  private less(a: { priority: number; seq: number }, b: { priority: number; seq: number }) {
    return a.priority < b.priority || (a.priority === b.priority && a.seq < b.seq);
  }
}
