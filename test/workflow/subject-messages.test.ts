import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DeliveryBody } from "~/models/messages/member-messages.server";
import { queueMessage } from "~/models/messages/member-messages.server";
import { createMessageDelivery } from "~/services/message-delivery.server";
import { prisma, writeTransaction } from "~/utils/db.server";
import { resetDb } from "../db";
import type { Receiver } from "../receiver";
import { startReceiver } from "../receiver";

// A message need not belong to a case nor go to one member: a crisis statement goes to
// everyone through a public channel. It is logged under its own subject and reaches the
// community platform with what it is about and no member's address.

let platform: Receiver;
beforeAll(async () => {
  platform = await startReceiver();
});
afterAll(() => platform.close());
beforeEach(async () => {
  await resetDb();
  platform.received.splice(0);
});

describe("messages for any subject", () => {
  it("go to a public channel under a statement's reference, with no case and no member address", async () => {
    const at = new Date("2026-12-06T03:00:00.000Z");
    const text = { language: "en", subject: "Service update", body: "We are aware of the leak and are working on it." };
    const row = await writeTransaction((tx) =>
      queueMessage(tx, {
        subject: { type: "statement", ref: "ST-7KQ2MXPD" },
        recipient: { kind: "public", channel: "status_page" },
        template: { key: "holding_statement.public_post", version: 1, versionId: "v1" },
        language: "en",
        channel: "public_post",
        stored: text,
        delivered: text,
        sentById: null,
        at,
      }),
    );
    expect(await prisma.message.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({
      subjectType: "statement",
      subjectRef: "ST-7KQ2MXPD",
      caseId: null,
      caseRef: null,
      recipientKind: "public",
      recipient: "status_page",
    });

    const delivery = createMessageDelivery({ endpoint: { url: platform.url, secret: "platform-secret-0123456789abcdef" } });
    expect(await delivery.tick(at)).toBe(1);
    const body = JSON.parse(platform.received[0].body) as DeliveryBody;
    expect(body).toMatchObject({
      channel: "public_post",
      recipient: { kind: "public" },
      about: { type: "statement", ref: "ST-7KQ2MXPD" },
      caseRef: null,
      body: "We are aware of the leak and are working on it.",
    });
    expect(Object.keys(body.recipient)).toEqual(["kind"]);
  });
});
