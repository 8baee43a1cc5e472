import type { AttemptResult, LeasedMessage } from "~/models/messages/outbox.server";
import { signingSecretOf } from "~/models/messages/webhooks.server";
import { prisma } from "~/utils/db.server";
import { SecretBoxError } from "~/utils/secret-box.server";
import type { DeliveryOptions, OutboxDelivery } from "./outbox-delivery.server";
import { createOutboxDelivery, postSigned } from "./outbox-delivery.server";

export type WebhookDelivery = OutboxDelivery;

/**
 * Delivers webhook messages from the outbox: POSTs the stored body to the webhook it
 * names, signed with that webhook's secret, which is opened just before signing and kept
 * nowhere else. Leases, retries and the record of every attempt are the shared outbox
 * loop's (outbox-delivery.server.ts).
 */
export function createWebhookDelivery(options: DeliveryOptions = {}): WebhookDelivery {
  async function send(message: LeasedMessage): Promise<AttemptResult> {
    const hook = message.webhookId ? await prisma.webhook.findUnique({ where: { id: message.webhookId } }) : null;
    if (!hook || !hook.active) return { ok: false, httpStatus: null, error: "webhook removed or disabled", durationMs: 0 };
    let secret: string;
    try {
      secret = await signingSecretOf(hook);
    } catch (error) {
      if (!(error instanceof SecretBoxError)) throw error;
      // Nothing is sent unsigned; the message waits for a key that opens it, or a rotated secret.
      return { ok: false, httpStatus: null, error: `${error.message} Rotate the webhook's secret to sign with a new one.`, durationMs: 0 };
    }
    return postSigned(hook.url, secret, message, { userAgent: "Vigil-Webhooks", timeoutMs: options.timeoutMs });
  }
  return createOutboxDelivery("webhook", send, options);
}
