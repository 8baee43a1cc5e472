import crypto from "node:crypto";
import type { AttemptResult, LeasedMessage, OutboxStream } from "~/models/messages/outbox.server";
import { leaseDueMessages, settleDelivery, signBody } from "~/models/messages/outbox.server";

export type OutboxDelivery = {
  instanceId: string;
  /** Sends every message of the stream due at `now`; returns how many attempts it made. */
  tick(now?: Date): Promise<number>;
};

export type DeliveryOptions = { instanceId?: string; leaseMs?: number; batch?: number; timeoutMs?: number };

/** Makes one attempt at one leased message; never throws (a failure is a result). */
export type SendMessage = (message: LeasedMessage) => Promise<AttemptResult>;

/**
 * The delivery loop shared by webhooks and member messages: lease due messages of one
 * stream (several instances may run this; a lease keeps each message to one of them),
 * attempt each, and settle it: delivered, retried with backoff, or failed.
 */
export function createOutboxDelivery(stream: OutboxStream, send: SendMessage, options: DeliveryOptions = {}): OutboxDelivery {
  const instanceId = options.instanceId ?? `delivery:${stream}:${process.pid}:${crypto.randomUUID().slice(0, 8)}`;
  const leaseMs = options.leaseMs ?? 60_000;
  const batch = options.batch ?? 20;

  async function tick(now: Date = new Date()): Promise<number> {
    let attempts = 0;
    for (;;) {
      const { leased, more } = await leaseDueMessages(stream, instanceId, now, leaseMs, batch);
      for (const message of leased) {
        await settleDelivery(message, await send(message), now);
        attempts++;
      }
      if (!more) return attempts;
    }
  }

  return { instanceId, tick };
}

/**
 * POSTs a message's stored body as JSON, signed with `secret` in `X-Vigil-Signature`
 * (HMAC-SHA256 of the raw body), with its kind and a delivery id. Any 2xx delivers it.
 */
export async function postSigned(url: string, secret: string, message: LeasedMessage, options: { userAgent: string; timeoutMs?: number }): Promise<AttemptResult> {
  const started = Date.now();
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        "User-Agent": options.userAgent,
        "X-Vigil-Event": message.kind,
        // Receivers may drop a repeated delivery by this id (delivery is at least once).
        "X-Vigil-Delivery": message.id,
        "X-Vigil-Signature": signBody(secret, message.payload),
      },
      body: message.payload,
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    });
    await response.arrayBuffer().catch(() => undefined);
    const ok = response.status >= 200 && response.status < 300;
    return { ok, httpStatus: response.status, error: ok ? null : `HTTP ${response.status}`, durationMs: Date.now() - started };
  } catch (error) {
    return { ok: false, httpStatus: null, error: error instanceof Error ? error.message : String(error), durationMs: Date.now() - started };
  }
}
