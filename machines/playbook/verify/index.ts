// verifyPlaybook: every error and warning a playbook has, before it may be published.
// The text first (schema, references, names); then, when the plan holds together, its
// behaviour: reachability, dead ends, decisions, approvals, cycles (see search.ts for how
// parallel tracks are analysed without forming their product).
import type { Finding } from "../findings";
import { finding, isError, sortFindings } from "../findings";
import type { Playbook } from "../format";
import { RESOLVED, REVIEWED } from "../format";
import { playbookHash } from "../compile";
import type { SourceMap } from "../parse";
import { nearestLine, parsePlaybook } from "../parse";
import type { Plan } from "../plan";
import { buildPlan, MAIN } from "../plan";
import type { PlaybookWorld } from "../world";
import { completed, mustAnalysis } from "./approvals";
import type { AbstractEdge } from "./graph";
import { edgesOf } from "./graph";
import { findCycles, findDeadEnds } from "./liveness";
import { publishFindings } from "./publish";
import type { Search } from "./search";
import { searchPlan, stuckAt } from "./search";
import { staticFindings } from "./static";
import { tasksRead, ValuationSpace } from "./valuations";
import { Witnesses } from "./witness";

export interface Verification {
  /** No errors: the version may be published (its warnings are recorded). */
  ok: boolean;
  findings: Finding[];
  /** Steps some path reaches, in document order; empty when the text did not parse. */
  reachable: string[];
  /** Search states the verifier visited, summed over regions. */
  statesVisited: number;
  /** The compiled machine's identity, when the text parsed. */
  hash: string | null;
}

export type VerifiableVersion = string | Playbook | { playbook: Playbook; source?: SourceMap };

export function verifyPlaybook(version: VerifiableVersion, world: PlaybookWorld): Verification {
  let playbook: Playbook;
  let source: SourceMap | null = null;
  if (typeof version === "string") {
    const parsed = parsePlaybook(version);
    if (!parsed.ok) return { ok: false, findings: sortFindings(parsed.findings), reachable: [], statesVisited: 0, hash: null };
    ({ playbook, source } = parsed);
  } else if ("playbook" in version) {
    playbook = version.playbook;
    source = version.source ?? null;
  } else playbook = version;

  const plan = buildPlan(playbook);
  const findings = staticFindings(plan, world, source);
  const hash = playbookHash(playbook);
  // Behaviour needs a plan whose steps name real steps of the right kinds.
  if (plan.problems.length > 0 || findings.some((f) => f.code === "bad_reference")) {
    return { ok: false, findings: sortFindings(findings), reachable: [], statesVisited: 0, hash };
  }
  const behaviour = analyse(plan, source);
  const all = sortFindings([...findings, ...behaviour.findings]);
  return { ok: !all.some(isError), findings: all, reachable: behaviour.reachable, statesVisited: behaviour.statesVisited, hash };
}

