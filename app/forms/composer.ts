import { z } from "zod";
import type { MessageLogEntry } from "~/models/messages/message-log.server";
import type { Proposal, Recipient, Unavailable } from "~/models/messages/messages.server";

// The reply composer's form and data, shared by the route that loads and sends
// (/cases/:ref/messages) and the component that draws it, so neither imports the other.

export type CaseMessagesData = {
  recipients: Omit<Recipient, "address">[];
  proposals: Proposal[];
  /** Approved templates the case cannot fill yet, and what each lacks: said, not offered. */
  unavailable: Unavailable[];
  /** The language the viewer reads (Accept-Language), for the preview beside the recipient's. */
  viewerLanguage: string;
  /** Names of the languages on the page, in English, e.g. pl → Polish. */
  languageNames: Record<string, string>;
  messages: MessageLogEntry[];
  /** Whether older messages than these exist (the full list is the message log's). */
  moreMessages: boolean;
  canSend: boolean;
};

export type SendReply = { ok: boolean; message: string };

/** The value of one choice in the composer: recipient, template and the language it goes out in. */
export function choiceValue(recipientKey: string, templateKey: string, language: string): string {
  return `${recipientKey}|${templateKey}|${language}`;
}

export const SendSchema = z.object({
  choice: z
    .string("Choose a message to send.")
    .max(300, "Choose a message to send.")
    .regex(/^[^|]+\|[^|]+\|[^|]*$/, "Choose a message to send.")
    .transform((choice) => {
      const [recipientKey, templateKey, language] = choice.split("|");
      return { recipientKey, templateKey, language: language || null };
    }),
});
