import type { Tx } from "~/utils/db.server";
import type { SubjectChange } from "~/utils/live-bus.server";
import { publishChange } from "~/utils/live-bus.server";
import type { Permission } from "~/utils/permissions";
import { can } from "~/utils/permissions";
import { appendAudit } from "../audit/audit.server";
import type { Applying, EventBody, LastChange, SubjectCommand, SubjectKind } from "./subject-kind";
import { withLaneFirstRetry } from "./write-retry.server";

// The one write path for every machine-driven subject (docs/decisions/0021). In one
// transaction: lock the subject row, check the permission, refuse a stale version with
// the name of whoever changed it, step the pure machine, append the audit entry (the chain
// head's lock comes second, after the subject row's, for every writer), write the snapshot
// and its mirrored columns, carry out each effect through its kind's handler, and let what
// follows the subject follow it. After the commit, live pages hear of the change.

export type SubjectOutcome<Locked, Snapshot, Effect, Written> =
  | { status: "applied"; locked: Locked; next: Snapshot; effects: Effect[]; written: Written; change: SubjectChange | null }
  | { status: "conflict"; message: string; locked: Locked; lastChange: LastChange | null }
  | { status: "refused"; message: string; locked: Locked }
  | { status: "forbidden"; message: string; permission: Permission }
  | { status: "not_found"; message: string };

/** The last audited change of a subject: who made it and what it was. */
export async function lastChangeOf(tx: Tx, subjectType: string, subjectId: string): Promise<LastChange | null> {
  const entry = await tx.auditEntry.findFirst({ where: { subjectType, subjectId }, orderBy: { seq: "desc" } });
  return entry && { by: entry.actorLabel, action: entry.action, at: entry.at.toISOString(), reason: entry.reason };
}

/** Applies one event inside a transaction the caller owns (intake, a case event moving its escalation). */
export async function stepSubjectInTx<L, S, B extends EventBody, E extends { type: string }, W, C extends SubjectCommand<B>>(
  tx: Tx,
  kind: SubjectKind<L, S, B, E, W, C>,
  command: C,
): Promise<SubjectOutcome<L, S, E, W>> {
  const at = command.at ?? new Date();
  const locked = await kind.lock(tx, command);
  if (!locked) return { status: "not_found", message: kind.notFound };

  if (command.actor.kind === "user" && kind.permissionFor) {
    const permission = kind.permissionFor(command.event);
    if (!permission || !can(command.actor.roles, permission)) {
      const needed = permission ?? "work:case";
      return { status: "forbidden", permission: needed, message: `You need the permission “${needed}” to do this.` };
    }
  }
  const version = kind.versionOf(locked);
  if (command.expectedVersion !== undefined && version !== null && command.expectedVersion !== version) {
    const lastChange = await lastChangeOf(tx, kind.auditSubject, kind.auditId(locked));
    return { status: "conflict", message: kind.conflictMessage(locked, lastChange), locked, lastChange };
  }
  const early = kind.precheck?.(locked, command.event);
  if (early) return { status: "refused", message: early, locked };

  // Refuses a snapshot written by an unknown machine version rather than guessing.
  const before = kind.restore(locked, command.event);
  const step = kind.step(before, command, at);
  if (!step.accepted) return { status: "refused", message: await kind.refusal(tx, locked, before, command, at), locked };

  const applying: Applying<L, S, B, C> = { locked, before, next: step.snapshot, command, at };
  await appendAudit(tx, { ...kind.audit(applying), subjectType: kind.auditSubject, subjectId: kind.auditId(locked), requestId: command.requestId ?? null, at });
  const written = await kind.write(tx, applying);
  for (const effect of step.effects) {
    const handler = kind.effects[effect.type as E["type"]] as (tx: Tx, effect: E, context: Applying<L, S, B, C>) => Promise<void>;
    await handler(tx, effect, applying);
  }
  await kind.follow?.(tx, applying, written);
  return { status: "applied", locked, next: step.snapshot, effects: step.effects, written, change: kind.change(applying, written) };
}

/**
 * Applies one event in its own transaction (retried under the one retry policy), then
 * tells live pages. Two people acting at once queue on the subject row's lock: the second
 * is told who got there first.
 */
export async function applySubjectEvent<L, S, B extends EventBody, E extends { type: string }, W, C extends SubjectCommand<B>>(
  kind: SubjectKind<L, S, B, E, W, C>,
  command: C,
  inTx: (tx: Tx, outcome: SubjectOutcome<L, S, E, W>) => Promise<void> = async () => {},
): Promise<SubjectOutcome<L, S, E, W>> {
  const outcome = await withLaneFirstRetry(kind, command.event.type, async (tx) => {
    const result = await stepSubjectInTx(tx, kind, command);
    await inTx(tx, result);
    return result;
  });
  if (outcome.status === "applied" && outcome.change) publishChange(outcome.change);
  return outcome;
}
