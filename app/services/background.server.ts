import { checkpointDue, signCheckpoint } from "~/models/audit/audit-checkpoints.server";
import { CASE_TIMER_KINDS } from "~/models/cases/case-timers.server";
import { CRISIS_TIMER_KINDS } from "~/models/crises/crisis-timers.server";
import { startEarlyWarning } from "~/models/crises/early-warning.server";
import { timerFiring } from "~/models/workflow/timers.server";
import { prisma } from "~/utils/db.server";
import { startDigestSchedule } from "./dashboard-digest.server";
import { createMessageDelivery } from "./message-delivery.server";
import { createScheduler } from "./scheduler.server";
import { createWebhookDelivery } from "./webhook-delivery.server";

/**
 * Background work inside each server process: the durable-timer scheduler and delivery
 * from the outbox (webhooks, and messages to members through the community platform).
 * Several processes may run all of it against one database; leases keep each timer and
 * each message to one of them.
 */
export function startBackgroundWork(): { stop(): Promise<void> } {
  const pollMs = Number(process.env.SCHEDULER_POLL_MS ?? 1000);
  // One scheduler fires every subject's timers, each kind through its registry entry.
  const scheduler = createScheduler({ fire: timerFiring({ ...CASE_TIMER_KINDS, ...CRISIS_TIMER_KINDS }), pollMs });
  const deliveries = [
    { name: "Webhook", delivery: createWebhookDelivery() },
    { name: "Message", delivery: createMessageDelivery() },
  ];
  scheduler.start();
  // The early-warning monitor's first turn; each turn schedules the next (one row per slot, whoever asks).
  startEarlyWarning().catch((error) => console.error("Scheduling the early-warning monitor failed:", error));
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  const loop = () => {
    if (stopped) return;
    // Each stream on its own: a failing one does not hold the other back.
    running = Promise.all(deliveries.map(({ name, delivery }) => delivery.tick().catch((error) => console.error(`${name} delivery failed:`, error)))).finally(() => {
      if (!stopped) handle = setTimeout(loop, pollMs);
    });
  };
  let handle: NodeJS.Timeout = setTimeout(loop, 0);
  // Signs the audit chain's head once an hour (AUDIT_CHECKPOINT_MINUTES); every instance
  // looks, the checkpoint's row keeps it to one signature per head.
  const checkpointEveryMs = Number(process.env.AUDIT_CHECKPOINT_MINUTES ?? 60) * 60_000;
  const checkpoints = setInterval(() => {
    const now = new Date();
    checkpointDue(prisma, now, checkpointEveryMs)
      .then((due) => (due ? signCheckpoint(prisma, now) : null))
      .catch((error) => console.error("Signing the audit checkpoint failed:", error));
  }, Math.min(checkpointEveryMs, 60_000));
  checkpoints.unref();
  const digest = startDigestSchedule();
  return {
    async stop() {
      stopped = true;
      clearTimeout(handle);
      clearInterval(checkpoints);
      digest.stop();
      await Promise.all([scheduler.stop(), running]);
    },
  };
}
