import type { Timer } from "~/generated/prisma/client";
import { Prisma } from "~/generated/prisma/client";
import { newRowId } from "~/utils/row-id";
import { execute } from "~/utils/sqlite-lane.server";
import { prisma } from "~/utils/db.server";
import type { Tx } from "~/utils/db.server";
import type { SubjectType } from "~/utils/live-bus.server";
import type { z } from "zod";

// Durable timers. A deadline is a row; the scheduler leases due rows and fires each
// through the write path, which marks the row fired in the same transaction as the
// event it sends. A lease that outlives its holder (a crashed instance) simply
// expires and another scheduler takes the timer over.

export type { Timer };

/** What a timer belongs to; a case's timers also carry its id for the case's own queries. */
export type TimerSubject = { type: SubjectType; id: string };

export async function scheduleTimer(tx: Tx, input: { subject: TimerSubject; kind: string; event: unknown; dueAt: Date; now?: Date }) {
  // Raw SQL: this runs inside most case transactions.
  const id = newRowId();
  const event = JSON.stringify(input.event);
  const now = input.now ?? new Date();
  const caseId = input.subject.type === "case" ? input.subject.id : null;
  await execute(
    tx,
    Prisma.sql`INSERT INTO "Timer" ("id", "subjectType", "subjectId", "caseId", "kind", "event", "dueAt", "status", "attempts", "createdAt")
    VALUES (${id}, ${input.subject.type}, ${input.subject.id}, ${caseId}, ${input.kind}, ${event}, ${input.dueAt}, 'pending', 0, ${now})`,
  );
  return { id, dueAt: input.dueAt };
}

export type TimerRow = Omit<Timer, "firedAt" | "lockedBy" | "lockedUntil" | "lastError">;

/** A new pending timer's row, as scheduleTimer writes it: for a writer that inserts rows itself. */
export function newTimerRow(subject: TimerSubject, timer: { kind: string; event: unknown; dueAt: Date }, now: Date): TimerRow {
  return {
    id: newRowId(),
    subjectType: subject.type,
    subjectId: subject.id,
    caseId: subject.type === "case" ? subject.id : null,
    kind: timer.kind,
    event: JSON.stringify(timer.event),
    dueAt: timer.dueAt,
    status: "pending",
    attempts: 0,
    createdAt: now,
  };
}

/** Replaces a subject's pending timer of one kind (there is at most one). */
export async function replaceTimer(tx: Tx, input: { subject: TimerSubject; kind: string; event: unknown; dueAt: Date; now?: Date }) {
  await cancelTimers(tx, input.subject, input.kind);
  return scheduleTimer(tx, input);
}

/** Cancels a subject's pending timers of one kind or several, in one statement. */
export async function cancelTimers(tx: Tx, subject: TimerSubject, kind: string | readonly string[]) {
  const kinds = typeof kind === "string" ? [kind] : kind;
  // Raw SQL: this runs inside most case transactions.
  await execute(
    tx,
    Prisma.sql`UPDATE "Timer" SET "status" = 'cancelled', "lockedBy" = NULL, "lockedUntil" = NULL
    WHERE "subjectType" = ${subject.type} AND "subjectId" = ${subject.id} AND "kind" IN (${Prisma.join(kinds)}) AND "status" = 'pending'`,
  );
}

/**
 * What one kind of timer does when it fires: its payload's schema, checked where it is
 * read, and its handler. A registry of these replaces dispatch on a kind's name.
 */
export type TimerKind<Payload> = { payload: z.ZodType<Payload>; fire(timer: Timer, payload: Payload, now: Date): Promise<void> };

/** A registry's entry, whatever its payload. */
export type AnyTimerKind = { payload: z.ZodTypeAny; fire(timer: Timer, payload: never, now: Date): Promise<void> };

export class UnknownTimer extends Error {}

/** One function that fires any timer of the kinds given, after checking its payload. */
export function timerFiring(kinds: Record<string, AnyTimerKind>) {
  return async function fireTimer(timer: Timer, now: Date): Promise<void> {
    const kind = kinds[timer.kind] as TimerKind<unknown> | undefined;
    if (!kind) throw new UnknownTimer(`Timer ${timer.id} is of a kind no one fires (${timer.kind}).`);
    let raw: unknown;
    try {
      raw = JSON.parse(timer.event);
    } catch {
      throw new UnknownTimer(`Timer ${timer.id} (${timer.kind}) has a payload that is not JSON.`);
    }
    const parsed = kind.payload.safeParse(raw);
    if (!parsed.success) throw new UnknownTimer(`Timer ${timer.id} (${timer.kind}) has a payload its kind does not read: ${parsed.error.issues[0]?.message ?? "invalid"}.`);
    await kind.fire(timer, parsed.data, now);
  };
}

/**
 * Leases up to `limit` due timers for `instanceId`. Each lease is a compare-and-set on
 * the row, so two schedulers never hold the same timer at once. `more` says whether the
 * look found a full batch (some of which another scheduler may have taken): fewer leased
 * than asked does not mean nothing else is due.
 */
export async function leaseDueTimers(instanceId: string, now: Date, leaseMs: number, limit: number): Promise<{ leased: Timer[]; more: boolean }> {
  const candidates = await prisma.timer.findMany({
    where: { status: "pending", dueAt: { lte: now }, OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }] },
    // Earlier-scheduled first on a tie, as a rehearsal fires them (decision 18).
    orderBy: [{ dueAt: "asc" }, { createdAt: "asc" }],
    take: limit,
  });
  const leased: Timer[] = [];
  const lockedUntil = new Date(now.getTime() + leaseMs);
  for (const t of candidates) {
    const { count } = await prisma.timer.updateMany({
      where: { id: t.id, status: "pending", OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }] },
      data: { lockedBy: instanceId, lockedUntil, attempts: { increment: 1 } },
    });
    if (count === 1) leased.push({ ...t, lockedBy: instanceId, lockedUntil, attempts: t.attempts + 1 });
  }
  return { leased, more: candidates.length === limit };
}

export class TimerAlreadySettled extends Error {
  constructor(timerId: string) {
    super(`Timer ${timerId} was fired, cancelled or taken over by another scheduler.`);
  }
}

/**
 * Inside the transaction that carries out the timer's event: marks it fired, only if
 * this scheduler still holds it. Throws (rolling the transaction back) otherwise.
 */
export async function settleTimer(tx: Tx, timer: Timer, status: "fired" | "cancelled", at: Date, note?: string) {
  const { count } = await tx.timer.updateMany({
    where: { id: timer.id, status: "pending", lockedBy: timer.lockedBy },
    data: { status, firedAt: at, lockedUntil: null, lastError: note ?? null },
  });
  if (count !== 1) throw new TimerAlreadySettled(timer.id);
}

export const MAX_TIMER_ATTEMPTS = 10;

/**
 * Records a failed attempt and backs off (1 s, 2 s, 4 s … up to 5 min) before the
 * timer may be leased again; after MAX_TIMER_ATTEMPTS it is marked failed for an
 * admin to look at rather than retried forever.
 */
export async function releaseTimer(timer: Timer, error: string, now: Date = new Date()) {
  const failed = timer.attempts >= MAX_TIMER_ATTEMPTS;
  const backoffMs = Math.min(300_000, 1000 * 2 ** Math.max(0, timer.attempts - 1));
  await prisma.timer.updateMany({
    where: { id: timer.id, status: "pending", lockedBy: timer.lockedBy },
    data: {
      status: failed ? "failed" : "pending",
      lockedBy: null,
      lockedUntil: new Date(now.getTime() + backoffMs),
      lastError: error.slice(0, 2000),
    },
  });
}
