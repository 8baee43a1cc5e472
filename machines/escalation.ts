// What the server and the case page use from the escalation machine: create, apply an
// event without running anything, list what an actor may do, persist, restore.
import { initialTransition } from "xstate";
import type { MachineStep, StoredMachineSnapshot } from "./stored-machine";
import { storedMachine } from "./stored-machine";
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

export type EscalationStepResult = MachineStep<EscalationSnapshot, EscalationEffect>;

const stored = storedMachine<typeof escalationMachine, EscalationState, EscalationEffect, EscalationContext>({
  name: "escalation",
  machine: escalationMachine,
  version: ESCALATION_MACHINE_VERSION,
  states: ESCALATION_STATES,
});

/** An escalation that has not started: START enters its first tier. */
export function initialEscalationSnapshot(tiers: EscalationTier[]): EscalationSnapshot {
  const [snapshot] = initialTransition(escalationMachine, { tiers });
  return snapshot;
}

export function applyEscalationEvent(snapshot: EscalationSnapshot, event: EscalationEvent): EscalationStepResult {
  return stored.step(snapshot, event);
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

export type StoredEscalationSnapshot = StoredMachineSnapshot<EscalationState>;

export function serializeEscalationSnapshot(snapshot: EscalationSnapshot): StoredEscalationSnapshot {
  return stored.serialize(snapshot);
}

export function restoreEscalationSnapshot(row: Pick<StoredEscalationSnapshot, "snapshot" | "machineVersion">): EscalationSnapshot {
  return stored.restore(row);
}
