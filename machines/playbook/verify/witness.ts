// Witnesses: the events from the start that reach a state the search found, with each
// parallel step's join spelled out as every track's shortest run, and the facts (and
// answers) each decision on the way needed, reported just before the event that led there.
import { describeFacts } from "../conditions";
import type { CrisisFacts, WitnessEvent } from "../findings";
import type { Condition, Step } from "../format";
import type { Plan } from "../plan";
import { MAIN } from "../plan";
import type { AbstractEdge } from "./graph";
import type { Search } from "./search";
import type { Bits, ValuationSpace } from "./valuations";

type Item = WitnessEvent | { placeholder: true; vals: Bits; decisions: string[] };
type PathStep = { edge: AbstractEdge; vals: Bits | null; node: string };

export class Witnesses {
  constructor(
    private readonly plan: Plan,
    private readonly search: Search,
    private readonly space: ValuationSpace,
  ) {}

  /** The shortest witness to the closest state of `node`, or to a given state of its region. */
  to(node: string, stateKey?: string, finalVals?: Bits): WitnessEvent[] {
    const region = this.plan.nodes.get(node)!.region;
    const key = stateKey ?? this.search.regions.get(region)!.best.get(node)!.key;
    return this.finish([...this.prefix(region), ...this.local(region, key, finalVals)]);
  }

  /** Events from the start to a region's first step. */
  prefix(region: string): Item[] {
    if (region === MAIN) return [];
    const parallel = this.plan.regions.get(region)!.parent!;
    const parentRegion = this.plan.nodes.get(parallel)!.region;
    const state = this.search.regions.get(parentRegion)!.best.get(parallel);
    return state ? [...this.prefix(parentRegion), ...this.local(parentRegion, state.key)] : [];
  }

  /** Events from a region's start to one of its states. */
  local(region: string, key: string, finalVals?: Bits): Item[] {
    const states = this.search.regions.get(region)!.states;
    const path: PathStep[] = [];
    for (let state = states.get(key); state?.prev; state = states.get(state.prev.state)) path.unshift({ edge: state.prev.edge, vals: state.vals, node: state.node });
    return this.items(path, finalVals, key.split("|")[0]);
  }

  /** A witness along given edges from a region's start (decisions' facts from the edges). */
  along(region: string, edges: AbstractEdge[]): WitnessEvent[] {
    let vals: Bits | null = null;
    const path = edges.map((edge): PathStep => {
      if (edge.weight > 0 || edge.kind === "facts") vals = null;
      if (edge.vals) vals = vals ? vals.and(edge.vals) : edge.vals;
      return { edge, vals, node: edge.to };
    });
    return this.finish([...this.prefix(region), ...this.items(path)]);
  }

  private items(path: PathStep[], finalVals?: Bits, lastNode?: string): Item[] {
    const items: Item[] = [];
    let chainStart = 0;
    let chain: { vals: Bits | null; decisions: string[] } = { vals: null, decisions: [] };
    const closeChain = () => {
      if (chain.vals && !chain.vals.isEmpty() && chain.decisions.length > 0) items.splice(chainStart, 0, { placeholder: true, vals: chain.vals, decisions: chain.decisions });
      chain = { vals: null, decisions: [] };
    };
    path.forEach(({ edge, vals }, i) => {
      const triggers = edge.weight > 0 || edge.kind === "facts";
      if (triggers) closeChain();
      const before = items.length;
      items.push(...this.expand(edge));
      // Facts must be reported before the event that sets off the decisions: the last one here.
      if (triggers) chainStart = Math.max(before, items.length - 1);
      if (edge.kind === "facts") chain = { vals, decisions: [edge.from] };
      else if (edge.vals) chain = { vals, decisions: [...chain.decisions, edge.from] };
      if (i === path.length - 1 && finalVals) chain = { vals: finalVals, decisions: [...chain.decisions, edge.to] };
    });
    if (path.length === 0 && finalVals && lastNode) chain = { vals: finalVals, decisions: [lastNode] };
    closeChain();
    return items;
  }

  private expand(edge: AbstractEdge): Item[] {
    if (edge.summary?.kind === "join") {
      const step = this.plan.nodes.get(edge.from)!.step as Extract<Step, { kind: "parallel" }>;
      return step.tracks.flatMap((t) => {
        const region = `track:${t.id}`;
        const end = this.search.regions.get(region)!.best.get(this.plan.regions.get(region)!.end)!;
        return this.local(region, end.key);
      });
    }
    if (edge.summary?.kind === "exit") return [...this.local(edge.summary.region, edge.summary.from), ...this.expand(edge.summary.edge)];
    return edge.events.map((e) => ({ ...e }));
  }

  // Placeholders become FACTS events with a valuation the decisions needed; the answers
  // they read are written into the COMPLETE events that recorded them.
  private finish(items: Item[]): WitnessEvent[] {
    const out: WitnessEvent[] = [];
    const answers: { before: number; task: string; answer: string }[] = [];
    let lastFacts = "";
    for (const item of items) {
      if (!("placeholder" in item)) {
        out.push(item);
        continue;
      }
      const v = this.space.list[item.vals.first()];
      const conditions = item.decisions.flatMap((d) => {
        const step = this.plan.nodes.get(d)?.step;
        return step?.kind === "decision" ? step.branches.map((b) => b.when) : [];
      });
      // The answer is recorded by the event that triggers the decisions, or earlier.
      for (const [task, answer] of Object.entries(v.answers)) {
        if (answer !== undefined && conditions.some((c) => c.answer?.step === task)) answers.push({ before: out.length + 1, task, answer });
      }
      const facts = pickFacts(v.facts, conditions);
      const described = describeFacts(facts);
      if (described && described !== lastFacts) {
        out.push({ type: "FACTS", facts, text: out.length === 0 ? `the crisis starts with ${described}` : `the crisis room reports ${described}` });
        lastFacts = described;
        answers.forEach((a) => a.before === out.length && (a.before += 1));
      }
    }
    for (const { before, task, answer } of answers) {
      const complete = out.slice(0, before).reverse().find((e) => e.type === "COMPLETE" && e.step === task);
      if (complete) complete.answer = answer;
    }
    for (const event of out) {
      if (event.type !== "COMPLETE" || !event.step) continue;
      const step = this.plan.nodes.get(event.step)?.step;
      if (step?.kind === "task" && step.answers && event.answer === undefined) event.answer = step.answers[0];
      if (event.answer !== undefined) event.text = `${event.role} completes ${event.step} answering ${event.answer}`;
    }
    return out;
  }
}

function pickFacts(facts: CrisisFacts, conditions: Condition[]): Partial<CrisisFacts> {
  const picked: Partial<CrisisFacts> = {};
  if (conditions.some((c) => c.type)) picked.type = facts.type;
  if (conditions.some((c) => c.severity)) picked.severity = facts.severity;
  if (conditions.some((c) => c.linkedCases)) picked.linkedCases = facts.linkedCases;
  return picked;
}
