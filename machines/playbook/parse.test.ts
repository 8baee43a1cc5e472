import { describe, expect, it } from "vitest";
import { formatDuration, formatOffset, parseDuration } from "./durations";
import { parsePlaybook } from "./parse";
import { DRILL } from "./testing/fixtures";

describe("playbook text", () => {
  it("parses the drill with the schema's defaults and each step's line", () => {
    const result = parsePlaybook(DRILL);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.playbook.review).toEqual({ owner: "crisis_commander", title: "Complete the post-crisis review" });
    expect(result.playbook.severity.raise).toEqual([]);
    expect(result.source.steps).toEqual({ triage: 10, holding: 17, approve: 26, publish: 32 });
  });

  it("names the line and the step of a schema problem", () => {
    const result = parsePlaybook(DRILL.replace("due: 15m", "due: soon"));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.findings).toEqual([
      expect.objectContaining({ code: "schema", severity: "error", stepId: "triage", line: 15, witness: null }),
    ]);
    expect(result.findings[0].message).toBe("Step triage, due: write a duration such as 15m, 2h, 1d or 1h30m.");
  });

  it("names an unknown field on its own line", () => {
    const result = parsePlaybook(DRILL.replace("        count: 2\n", "        count: 2\n        quorum: 3\n"));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.findings.map((f) => [f.code, f.stepId, f.line])).toEqual([["schema", "approve", 31]]);
    expect(result.findings[0].message).toContain("unknown field quorum");
  });

  it("reports a step kind that does not exist", () => {
    const result = parsePlaybook(DRILL.replace("kind: publish", "kind: broadcast"));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.findings.map((f) => [f.code, f.stepId, f.line])).toEqual([["schema", "publish", 33]]);
  });

  it("reports YAML that does not parse with its line", () => {
    const result = parsePlaybook(`${DRILL}      - id: [broken\n`);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.findings[0]).toMatchObject({ code: "yaml_syntax", line: 37 });
  });

  it("refuses aliases that would expand without end, as a finding rather than a throw", () => {
    const laughs = ["a: &a [x, x, x, x, x, x, x, x, x]", ..."bcdef".split("").map((k, i) => `${k}: &${k} [${Array(9).fill(`*${"abcdef"[i]}`).join(", ")}]`)].join("\n");
    const result = parsePlaybook(laughs);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.findings).toEqual([expect.objectContaining({ code: "yaml_syntax", severity: "error", line: null })]);
    expect(result.findings[0].message).toMatch(/^The YAML cannot be read: Excessive alias count/);
  });

  it("refuses a severity rule that raises to a level the playbook is not for", () => {
    const text = DRILL.replace("  levels: [medium, high]\n", "  levels: [medium, high]\n  raise:\n    - when: { linkedCases: { atLeast: 10 } }\n      to: critical\n");
    const result = parsePlaybook(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.findings.map((f) => [f.code, f.line])).toEqual([["schema", 8]]);
    expect(result.findings[0].message).toContain("critical is not one of this playbook's levels");
  });
});

describe("durations", () => {
  it("reads what authors write, including zero and negative ones for the verifier to refuse", () => {
    expect(parseDuration("15m")).toBe(900_000);
    expect(parseDuration("1h30m")).toBe(5_400_000);
    expect(parseDuration("2d")).toBe(172_800_000);
    expect(parseDuration("0m")).toBe(0);
    expect(parseDuration("-5m")).toBe(-300_000);
    expect(parseDuration("soon")).toBeNull();
  });

  it("prints the two largest units", () => {
    expect(formatDuration(0)).toBe("0m");
    expect(formatDuration(5_400_000)).toBe("1h 30m");
    expect(formatDuration(93_784_000)).toBe("1d 2h");
    expect(formatOffset(750_000)).toBe("+12m 30s");
  });
});
