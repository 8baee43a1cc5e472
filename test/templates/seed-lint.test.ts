import { describe, expect, it } from "vitest";
import { lintTemplate } from "~/models/templates/template-lint";
import { PURPOSE_KEYS, TEMPLATE_LANGUAGES } from "~/models/templates/template-purposes";
import { renderTemplate } from "~/models/templates/template-render";
import { SAMPLE_VALUES } from "~/models/templates/template-purposes";
import { seededTemplates } from "../factories/templates";

describe("the seeded template library", () => {
  const templates = seededTemplates();

  it("covers every purpose on each of its channels in every language", () => {
    expect(new Set(templates.map((t) => t.purpose))).toEqual(new Set(PURPOSE_KEYS));
    for (const t of templates) expect(Object.keys(t.variants).sort()).toEqual([...TEMPLATE_LANGUAGES].sort());
  });

  it("passes lint and renders in every language", () => {
    for (const t of templates) {
      expect(lintTemplate(t), t.key).toEqual([]);
      for (const language of TEMPLATE_LANGUAGES) expect(renderTemplate(t.variants, language, "en", SAMPLE_VALUES)?.language).toBe(language);
    }
  });
});
