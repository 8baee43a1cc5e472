import crypto from "node:crypto";
import type { Timer } from "~/models/workflow/timers.server";
import { leaseDueTimers, releaseTimer, TimerAlreadySettled } from "~/models/workflow/timers.server";

/** Carries out one leased timer; must settle it inside its own transaction. */
export type FireTimer = (timer: Timer, now: Date) => Promise<void>;

export type Scheduler = {
  instanceId: string;
  /** Fires every timer due at `now`; returns how many were fired or settled. */
  tick(now?: Date): Promise<number>;
  start(): void;
  stop(): Promise<void>;
};

/**
 * Polls for due timers and fires them. Several schedulers (instances) may run on one
 * database: leases decide who fires what, and settling inside the event's transaction
 * makes each timer fire exactly once.
 */
export function createScheduler(options: {
  fire: FireTimer;
  instanceId?: string;
  pollMs?: number;
  leaseMs?: number;
  batch?: number;
  onError?: (error: unknown, timer?: Timer) => void;
}): Scheduler {
  const instanceId = options.instanceId ?? `scheduler:${process.pid}:${crypto.randomUUID().slice(0, 8)}`;
  const pollMs = options.pollMs ?? 1000;
  const leaseMs = options.leaseMs ?? 30_000;
  const batch = options.batch ?? 50;
  const onError = options.onError ?? ((error, timer) => console.error(`Timer ${timer?.id ?? ""} failed:`, error));
  let handle: NodeJS.Timeout | null = null;
  let running: Promise<number> | null = null;

  async function tick(now: Date = new Date()): Promise<number> {
    let done = 0;
    for (;;) {
      const { leased, more } = await leaseDueTimers(instanceId, now, leaseMs, batch);
      for (const timer of leased) {
        try {
          await options.fire(timer, now);
          done++;
        } catch (error) {
          // The timer was cancelled (its deadline moved) or taken over while this scheduler held it: nothing to do.
          if (error instanceof TimerAlreadySettled) continue;
          onError(error, timer);
          await releaseTimer(timer, error instanceof Error ? error.message : String(error), now).catch(() => {});
        }
      }
      if (!more) return done;
    }
  }

  function loop() {
    running = tick()
      .catch((error) => {
        onError(error);
        return 0;
      })
      .finally(() => {
        running = null;
        if (handle) handle = setTimeout(loop, pollMs);
      });
  }

  return {
    instanceId,
    tick,
    start() {
      if (handle) return;
      handle = setTimeout(loop, 0);
    },
    async stop() {
      if (handle) clearTimeout(handle);
      handle = null;
      await running;
    },
  };
}
