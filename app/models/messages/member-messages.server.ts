import type { Message } from "~/generated/prisma/client";
import type { Tx } from "~/utils/db.server";
import type { SubjectType } from "~/utils/live-bus.server";
import type { Rendered } from "../templates/template-render";

// A message to members, whatever it belongs to (a case, a crisis, a statement) and whoever
// receives it (a reporter, an author, or everyone through a public channel such as the status
// page): one row in the message log and one outbox row carrying what the community platform
// delivers (docs/decisions/0014, 0021).

export type MessageSubject = { type: SubjectType; ref: string; caseId?: string };

export type MessageRecipient =
  | { kind: "reporter"; reportRef: string; address: string }
  | { kind: "author"; address: string }
  | { kind: "public"; channel: string };

/**
 * What the community platform receives for one message (the body of its signed POST).
 * Nothing about any reporter can reach an author or the public through it: a reporter's
 * address is only in a message to that reporter.
 */
export type DeliveryBody = {
  id: string;
  channel: string;
  recipient: { kind: "reporter"; address: string; reportRef: string } | { kind: "author"; address: string } | { kind: "public" };
  language: string;
  subject: string | null;
  body: string;
  /** What a message that is not a case's belongs to (a case's body is as decision 14 has it). */
  about?: { type: SubjectType; ref: string };
  caseRef: string | null;
  template: { key: string; version: number };
  sentAt: string;
};

function recipientOf(m: Message, recipient: MessageRecipient): DeliveryBody["recipient"] {
  switch (recipient.kind) {
    case "reporter":
      return { kind: "reporter", address: recipient.address, reportRef: recipient.reportRef };
    case "author":
      return { kind: "author", address: m.recipient };
    case "public":
      return { kind: "public" };
  }
}

export function deliveryBody(m: Message, text: Rendered, recipient: MessageRecipient): DeliveryBody {
  return {
    id: m.id,
    channel: m.channel,
    recipient: recipientOf(m, recipient),
    language: m.language,
    subject: text.subject,
    body: text.body,
    ...(m.subjectType === "case" ? {} : { about: { type: m.subjectType as SubjectType, ref: m.subjectRef ?? "" } }),
    caseRef: m.caseRef,
    template: { key: m.templateKey, version: m.templateVersion },
    sentAt: m.createdAt.toISOString(),
  };
}

export type QueuedMessage = {
  subject: MessageSubject;
  recipient: MessageRecipient;
  template: { key: string; version: number; versionId: string };
  language: string;
  channel: string;
  /** What the log keeps for everyone who may read it (a reporter's identity hidden). */
  stored: Rendered;
  /** What the recipient receives. */
  delivered: Rendered;
  sentById: string | null;
  /** Who approved what it says (a statement's chain); kept for staff, never delivered. */
  approvedByIds?: string[];
  at: Date;
};

/** Records a message and queues its delivery, inside the caller's transaction. */
export async function queueMessage(tx: Tx, input: QueuedMessage): Promise<Message> {
  const { subject, recipient, at } = input;
  const row = await tx.message.create({
    data: {
      subjectType: subject.type,
      subjectRef: subject.ref,
      caseId: subject.type === "case" ? (subject.caseId ?? null) : null,
      caseRef: subject.type === "case" ? subject.ref : null,
      templateKey: input.template.key,
      templateVersion: input.template.version,
      templateVersionId: input.template.versionId,
      language: input.language,
      channel: input.channel,
      recipientKind: recipient.kind,
      recipient: recipient.kind === "reporter" ? recipient.reportRef : recipient.kind === "author" ? recipient.address : recipient.channel,
      subject: input.stored.subject,
      body: input.stored.body,
      sentById: input.sentById,
      approvedByIds: input.approvedByIds ? JSON.stringify(input.approvedByIds) : null,
      createdAt: at,
    },
  });
  const payload = JSON.stringify(deliveryBody(row, input.delivered, recipient));
  await tx.message.update({ where: { id: row.id }, data: { outbox: { create: { kind: `message.${input.channel}`, payload, createdAt: at, nextAttemptAt: at } } } });
  return row;
}
