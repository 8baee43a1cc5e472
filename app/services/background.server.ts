// Background work that runs inside each server process. The Triage issue adds the
// durable-timer scheduler here.
export function startBackgroundWork(): { stop(): void } {
  return { stop() {} };
}
