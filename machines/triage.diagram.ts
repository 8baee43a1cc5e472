// The triage state diagram, read from the machine definition so it cannot drift from it.
import type { AnyTransitionDefinition } from "xstate";
import { triageMachine } from "./triage.machine";
import type { TriageSnapshot } from "./triage.machine";
import type { TriageEventType, TriageState } from "./triage.types";

export interface TriageDiagramNode {
  id: TriageState;
  initial: boolean;
  resolved: boolean;
  /** True for the state of the snapshot passed in. */
  current: boolean;
}

export interface TriageDiagramEdge {
  /** Stable within a machine version: source, event and position among that event's transitions. */
  id: string;
  source: TriageState;
  /** Equal to source for a transition that stays put (counting a report, renewing a claim). */
  target: TriageState;
  event: TriageEventType;
  /** The named guard, e.g. "holdsClaim" or "and(holdsClaim, wasEscalated)". */
  guard: string | null;
}

export interface TriageDiagram {
  nodes: TriageDiagramNode[];
  edges: TriageDiagramEdge[];
}

export function triageEdgeId(transition: AnyTransitionDefinition): string {
  const siblings = transition.source.transitions.get(transition.eventType) ?? [];
  return `${transition.source.key}:${transition.eventType}:${siblings.indexOf(transition)}`;
}

function guardLabel(guard: unknown): string {
  if (typeof guard === "string") return guard;
  if (typeof guard === "function" && "guards" in guard && Array.isArray(guard.guards)) {
    return `${guard.name}(${guard.guards.map(guardLabel).join(", ")})`;
  }
  if (typeof guard === "object" && guard !== null && "type" in guard) return String(guard.type);
  return "inline";
}

export function triageDiagram(current?: TriageSnapshot): TriageDiagram {
  const root = triageMachine.root;
  const stateNodes = Object.values(root.states);
  const nodes = stateNodes.map((node) => ({
    id: node.key as TriageState,
    initial: root.initial.target[0] === node,
    resolved: node.tags.includes("resolved"),
    current: current?.value === node.key,
  }));
  const edges = stateNodes.flatMap((node) =>
    [...node.transitions.values()].flat().map((transition) => ({
      id: triageEdgeId(transition),
      source: node.key as TriageState,
      target: (transition.target?.[0]?.key ?? node.key) as TriageState,
      event: transition.eventType as TriageEventType,
      guard: transition.guard === undefined ? null : guardLabel(transition.guard),
    })),
  );
  return { nodes, edges };
}
