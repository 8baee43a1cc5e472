import { fireCaseTimer } from "~/models/case-timers.server";
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
  const scheduler = createScheduler({ fire: fireCaseTimer, pollMs });
  const deliveries = [
    { name: "Webhook", delivery: createWebhookDelivery() },
    { name: "Message", delivery: createMessageDelivery() },
  ];
  scheduler.start();
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
  return {
    async stop() {
      stopped = true;
      clearTimeout(handle);
      await Promise.all([scheduler.stop(), running]);
    },
  };
}
