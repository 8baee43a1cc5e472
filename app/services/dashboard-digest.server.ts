import { sendDueDigest } from "~/models/dashboard/digest.server";

/**
 * The weekly digest's schedule, part of each server's background work: every quarter of
 * an hour each instance looks whether last week's digest is due. The digest's row keeps it
 * to one per week (models/dashboard/digest.server.ts), also after a restart: a server that
 * was down on Monday sends it when it is back. A durable timer would add nothing here.
 */
export function startDigestSchedule(everyMs = Number(process.env.DIGEST_CHECK_MINUTES ?? 15) * 60_000): { stop(): void } {
  const look = () => void sendDueDigest().catch((error) => console.error("Sending the weekly digest failed:", error));
  const first = setTimeout(look, 30_000);
  const handle = setInterval(look, everyMs);
  first.unref();
  handle.unref();
  return {
    stop() {
      clearTimeout(first);
      clearInterval(handle);
    },
  };
}
