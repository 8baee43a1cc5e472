import { describe, expect, it } from "vitest";
import { lintTemplate } from "./template-lint";

const codes = (issues: ReturnType<typeof lintTemplate>) => issues.map((i) => `${i.language}:${i.field}:${i.code}`);

describe("template lint", () => {
  it("passes a clean template", () => {
    const variants = { en: { body: "Case {{case.ref}}: {{outcome.label}}." }, pl: { body: "Sprawa {{case.ref}}: {{outcome.label}}." } };
    expect(lintTemplate({ purpose: "outcome_reporter", channel: "in_app", defaultLanguage: "en", variants })).toEqual([]);
  });

  it("catches profanity in Polish and Italian, in the variant's language", () => {
    const variants = {
      en: { body: "Case {{case.ref}}: {{outcome.label}}." },
      pl: { body: "Sprawa {{case.ref}}, kurwa: {{outcome.label}}." },
      it: { body: "Caso {{case.ref}}: {{outcome.label}}, cazzo." },
    };
    const issues = lintTemplate({ purpose: "outcome_reporter", channel: "in_app", defaultLanguage: "en", variants });
    expect(codes(issues)).toEqual(["pl:body:profanity", "it:body:profanity"]);
    expect(issues[0].message).toContain("kurwa");
    expect(issues[1].message).toContain("cazzo");
  });

  it("catches missing and unknown variables", () => {
    const variants = { en: { body: "Your report was handled, {{reporter.name}}." } };
    const issues = lintTemplate({ purpose: "outcome_reporter", channel: "in_app", defaultLanguage: "en", variants });
    expect(codes(issues)).toEqual(["en:body:unknown_variable", "en:body:missing_variable", "en:body:missing_variable"]);
    expect(issues.map((i) => i.message).join(" ")).toMatch(/\{\{reporter\.name\}\}.*\{\{case\.ref\}\}.*\{\{outcome\.label\}\}/);
  });

  it("reports an author notice that would reveal the reporter", () => {
    const variants = { en: { body: "{{reporter.handle}} reported you for {{rule.title}}." } };
    expect(codes(lintTemplate({ purpose: "content_removed", channel: "in_app", defaultLanguage: "en", variants }))).toEqual(["en:body:unknown_variable"]);
  });

  it("checks channel length, empty variants, email subjects and the default language", () => {
    const long = `Update on {{incident.title}}. ${"More soon. ".repeat(30)}`;
    expect(codes(lintTemplate({ purpose: "status_update", channel: "public_post", defaultLanguage: "en", variants: { en: { body: long } } }))).toEqual(["en:body:too_long"]);
    expect(codes(lintTemplate({ purpose: "thank_you", channel: "email", defaultLanguage: "en", variants: { pl: { body: "  " } } }))).toEqual([
      "en:variants:missing_default",
      "pl:body:empty",
      "pl:subject:empty",
    ]);
  });

  it("reports text that is not a valid message", () => {
    expect(codes(lintTemplate({ purpose: "thank_you", channel: "in_app", defaultLanguage: "en", variants: { en: { body: "Thanks {{case.ref}" } } }))).toEqual(["en:body:syntax"]);
  });
});
