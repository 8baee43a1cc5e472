import { describe, expect, it } from "vitest";
import { lintTemplate } from "~/models/templates/template-lint";
import { PURPOSE_KEYS, TEMPLATE_LANGUAGES } from "~/models/templates/template-purposes";
import { renderTemplate } from "~/models/templates/template-render";
import { SAMPLE_VALUES } from "~/models/templates/template-purposes";
import { PUBLIC_LOCALES } from "~/i18n/public";
import { seededTemplates } from "../factories/templates";

const CRISIS_PURPOSES: string[] = ["holding_statement", "status_update", "resolution_statement", "support"];

describe("the seeded template library", () => {
  const templates = seededTemplates();

  // What the seeded playbooks' statements send comes in every language of the public pages too.
  const languagesOf = (purpose: string) => (CRISIS_PURPOSES.includes(purpose) ? PUBLIC_LOCALES : TEMPLATE_LANGUAGES);

  it("covers every purpose on each of its channels in every language, and crisis statements in the public pages' languages", () => {
    expect(new Set(templates.map((t) => t.purpose))).toEqual(new Set(PURPOSE_KEYS));
    for (const t of templates) expect(Object.keys(t.variants).sort(), t.key).toEqual([...languagesOf(t.purpose)].sort());
    expect(templates.filter((t) => "de" in t.variants).map((t) => t.key).sort()).toEqual([
      "holding_statement.email",
      "holding_statement.in_app",
      "holding_statement.public_post",
      "resolution_statement.email",
      "resolution_statement.in_app",
      "resolution_statement.public_post",
      "status_update.email",
      "status_update.in_app",
      "status_update.public_post",
      "support.email",
      "support.in_app",
    ]);
  });

  it("passes lint and renders in every language", () => {
    for (const t of templates) {
      expect(lintTemplate(t), t.key).toEqual([]);
      for (const language of languagesOf(t.purpose)) expect(renderTemplate(t.variants, language, "en", SAMPLE_VALUES)?.language).toBe(language);
    }
  });
});
