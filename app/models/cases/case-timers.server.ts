import { z } from "zod";
import { ALL_CLOCK_KINDS, slaTimerEvent } from "../escalation/escalation-clocks.server";
import { fireSlaTimer } from "../escalation/escalation-sla.server";
import type { AnyTimerKind, Timer, TimerKind } from "../workflow/timers.server";
import { timerFiring } from "../workflow/timers.server";
import { applyCaseEvent } from "./case-events.server";

// The timers a case sets, by kind: its claim's expiry (through the triage write path) and
// its SLA clocks' warnings and breaches (escalation-sla.server.ts).

const claimExpired = z.object({ type: z.literal("CLAIM_EXPIRED"), claimedAt: z.string() });

/**
 * The claim expires through the write path, which marks the timer fired in the
 * transaction that applies its event, or cancelled when the event no longer applies
 * (the claim was renewed or released meanwhile).
 */
const claimExpiry: TimerKind<z.infer<typeof claimExpired>> = {
  payload: claimExpired,
  async fire(timer, event, now) {
    await applyCaseEvent({ caseId: timer.subjectId, event, actor: { kind: "system", name: "scheduler" }, timer, at: now });
  },
};

const slaClock: TimerKind<z.infer<typeof slaTimerEvent>> = { payload: slaTimerEvent, fire: fireSlaTimer };

export const CASE_TIMER_KINDS: Record<string, AnyTimerKind> = {
  claim_expiry: claimExpiry,
  ...Object.fromEntries(ALL_CLOCK_KINDS.map((kind) => [kind, slaClock])),
};

/** Fires one leased timer of a case, whichever its kind. */
export const fireCaseTimer: (timer: Timer, now: Date) => Promise<void> = timerFiring(CASE_TIMER_KINDS);
