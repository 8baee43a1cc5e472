import type { TriageEffect } from "@machines/triage";
import type { Tx } from "~/utils/db.server";
import type { Permission } from "~/utils/permissions";
import type { Actor } from "../accounts/actor";
import type { LastChange } from "../workflow/subject-kind";
import type { Timer } from "../workflow/timers.server";
import { settleTimer } from "../workflow/timers.server";
import type { SubjectOutcome } from "../workflow/write-path.server";
import { applySubjectEvent, stepSubjectInTx } from "../workflow/write-path.server";
import { RetryableConflict } from "../workflow/write-retry.server";
import type { CaseEventBody } from "./case-event-vocabulary";
import type { CaseChange } from "./case-live";
import { caseChangeOf } from "./case-live";
import type { LockedCase } from "./case-rows.server";
import type { CasePatch, CaseSummary, CaseWritten } from "./case-subject.server";
import { caseSubject, caseSummary } from "./case-subject.server";
import type { TriageSnapshot } from "@machines/triage";

// Changes to a case's triage state, through the one write path (workflow/write-path.server.ts)
// with the case as its subject (case-subject.server.ts). Callers send an event; the outcome
// carries what they would otherwise read again after the commit.

export type { CaseEventBody } from "./case-event-vocabulary";
export type { CasePatch, CaseSummary } from "./case-subject.server";
export type { LastChange } from "../workflow/subject-kind";
export { isRetryableWriteError } from "../workflow/write-retry.server";

export type CaseEventCommand = {
  caseId: string;
  event: CaseEventBody;
  actor: Actor;
  /** The version the person saw; a different current version answers a conflict. */
  expectedVersion?: number;
  requestId?: string | null;
  /** The leased timer this event fires (scheduler only). */
  timer?: Timer;
  at?: Date;
  /** Why, for events that carry no reason of their own (intake: which report joined). */
  note?: string;
  /** Columns outside the machine that change with the event (intake: counts, priority). */
  patch?: CasePatch;
  /** The case row as the caller locked it in this transaction. */
  locked?: LockedCase;
};

export type CaseEventOutcome =
  | { status: "applied"; case: CaseSummary; effects: TriageEffect[]; change: CaseChange; claimExpiresAt: Date | null }
  | { status: "conflict"; message: string; latest: CaseSummary; lastChange: LastChange | null }
  | { status: "refused"; message: string; case: CaseSummary }
  | { status: "forbidden"; message: string; permission: Permission }
  | { status: "not_found"; message: string };

/** Thrown when another writer changed the case inside the transaction; the transaction runs again. */
export class CaseVersionConflict extends RetryableConflict {
  constructor() {
    super("The case changed during the transaction.");
  }
}

function toCaseOutcome(outcome: SubjectOutcome<LockedCase, TriageSnapshot, TriageEffect, CaseWritten>): CaseEventOutcome {
  switch (outcome.status) {
    case "applied": {
      const { claimExpiresAt, ...summary } = outcome.written;
      return { status: "applied", case: summary, effects: outcome.effects, change: caseChangeOf(outcome.change!)!, claimExpiresAt };
    }
    case "conflict":
      return { status: "conflict", message: outcome.message, latest: caseSummary(outcome.locked.row), lastChange: outcome.lastChange };
    case "refused":
      return { status: "refused", message: outcome.message, case: caseSummary(outcome.locked.row) };
    default:
      return outcome;
  }
}

function subjectCommand(command: CaseEventCommand) {
  const { caseId, timer: _timer, ...rest } = command;
  return { ...rest, id: caseId, at: command.at ?? new Date() };
}

/** A timer's event settles its timer with it: fired if applied, cancelled if it no longer applies. */
async function settleFiredTimer(tx: Tx, timer: Timer | undefined, outcome: { status: string }, at: Date) {
  if (!timer) return;
  if (outcome.status === "applied") await settleTimer(tx, timer, "fired", at);
  // A timer whose event no longer applies (the claim was renewed or released) is settled as cancelled.
  else await settleTimer(tx, timer, "cancelled", at, `not applied: ${outcome.status}`);
}

/**
 * Applies one event inside a transaction the caller owns (intake records a report and
 * adds it to its case together). After the commit the caller publishes `outcome.change`.
 */
export async function applyCaseEventInTx(tx: Tx, command: CaseEventCommand): Promise<CaseEventOutcome> {
  const sent = subjectCommand(command);
  const outcome = await stepSubjectInTx(tx, caseSubject, sent);
  await settleFiredTimer(tx, command.timer, outcome, sent.at);
  return toCaseOutcome(outcome);
}

/**
 * Applies one event to a case in its own transaction, then tells live pages. Two
 * moderators claiming at once queue on the row lock: the second is told who holds it.
 */
export async function applyCaseEvent(command: CaseEventCommand): Promise<CaseEventOutcome> {
  const sent = subjectCommand(command);
  const outcome = await applySubjectEvent(caseSubject, sent, (tx, result) => settleFiredTimer(tx, command.timer, result, sent.at));
  return toCaseOutcome(outcome);
}
