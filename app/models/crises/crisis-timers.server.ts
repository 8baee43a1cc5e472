import { z } from "zod";
import type { AnyTimerKind, Timer, TimerKind } from "../workflow/timers.server";
import { applyCrisisEvent } from "./crisis-commands.server";
import { STEP_TIMER, UPDATE_OVERDUE, UPDATE_REMINDER } from "./crisis-effects.server";
import { ACTION_ITEM_TIMER } from "./crisis-review-effects.server";
import { fireMonitor, MONITOR_TIMER } from "./early-warning.server";

// The timers a crisis sets, by kind: its playbook's deadlines and waits (fired back into
// the machine as TIMER events) and its update cadence (the comms lead's reminder before the
// promised update, the commander's page once it is late). Each fires through the write
// path, which settles the timer in the transaction of its event: fired once, whichever
// scheduler leased it. And the early-warning monitor's turns.

const stepTimer = z.object({ type: z.literal("TIMER"), key: z.string().min(1) });
const cadence = (type: "UPDATE_REMINDER" | "UPDATE_OVERDUE") => z.object({ type: z.literal(type), dueAt: z.string().datetime() });

function firing<P extends { type: string }>(payload: z.ZodType<P>): TimerKind<P> {
  return {
    payload,
    async fire(timer: Timer, event: P, now: Date) {
      await applyCrisisEvent({ id: timer.subjectId, event: event as never, actor: { kind: "system", name: "scheduler" }, timer, at: now });
    },
  };
}

export const CRISIS_TIMER_KINDS: Record<string, AnyTimerKind> = {
  [STEP_TIMER]: firing(stepTimer),
  [UPDATE_REMINDER]: firing(cadence("UPDATE_REMINDER")),
  [UPDATE_OVERDUE]: firing(cadence("UPDATE_OVERDUE")),
  // An action item's reminders, a day before it is due and on the day (decision 25).
  [ACTION_ITEM_TIMER]: firing(z.object({ type: z.literal("ACTION_ITEM_REMINDER"), taskId: z.string().min(1), dueAt: z.string().datetime(), when: z.enum(["before", "due"]) })),
  // The early-warning monitor's turn (early-warning.server.ts): not an event of any crisis.
  [MONITOR_TIMER]: { payload: z.object({ type: z.literal("MONITOR") }), fire: (timer: Timer, _payload: { type: "MONITOR" }, now: Date) => fireMonitor(timer, now) },
};
