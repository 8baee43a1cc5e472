// What the server write path and the case page use from the triage machine: create,
// apply an event without running anything, list what an actor may do, persist, restore.
import { initialTransition } from "xstate";
import type { MachineStep, StoredMachineSnapshot } from "./stored-machine";
import { storedMachine } from "./stored-machine";
import { TRIAGE_MACHINE_VERSION, triageMachine } from "./triage.machine";
import type { TriageSnapshot } from "./triage.machine";
import type { TriageActor, TriageContext, TriageEffect, TriageEvent, TriageEventType, TriageInput, TriageRoles, TriageState } from "./triage.types";
import { DEFAULT_CLAIM_TTL_MS, TRIAGE_EVENT_TYPES, TRIAGE_STATES } from "./triage.types";

export * from "./triage.types";
export { TRIAGE_MACHINE_VERSION, triageMachine } from "./triage.machine";
export type { TriageSnapshot } from "./triage.machine";
export { triageDiagram } from "./triage.diagram";
export type { TriageDiagram, TriageDiagramEdge, TriageDiagramNode } from "./triage.diagram";

export type TriageStep = MachineStep<TriageSnapshot, TriageEffect>;

const stored = storedMachine<typeof triageMachine, TriageState, TriageEffect, TriageContext>({
  name: "triage",
  machine: triageMachine,
  version: TRIAGE_MACHINE_VERSION,
  states: TRIAGE_STATES,
  // The role sets and the claim's life are the server's, given again on restore: not stored with the case.
  given: ["roles", "claimTtlMs"],
});

/** A case's snapshot from its first report. */
export function initialTriageSnapshot(firstReport: TriageInput): TriageSnapshot {
  const [snapshot] = initialTransition(triageMachine, firstReport);
  return snapshot;
}

export function applyTriageEvent(snapshot: TriageSnapshot, event: TriageEvent): TriageStep {
  return stored.step(snapshot, event);
}

export function triageState(snapshot: TriageSnapshot): TriageState {
  return snapshot.value as TriageState;
}

export function isTriageResolved(snapshot: TriageSnapshot): boolean {
  return snapshot.hasTag("resolved");
}

type Probe = { [K in TriageEventType]: (sent: { actor: TriageActor; at: string }, context: TriageContext) => Extract<TriageEvent, { type: K }> };

// Stand-in payloads: guards look at the actor, the claim and the case, not at these values
// (except the claim a timer was set for, which is taken from the case).
const probes: Probe = {
  REPORT_ADDED: (sent) => ({ ...sent, type: "REPORT_ADDED", ruleCode: "", severity: 0 }),
  CLAIM: (sent) => ({ ...sent, type: "CLAIM" }),
  // Assigning needs the same standing on both sides, so the actor stands in for the assignee.
  ASSIGN: (sent) => ({ ...sent, type: "ASSIGN", assigneeId: sent.actor.id, assigneeRoles: sent.actor.roles }),
  RELEASE: (sent) => ({ ...sent, type: "RELEASE" }),
  CLAIM_EXPIRED: (sent, context) => ({ ...sent, type: "CLAIM_EXPIRED", claimedAt: context.claimedAt ?? "" }),
  REQUEST_INFO: (sent) => ({ ...sent, type: "REQUEST_INFO", reason: "" }),
  INFO_RECEIVED: (sent) => ({ ...sent, type: "INFO_RECEIVED" }),
  ACT: (sent) => ({ ...sent, type: "ACT", action: "warn", ruleCode: "", reason: "" }),
  DISMISS: (sent) => ({ ...sent, type: "DISMISS", reason: "" }),
  UNDO_DISMISS: (sent) => ({ ...sent, type: "UNDO_DISMISS" }),
  ESCALATE: (sent) => ({ ...sent, type: "ESCALATE", reason: "" }),
  APPROVE: (sent) => ({ ...sent, type: "APPROVE" }),
  REJECT: (sent) => ({ ...sent, type: "REJECT", reason: "" }),
  REOPEN: (sent) => ({ ...sent, type: "REOPEN", reason: "" }),
  CLOSE: (sent) => ({ ...sent, type: "CLOSE" }),
};

/**
 * The event types `actor` may send at `at` (ISO 8601), in vocabulary order: what the case
 * page offers. Without a time, events that only hold for a while (undoing a dismissal) are left out.
 */
export function allowedTriageEvents(snapshot: TriageSnapshot, actor: TriageActor, at = ""): TriageEventType[] {
  const sent = { actor, at };
  return TRIAGE_EVENT_TYPES.filter((type) => snapshot.can(probes[type](sent, snapshot.context)));
}

/** The three columns a case stores: state, snapshot and the machine version that wrote it. */
export type StoredTriageSnapshot = StoredMachineSnapshot<TriageState>;

export function serializeTriageSnapshot(snapshot: TriageSnapshot): StoredTriageSnapshot {
  return stored.serialize(snapshot);
}

export function restoreTriageSnapshot(
  row: Pick<StoredTriageSnapshot, "snapshot" | "machineVersion">,
  roles: TriageRoles,
  claimTtlMs: number = DEFAULT_CLAIM_TTL_MS,
): TriageSnapshot {
  return stored.restore(row, { roles, claimTtlMs });
}
