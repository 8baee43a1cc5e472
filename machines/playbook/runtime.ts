// What the crisis room, the simulator and the tests use from a compiled playbook: start a
// crisis, apply an event without running anything, read where it stands, persist, restore.
import { initialTransition, transition } from "xstate";
import { effectsOf, parseStoredSnapshot } from "../stored-machine";
import type { CompiledPlaybook, PlaybookSnapshot } from "./compile";
import { factsFit } from "./conditions";
import { REVIEWED } from "./format";
import type { CrisisFacts, PlaybookEffect, PlaybookEvent } from "./types";

export interface PlaybookStep {
  accepted: boolean;
  snapshot: PlaybookSnapshot;
  effects: PlaybookEffect[];
}

// A compiled playbook is stored by the hash of the version it runs rather than a machine
// version number, so it shares the facade's effects and not its versioning (stored-machine.ts).
const playbookEffects = (actions: readonly { type: string; params?: unknown }[]) => effectsOf<PlaybookEffect>("compiled playbook", actions);

export function startPlaybook(compiled: CompiledPlaybook, facts: CrisisFacts): PlaybookStep {
  if (!factsFit(compiled.playbook, facts)) {
    throw new Error(`playbook ${compiled.playbook.key} is for ${compiled.playbook.crisisTypes.join(", ")} at ${compiled.playbook.severity.levels.join(", ")}; the crisis is ${facts.type} at ${facts.severity}`);
  }
  const [snapshot, actions] = initialTransition(compiled.machine, { facts });
  return { accepted: true, snapshot, effects: playbookEffects(actions) };
}

export function applyPlaybookEvent(compiled: CompiledPlaybook, snapshot: PlaybookSnapshot, event: PlaybookEvent): PlaybookStep {
  const [next, actions] = transition(compiled.machine, snapshot, event);
  // XState hands back the same snapshot for an event nothing in the machine takes.
  if (next === snapshot && actions.length === 0) return { accepted: false, snapshot, effects: [] };
  return { accepted: true, snapshot: next, effects: playbookEffects(actions) };
}

/** The steps the crisis stands at now, in document order (a track that has finished shows none). */
export function activeSteps(compiled: CompiledPlaybook, snapshot: PlaybookSnapshot): string[] {
  const position = compiled.plan.position;
  return snapshot._nodes
    .filter((n) => (n.type === "atomic" || n.type === "final") && position.has(n.id))
    .map((n) => n.id)
    .sort((a, b) => position.get(a)! - position.get(b)!);
}

/** Whether the crisis stands at `step` now. */
export function isAt(snapshot: PlaybookSnapshot, step: string): boolean {
  return snapshot._nodes.some((n) => n.id === step);
}

export function isReviewed(snapshot: PlaybookSnapshot): boolean {
  return snapshot.status === "done" && snapshot._nodes.some((n) => n.id === REVIEWED);
}

export interface StoredPlaybookSnapshot {
  /** The version the crisis runs: a crisis keeps the version it started with. */
  playbookHash: string;
  snapshot: string;
}

export function serializePlaybookSnapshot(compiled: CompiledPlaybook, snapshot: PlaybookSnapshot): StoredPlaybookSnapshot {
  return { playbookHash: compiled.hash, snapshot: JSON.stringify(compiled.machine.getPersistedSnapshot(snapshot)) };
}

export function restorePlaybookSnapshot(compiled: CompiledPlaybook, stored: StoredPlaybookSnapshot): PlaybookSnapshot {
  if (stored.playbookHash !== compiled.hash) {
    throw new Error(`crisis snapshot was written by playbook version ${stored.playbookHash.slice(0, 12)}; this is ${compiled.hash.slice(0, 12)}`);
  }
  const persisted = parseStoredSnapshot("crisis", stored.snapshot);
  return compiled.machine.resolveState(persisted as Parameters<CompiledPlaybook["machine"]["resolveState"]>[0]);
}
