import { afterEach, describe, expect, it } from "vitest";
import { createMessageDelivery } from "~/services/message-delivery.server";

// How an operator configures delivery to the community platform: the settings are read
// once, when the server starts its background work.

const saved = { url: process.env.MESSAGE_DELIVERY_URL, secret: process.env.MESSAGE_DELIVERY_SECRET };
afterEach(() => {
  for (const [name, value] of [["MESSAGE_DELIVERY_URL", saved.url], ["MESSAGE_DELIVERY_SECRET", saved.secret]] as const) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

describe("the message delivery settings", () => {
  it("refuse to start with an endpoint but no secret to sign for it, or with an address that is not http(s)", () => {
    process.env.MESSAGE_DELIVERY_URL = "https://platform.example/vigil/messages";
    delete process.env.MESSAGE_DELIVERY_SECRET;
    expect(() => createMessageDelivery()).toThrow("MESSAGE_DELIVERY_SECRET must be set when MESSAGE_DELIVERY_URL is");
    process.env.MESSAGE_DELIVERY_URL = "ftp://platform.example/";
    process.env.MESSAGE_DELIVERY_SECRET = "a-secret-of-sixteen-chars";
    expect(() => createMessageDelivery()).toThrow("MESSAGE_DELIVERY_URL: an http(s) address");
    process.env.MESSAGE_DELIVERY_URL = "https://platform.example/vigil/messages";
    process.env.MESSAGE_DELIVERY_SECRET = "short";
    expect(() => createMessageDelivery()).toThrow(/MESSAGE_DELIVERY_SECRET/);
  });
});
