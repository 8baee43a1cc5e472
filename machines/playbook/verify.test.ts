import { describe, expect, it } from "vitest";
import { edit, PARALLEL_DRILL } from "./testing/broken";
import { DRILL, parsed, WORLD } from "./testing/fixtures";
import { verifyPlaybook } from "./verify/index";
import { templatesFor, VIGIL_WORLD } from "./world.fixture";

const codes = (text: string, world = WORLD) => verifyPlaybook(text, world).findings.map((f) => [f.code, f.stepId]);

describe("verifyPlaybook", () => {
  it("passes the drill, reporting the steps it reaches and the states it visited", () => {
    const result = verifyPlaybook(DRILL, WORLD);
    expect(result).toMatchObject({ ok: true, findings: [], reachable: ["triage", "holding", "approve", "publish"] });
    expect(result.statesVisited).toBeGreaterThan(0);
    expect(result.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("verifies a stored version without its text, naming no lines", () => {
    const result = verifyPlaybook(parsed(edit(DRILL, ["due: 15m", "due: 0m"])), WORLD);
    expect(result.findings).toEqual([expect.objectContaining({ code: "deadline_not_positive", stepId: "triage", line: null })]);
  });

  it("warns about steps without deadlines in a playbook for critical crises", () => {
    const text = edit(DRILL, ["levels: [medium, high]", "levels: [high, critical]"]);
    expect(codes(text)).toEqual([
      ["no_deadline", "holding"],
      ["no_deadline", "approve"],
      ["no_deadline", "review"],
    ]);
    expect(verifyPlaybook(text, WORLD).ok).toBe(true);
  });

  it("names the template a statement falls back to, or says none will", () => {
    const onlyEnglish = { ...VIGIL_WORLD, templates: templatesFor(VIGIL_WORLD, ["en"]) };
    const [fallback] = verifyPlaybook(DRILL, onlyEnglish).findings;
    expect(fallback).toMatchObject({ code: "template_fallback", severity: "warning", stepId: "holding", line: 24 });
    expect(fallback.message).toBe("Statement holding has no approved holding_statement template in pl for public_post; Vigil will use the en template instead.");
    const none = verifyPlaybook(DRILL, { ...VIGIL_WORLD, templates: [] }).findings.map((f) => f.message);
    expect(none).toEqual([
      "Statement holding has no approved holding_statement template in en for public_post; and no fallback language has one: it must be written by hand.",
      "Statement holding has no approved holding_statement template in pl for public_post; and no fallback language has one: it must be written by hand.",
    ]);
  });

  it("warns about an empty phase and an empty track, which pass at once", () => {
    const text = edit(DRILL, ["phases:\n", "phases:\n  - id: prepare\n    title: Prepare\n    steps: []\n"]);
    expect(verifyPlaybook(text, WORLD)).toMatchObject({ ok: true, findings: [expect.objectContaining({ code: "empty_phase", stepId: null, line: 7 })] });
    const emptyTrack = edit(PARALLEL_DRILL, ["          - id: containment\n", "          - id: legal\n            title: Legal\n            steps: []\n          - id: containment\n"]);
    expect(codes(emptyTrack)).toEqual([["empty_track", "both"]]);
  });

  it("warns about a branch an earlier one always takes first", () => {
    const text = edit(DRILL, [
      "      - id: holding\n",
      "      - id: scale\n        kind: decision\n        title: How bad\n        branches:\n          - when: { severity: { atLeast: medium } }\n            goto: holding\n          - when: { severity: { is: high } }\n            goto: publish\n      - id: holding\n",
    ]);
    expect(codes(text)).toEqual([["branch_never_taken", "scale"]]);
  });

  it("lets a decision read an answer only where the task has surely answered", () => {
    const scale = (then: string) =>
      `      - id: scale\n        kind: decision\n        title: How bad\n        branches:\n          - when: { answer: { step: triage, is: major } }\n            goto: ${then}\n          - when: { answer: { step: triage, is: minor } }\n            goto: ${then}\n`;
    expect(codes(edit(DRILL, ["      - id: holding\n", `${scale("holding")}      - id: holding\n`]))).toEqual([]);
    // Before triage has run, "no answer yet" matches no branch.
    const early = verifyPlaybook(edit(DRILL, ["      - id: triage\n", `${scale("triage")}      - id: triage\n`]), WORLD);
    expect(early.findings.map((f) => [f.code, f.stepId, f.witness])).toEqual([["decision_no_match", "scale", []]]);
  });

  it("does not form the product of parallel tracks", () => {
    const track = (t: number) =>
      `          - id: track${t}\n            title: Track ${t}\n            steps:\n${Array.from({ length: 12 }, (_, i) => `              - id: t${t}_${i}\n                kind: task\n                title: Task ${i}\n                owner: crisis_responder\n`).join("")}`;
    const text = `key: wide\ntitle: Wide\ncrisisTypes: [data_leak]\nseverity:\n  levels: [high]\nphases:\n  - id: respond\n    title: Respond\n    steps:\n      - id: all\n        kind: parallel\n        title: All at once\n        tracks:\n${[1, 2, 3, 4, 5, 6].map(track).join("")}`;
    const result = verifyPlaybook(text, WORLD);
    expect(result.ok).toBe(true);
    // Six tracks of twelve steps: 13^6 (4.8 million) combinations; one pass per track instead.
    expect(result.statesVisited).toBeLessThan(6 * 14 + 5);
  });
});
