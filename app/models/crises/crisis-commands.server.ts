import crypto from "node:crypto";
import type { Tx } from "~/utils/db.server";
import { prisma } from "~/utils/db.server";
import type { Actor } from "../accounts/actor";
import { newCrisisRef } from "../cases/refs";
import type { Timer } from "../workflow/timers.server";
import { settleTimer } from "../workflow/timers.server";
import type { SubjectOutcome } from "../workflow/write-path.server";
import { applySubjectEvent } from "../workflow/write-path.server";
import type { CrisisEffect, CrisisEventBody, Declaration } from "./crisis-events";
import type { LockedCrisis } from "./crisis-rows.server";
import type { CrisisSnapshot, CrisisWritten } from "./crisis-subject.server";
import { crisisSubject } from "./crisis-subject.server";

// Changes to a crisis, through the one write path with the crisis as its subject. Each
// answers in a sentence for the person who acted, and with the crisis's reference.

export type CrisisOutcome =
  | { status: "applied"; ref: string; version: number; state: string; message: string }
  | { status: "conflict" | "refused"; ref: string; message: string }
  | { status: "forbidden" | "not_found"; message: string };

export type CrisisEventCommand = {
  id: string;
  event: CrisisEventBody;
  actor: Actor;
  expectedVersion?: number;
  requestId?: string | null;
  at?: Date;
  /** The leased timer this event fires (the scheduler only). */
  timer?: Timer;
};

async function settleFiredTimer(tx: Tx, timer: Timer | undefined, status: string, at: Date) {
  if (!timer) return;
  if (status === "applied") await settleTimer(tx, timer, "fired", at);
  else await settleTimer(tx, timer, "cancelled", at, `not applied: ${status}`);
}

const DONE: Partial<Record<CrisisEventBody["type"], string>> = {
  DECLARE: "Crisis declared",
  TAKE_COMMAND: "You are in command",
  ASSIGN_ROLE: "Role assigned",
  PROMISE_UPDATE: "Next update promised",
  ADD_TASK: "Task added",
  START_TASK: "Task started",
  BLOCK_TASK: "Task blocked",
  FINISH_TASK: "Task done",
  PAGE: "Paged",
  LINK_CASE: "Case linked",
  NOTE: "Note added",
  PIN_NOTE: "Note pinned",
  UNPIN_NOTE: "Note unpinned",
  ACKNOWLEDGE: "Acknowledged",
  COMPLETE: "Step completed",
  DRAFT: "Marked drafted",
  APPROVE: "Approved",
  REJECT: "Rejected",
  PUBLISH: "Marked published",
  WRITE_REVIEW: "Review saved",
  SUBMIT_REVIEW: "Review sent for sign-off",
  REOPEN_REVIEW: "Review sent back to draft",
  SIGN_OFF_REVIEW: "Review signed off; the crisis is closed",
  ADD_ACTION_ITEM: "Action item added",
  EDIT_ACTION_ITEM: "Action item changed",
  REOPEN_ACTION_ITEM: "Action item reopened",
};

function outcomeOf(outcome: SubjectOutcome<LockedCrisis, CrisisSnapshot, CrisisEffect, CrisisWritten>, body: CrisisEventBody): CrisisOutcome {
  switch (outcome.status) {
    case "applied":
      return { status: "applied", ref: outcome.written.ref, version: outcome.written.version, state: outcome.written.state, message: `${DONE[body.type] ?? "Done"}: ${outcome.written.ref}.` };
    case "conflict":
    case "refused":
      return { status: outcome.status, ref: outcome.locked.ref, message: outcome.message };
    default:
      return outcome;
  }
}

export async function applyCrisisEvent(command: CrisisEventCommand): Promise<CrisisOutcome> {
  const at = command.at ?? new Date();
  const { timer, ...rest } = command;
  const outcome = await applySubjectEvent(crisisSubject, { ...rest, at, firingTimerId: timer?.id }, (tx, result) => settleFiredTimer(tx, timer, result.status, at));
  return outcomeOf(outcome, command.event);
}

/** A crisis's id from its reference, for the commands that name it by reference. */
export async function crisisIdOf(ref: string): Promise<string | null> {
  return (await prisma.crisis.findUnique({ where: { ref }, select: { id: true } }))?.id ?? null;
}

/** Declares a crisis: it pins the published version chosen and starts its playbook. */
export async function declareCrisis(
  input: Omit<Declaration, "type" | "ref"> & { actor: Actor; requestId?: string | null; at?: Date; /** The demo seed's stable reference. */ ref?: string },
): Promise<CrisisOutcome> {
  const { actor, requestId, at, ref, ...declaration } = input;
  const event: Declaration = { type: "DECLARE", ref: ref ?? newCrisisRef(), ...declaration };
  return applyCrisisEvent({ id: crypto.randomUUID(), event, actor, requestId, at });
}
