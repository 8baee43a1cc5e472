import crypto from "node:crypto";
import pg from "pg";
import { z } from "zod";
import { parseJsonAs } from "~/utils/json";
import { receiveRemotePresence } from "~/models/cases/presence.server";
import type { PresenceChange, SubjectChange } from "~/utils/live-bus.server";
import { publishChange, setChangeRelay, setPresenceRelay } from "~/utils/live-bus.server";

// Live updates across instances on one PostgreSQL: every case change and every
// presence change this instance publishes is sent with pg_notify on one channel, and
// a dedicated connection LISTENs on it, publishing what other instances sent into this
// process's bus. NOTIFY is delivered only to sessions listening at the time: a
// notification sent while this instance reconnects is lost, so SSE clients reconnect
// and reload the queue (the stream's `retry`) rather than trusting every change arrives.

export const RELAY_CHANNEL = "vigil_live";
/** PostgreSQL refuses payloads of 8000 bytes or more; changes are far smaller. */
const MAX_PAYLOAD = 7900;

type Message = { from: string } & ({ kind: "change"; change: SubjectChange } | { kind: "presence"; change: PresenceChange });

const SubjectChangeShape = z.object({
  subject: z.object({ type: z.enum(["case", "crisis", "statement", "appeal"]), id: z.string(), ref: z.string() }),
  version: z.number(),
  state: z.string(),
  action: z.string(),
  by: z.string(),
  at: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});
const PresenceShape = z.object({ caseRef: z.string(), viewers: z.array(z.object({ id: z.string(), name: z.string() })) });
const RelayMessage = z.union([
  z.object({ from: z.string(), kind: z.literal("change"), change: SubjectChangeShape }),
  z.object({ from: z.string(), kind: z.literal("presence"), change: PresenceShape }),
]);

export type Relay = { instanceId: string; stop(): Promise<void> };

export function startPgRelay(options: { url: string; instanceId?: string; reconnectMs?: number }): Relay {
  const instanceId = options.instanceId ?? `instance:${process.pid}:${crypto.randomUUID().slice(0, 8)}`;
  const reconnectMs = options.reconnectMs ?? 1000;
  let stopped = false;
  let listener: pg.Client | null = null;
  let retry: NodeJS.Timeout | null = null;
  // Sends go through a small pool, never the listening connection, so a reconnect does
  // not hold up the write path; a failed send is logged, not thrown at the writer.
  const sender = new pg.Pool({ connectionString: options.url, max: 2, options: "-c TimeZone=UTC" });
  sender.on("error", (error) => console.error("Live relay (send):", error.message));

  function send(message: Message) {
    const payload = JSON.stringify(message);
    if (Buffer.byteLength(payload) > MAX_PAYLOAD) return;
    sender.query("SELECT pg_notify($1, $2)", [RELAY_CHANNEL, payload]).catch((error: Error) => {
      if (!stopped) console.error("Live relay (send):", error.message);
    });
  }

  function receive(payload: string | undefined) {
    if (!payload) return;
    // Another instance's message, possibly of another release: checked, never cast.
    const message = parseJsonAs(RelayMessage, payload);
    if (!message) return;
    if (message.from === instanceId) return;
    if (message.kind === "change") publishChange(message.change, { fromRelay: true });
    else if (message.kind === "presence") receiveRemotePresence(message.from, message.change);
  }

  function scheduleReconnect() {
    if (stopped || retry) return;
    retry = setTimeout(() => {
      retry = null;
      void listen();
    }, reconnectMs);
    retry.unref?.();
  }

  async function listen() {
    const client = new pg.Client({ connectionString: options.url });
    listener = client;
    client.on("notification", (n) => {
      if (n.channel === RELAY_CHANNEL) receive(n.payload);
    });
    client.on("error", (error) => {
      if (!stopped) console.error("Live relay (listen):", error.message);
      void client.end().catch(() => {});
      if (listener === client) listener = null;
      scheduleReconnect();
    });
    client.on("end", () => {
      if (listener === client) listener = null;
      scheduleReconnect();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${RELAY_CHANNEL}`);
      if (stopped) await client.end();
    } catch (error) {
      if (!stopped) console.error("Live relay (connect):", (error as Error).message);
      void client.end().catch(() => {});
      if (listener === client) listener = null;
      scheduleReconnect();
    }
  }

  setChangeRelay((change) => send({ from: instanceId, kind: "change", change }));
  setPresenceRelay((change) => send({ from: instanceId, kind: "presence", change }));
  void listen();

  return {
    instanceId,
    async stop() {
      stopped = true;
      if (retry) clearTimeout(retry);
      setChangeRelay(null);
      setPresenceRelay(null);
      await listener?.end().catch(() => {});
      await sender.end().catch(() => {});
    },
  };
}
