import { z } from "zod";
import type { Permission } from "~/utils/permissions";

// The post-crisis review's forms (docs/decisions/0025), each intent with the permission it
// needs. The route parses with these; the page's forms name the same fields.

const id = z.string().trim().min(1, "Choose one.").max(100);
const version = z.coerce.number().int().positive();
const prose = (label: string) => z.string().trim().max(8000, `Keep “${label}” under 8000 characters.`).default("");
const note = z.string().trim().max(2000, "Keep it under 2000 characters.").default("");
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const isDay = (d: string) => DAY.test(d) && !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d);

export const ReviewAction = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("write"), version, whatHappened: prose("What happened"), wentWell: prose("What went well"), toChange: prose("What to change") }),
  z.object({ intent: z.literal("submit"), version }),
  z.object({ intent: z.literal("reopen"), note }),
  z.object({ intent: z.literal("sign-off"), version, note }),
  z.object({
    intent: z.literal("add-action-item"),
    title: z.string().trim().min(1, "Say what is to be done.").max(300, "Keep it under 300 characters."),
    owner: id,
    due: z.string().trim().refine(isDay, "Give the due date as YYYY-MM-DD."),
  }),
  z.object({
    intent: z.literal("edit-action-item"),
    task: id,
    title: z.string().trim().min(1, "Say what is to be done.").max(300, "Keep it under 300 characters."),
    owner: id,
    due: z.string().trim().refine(isDay, "Give the due date as YYYY-MM-DD."),
  }),
  z.object({ intent: z.literal("finish-action-item"), task: id }),
  z.object({ intent: z.literal("reopen-action-item"), task: id }),
]);
export type ReviewActionValues = z.infer<typeof ReviewAction>;

export const REVIEW_INTENT_PERMISSIONS = {
  write: "work:crisis-task",
  submit: "work:crisis-task",
  reopen: "work:crisis-task",
  "sign-off": "sign-off:crisis-review",
  "add-action-item": "work:crisis-task",
  "edit-action-item": "work:crisis-task",
  "finish-action-item": "work:crisis-task",
  "reopen-action-item": "work:crisis-task",
} as const satisfies Record<ReviewActionValues["intent"], Permission>;
