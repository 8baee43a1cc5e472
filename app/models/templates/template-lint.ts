import { screenText } from "~/screen";
import type { Channel, Purpose } from "./template-purposes";
import { CHANNEL_LIMITS, PURPOSES, SAMPLE_VALUES } from "./template-purposes";
import type { Variants } from "./template-render";
import { renderText, variablesOf } from "./template-render";

// Checks a version before it may go to review or be approved. Every issue names the
// language and field it belongs to, so the editor shows it beside the text.

export type LintIssue = { language: string; field: "body" | "subject" | "variants"; code: string; message: string };

export type LintInput = { purpose: Purpose; channel: Channel; defaultLanguage: string; variants: Variants };

export function lintTemplate({ purpose, channel, defaultLanguage, variants }: LintInput): LintIssue[] {
  const issues: LintIssue[] = [];
  const spec = PURPOSES[purpose];
  const provided = new Set<string>(spec.variables);
  if (!variants[defaultLanguage]?.body.trim()) {
    issues.push({ language: defaultLanguage, field: "variants", code: "missing_default", message: `The default language (${defaultLanguage}) needs a variant.` });
  }
  for (const [language, variant] of Object.entries(variants)) {
    const fields: ["body" | "subject", string][] = [["body", variant.body]];
    if (channel === "email") fields.push(["subject", variant.subject ?? ""]);
    for (const [field, text] of fields) {
      const add = (code: string, message: string) => issues.push({ language, field, code, message });
      if (!text.trim()) {
        add("empty", field === "body" ? "The text is empty." : "An email needs a subject.");
        continue;
      }
      const parsed = variablesOf(text, language);
      if ("error" in parsed) {
        add("syntax", `The text cannot be read as a message: ${parsed.error}.`);
        continue;
      }
      for (const name of parsed.variables.filter((v) => !provided.has(v))) {
        add("unknown_variable", `Unknown variable {{${name}}}: this purpose provides ${spec.variables.map((v) => `{{${v}}}`).join(", ")}.`);
      }
      for (const hit of screenText(text, language).hits) {
        add("profanity", `“${hit.match}” is on the ${hit.list} word list.`);
      }
      if (field === "body") {
        for (const name of spec.required.filter((v) => !parsed.variables.includes(v))) add("missing_variable", `Missing variable {{${name}}}.`);
        if (parsed.variables.every((v) => provided.has(v))) {
          const length = renderText(text, language, SAMPLE_VALUES).length;
          const limit = CHANNEL_LIMITS[channel];
          if (length > limit) add("too_long", `${length} characters with sample data; ${channel.replace("_", " ")} allows ${limit}.`);
        }
      }
    }
  }
  return issues;
}
