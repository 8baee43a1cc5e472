import { fireCaseTimer } from "~/models/case-timers.server";
import { createScheduler } from "./scheduler.server";

/**
 * Background work inside each server process: the durable-timer scheduler. Several
 * processes may run it against one database; leases keep each timer to one of them.
 */
export function startBackgroundWork(): { stop(): Promise<void> } {
  const scheduler = createScheduler({ fire: fireCaseTimer, pollMs: Number(process.env.SCHEDULER_POLL_MS ?? 1000) });
  scheduler.start();
  return { stop: () => scheduler.stop() };
}