function analyse(plan: Plan, source: SourceMap | null) {
  const space = new ValuationSpace(plan.playbook);
  const lineOf = (node: string) => (source ? (source.steps[node] ?? nearestLine(source, plan.nodes.get(node)?.path ?? [])) : null);

  // Which tasks have surely answered by each decision: where one has not, "no answer
  // yet" is a case the decision must handle. Computed over every branch, reachable or not.
  const allEdges = new Map(plan.order.map((id) => [id, edgesOf(plan, plan.nodes.get(id)!, space, () => space.all)]));
  const syntactic = mustAnalysis(plan, (id) => [...(allEdges.get(id) ?? []), ...joinEdge(plan, id)], (region) => plan.regions.get(region)!.nodes);
  const allowed = (decision: string) => {
    const facts = syntactic.at(decision);
    return space.answered(tasksRead(plan.nodes.get(decision)!.step!).filter((t) => facts?.has(completed(t))));
  };
  const edgeCache = new Map<string, AbstractEdge[]>();
  const edgesFrom = (id: string) => edgeCache.get(id) ?? (edgeCache.set(id, edgesOf(plan, plan.nodes.get(id)!, space, allowed)), edgeCache.get(id)!);
  const search = searchPlan(plan, edgesFrom);
  const witnesses = new Witnesses(plan, search, space);
  const reached = reachedNodes(plan, search);
  const findings: Finding[] = [];
  const report = (code: Parameters<typeof finding>[0], node: string, message: string, witness: Finding["witness"]) =>
    findings.push(finding(code, { stepId: node, line: lineOf(node), message, witness }));

  for (const id of plan.order) {
    const node = plan.nodes.get(id)!;
    if (!node.step || reached.has(id)) continue;
    const parent = plan.regions.get(node.region)!.parent;
    if (parent !== null && !reached.has(parent)) continue; // reported at its parallel step
    report("unreachable_step", id, `No path reaches step ${id} (“${node.step.title}”).`, null);
  }

  const stuck = new Set<string>();
  for (const id of reached) {
    const step = plan.nodes.get(id)!.step;
    if (step?.kind !== "decision") continue;
    const region = search.regions.get(plan.nodes.get(id)!.region)!;
    const state = [...region.states.values()].filter((s) => s.node === id).find((s) => stuckAt(s, edgesFrom(id)));
    if (state) {
      stuck.add(id);
      report("decision_no_match", id, `Decision ${id} can be reached with facts that match none of its branches, and it has no otherwise: the crisis would wait there.`, witnesses.to(id, state.key, stuckAt(state, edgesFrom(id))!));
    }
    const sets = space.decisions.get(id)!;
    step.branches.forEach((branch, i) => {
      if (sets.branches[i].and(allowed(id)).isEmpty()) {
        findings.push(finding("branch_never_taken", { stepId: id, line: source ? nearestLine(source, [...plan.nodes.get(id)!.path, "branches", i]) : null, message: `Branch ${i + 1} of decision ${id} (to ${branch.goto}) can never be taken: an earlier branch always matches first, or no crisis this playbook fits can match it.` }));
      }
    });
  }

  const cycles = findCycles(plan, search).filter((c) => reached.has(c.nodes[0]));
  const inCycles = new Set(cycles.flatMap((c) => c.nodes));
  for (const cycle of cycles) {
    const names = cycle.nodes.join(", ");
    const message = cycle.instant
      ? `Steps ${names} move to one another at once, forever: the crisis would never settle.`
      : `Steps ${names} form a cycle of timers and automatic steps with no way out: nobody can break it.`;
    report("automatic_cycle", cycle.nodes[0], message, witnesses.to(cycle.nodes[0], cycle.state));
  }
  for (const dead of findDeadEnds(plan, search, new Set([...inCycles, ...stuck]))) {
    if (!reached.has(dead.node)) continue;
    const title = plan.nodes.get(dead.node)!.step?.title;
    const where = dead.region === MAIN ? "" : ` (track ${dead.region.slice("track:".length)})`;
    report("dead_end", dead.node, `From step ${dead.node}${title ? ` (“${title}”)` : ""}${where} the crisis can no longer be resolved and reviewed.`, witnesses.to(dead.node));
  }

  findings.push(...publishFindings(plan, search, witnesses, reached, lineOf));
  const reachable = plan.order.filter((id) => reached.has(id) && id !== REVIEWED && id !== RESOLVED && plan.nodes.get(id)!.step);
  return { findings, reachable, statesVisited: search.statesVisited };
}

/** The join edge of a parallel step, for an analysis over every edge. */
export function joinEdge(plan: Plan, id: string): AbstractEdge[] {
  const node = plan.nodes.get(id)!;
  if (node.step?.kind !== "parallel") return [];
  return [{ from: id, to: node.next!, kind: "auto", weight: 0, events: [], label: "all tracks done", summary: { kind: "join" } }];
}

/** Nodes reached in their region, whose region's parallel step is reached in turn. */
function reachedNodes(plan: Plan, search: Search): Set<string> {
  const reached = new Set<string>();
  const visit = (region: string) => {
    for (const id of search.regions.get(region)!.best.keys()) {
      reached.add(id);
      const step = plan.nodes.get(id)!.step;
      if (step?.kind === "parallel") for (const t of step.tracks) visit(`track:${t.id}`);
    }
  };
  visit(MAIN);
  return reached;
}
