import { fireCaseTimer } from "~/models/case-timers.server";
import { createScheduler } from "./scheduler.server";
import { createWebhookDelivery } from "./webhook-delivery.server";

/**
 * Background work inside each server process: the durable-timer scheduler and webhook
 * delivery from the outbox. Several processes may run both against one database; leases
 * keep each timer and each message to one of them.
 */
export function startBackgroundWork(): { stop(): Promise<void> } {
  const pollMs = Number(process.env.SCHEDULER_POLL_MS ?? 1000);
  const scheduler = createScheduler({ fire: fireCaseTimer, pollMs });
  const delivery = createWebhookDelivery();
  scheduler.start();
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  const loop = () => {
    if (stopped) return;
    running = delivery
      .tick()
      .catch((error) => console.error("Webhook delivery failed:", error))
      .finally(() => {
        if (!stopped) handle = setTimeout(loop, pollMs);
      });
  };
  let handle: NodeJS.Timeout = setTimeout(loop, 0);
  return {
    async stop() {
      stopped = true;
      clearTimeout(handle);
      await Promise.all([scheduler.stop(), running]);
    },
  };
}
