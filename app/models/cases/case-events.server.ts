import type { TriageEffect, TriageEvent, TriageSnapshot } from "@machines/triage";
import { applyTriageEvent, DISMISS_UNDO_MINUTES, dismissalUndoableUntil, isTriageResolved, restoreTriageSnapshot, serializeTriageSnapshot } from "@machines/triage";
import type { Case } from "~/generated/prisma/client";
import { Prisma } from "~/generated/prisma/client";
import type { Tx } from "~/utils/db.server";
import { writeTransaction } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import type { Permission } from "~/utils/permissions";
import { can } from "~/utils/permissions";
import type { CaseChange } from "~/services/live.server";
import { publishCaseChange } from "~/services/live.server";
import type { Actor } from "../accounts/actor";
import { actorLabel } from "../accounts/actor";
import { appendAudit } from "../audit/audit.server";
import type { CaseEventBody } from "./case-event-vocabulary";
import { EVENT_LABELS, permissionFor, triageActorFor } from "./case-event-vocabulary";
import type { EscalationState } from "./case-rows.server";
import { lockCaseRow, updateCaseRow } from "./case-rows.server";
import { roundColumns } from "./case-round";
import { followTriage } from "../escalation/escalation-sla.server";
import { notifyTriageMoment } from "../messages/notifications.server";
import type { Timer } from "../workflow/timers.server";
import { cancelTimers, replaceTimer, settleTimer } from "../workflow/timers.server";

// The one write path for cases. Every change to a case's triage state goes through
// `applyCaseEvent`, in one transaction: take the case row's lock and read it, check the
// permission and that the machine accepts the event, compute the next snapshot with the
// pure machine, then write the snapshot (refusing a stale version), its audit entry,
// and what the transition asked for (enforcement record, timers, notifications).

export type { CaseEventBody } from "./case-event-vocabulary";

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
};

/** The case columns an event may carry besides the snapshot and what mirrors it. */
export type CasePatch = Partial<
  Pick<
    Case,
    | "ruleCode"
    | "priority"
    | "priorityBreakdown"
    | "reportCount"
    | "reporterCount"
    | "subjectUrl"
    | "authorHandle"
    | "text"
    | "language"
  >
>;

export type CaseSummary = { id: string; ref: string; state: string; version: number; assigneeId: string | null };
export type LastChange = { by: string; action: string; at: string; reason: string | null };

export type CaseEventOutcome =
  | { status: "applied"; case: CaseSummary; effects: TriageEffect[]; change: CaseChange }
  | { status: "conflict"; message: string; latest: CaseSummary; lastChange: LastChange | null }
  | { status: "refused"; message: string; case: CaseSummary }
  | { status: "forbidden"; message: string; permission: Permission }
  | { status: "not_found"; message: string };

class StaleVersion extends Error {}

type CaseRow = Case;

function summary(c: { id: string; ref: string; state: string; version: number; assigneeId: string | null }): CaseSummary {
  return { id: c.id, ref: c.ref, state: c.state, version: c.version, assigneeId: c.assigneeId };
}

async function lastChangeOf(tx: Tx, caseId: string): Promise<LastChange | null> {
  const entry = await tx.auditEntry.findFirst({
    where: { subjectType: "Case", subjectId: caseId },
    orderBy: { seq: "desc" },
  });
  return entry && { by: entry.actorLabel, action: entry.action, at: entry.at.toISOString(), reason: entry.reason };
}

async function nameOf(tx: Tx, userId: string | null): Promise<string> {
  if (!userId) return "nobody";
  const user = await tx.user.findUnique({ where: { id: userId }, select: { name: true, email: true } });
  return user ? `${user.name} (${user.email})` : "another moderator";
}

async function refusal(tx: Tx, current: CaseRow, event: CaseEventBody, actorId: string, snapshot: TriageSnapshot, at: Date): Promise<string> {
  const undoUntil = event.type === "UNDO_DISMISS" ? dismissalUndoableUntil(snapshot.context.outcome) : null;
  if (undoUntil && at.getTime() > Date.parse(undoUntil)) {
    return `The ${DISMISS_UNDO_MINUTES} minutes to undo this dismissal ended at ${undoUntil.slice(11, 16)} UTC. A senior moderator can still reopen the case.`;
  }
  const holder = current.assigneeId;
  if (holder && holder !== actorId && event.type !== "REPORT_ADDED") {
    const until = current.claimExpiresAt ? ` until ${current.claimExpiresAt.toISOString().slice(11, 16)} UTC` : "";
    return `This case is held by ${await nameOf(tx, holder)}${until}.`;
  }
  return `“${EVENT_LABELS[event.type]}” is not possible while the case is ${current.state.replace(/_/g, " ")}.`;
}

