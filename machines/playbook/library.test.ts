// The four playbooks the demo seed publishes: they verify clean, speak every seeded
// language, and their compiled machines are path-tested with xstate/graph.
import { getShortestPaths } from "xstate/graph";
import { describe, expect, it } from "vitest";
import type { PlaybookSnapshot } from "./compile";
import { compilePlaybook } from "./compile";
import { allSteps } from "./conditions";
import { REVIEWED } from "./format";
import { canonicalJson } from "./hash";
import { activeSteps, applyPlaybookEvent, startPlaybook } from "./runtime";
import { simulatePlaybook } from "./simulate/index";
import { eventsFor, explore, statesThatCannotFinish } from "./testing/explore";
import { LIBRARY, libraryText, parsed, WORLD } from "./testing/fixtures";
import type { PlaybookEffect, PlaybookEvent } from "./types";
import { verifyPlaybook } from "./verify/index";
import { SEEDED_LANGUAGES, templatesFor, VIGIL_WORLD } from "./world.fixture";

/** The languages Vigil's template seed comes in today. */
const TEMPLATE_SEED_LANGUAGES = ["en", "pl", "it", "lv", "zh"];

describe.each(LIBRARY)("the %s playbook", (name) => {
  const text = libraryText(name);
  const playbook = parsed(text);
  const compiled = compilePlaybook(playbook);
  const facts = { type: playbook.crisisTypes[0], severity: playbook.severity.levels[0], linkedCases: 0 };

  it("verifies clean: no errors and no warnings", () => {
    const result = verifyPlaybook(text, WORLD);
    expect(result.findings).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.reachable).toEqual(compiled.plan.order.filter((id) => compiled.plan.nodes.get(id)!.step));
  });

  it("speaks every seeded language in every statement", () => {
    const statements = allSteps(playbook).filter((s) => s.kind === "statement");
    expect(statements.length).toBeGreaterThan(0);
    for (const s of statements) expect(s.kind === "statement" && [...s.languages].sort()).toEqual([...SEEDED_LANGUAGES].sort());
  });

  it("with today's templates, warns only that German and Spanish fall back to English", () => {
    const result = verifyPlaybook(text, { ...VIGIL_WORLD, templates: templatesFor(VIGIL_WORLD, TEMPLATE_SEED_LANGUAGES) });
    expect(result.ok).toBe(true);
    expect(new Set(result.findings.map((f) => f.code))).toEqual(new Set(["template_fallback"]));
    for (const f of result.findings) expect(f.message).toMatch(/ in (de|es) for .*; Vigil will use the en template instead\.$/);
  });

  it("replays every shortest path xstate/graph finds, and they reach every step and the end", () => {
    // Paths to each combination of steps, answers and approvals so far; hand-offs are covered by the next test.
    const coarse = (s: PlaybookSnapshot) => canonicalJson([s.value, s.context.answers, s.context.approvals]);
    const paths = getShortestPaths(compiled.machine, { input: { facts }, events: (s) => eventsFor(compiled, s, false), serializeState: coarse });
    const entered = new Set<string>();
    const note = (effects: PlaybookEffect[]) => effects.forEach((e) => e.type === "step.entered" && entered.add(e.step));
    for (const path of paths) {
      const start = startPlaybook(compiled, facts);
      note(start.effects);
      let snapshot = start.snapshot;
      for (const step of path.steps.slice(1)) {
        const result = applyPlaybookEvent(compiled, snapshot, step.event as PlaybookEvent);
        expect(result.accepted, `${activeSteps(compiled, snapshot)} --${step.event.type}-->`).toBe(true);
        note(result.effects);
        snapshot = result.snapshot;
      }
      expect(coarse(snapshot)).toBe(coarse(path.state));
    }
    expect([...compiled.plan.nodes.values()].filter((n) => n.step && !entered.has(n.id)).map((n) => n.id)).toEqual([]);
    expect(entered.has(REVIEWED)).toBe(true);
  });

  it("can still be resolved and reviewed from every state it reaches", () => {
    const exploration = explore(compiled, { facts: false, starts: [facts] });
    expect(exploration.states.size).toBeGreaterThan(20);
    expect(statesThatCannotFinish(exploration)).toEqual([]);
    expect(exploration.withheld).toEqual(new Set());
  });
});

describe("the imminent harm playbook", () => {
  const compiled = compilePlaybook(parsed(libraryText("imminent-harm")));
  const facts = { type: "safety_threat", severity: "critical", linkedCases: 1 } as const;

  it("pages at once, hands off to the authorities with the hand-off recorded, and sends crisis-line resources", () => {
    const run = simulatePlaybook(compiled, facts, { answers: { assess_risk: "immediate", hand_off: "handed_off" } });
    const [first] = run.timeline;
    expect(first.at).toBe(0);
    expect(first.effects).toContainEqual(expect.objectContaining({ type: "page", roles: ["trust_safety_lead", "crisis_commander"] }));
    const all = run.timeline.flatMap((e) => e.effects);
    expect(all).toContainEqual({ type: "task.done", step: "hand_off", by: "crisis_commander#1", answer: "handed_off" });
    expect(all).toContainEqual(expect.objectContaining({ type: "statement.publish", statement: "send_resources", purpose: "support", audiences: ["reporter"] }));
    expect(run.ending).toMatchObject({ kind: "resolved", reviewedAt: expect.any(Number) });
  });

  it("goes straight to support when nobody is in immediate danger", () => {
    const run = simulatePlaybook(compiled, facts, { answers: { assess_risk: "not_immediate" } });
    expect(run.timeline.flatMap((e) => e.effects).some((e) => e.type === "step.entered" && e.step === "hand_off")).toBe(false);
    expect(run.ending.kind).toBe("resolved");
  });
});
