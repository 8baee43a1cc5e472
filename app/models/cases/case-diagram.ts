import type { TriageDiagram } from "@machines/triage.diagram";
import type { Diagram, DiagramEdge } from "~/utils/diagram";
import { EVENT_LABELS, stateLabel } from "./case-event-vocabulary";

// The triage machine as people read it: states by name, transitions by what someone does
// (never a guard's function name), the current state marked and what the viewer may do now.

type Edge = TriageDiagram["edges"][number];

function edgeLabel(edge: Edge): string {
  if (edge.event === "ACT" && edge.guard?.includes("isBanProposal")) return "propose a ban";
  if (edge.event === "REPORT_ADDED" && edge.guard?.includes("bringsNews")) return "a new report";
  if (edge.event === "CLAIM_EXPIRED") return "claim runs out";
  return EVENT_LABELS[edge.event];
}

export function triageStatechart(diagram: TriageDiagram, openEdges: ReadonlySet<string>): Diagram {
  const loopsNow = (state: string) => [...new Set(diagram.edges.filter((e) => e.source === state && e.target === state && openEdges.has(e.id)).map(edgeLabel))];
  const edges: DiagramEdge[] = diagram.edges
    .filter((e) => e.source !== e.target)
    .map((e) => ({
      id: e.id,
      source: e.source,
      target: e.target,
      label: edgeLabel(e),
      style: e.event === "CLAIM_EXPIRED" ? "deadline" : "normal",
      now: openEdges.has(e.id),
    }));
  const current = diagram.nodes.find((n) => n.current)?.id;
  return {
    title: `Triage state diagram${current ? `; this case is ${stateLabel(current).toLowerCase()}` : ""}`,
    nodes: diagram.nodes.map((n) => {
      const loops = loopsNow(n.id);
      return {
        id: n.id,
        label: stateLabel(n.id),
        kind: n.resolved ? "final" : n.initial ? "initial" : "state",
        status: n.current ? "current" : "idle",
        note: loops.length ? `↻ you can ${loops.join(" / ")}` : undefined,
      };
    }),
    edges,
  };
}