/** Case columns that mirror the snapshot, for queries and the queue. */
function mirroredColumns(snapshot: TriageSnapshot, at: Date) {
  const ctx = snapshot.context;
  const stored = serializeTriageSnapshot(snapshot);
  const ttlMs = env().CLAIM_TTL_MINUTES * 60_000;
  const claimRuns = stored.state === "in_review" && ctx.assigneeId !== null && ctx.claimedAt !== null;
  return {
    ...stored,
    assigneeId: ctx.assigneeId,
    claimExpiresAt: claimRuns ? new Date(Date.parse(ctx.claimedAt!) + ttlMs) : null,
    isOpen: !isTriageResolved(snapshot),
    resolution: ctx.outcome ? JSON.stringify(ctx.outcome) : null,
    updatedAt: at,
  };
}

async function carryOut(tx: Tx, { current: caseRow, before, effects, event }: Applying, actor: Actor, at: Date) {
  const ttlMs = env().CLAIM_TTL_MINUTES * 60_000;
  for (const effect of effects) {
    switch (effect.type) {
      case "timer.schedule":
        await replaceTimer(tx, {
          caseId: caseRow.id,
          kind: effect.kind,
          event: { type: "CLAIM_EXPIRED", claimedAt: effect.claimedAt },
          dueAt: new Date(Date.parse(effect.claimedAt) + ttlMs),
          now: at,
        });
        break;
      case "timer.cancel":
        await cancelTimers(tx, caseRow.id, effect.kind);
        break;
      case "enforcement.record":
        await tx.enforcementAction.create({
          data: {
            caseId: caseRow.id,
            kind: effect.action,
            targetType: effect.action === "remove_content" ? "content" : "account",
            targetId: effect.action === "remove_content" ? caseRow.subjectId : (caseRow.authorHandle ?? caseRow.subjectId),
            authorHandle: caseRow.authorHandle,
            ruleCode: effect.ruleCode,
            reason: effect.reason,
            actorId: effect.proposerId,
            approvedById: effect.approvedBy,
            createdAt: at,
          },
        });
        break;
      case "notify":
        await notifyTriageMoment(tx, caseRow, effect.kind, { before, event, actor, at });
        break;
    }
  }
}

type Applying = {
  kind: "apply";
  current: CaseRow;
  escalation: EscalationState | null;
  before: TriageSnapshot;
  next: TriageSnapshot;
  effects: TriageEffect[];
  event: TriageEvent;
};
type Prepared = { kind: "outcome"; outcome: CaseEventOutcome } | Applying;

/** Inside the transaction, holding the case row's lock: may this event happen now? */
async function prepare(tx: Tx, command: CaseEventCommand, at: Date): Promise<Prepared> {
  const locked = await lockCaseRow(tx, command.caseId);
  if (!locked) return { kind: "outcome", outcome: { status: "not_found", message: "There is no such case." } };
  const current = locked.row;

  if (command.actor.kind === "user") {
    const permission = permissionFor(command.event.type);
    if (!permission || !can(command.actor.roles, permission)) {
      const needed = permission ?? "work:case";
      return {
        kind: "outcome",
        outcome: { status: "forbidden", permission: needed, message: `You need the permission “${needed}” to do this.` },
      };
    }
  }
  if (command.expectedVersion !== undefined && command.expectedVersion !== current.version) {
    return { kind: "outcome", outcome: await conflict(tx, current) };
  }

  // Refuses a snapshot written by an unknown machine version rather than guessing.
  const snapshot = restoreTriageSnapshot(current);
  const actor = triageActorFor(command.actor);
  const event = { ...command.event, actor, at: at.toISOString() } as TriageEvent;
  const step = applyTriageEvent(snapshot, event);
  if (!step.accepted) {
    return {
      kind: "outcome",
      outcome: { status: "refused", message: await refusal(tx, current, command.event, actor.id, snapshot, at), case: summary(current) },
    };
  }
  return { kind: "apply", current, escalation: locked.escalation, before: snapshot, next: step.snapshot, effects: step.effects, event };
}

/** The current values of the columns a patch changes, for the audit entry's "before". */
function pick(current: CaseRow, patch: CasePatch | undefined): CasePatch {
  return Object.fromEntries(Object.keys(auditable(patch)).map((k) => [k, current[k as keyof CasePatch]]));
}

/** The patch as the audit entry records it: the long text and breakdown stay out. */
function auditable(patch: CasePatch | undefined): CasePatch {
  if (!patch) return {};
  const { text: _text, priorityBreakdown: _breakdown, ...rest } = patch;
  return rest;
}

