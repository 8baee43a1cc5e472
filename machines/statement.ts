// What the server and the statements panel use from the statement machine: start one,
// apply an event without running anything, list what a person may do, persist, restore.
import { initialTransition } from "xstate";
import type { MachineStep, StoredMachineSnapshot } from "./stored-machine";
import { storedMachine } from "./stored-machine";
import type { StatementSnapshot } from "./statement.machine";
import { STATEMENT_MACHINE_VERSION, statementMachine } from "./statement.machine";
import type { StatementActor, StatementContext, StatementEffect, StatementEvent, StatementEventType, StatementInput, StatementState } from "./statement.types";
import { STATEMENT_STATES } from "./statement.types";

export * from "./statement.types";
export { STATEMENT_MACHINE_VERSION, statementMachine } from "./statement.machine";
export type { StatementSnapshot } from "./statement.machine";

export type StatementStepResult = MachineStep<StatementSnapshot, StatementEffect>;

const stored = storedMachine<typeof statementMachine, StatementState, StatementEffect, StatementContext>({
  name: "statement",
  machine: statementMachine,
  version: STATEMENT_MACHINE_VERSION,
  states: STATEMENT_STATES,
});

/** A statement just drafted by its author. */
export function draftStatement(input: StatementInput): StatementSnapshot {
  const [snapshot] = initialTransition(statementMachine, input);
  return snapshot;
}

export function applyStatementEvent(snapshot: StatementSnapshot, event: StatementEvent): StatementStepResult {
  return stored.step(snapshot, event);
}

export const statementState = (snapshot: StatementSnapshot) => snapshot.value as StatementState;

/** The moves a person may offer on the statements panel for the text as it stands. */
export const PERSON_STATEMENT_EVENTS = ["SUBMIT", "APPROVE", "REJECT", "PUBLISH"] as const satisfies readonly StatementEventType[];
export type PersonStatementEvent = (typeof PERSON_STATEMENT_EVENTS)[number];

export function allowedStatementEvents(snapshot: StatementSnapshot, actor: StatementActor, lintErrors: number): PersonStatementEvent[] {
  const sent = { actor, at: "" };
  const probes: Record<PersonStatementEvent, StatementEvent> = {
    SUBMIT: { ...sent, type: "SUBMIT", lintErrors },
    APPROVE: { ...sent, type: "APPROVE", hash: snapshot.context.textHash },
    REJECT: { ...sent, type: "REJECT", note: "-" },
    PUBLISH: { ...sent, type: "PUBLISH" },
  };
  return PERSON_STATEMENT_EVENTS.filter((type) => snapshot.can(probes[type]));
}

export type StoredStatementSnapshot = StoredMachineSnapshot<StatementState>;

export function serializeStatementSnapshot(snapshot: StatementSnapshot): StoredStatementSnapshot {
  return stored.serialize(snapshot);
}

export function restoreStatementSnapshot(row: Pick<StoredStatementSnapshot, "snapshot" | "machineVersion">): StatementSnapshot {
  return stored.restore(row);
}
