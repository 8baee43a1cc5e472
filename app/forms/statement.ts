import { z } from "zod";
import type { Permission } from "~/utils/permissions";
import { CHANNELS } from "~/models/templates/template-purposes";
import { AUDIENCE_KEYS, STAGE_KEYS } from "~/models/statements/statement-words";

// The statements panel's forms, each intent with the permission it needs. The route parses
// with these; the forms name the same fields.

const ref = z.string().trim().regex(/^ST-[23456789ABCDEFGHJKMNPQRSTVWXYZ]{8}$/i, "That is not a statement reference.");
const version = z.coerce.number({ message: "Reload the page and try again." }).int().positive();

export const StatementAction = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("draft"),
    stage: z.enum(STAGE_KEYS as [string, ...string[]], { message: "Choose a stage." }),
    audience: z.enum(AUDIENCE_KEYS as [string, ...string[]], { message: "Choose an audience." }),
    channel: z.enum(CHANNELS, { message: "Choose a channel." }),
    language: z.string().trim().min(2, "Choose a language.").max(20),
  }),
  z.object({
    intent: z.literal("edit"),
    ref,
    version,
    subject: z.string().trim().max(300, "Keep the subject under 300 characters.").default(""),
    body: z.string().trim().min(1, "Write the statement.").max(5000, "Keep it under 5000 characters."),
  }),
  z.object({ intent: z.literal("submit"), ref, version }),
  z.object({ intent: z.literal("approve"), ref, version, hash: z.string().regex(/^[0-9a-f]{64}$/, "Reload the page and read the text again.") }),
  z.object({ intent: z.literal("reject"), ref, version, note: z.string().trim().min(1, "Say why you send it back.").max(2000, "Keep it under 2000 characters.") }),
  z.object({ intent: z.literal("publish"), ref, version }),
]);
export type StatementActionValues = z.infer<typeof StatementAction>;

export const STATEMENT_INTENT_PERMISSIONS = {
  draft: "draft:statement",
  edit: "draft:statement",
  submit: "draft:statement",
  publish: "draft:statement",
  approve: "approve:statement",
  reject: "approve:statement",
} as const satisfies Record<StatementActionValues["intent"], Permission>;
