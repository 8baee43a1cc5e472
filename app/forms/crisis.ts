import { z } from "zod";
import type { Permission } from "~/utils/permissions";
import { CRISIS_ROLE_KEYS, CRISIS_SEVERITY_KEYS, CRISIS_TYPES } from "~/models/crises/crisis-words";

// The crisis pages' forms: declaring one, and every intent of the crisis room with the
// permission it needs. The routes parse with these; the forms name the same fields.

const TYPE_KEYS = Object.keys(CRISIS_TYPES) as [keyof typeof CRISIS_TYPES, ...(keyof typeof CRISIS_TYPES)[]];
const text = (max: number, message: string) => z.string().trim().min(1, message).max(max, `Keep it under ${max} characters.`);

export const DeclareSchema = z.object({
  type: z.enum(TYPE_KEYS, { message: "Choose the kind of crisis." }),
  severity: z.enum(CRISIS_SEVERITY_KEYS as [string, ...string[]], { message: "Choose a severity." }),
  title: text(200, "Give the crisis a short title."),
  known: z.string().trim().max(4000, "Keep it under 4000 characters.").default(""),
  /** Empty: the playbook suggested for the type and severity. */
  playbook: z.string().trim().max(100).default(""),
  case: z.string().trim().max(20).default(""),
});
export type DeclareValues = { type: string; severity: string; title: string; known: string; playbook: string; case: string };

const id = z.string().trim().min(1, "Choose one.").max(100);
const note = z.string().trim().max(2000, "Keep it under 2000 characters.").default("");

export const RoomAction = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("take-command"), version: z.coerce.number().int().positive(), note }),
  z.object({ intent: z.literal("assign-role"), role: z.enum(CRISIS_ROLE_KEYS as [string, ...string[]]), user: id, note }),
  z.object({ intent: z.literal("promise-update"), minutes: z.coerce.number({ message: "Give the minutes." }).int("Whole minutes.").min(5, "At least 5 minutes.").max(1440, "At most a day (1440 minutes).") }),
  z.object({ intent: z.literal("step"), type: z.enum(["ACKNOWLEDGE", "COMPLETE", "DRAFT", "APPROVE", "REJECT", "PUBLISH"]), step: id, answer: z.string().trim().max(100).optional() }),
  z.object({ intent: z.literal("add-task"), title: text(200, "Say what is to be done."), role: z.enum(CRISIS_ROLE_KEYS as [string, ...string[]]), dueMinutes: z.union([z.literal("").transform(() => null), z.coerce.number().int().min(1).max(10080)]).default(null) }),
  z.object({ intent: z.literal("start-task"), task: id }),
  z.object({ intent: z.literal("finish-task"), task: id, answer: z.string().trim().max(500).optional() }),
  z.object({ intent: z.literal("block-task"), task: id, reason: text(500, "Say what blocks it.") }),
  z.object({ intent: z.literal("page"), role: z.enum(CRISIS_ROLE_KEYS as [string, ...string[]]), note: text(500, "Say why you page them.") }),
  z.object({ intent: z.literal("link-case"), case: z.string().trim().min(1, "Give a case reference such as C-7KQ2MXPD.").max(20) }),
  z.object({ intent: z.literal("note"), text: text(2000, "Write the note.") }),
  z.object({ intent: z.literal("pin-note"), note: z.coerce.number({ message: "Choose a note." }).int().positive() }),
  z.object({ intent: z.literal("unpin-note"), note: z.coerce.number({ message: "Choose a note." }).int().positive() }),
]);
export type RoomActionValues = z.infer<typeof RoomAction>;

export const INTENT_PERMISSIONS = {
  "take-command": "command:crisis",
  "assign-role": "command:crisis",
  "promise-update": "command:crisis",
  "add-task": "command:crisis",
  page: "command:crisis",
  step: "work:crisis-task",
  "start-task": "work:crisis-task",
  "finish-task": "work:crisis-task",
  "block-task": "work:crisis-task",
  note: "work:crisis-task",
  "pin-note": "work:crisis-task",
  "unpin-note": "work:crisis-task",
  "link-case": "link:crisis-case",
} as const satisfies Record<RoomActionValues["intent"], Permission>;

/** Deciding a proposal of the early-warning monitor. */
export const ProposalAction = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("accept-proposal"), proposal: id, type: z.enum(TYPE_KEYS, { message: "Choose the kind of crisis." }), severity: z.enum(CRISIS_SEVERITY_KEYS as [string, ...string[]], { message: "Choose a severity." }) }),
  z.object({ intent: z.literal("dismiss-proposal"), proposal: id, reason: text(500, "Say why it is not a crisis.") }),
]);
