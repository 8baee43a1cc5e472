import type { EnforcementActionKind, TriageEventType } from "@machines/triage.types";
import { ENFORCEMENT_ACTIONS } from "@machines/triage.types";
import { z } from "zod";

// The case page's forms: one per triage event a person sends from the page. The
// machine decides which are offered (allowedTriageEvents); this file says what each
// form carries and how the server validates it. Shared by the action and the forms.

export const PAGE_EVENTS = [
  "CLAIM",
  "ASSIGN",
  "RELEASE",
  "REQUEST_INFO",
  "INFO_RECEIVED",
  "ACT",
  "DISMISS",
  "UNDO_DISMISS",
  "ESCALATE",
  "APPROVE",
  "REJECT",
  "REOPEN",
  "CLOSE",
] as const satisfies readonly TriageEventType[];
export type PageEvent = (typeof PAGE_EVENTS)[number];

export const isPageEvent = (type: string): type is PageEvent => (PAGE_EVENTS as readonly string[]).includes(type);

export const REASON_MIN = 3;
export const REASON_MAX = 2000;

export const ACTION_LABELS: Record<EnforcementActionKind, string> = {
  remove_content: "Remove content",
  warn: "Warn the author",
  mute: "Mute the author",
  suspend: "Suspend the account",
  ban: "Ban the account (needs a second person's approval)",
};

const version = z.coerce.number("The form lost track of the case version. Reload the page.").int().positive();
const reason = z
  .string("Give a reason.")
  .trim()
  .min(REASON_MIN, `Give a reason of at least ${REASON_MIN} characters.`)
  .max(REASON_MAX, `Keep the reason to ${REASON_MAX.toLocaleString("en")} characters or fewer.`);
/** "Act and go to next": after the change, open the next case to work. */
const next = z.literal("1").optional();

/** The schema for every form on the page; rule codes come from the rules that exist now. */
export function caseActionSchema(ruleCodes: readonly string[]) {
  const ruleCode = z.string("Choose a rule.").refine((code) => ruleCodes.includes(code), "Choose one of the community rules.");
  return z.discriminatedUnion("intent", [
    z.object({ intent: z.literal("CLAIM"), version }),
    z.object({ intent: z.literal("ASSIGN"), version, assigneeId: z.string("Choose who takes the case.").min(1, "Choose who takes the case.").max(64) }),
    z.object({ intent: z.literal("RELEASE"), version }),
    z.object({ intent: z.literal("REQUEST_INFO"), version, reason }),
    z.object({ intent: z.literal("INFO_RECEIVED"), version }),
    z.object({ intent: z.literal("ACT"), version, action: z.enum(ENFORCEMENT_ACTIONS, "Choose an action."), ruleCode, reason, next }),
    z.object({ intent: z.literal("DISMISS"), version, reason }),
    z.object({ intent: z.literal("UNDO_DISMISS"), version }),
    z.object({ intent: z.literal("ESCALATE"), version, reason }),
    z.object({ intent: z.literal("APPROVE"), version }),
    z.object({ intent: z.literal("REJECT"), version, reason }),
    z.object({ intent: z.literal("REOPEN"), version, reason }),
    z.object({ intent: z.literal("CLOSE"), version }),
  ]);
}
export type CaseAction = z.infer<ReturnType<typeof caseActionSchema>>;

export type FieldErrors = Partial<Record<"version" | "assigneeId" | "reason" | "action" | "ruleCode", string[]>>;

/** What the action answers when it does not redirect; `values` are what was typed, kept for the form. */
export type CaseActionReply = {
  status: "invalid" | "conflict" | "refused" | "forbidden" | "not_found";
  intent: PageEvent | null;
  message: string;
  fieldErrors?: FieldErrors;
  values: Record<string, string>;
  /** For a conflict: who changed the case last, and how. */
  lastChange?: { by: string; action: string; at: string; reason: string | null } | null;
};
