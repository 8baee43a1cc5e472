import type { CaseEventBody } from "./case-events.server";
import { applyCaseEvent } from "./case-events.server";
import { isSlaTimerKind } from "../escalation/escalation-clocks.server";
import { fireSlaTimer } from "../escalation/escalation-sla.server";
import type { Timer } from "../workflow/timers.server";

/**
 * Fires one leased case timer through the write path. The write path marks the timer
 * fired in the transaction that applies its event, or cancelled when the event no
 * longer applies (the claim was renewed or released meanwhile).
 */
export async function fireCaseTimer(timer: Timer, now: Date): Promise<void> {
  if (!timer.caseId) throw new Error(`Timer ${timer.id} names no case.`);
  if (isSlaTimerKind(timer.kind)) return fireSlaTimer(timer, now);
  const event = JSON.parse(timer.event) as CaseEventBody;
  await applyCaseEvent({
    caseId: timer.caseId,
    event,
    actor: { kind: "system", name: "scheduler" },
    timer,
    at: now,
  });
}