async function conflict(tx: Tx, current: CaseRow): Promise<CaseEventOutcome> {
  const lastChange = await lastChangeOf(tx, current.id);
  const who = lastChange ? `${lastChange.by} (${lastChange.action.replace(/^case\./, "").replace(/_/g, " ")})` : "someone else";
  return {
    status: "conflict",
    message: `This case changed while you were looking at it: ${who}. It is now ${current.state.replace(/_/g, " ")}.`,
    latest: summary(current),
    lastChange,
  };
}

async function write(tx: Tx, command: CaseEventCommand, prepared: Applying, at: Date) {
  const { current, next, event } = prepared;
  const columns = { ...mirroredColumns(next, at), ...roundColumns(current, next, at) };
  const reason = "reason" in event ? event.reason : (command.note ?? null);
  // The audit entry first: it takes the chain head's lock, so concurrent case writes queue
  // there before the case update moves the queue's tally rows, and never deadlock on them.
  await appendAudit(tx, {
    actor: command.actor,
    permission: permissionFor(event.type) ?? undefined,
    action: `case.${event.type.toLowerCase()}`,
    subjectType: "Case",
    subjectId: current.id,
    before: { state: current.state, assigneeId: current.assigneeId, version: current.version, ...pick(current, command.patch) },
    after: {
      ...auditable(command.patch),
      state: columns.state,
      assigneeId: columns.assigneeId,
      version: current.version + 1,
      ...("action" in event ? { action: event.action, ruleCode: event.ruleCode } : {}),
    },
    reason,
    requestId: command.requestId ?? null,
    at,
  });
  // The row is locked, so the version still matches; the check stays as the last line of defence.
  const count = await updateCaseRow(tx, current, { ...command.patch, ...columns });
  if (count !== 1) throw new StaleVersion();
  if (command.timer) await settleTimer(tx, command.timer, "fired", at);
  await carryOut(tx, prepared, command.actor, at);
  // SLA clocks and the escalation follow the case in the same transaction (docs/decisions/0012).
  // The row as it now stands: a report that reopens a case also raises its priority, and the new clocks use it.
  const caseRow = { ...current, ...command.patch };
  await followTriage(tx, { caseRow, escalation: prepared.escalation, from: current.state, to: columns.state, event, actor: command.actor, at });
  return { ...summary(current), state: columns.state, assigneeId: columns.assigneeId, version: current.version + 1 };
}

/**
 * Applies one event inside a transaction the caller owns (intake records a report and
 * adds it to its case together). Throws `CaseVersionConflict` when another writer got
 * there first; the caller's transaction then rolls back and may be retried. After the
 * commit the caller publishes `outcome.change` for live updates.
 */
export async function applyCaseEventInTx(tx: Tx, command: CaseEventCommand): Promise<CaseEventOutcome> {
  const at = command.at ?? new Date();
  const prepared = await prepare(tx, command, at);
  if (prepared.kind === "outcome") {
    // A timer whose event no longer applies (the claim was renewed or released) is settled as cancelled.
    if (command.timer) await settleTimer(tx, command.timer, "cancelled", at, `not applied: ${prepared.outcome.status}`);
    return prepared.outcome;
  }
  try {
    const updated = await write(tx, command, prepared, at);
    return { status: "applied", case: updated, effects: prepared.effects, change: changeOf(updated, prepared.event.type, command.actor, at) };
  } catch (error) {
    if (error instanceof StaleVersion) throw new CaseVersionConflict();
    throw error;
  }
}

export class CaseVersionConflict extends Error {
  constructor() {
    super("The case changed during the transaction.");
  }
}

function changeOf(updated: CaseSummary, type: TriageEvent["type"], actor: Actor, at: Date): CaseChange {
  return {
    caseId: updated.id,
    ref: updated.ref,
    state: updated.state,
    version: updated.version,
    assigneeId: updated.assigneeId,
    action: `case.${type.toLowerCase()}`,
    by: actorLabel(actor),
    at: at.toISOString(),
  };
}

export function isRetryableWriteError(error: unknown): boolean {
  if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2034") return true;
  const message = error instanceof Error ? error.message : String(error);
  return /SQLITE_BUSY|database is locked|could not serialize|deadlock detected/i.test(message);
}

/**
 * Applies one event to a case in its own transaction, then tells live pages. Two
 * moderators claiming at once queue on the row lock: the second is told who holds it.
 */
export async function applyCaseEvent(command: CaseEventCommand): Promise<CaseEventOutcome> {
  for (let attempt = 1; ; attempt++) {
    try {
      const outcome = await writeTransaction((tx) => applyCaseEventInTx(tx, command));
      if (outcome.status === "applied") publishCaseChange(outcome.change);
      return outcome;
    } catch (error) {
      if ((error instanceof CaseVersionConflict || isRetryableWriteError(error)) && attempt < 5) continue;
      throw error;
    }
  }
}
