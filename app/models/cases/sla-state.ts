import type { SlaClock } from "@machines/escalation";

// Where a case stands against its SLA: the one reading every page shows (case summary,
// SLA panel, queue, inbox text, countdowns). Pure: the case's stored clock columns, its
// escalation's state and tier, the tiers of its policy version and the time in, the
// reading out. No store, no clock of its own, so the browser can tick it too.

/**
 * - `met`: done: answered (or acknowledged by the tier), or the case was resolved;
 * - `due`: running, the deadline still ahead;
 * - `late`: running, the deadline passed (at the top tier nothing is left to climb to);
 * - `paused`: stopped while the reporter is asked for information;
 * - `n/a`: there is no deadline (no policy).
 */
export type ClockState = "met" | "due" | "late" | "paused" | "n/a";

export type ClockReading = { clock: SlaClock; state: ClockState; dueAt: string | null };
export type TierRef = { index: number; key: string; label: string };

export type SlaState = {
  firstResponse: ClockReading & { answeredAt: string | null };
  resolution: ClockReading;
  /** The running clock that runs out first; null when none runs. */
  nextDeadline: { clock: SlaClock; dueAt: string; state: "due" | "late" } | null;
  pausedSince: string | null;
  /** Whether the case is on an escalation tier: its first response is then the tier's acknowledgement. */
  escalated: boolean;
  /** The tier whose clocks run (the first tier before any escalation); null when no clock runs. */
  tier: TierRef | null;
  /** What a missed deadline does: climb to this tier, or nothing (the top tier). */
  climbsTo: TierRef | null;
  topTier: boolean;
};

type When = Date | string | null;

export type SlaInput = {
  isOpen: boolean;
  firstResponseDueAt: When;
  firstRespondedAt: When;
  resolutionDueAt: When;
  slaPausedAt: When;
  /** The case's escalation (machine state and tier index); null if it never climbed. */
  escalation: { state: string; tierIndex: number } | null;
  /** The tiers of the policy version the case runs under, in order; empty without a policy. */
  tiers: readonly { key: string; label: string }[];
};

const iso = (d: When): string | null => (d === null ? null : typeof d === "string" ? d : d.toISOString());
const ms = (d: When | Date): number => (d instanceof Date ? d.getTime() : Date.parse(d ?? ""));

/** A running clock at `now`: due while its deadline is ahead, late from the deadline on. */
export function runningClockState(dueAt: string, now: Date | string): "due" | "late" {
  return ms(dueAt) > ms(now) ? "due" : "late";
}

/** What a missed deadline on tier `index` does: the next tier, or nothing at the top. */
export function breachAt(tiers: readonly { key: string; label: string }[], index: number): { climbsTo: TierRef | null; topTier: boolean } {
  const next = tiers[index + 1];
  return { climbsTo: next ? { index: index + 1, key: next.key, label: next.label } : null, topTier: index === tiers.length - 1 };
}

export function slaState(c: SlaInput, now: Date | string): SlaState {
  const escalationRuns = c.escalation !== null && (c.escalation.state === "awaiting_ack" || c.escalation.state === "acknowledged");
  // A closed case, or an escalation resolved by the tier, runs no clocks (their timers are cancelled).
  const stopped = !c.isOpen || c.escalation?.state === "resolved";
  const pausedSince = stopped ? null : iso(c.slaPausedAt);
  // On a tier, the first response is its acknowledgement; before any escalation, the first claim.
  const answered = escalationRuns ? c.escalation!.state === "acknowledged" : c.firstRespondedAt !== null;

  const read = (clock: SlaClock, due: When, done: boolean): ClockReading => {
    const dueAt = iso(due);
    if (dueAt === null) return { clock, state: "n/a", dueAt };
    if (stopped || done) return { clock, state: "met", dueAt };
    if (pausedSince) return { clock, state: "paused", dueAt };
    return { clock, state: runningClockState(dueAt, now), dueAt };
  };
  const firstResponse = { ...read("first_response", c.firstResponseDueAt, answered), answeredAt: iso(c.firstRespondedAt) };
  const resolution = read("resolution", c.resolutionDueAt, false);

  const running = [firstResponse, resolution].filter((r): r is ClockReading & { dueAt: string; state: "due" | "late" } => r.state === "due" || r.state === "late");
  const next = running.sort((a, b) => ms(a.dueAt) - ms(b.dueAt))[0];
  const clocksRun = running.length > 0 || pausedSince !== null;
  const index = escalationRuns ? c.escalation!.tierIndex : 0;
  const t = clocksRun ? c.tiers[index] : undefined;
  const breach = t ? breachAt(c.tiers, index) : { climbsTo: null, topTier: false };
  return {
    firstResponse,
    resolution,
    nextDeadline: next ? { clock: next.clock, dueAt: next.dueAt, state: next.state } : null,
    pausedSince,
    escalated: escalationRuns,
    tier: t ? { index, key: t.key, label: t.label } : null,
    ...breach,
  };
}
