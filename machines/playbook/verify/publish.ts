// Nothing goes outward without its approval: every publish step must be reached, on every
// path, only after the statement's approval approved its latest draft. The verdict comes
// from the must-analysis over the paths the search found; the witness from a search of the
// publish step's region that follows whether the statement is drafted and approved.
import type { Finding } from "../findings";
import { finding } from "../findings";
import { statementsByApproval } from "../implementations";
import type { Plan } from "../plan";
import { approved, drafted, mustAnalysis } from "./approvals";
import type { AbstractEdge } from "./graph";
import type { Search } from "./search";
import type { Witnesses } from "./witness";

export function publishFindings(plan: Plan, search: Search, witnesses: Witnesses, reached: Set<string>, lineOf: (node: string) => number | null): Finding[] {
  const edges = new Map<string, Set<AbstractEdge>>();
  const addEdge = (e: AbstractEdge) => edges.set(e.from, (edges.get(e.from) ?? new Set()).add(e));
  for (const region of search.regions.values()) {
    region.taken.forEach(addEdge);
    region.exits.forEach((exit) => addEdge(exit.edge));
  }
  const edgesOf = (id: string) => [...(edges.get(id) ?? [])];
  const must = mustAnalysis(plan, edgesOf, (region) => search.regions.get(region)!.best.keys());
  const steps = new Map([...plan.nodes.values()].flatMap((n) => (n.step ? [[n.id, n.step] as const] : [])));
  const approves = statementsByApproval(steps);

  const findings: Finding[] = [];
  for (const id of plan.order) {
    const step = plan.nodes.get(id)!.step;
    if (step?.kind !== "publish" || !reached.has(id)) continue;
    const facts = must.at(id);
    if (!facts || facts.has(approved(step.statement))) continue;
    const statement = steps.get(step.statement);
    const approval = statement?.kind === "statement" ? statement.approval : "its approval";
    const path = unapprovedPath(plan, id, step.statement, edgesOf, must);
    findings.push(
      finding("publish_without_approval", {
        stepId: id,
        line: lineOf(id),
        message: `Step ${id} can publish ${step.statement} on a path where ${approval} has not approved its latest draft; nothing may go out unapproved.`,
        witness: path ? witnesses.along(plan.nodes.get(id)!.region, path) : witnesses.to(id),
      }),
    );
  }
  return findings;

  // 0-1 breadth-first search over (step, drafted, approved) for one statement, within the
  // publish step's region, for the shortest path that reaches it unapproved.
  function unapprovedPath(plan: Plan, target: string, statement: string, edgesOf: (id: string) => AbstractEdge[], must: ReturnType<typeof mustAnalysis>) {
    const regionId = plan.nodes.get(target)!.region;
    const region = plan.regions.get(regionId)!;
    const startFacts = must.at(region.start) ?? new Set<string>();
    const undone = must.undoneBeside(regionId).has(statement);
    const key = (node: string, d: boolean, a: boolean) => `${node}|${+d}${+a}`;
    const startKey = key(region.start, startFacts.has(drafted(statement)), startFacts.has(approved(statement)));
    const prev = new Map<string, { from: string; edge: AbstractEdge } | null>([[startKey, null]]);
    const deque: string[] = [startKey];
    while (deque.length > 0) {
      const current = deque.shift()!;
      const [node, bits] = current.split("|");
      let d = bits[0] === "1";
      let a = bits[1] === "1";
      if (node === target && !a) {
        const path: AbstractEdge[] = [];
        for (let k = current; prev.get(k); k = prev.get(k)!.from) path.unshift(prev.get(k)!.edge);
        return path;
      }
      for (const edge of edgesOf(node)) {
        if (plan.nodes.get(edge.to)?.region !== regionId) continue;
        [d, a] = [bits[0] === "1", bits[1] === "1"];
        const effect = edge.effect;
        if (effect?.draft === statement) [d, a] = [true, false];
        if (effect?.approve && approves(effect.approve).includes(statement) && d && !undone) a = true;
        if (effect?.reject && approves(effect.reject).includes(statement)) a = false;
        if (edge.summary) {
          const after = must.at(edge.to);
          d = d || !!after?.has(drafted(statement));
          a = (a && !undone) || !!after?.has(approved(statement));
        }
        const next = key(edge.to, d, a);
        if (prev.has(next)) continue;
        prev.set(next, { from: current, edge });
        if (edge.weight === 0) deque.unshift(next);
        else deque.push(next);
      }
    }
    return null;
  }
}
