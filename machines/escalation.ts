// What the server and the case page use from the escalation machine: create, apply an
// event without running anything, list what an actor may do, persist, restore.
import { initialTransition, transition } from "xstate";
import { ESCALATION_MACHINE_VERSION, escalationMachine } from "./escalation.machine";
import type { EscalationSnapshot } from "./escalation.machine";
import type {
  EscalationActor,
  EscalationContext,
  EscalationEffect,
  EscalationEvent,
  EscalationEventType,
  EscalationState,
  EscalationTier,
} from "./escalation.types";
import { ESCALATION_STATES } from "./escalation.types";

export * from "./escalation.types";
export { ESCALATION_MACHINE_VERSION, escalationMachine } from "./escalation.machine";
export type { EscalationSnapshot } from "./escalation.machine";

export interface EscalationStepResult {
  accepted: boolean;
  snapshot: EscalationSnapshot;
  effects: EscalationEffect[];
}

/** An escalation that has not started: START enters its first tier. */
export function initialEscalationSnapshot(tiers: EscalationTier[]): EscalationSnapshot {
  const [snapshot] = initialTransition(escalationMachine, { tiers });
  return snapshot;
}

export function applyEscalationEvent(snapshot: EscalationSnapshot, event: EscalationEvent): EscalationStepResult {
  if (!snapshot.can(event)) return { accepted: false, snapshot, effects: [] };
  const [next, actions] = transition(escalationMachine, snapshot, event);
  const effects = actions.map(({ type, params }: { type: string; params: unknown }) => {
    if (type !== "xstate.emit") throw new Error(`escalation machine returned a non-effect action: ${type}`);
    return (params as { event: EscalationEffect }).event;
  });
  return { accepted: true, snapshot: next, effects };
}

export function escalationState(snapshot: EscalationSnapshot): EscalationState {
  return snapshot.value as EscalationState;
}

/** The moves a person may offer on the case page (START and BREACH are not people's). */
export const PERSON_ESCALATION_EVENTS = ["ACKNOWLEDGE", "CLIMB", "HAND_BACK", "RESOLVE"] as const satisfies readonly EscalationEventType[];
export type PersonEscalationEvent = (typeof PERSON_ESCALATION_EVENTS)[number];

export function allowedEscalationEvents(snapshot: EscalationSnapshot, actor: EscalationActor): PersonEscalationEvent[] {
  const sent = { actor, at: "", note: "-" };
  return PERSON_ESCALATION_EVENTS.filter((type) => snapshot.can({ ...sent, type }));
}

export interface StoredEscalationSnapshot {
  state: EscalationState;
  snapshot: string;
  machineVersion: number;
}

export function serializeEscalationSnapshot(snapshot: EscalationSnapshot): StoredEscalationSnapshot {
  return {
    state: escalationState(snapshot),
    snapshot: JSON.stringify(escalationMachine.getPersistedSnapshot(snapshot)),
    machineVersion: ESCALATION_MACHINE_VERSION,
  };
}

export function restoreEscalationSnapshot(stored: Pick<StoredEscalationSnapshot, "snapshot" | "machineVersion">): EscalationSnapshot {
  if (stored.machineVersion !== ESCALATION_MACHINE_VERSION) {
    throw new Error(`escalation snapshot written by machine version ${stored.machineVersion}; this build reads version ${ESCALATION_MACHINE_VERSION}`);
  }
  const persisted = JSON.parse(stored.snapshot) as { value?: unknown; context?: unknown };
  if (!(ESCALATION_STATES as readonly unknown[]).includes(persisted.value)) {
    throw new Error(`escalation snapshot has an unknown state: ${JSON.stringify(persisted.value)}`);
  }
  if (typeof persisted.context !== "object" || persisted.context === null) throw new Error("escalation snapshot has no context");
  return escalationMachine.resolveState({ value: persisted.value as EscalationState, context: persisted.context as EscalationContext });
}
