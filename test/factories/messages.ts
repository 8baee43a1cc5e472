import { prisma } from "~/utils/db.server";

// Message records with their outbox rows, as sending and delivery leave them, at chosen
// times: for the message log's pages and filters, which need more messages (and more
// exactly placed ones) than sending each through the composer would make quickly.

export type LoggedMessage = {
  at: Date;
  caseRef?: string;
  channel?: "in_app" | "email" | "public_post";
  language?: string;
  templateKey?: string;
  recipientKind?: "reporter" | "author";
  /** The outbox row's delivery columns; pending and untried by default. */
  outbox?: { status?: string; attempts?: number; lastError?: string | null; deliveredAt?: Date | null; nextAttemptAt?: Date };
};

export async function recordMessages(specs: LoggedMessage[]) {
  return prisma.$transaction(
    specs.map((s, i) => {
      const channel = s.channel ?? "in_app";
      const templateKey = s.templateKey ?? `thank_you.${channel}`;
      return prisma.message.create({
        data: {
          caseRef: s.caseRef ?? "C-23456789",
          templateKey,
          templateVersion: 1,
          templateVersionId: `version-of-${templateKey}`,
          language: s.language ?? "en",
          channel,
          recipientKind: s.recipientKind ?? "reporter",
          recipient: s.recipientKind === "author" ? "@author" : `R-${String(i).padStart(8, "2")}`,
          body: `Message ${i}`,
          createdAt: s.at,
          outbox: { create: { kind: `message.${channel}`, payload: "{}", createdAt: s.at, nextAttemptAt: s.outbox?.nextAttemptAt ?? s.at, ...s.outbox } },
        },
      });
    }),
  );
}
