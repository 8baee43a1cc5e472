import crypto from "node:crypto";
import { screenText } from "~/screen";
import type { Channel } from "../templates/template-purposes";
import { CHANNEL_LIMITS } from "../templates/template-purposes";
import type { Values, Variants } from "../templates/template-render";
import { pickVariant, renderText } from "../templates/template-render";

// A statement's words: drafted from a template's variant for the cell's language (or the
// fallback the template has), filled with the crisis's values, then edited by hand; linted
// as templates are; named by the SHA-256 of what it says, so an approval is of one text.

export type StatementText = { subject: string | null; body: string };

/** SHA-256 of subject and body: what approvers approved and the audit log records. */
export function textHash(text: StatementText): string {
  return crypto.createHash("sha256").update(JSON.stringify([text.subject ?? "", text.body])).digest("hex");
}

export type Drafted = StatementText & { templateLanguage: string };

/** The template's variant for `language` (or its fallback) filled with the crisis's values; null when it has none. */
export function draftFromTemplate(variants: Variants, language: string, defaultLanguage: string, values: Values, channel: Channel): Drafted | null {
  const picked = pickVariant(variants, language, defaultLanguage);
  if (!picked) return null;
  const { variant } = picked;
  const subject = channel === "email" && variant.subject?.trim() ? renderText(variant.subject, picked.language, values) : null;
  return { subject, body: renderText(variant.body, picked.language, values), templateLanguage: picked.language };
}

export type StatementIssue = { field: "subject" | "body"; code: string; message: string };

const PLACEHOLDER = /\{\{?\s*[A-Za-z][\w.]*\s*\}?\}/g;

/** The template lint's checks on a filled text: nothing empty, no placeholder left, no listed word, fits the channel. */
export function lintStatement(text: StatementText, channel: Channel, language: string): StatementIssue[] {
  const issues: StatementIssue[] = [];
  const fields: ["subject" | "body", string][] = [["body", text.body]];
  if (channel === "email") fields.push(["subject", text.subject ?? ""]);
  for (const [field, value] of fields) {
    const add = (code: string, message: string) => issues.push({ field, code, message });
    if (!value.trim()) {
      add("empty", field === "body" ? "The text is empty." : "An email needs a subject.");
      continue;
    }
    for (const placeholder of new Set(value.match(PLACEHOLDER) ?? [])) add("missing_variable", `${placeholder} is not filled in.`);
    for (const hit of screenText(value, language).hits) add("profanity", `“${hit.match}” is on the ${hit.list} word list.`);
  }
  const limit = CHANNEL_LIMITS[channel];
  if (text.body.length > limit) issues.push({ field: "body", code: "too_long", message: `${text.body.length} characters; ${channel.replace("_", " ")} allows ${limit}.` });
  return issues;
}
