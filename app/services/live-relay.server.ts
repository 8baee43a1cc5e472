import { storeOf } from "~/utils/db.server";
import { startPgRelay } from "./pg-relay.server";

/**
 * Starts what carries live updates between instances, if the store has one: on
 * PostgreSQL the LISTEN/NOTIFY relay; on SQLite (one instance) nothing, the
 * in-process bus is all there is. Run beside startBackgroundWork by scripts/server.mjs.
 */
export function startLiveRelay(): { stop(): Promise<void> } | null {
  const url = process.env.DATABASE_URL ?? "";
  return url && storeOf(url) === "postgresql" ? startPgRelay({ url }) : null;
}
