import type { TriageEffect, TriageEvent, TriageSnapshot } from "@machines/triage";
import { applyTriageEvent, DISMISS_UNDO_MINUTES, dismissalUndoableUntil, isTriageResolved, restoreTriageSnapshot, serializeTriageSnapshot } from "@machines/triage";
import type { Case } from "~/generated/prisma/client";
import type { Tx } from "~/utils/db.server";
import { actorLabel } from "../accounts/actor";
import { followTriage } from "../escalation/escalation-sla.server";
import { notifyTriageMoment } from "../messages/notifications.server";
import type { SubjectCommand, SubjectKind } from "../workflow/subject-kind";
import { cancelTimers, replaceTimer } from "../workflow/timers.server";
import { RetryableConflict } from "../workflow/write-retry.server";
import type { CaseEventBody } from "./case-event-vocabulary";
import { EVENT_LABELS, permissionFor, triageActorFor } from "./case-event-vocabulary";
import { caseChangeEnvelope } from "./case-live";
import { roundColumns } from "./case-round";
import type { LockedCase } from "./case-rows.server";
import { lockCaseRow, updateCaseRow } from "./case-rows.server";
import { TRIAGE_ROLES } from "./case-roles";
import { claimTtlMs } from "./claim-life.server";

// A case as a subject of the one write path: its row and lock, the triage machine, the
// columns that mirror its snapshot, its audit entry, and a handler for each triage effect.

/** The case columns an event may carry besides the snapshot and what mirrors it. */
export type CasePatch = Partial<
  Pick<Case, "ruleCode" | "priority" | "priorityBreakdown" | "reportCount" | "reporterCount" | "subjectUrl" | "authorHandle" | "text" | "language">
>;

export type CaseCommand = SubjectCommand<CaseEventBody> & {
  /** Columns outside the machine that change with the event (intake: counts, priority). */
  patch?: CasePatch;
  /** The case row as the caller locked it in this transaction (intake reads its counts under the lock). */
  locked?: LockedCase;
};

export type CaseSummary = { id: string; ref: string; state: string; version: number; assigneeId: string | null };

export function caseSummary(c: { id: string; ref: string; state: string; version: number; assigneeId: string | null }): CaseSummary {
  return { id: c.id, ref: c.ref, state: c.state, version: c.version, assigneeId: c.assigneeId };
}

async function nameOf(tx: Tx, userId: string | null): Promise<string> {
  if (!userId) return "nobody";
  const user = await tx.user.findUnique({ where: { id: userId }, select: { name: true, email: true } });
  return user ? `${user.name} (${user.email})` : "another moderator";
}

/** The event as the machine receives it: who sends it and when (built once per command). */
const sentEvents = new WeakMap<CaseCommand, TriageEvent>();
function triageEvent(command: CaseCommand, at: Date): TriageEvent {
  let event = sentEvents.get(command);
  if (!event) {
    event = { ...command.event, actor: triageActorFor(command.actor), at: at.toISOString() } as TriageEvent;
    sentEvents.set(command, event);
  }
  return event;
}

/** Case columns that mirror the snapshot, for queries and the queue (built once per snapshot: the audit entry and the write both read them). */
const mirrored = new WeakMap<TriageSnapshot, ReturnType<typeof mirror>>();
function mirroredColumns(snapshot: TriageSnapshot, at: Date) {
  let columns = mirrored.get(snapshot);
  if (!columns) {
    columns = mirror(snapshot, at);
    mirrored.set(snapshot, columns);
  }
  return columns;
}

function mirror(snapshot: TriageSnapshot, at: Date) {
  const ctx = snapshot.context;
  const stored = serializeTriageSnapshot(snapshot);
  const claimRuns = stored.state === "in_review" && ctx.assigneeId !== null && ctx.claimedAt !== null;
  return {
    ...stored,
    assigneeId: ctx.assigneeId,
    claimExpiresAt: claimRuns ? new Date(Date.parse(ctx.claimedAt!) + ctx.claimTtlMs) : null,
    isOpen: !isTriageResolved(snapshot),
    resolution: ctx.outcome ? JSON.stringify(ctx.outcome) : null,
    updatedAt: at,
  };
}

/** The patch as the audit entry records it: the long text and breakdown stay out. */
function auditable(patch: CasePatch | undefined): CasePatch {
  if (!patch) return {};
  const { text: _text, priorityBreakdown: _breakdown, ...rest } = patch;
  return rest;
}

/** The current values of the columns a patch changes, for the audit entry's "before". */
function pick(current: Case, patch: CasePatch | undefined): CasePatch {
  return Object.fromEntries(Object.keys(auditable(patch)).map((k) => [k, current[k as keyof CasePatch]]));
}

export type CaseWritten = CaseSummary & { claimExpiresAt: Date | null };

