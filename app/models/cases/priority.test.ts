import { describe, expect, it } from "vitest";
import { PRIORITY_WEIGHTS, scoreCase, storedFactorValue } from "./priority";

const base = { ruleCode: "spam", severity: 1, reportCount: 1, reporterCount: 1, screenHits: 0 };

function points(result: ReturnType<typeof scoreCase>, factor: string) {
  return result.breakdown.find((f) => f.factor === factor)?.points;
}

describe("scoreCase", () => {
  it("scores one report by its rule's severity alone, and explains every factor", () => {
    const result = scoreCase(base);
    expect(result.score).toBe(PRIORITY_WEIGHTS.pointsPerSeverity);
    expect(result.breakdown.map((f) => f.factor)).toEqual(["severity", "reports", "reporters", "screen"]);
    for (const f of result.breakdown) expect(f.explanation.length).toBeGreaterThan(10);
    expect(result.breakdown[0].explanation).toContain("spam");
  });

  it("ranks a more severe rule higher", () => {
    expect(scoreCase({ ...base, ruleCode: "threats", severity: 5 }).score).toBeGreaterThan(scoreCase(base).score);
  });

  it("adds points for further reports and more for further distinct reporters", () => {
    const repeated = scoreCase({ ...base, reportCount: 4, reporterCount: 1 });
    const independent = scoreCase({ ...base, reportCount: 4, reporterCount: 4 });
    expect(points(repeated, "reports")).toBe(3 * PRIORITY_WEIGHTS.pointsPerExtraReport);
    expect(points(repeated, "reporters")).toBe(0);
    expect(independent.score).toBeGreaterThan(repeated.score);
    expect(points(independent, "reporters")).toBe(3 * PRIORITY_WEIGHTS.pointsPerExtraReporter);
  });

  it("caps what volume alone can add, so a mass report of a minor rule stays below a severe one", () => {
    const flood = scoreCase({ ...base, reportCount: 10_000, reporterCount: 10_000 });
    expect(points(flood, "reports")).toBe(PRIORITY_WEIGHTS.maxExtraReports * PRIORITY_WEIGHTS.pointsPerExtraReport);
    expect(points(flood, "reporters")).toBe(PRIORITY_WEIGHTS.maxExtraReporters * PRIORITY_WEIGHTS.pointsPerExtraReporter);
    expect(flood.score).toBeLessThan(scoreCase({ ...base, ruleCode: "threats", severity: 5 }).score);
  });

  it("adds screen points for listed words, up to a cap", () => {
    expect(points(scoreCase({ ...base, screenHits: 1 }), "screen")).toBe(PRIORITY_WEIGHTS.screenFirstHit);
    expect(points(scoreCase({ ...base, screenHits: 3 }), "screen")).toBe(
      PRIORITY_WEIGHTS.screenFirstHit + 2 * PRIORITY_WEIGHTS.screenFurtherHit,
    );
    expect(points(scoreCase({ ...base, screenHits: 500 }), "screen")).toBe(PRIORITY_WEIGHTS.screenMax);
  });

  it("is the sum of its breakdown and survives nonsense input", () => {
    const result = scoreCase({ ruleCode: "x", severity: Number.NaN, reportCount: -3, reporterCount: 99, screenHits: Infinity });
    expect(result.score).toBe(result.breakdown.reduce((s, f) => s + f.points, 0));
    expect(result.breakdown.find((f) => f.factor === "reporters")?.value).toBe(1);
    expect(Number.isInteger(result.score)).toBe(true);
  });
});

describe("storedFactorValue", () => {
  it("reads a factor back from a stored breakdown and answers 0 for anything unreadable", () => {
    const stored = JSON.stringify(scoreCase({ ...base, screenHits: 2 }).breakdown);
    expect(storedFactorValue(stored, "screen")).toBe(2);
    expect(storedFactorValue("not json", "screen")).toBe(0);
    expect(storedFactorValue("{}", "screen")).toBe(0);
  });
});
