import { isPurpose, PURPOSES } from "../templates/template-purposes";
import type { Values, Variant } from "../templates/template-render";
import { variablesOf } from "../templates/template-render";

// Whether a case can fill a template. A value the case does not have (no outcome yet, an
// anonymous reporter's handle) is empty, and a template that needs it would read
// "…Wynik: ." to a member: the composer does not offer it and sending refuses it.

/** What each variable a case may lack stands for, in the words a moderator reads. */
const WHAT_IT_NEEDS: Record<string, string> = {
  "outcome.label": "the case's outcome, and the case has none yet",
  "reporter.handle": "the reporter's handle, and this reporter gave none",
  "author.handle": "the author's handle, and the case has none",
};

/** The variables `variant` (and its purpose) needs that `values` leaves empty, sorted. */
export function missingVariables(purpose: string, variant: Variant, language: string, values: Values): string[] {
  const needed = new Set<string>(isPurpose(purpose) ? PURPOSES[purpose].required : []);
  for (const text of [variant.subject ?? "", variant.body]) {
    const used = variablesOf(text, language);
    if ("variables" in used) for (const name of used.variables) needed.add(name);
  }
  return [...needed].filter((name) => values[name] === undefined || values[name] === "").sort();
}

/** What the missing variables stand for, e.g. "the case's outcome, and the case has none yet". */
export function missingNeeds(missing: readonly string[]): string {
  return missing.map((name) => WHAT_IT_NEEDS[name] ?? `“${name}”, which this case cannot fill`).join("; and ");
}

/** Why a template cannot go out for this case: one sentence naming what it lacks. */
export function missingReason(templateKey: string, missing: readonly string[]): string {
  return `“${templateKey}” needs ${missingNeeds(missing)}. Nothing was sent.`;
}