export const caseSubject: SubjectKind<LockedCase, TriageSnapshot, CaseEventBody, TriageEffect, CaseWritten, CaseCommand> = {
  auditSubject: "Case",
  notFound: "There is no such case.",
  lock: (tx, command) => (command.locked?.row.id === command.id ? Promise.resolve(command.locked) : lockCaseRow(tx, command.id)),
  auditId: (locked) => locked.row.id,
  versionOf: (locked) => locked.row.version,
  permissionFor: (body) => permissionFor(body.type),
  conflictMessage(locked, last) {
    const who = last ? `${last.by} (${last.action.replace(/^case\./, "").replace(/_/g, " ")})` : "someone else";
    return `This case changed while you were looking at it: ${who}. It is now ${locked.row.state.replace(/_/g, " ")}.`;
  },
  restore: (locked) => restoreTriageSnapshot(locked.row, TRIAGE_ROLES, claimTtlMs()),
  step: (before, command, at) => applyTriageEvent(before, triageEvent(command, at)),
  async refusal(tx, { row }, snapshot, command, at) {
    const { event } = command;
    const undoUntil = event.type === "UNDO_DISMISS" ? dismissalUndoableUntil(snapshot.context.outcome) : null;
    if (undoUntil && at.getTime() > Date.parse(undoUntil)) {
      return `The ${DISMISS_UNDO_MINUTES} minutes to undo this dismissal ended at ${undoUntil.slice(11, 16)} UTC. A senior moderator can still reopen the case.`;
    }
    const holder = row.assigneeId;
    if (holder && holder !== triageActorFor(command.actor).id && event.type !== "REPORT_ADDED") {
      const until = row.claimExpiresAt ? ` until ${row.claimExpiresAt.toISOString().slice(11, 16)} UTC` : "";
      return `This case is held by ${await nameOf(tx, holder)}${until}.`;
    }
    return `“${EVENT_LABELS[event.type]}” is not possible while the case is ${row.state.replace(/_/g, " ")}.`;
  },
  audit({ locked: { row }, next, command, at }) {
    const event = triageEvent(command, at);
    const columns = mirroredColumns(next, at);
    return {
      actor: command.actor,
      permission: permissionFor(event.type) ?? undefined,
      action: `case.${event.type.toLowerCase()}`,
      before: { state: row.state, assigneeId: row.assigneeId, version: row.version, ...pick(row, command.patch) },
      after: {
        ...auditable(command.patch),
        state: columns.state,
        assigneeId: columns.assigneeId,
        version: row.version + 1,
        ...("action" in event ? { action: event.action, ruleCode: event.ruleCode } : {}),
      },
      reason: "reason" in event ? event.reason : (command.note ?? null),
    };
  },
  async write(tx, { locked: { row }, next, command, at }) {
    // With the round of work the leadership dashboard counts (case-round.ts).
    const columns = { ...mirroredColumns(next, at), ...roundColumns(row, next, at) };
    // The row is locked, so the version still matches; the check stays as the last line of defence.
    const count = await updateCaseRow(tx, row, { ...command.patch, ...columns });
    if (count !== 1) throw new RetryableConflict("The case changed during the transaction.");
    return { ...caseSummary(row), state: columns.state, assigneeId: columns.assigneeId, version: row.version + 1, claimExpiresAt: columns.claimExpiresAt };
  },
  effects: {
    async "timer.schedule"(tx, effect, { locked, at }) {
      await replaceTimer(tx, {
        subject: { type: "case", id: locked.row.id },
        kind: effect.kind,
        event: { type: "CLAIM_EXPIRED", claimedAt: effect.claimedAt },
        dueAt: new Date(effect.dueAt),
        now: at,
      });
    },
    async "timer.cancel"(tx, effect, { locked }) {
      await cancelTimers(tx, { type: "case", id: locked.row.id }, effect.kind);
    },
    async "enforcement.record"(tx, effect, { locked: { row }, at }) {
      await tx.enforcementAction.create({
        data: {
          caseId: row.id,
          kind: effect.action,
          targetType: effect.action === "remove_content" ? "content" : "account",
          targetId: effect.action === "remove_content" ? row.subjectId : (row.authorHandle ?? row.subjectId),
          authorHandle: row.authorHandle,
          ruleCode: effect.ruleCode,
          reason: effect.reason,
          actorId: effect.proposerId,
          approvedById: effect.approvedBy,
          createdAt: at,
        },
      });
    },
    async notify(tx, effect, { locked: { row }, before, next, command, at }) {
      await notifyTriageMoment(tx, row, effect.kind, { before, after: next, event: triageEvent(command, at), actor: command.actor, at });
    },
  },
  async follow(tx, { locked, command, at }, written) {
    // SLA clocks and the escalation follow the case in the same transaction (docs/decisions/0012).
    // The row as it now stands: a report that reopens a case also raises its priority, and the new clocks use it.
    const caseRow = { ...locked.row, ...command.patch };
    const event = triageEvent(command, at);
    await followTriage(tx, { caseRow, escalation: locked.escalation, from: locked.row.state, to: written.state, event, actor: command.actor, at });
  },
  change({ command, at }, written) {
    const { id, ref, state, version, assigneeId } = written;
    return caseChangeEnvelope({ caseId: id, ref, state, version, assigneeId, action: `case.${command.event.type.toLowerCase()}`, by: actorLabel(command.actor), at: at.toISOString() });
  },
};
