import { messageDeliveryEndpoint } from "~/utils/env.server";
import type { DeliveryOptions, OutboxDelivery } from "./outbox-delivery.server";
import { createOutboxDelivery, postSigned } from "./outbox-delivery.server";

export type MessageEndpoint = { url: string; secret: string };

/**
 * Delivers messages to members (outbox rows `message.*`) to the community platform,
 * which owns its members' in-app inbox, email and public posts: one signed POST of the
 * stored body per message, to MESSAGE_DELIVERY_URL under MESSAGE_DELIVERY_SECRET.
 * With no endpoint nothing is leased, so messages stay queued with every attempt still
 * ahead of them, and go out once one is configured.
 */
export function createMessageDelivery(options: DeliveryOptions & { endpoint?: MessageEndpoint | null } = {}): OutboxDelivery {
  const endpoint = options.endpoint === undefined ? messageDeliveryEndpoint() : options.endpoint;
  const delivery = createOutboxDelivery(
    "member",
    (message) => postSigned(endpoint!.url, endpoint!.secret, message, { userAgent: "Vigil-Messages", timeoutMs: options.timeoutMs }),
    options,
  );
  return endpoint ? delivery : { instanceId: delivery.instanceId, tick: async () => 0 };
}
