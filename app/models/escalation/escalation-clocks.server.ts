import type { SlaClock } from "@machines/escalation";
import { z } from "zod";
import type { Tx } from "~/utils/db.server";
import type { PolicyVersion } from "./escalation-policy.server";
import { bandOf } from "../cases/priority";
import { cancelTimers, replaceTimer } from "../workflow/timers.server";

// SLA clocks as durable timers. Each clock (first response, resolution) is two timer
// rows: a warning when `warnAtPercent` of the window has passed, and the breach at the
// deadline. The event names the deadline it was set for, so a timer left over from a
// moved deadline (a pause, a new tier) is settled as cancelled rather than fired.

export const CLOCK_LABELS: Record<SlaClock, string> = { first_response: "first response", resolution: "resolution" };

export const SLA_TIMER_KINDS: Record<SlaClock, { breach: string; warning: string }> = {
  first_response: { breach: "sla_first_response", warning: "sla_first_response_warning" },
  resolution: { breach: "sla_resolution", warning: "sla_resolution_warning" },
};

export const slaTimerEvent = z.object({ type: z.enum(["SLA_BREACH", "SLA_WARNING"]), clock: z.enum(["first_response", "resolution"]), dueAt: z.string().datetime() });
export type SlaTimerEvent = z.infer<typeof slaTimerEvent>;

const ofCase = (caseId: string) => ({ type: "case" as const, id: caseId });

/** The window a tier allows for a clock at a case's priority band. */
export function clockWindowMs(policy: PolicyVersion, tier: number, clock: SlaClock, priority: number): number {
  const t = policy.definition.tiers[tier];
  const minutes = clock === "first_response" ? t.firstResponseMinutes : t.resolutionMinutes;
  return minutes[bandOf(priority)] * 60_000;
}

type ClockInput = { clock: SlaClock; dueAt: Date; policy: PolicyVersion; tier: number; priority: number; now: Date };
export type ClockTimer = { kind: string; event: SlaTimerEvent; dueAt: Date };

/** The timers a clock sets: its breach at the deadline, and its warning when that is still ahead. */
export function clockTimers(input: ClockInput): { breach: ClockTimer; warning: ClockTimer | null } {
  const kinds = SLA_TIMER_KINDS[input.clock];
  const dueAt = input.dueAt.toISOString();
  const lead = clockWindowMs(input.policy, input.tier, input.clock, input.priority) * (1 - input.policy.definition.warnAtPercent / 100);
  const warnAt = new Date(input.dueAt.getTime() - lead);
  return {
    breach: { kind: kinds.breach, event: { type: "SLA_BREACH", clock: input.clock, dueAt }, dueAt: input.dueAt },
    warning: warnAt > input.now ? { kind: kinds.warning, event: { type: "SLA_WARNING", clock: input.clock, dueAt }, dueAt: warnAt } : null,
  };
}

export async function armClock(tx: Tx, input: ClockInput & { caseId: string }) {
  const { breach, warning } = clockTimers(input);
  await replaceTimer(tx, { subject: ofCase(input.caseId), ...breach, now: input.now });
  if (warning) await replaceTimer(tx, { subject: ofCase(input.caseId), ...warning, now: input.now });
  else await cancelTimers(tx, ofCase(input.caseId), SLA_TIMER_KINDS[input.clock].warning);
}

const timerKinds = (clocks: readonly SlaClock[]) => clocks.flatMap((clock) => [SLA_TIMER_KINDS[clock].breach, SLA_TIMER_KINDS[clock].warning]);
export const ALL_CLOCK_KINDS = timerKinds(["first_response", "resolution"]);

export async function cancelClock(tx: Tx, caseId: string, clock: SlaClock) {
  await cancelTimers(tx, ofCase(caseId), timerKinds([clock]));
}

export async function cancelAllClocks(tx: Tx, caseId: string) {
  await cancelTimers(tx, ofCase(caseId), ALL_CLOCK_KINDS);
}
