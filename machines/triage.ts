// What the server write path and the case page use from the triage machine: create,
// apply an event without running anything, list what an actor may do, persist, restore.
import { initialTransition, transition } from "xstate";
import { TRIAGE_MACHINE_VERSION, triageMachine } from "./triage.machine";
import type { TriageSnapshot } from "./triage.machine";
import type { TriageActor, TriageContext, TriageEffect, TriageEvent, TriageEventType, TriageInput, TriageRoles, TriageState } from "./triage.types";
import { TRIAGE_EVENT_TYPES, TRIAGE_STATES } from "./triage.types";

export * from "./triage.types";
export { TRIAGE_MACHINE_VERSION, triageMachine } from "./triage.machine";
export type { TriageSnapshot } from "./triage.machine";
export { triageDiagram } from "./triage.diagram";
export type { TriageDiagram, TriageDiagramEdge, TriageDiagramNode } from "./triage.diagram";

export interface TriageStep {
  /** False when no transition is enabled for the event: wrong state, wrong actor or wrong claim. */
  accepted: boolean;
  /** The next snapshot; the same snapshot when not accepted. */
  snapshot: TriageSnapshot;
  /** What the server must do once the snapshot is written, in order. */
  effects: TriageEffect[];
}

/** A case's snapshot from its first report. */
export function initialTriageSnapshot(firstReport: TriageInput): TriageSnapshot {
  const [snapshot] = initialTransition(triageMachine, firstReport);
  return snapshot;
}

export function applyTriageEvent(snapshot: TriageSnapshot, event: TriageEvent): TriageStep {
  if (!snapshot.can(event)) return { accepted: false, snapshot, effects: [] };
  const [next, actions] = transition(triageMachine, snapshot, event);
  // Named emit actions come back as "xstate.emit" (the types list their names). Anything
  // else would be work done inside the machine, which must stay pure.
  const effects = actions.map(({ type, params }: { type: string; params: unknown }) => {
    if (type !== "xstate.emit") throw new Error(`triage machine returned a non-effect action: ${type}`);
    return (params as { event: TriageEffect }).event;
  });
  return { accepted: true, snapshot: next, effects };
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
export interface StoredTriageSnapshot {
  state: TriageState;
  snapshot: string;
  machineVersion: number;
}

export function serializeTriageSnapshot(snapshot: TriageSnapshot): StoredTriageSnapshot {
  return {
    state: triageState(snapshot),
    // The role sets are the server's, given again on restore: not stored with the case.
    snapshot: JSON.stringify(withoutRoles(triageMachine.getPersistedSnapshot(snapshot))),
    machineVersion: TRIAGE_MACHINE_VERSION,
  };
}

function withoutRoles(persisted: unknown): unknown {
  const { context, ...rest } = persisted as { context: Partial<TriageContext> };
  const { roles: _roles, ...kept } = context;
  return { ...rest, context: kept };
}

export function restoreTriageSnapshot(stored: Pick<StoredTriageSnapshot, "snapshot" | "machineVersion">, roles: TriageRoles): TriageSnapshot {
  // No migrations exist yet: refuse rather than guess what an older shape meant.
  if (stored.machineVersion !== TRIAGE_MACHINE_VERSION) {
    throw new Error(`triage snapshot written by machine version ${stored.machineVersion}; this build reads version ${TRIAGE_MACHINE_VERSION}`);
  }
  const persisted = JSON.parse(stored.snapshot) as { value?: unknown; context?: unknown };
  if (!(TRIAGE_STATES as readonly unknown[]).includes(persisted.value)) {
    throw new Error(`triage snapshot has an unknown state: ${JSON.stringify(persisted.value)}`);
  }
  if (typeof persisted.context !== "object" || persisted.context === null) {
    throw new Error("triage snapshot has no context");
  }
  return triageMachine.resolveState({ value: persisted.value as TriageState, context: { ...(persisted.context as TriageContext), roles } });
}
