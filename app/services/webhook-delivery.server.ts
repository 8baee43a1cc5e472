import crypto from "node:crypto";
import type { AttemptResult, LeasedMessage } from "~/models/outbox.server";
import { leaseDueWebhookMessages, settleDelivery, signBody } from "~/models/outbox.server";
import { signingSecretOf } from "~/models/webhooks.server";
import { prisma } from "~/utils/db.server";
import { SecretBoxError } from "~/utils/secret-box.server";

export type WebhookDelivery = {
  instanceId: string;
  /** Sends every webhook message due at `now`; returns how many attempts it made. */
  tick(now?: Date): Promise<number>;
};

/**
 * Delivers webhook messages from the outbox: leases due messages (several instances may
 * run this; a lease keeps each message to one of them), POSTs the stored body with an
 * HMAC-SHA256 signature, and records every attempt. A failure is retried with backoff.
 * The webhook's secret is opened just before signing and kept nowhere else.
 */
export function createWebhookDelivery(options: { instanceId?: string; leaseMs?: number; batch?: number; timeoutMs?: number } = {}): WebhookDelivery {
  const instanceId = options.instanceId ?? `delivery:${process.pid}:${crypto.randomUUID().slice(0, 8)}`;
  const leaseMs = options.leaseMs ?? 60_000;
  const batch = options.batch ?? 20;
  const timeoutMs = options.timeoutMs ?? 10_000;

  async function send(message: LeasedMessage): Promise<AttemptResult> {
    const started = Date.now();
    const hook = await prisma.webhook.findUnique({ where: { id: message.webhookId } });
    if (!hook || !hook.active) return { ok: false, httpStatus: null, error: "webhook removed or disabled", durationMs: 0 };
    let secret: string;
    try {
      secret = await signingSecretOf(hook);
    } catch (error) {
      if (!(error instanceof SecretBoxError)) throw error;
      // Nothing is sent unsigned; the message waits for a key that opens it, or a rotated secret.
      return { ok: false, httpStatus: null, error: `${error.message} Rotate the webhook's secret to sign with a new one.`, durationMs: 0 };
    }
    try {
      const response = await fetch(hook.url, {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          "User-Agent": "Vigil-Webhooks",
          "X-Vigil-Event": message.kind,
          // Receivers may drop a repeated delivery by this id (delivery is at least once).
          "X-Vigil-Delivery": message.id,
          "X-Vigil-Signature": signBody(secret, message.payload),
        },
        body: message.payload,
        signal: AbortSignal.timeout(timeoutMs),
      });
      await response.arrayBuffer().catch(() => undefined);
      const ok = response.status >= 200 && response.status < 300;
      return { ok, httpStatus: response.status, error: ok ? null : `HTTP ${response.status}`, durationMs: Date.now() - started };
    } catch (error) {
      return { ok: false, httpStatus: null, error: error instanceof Error ? error.message : String(error), durationMs: Date.now() - started };
    }
  }

  async function tick(now: Date = new Date()): Promise<number> {
    let attempts = 0;
    for (;;) {
      const leased = await leaseDueWebhookMessages(instanceId, now, leaseMs, batch);
      for (const message of leased) {
        await settleDelivery(message, await send(message), now);
        attempts++;
      }
      if (leased.length < batch) return attempts;
    }
  }

  return { instanceId, tick };
}
