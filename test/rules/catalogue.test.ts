import { describe, expect, it } from "vitest";
import { RULES } from "../../prisma/seed-data/rules";

describe("the seeded community rules", () => {
  it("covers the rules community guides name, with their severities", () => {
    expect(Object.fromEntries(RULES.map((r) => [r.code, r.severity]))).toEqual({
      respect: 2,
      spam: 1,
      off_topic: 1,
      privacy: 3,
      hate: 4,
      threats: 5,
      self_harm: 5,
      illegal: 5,
    });
  });

  it.each(RULES.map((r) => [r.code, r] as const))("%s has a title and description in every shipped language", (_code, rule) => {
    expect(Object.keys(rule.translations).sort()).toEqual(["de", "en", "es", "it", "lv", "pl", "zh"]);
    for (const t of Object.values(rule.translations)) {
      expect(t.title.trim().length).toBeGreaterThan(0);
      expect(t.title.length).toBeLessThanOrEqual(120);
      expect(t.description.trim().length).toBeGreaterThan(20);
      expect(t.description.length).toBeLessThanOrEqual(1000);
    }
    // Every language has its own wording, not a copy of the English one.
    const titles = Object.values(rule.translations).map((t) => t.title);
    expect(new Set(titles).size).toBe(titles.length);
  });
});
