import { describe, expect, it } from "vitest";
import type { CompiledPlaybook, PlaybookSnapshot } from "./compile";
import { compilePlaybook } from "./compile";
import { activeSteps, applyPlaybookEvent, isReviewed, restorePlaybookSnapshot, serializePlaybookSnapshot, startPlaybook } from "./runtime";
import { DRILL, parsed, person, scheduler } from "./testing/fixtures";
import type { PlaybookEffect, PlaybookEvent } from "./types";

const FACTS = { type: "harassment_raid", severity: "high", linkedCases: 0 } as const;
const drill = () => compilePlaybook(parsed(DRILL));

/** Applies events in order, failing on any the machine refuses; returns the last effects too. */
function play(compiled: CompiledPlaybook, from: PlaybookSnapshot, ...events: PlaybookEvent[]) {
  let snapshot = from;
  let effects: PlaybookEffect[] = [];
  for (const event of events) {
    const step = applyPlaybookEvent(compiled, snapshot, event);
    expect(step.accepted, `${activeSteps(compiled, snapshot)} refused ${event.type} from ${event.actor.id}`).toBe(true);
    ({ snapshot, effects } = step);
  }
  return { snapshot, effects };
}
const refused = (compiled: CompiledPlaybook, snapshot: PlaybookSnapshot, event: PlaybookEvent) => expect(applyPlaybookEvent(compiled, snapshot, event).accepted).toBe(false);

const complete = (step: string, actor = person("crisis_responder"), answer?: string): PlaybookEvent => ({ type: "COMPLETE", step, actor, ...(answer ? { answer } : {}) });
const draft = (actor = person("comms_lead")): PlaybookEvent => ({ type: "DRAFT", step: "holding", actor });
const approve = (actor: ReturnType<typeof person>): PlaybookEvent => ({ type: "APPROVE", step: "approve", actor });
const publish = (step = "publish", actor = person("comms_lead")): PlaybookEvent => ({ type: "PUBLISH", step, actor });

describe("compilePlaybook", () => {
  it("compiles the same version to the same machine, named by the hash of its canonical form", () => {
    const a = drill();
    const reordered = compilePlaybook(parsed(DRILL.replace("      - id: triage\n        kind: task\n", "      - kind: task\n        id: triage\n")));
    expect(reordered.hash).toBe(a.hash);
    expect(reordered.machine.id).toBe(a.machine.id);
    expect(JSON.stringify(reordered.machine.definition)).toBe(JSON.stringify(a.machine.definition));
    expect(a.machine.id).toBe(`playbook.drill.${a.hash.slice(0, 16)}`);
    const changed = compilePlaybook(parsed(DRILL.replace("due: 15m", "due: 20m")));
    expect(changed.hash).not.toBe(a.hash);
  });

  it("keeps deadlines out of XState: no state has an `after` timer", () => {
    const compiled = compilePlaybook(parsed(DRILL.replace("      - id: publish\n", "      - id: pause\n        kind: wait\n        title: Pause\n        for: 10m\n      - id: publish\n")));
    const afters: string[] = [];
    const walk = (node: { key: string; after: unknown[]; states: Record<string, unknown> }) => {
      if (node.after.length > 0) afters.push(node.key);
      Object.values(node.states).forEach((child) => walk(child as typeof node));
    };
    walk(compiled.machine.root as never);
    expect(afters).toEqual([]);
  });

  it("starts at the first step and asks for its task and a durable timer for its deadline", () => {
    const start = startPlaybook(drill(), FACTS);
    expect(activeSteps(drill(), start.snapshot)).toEqual(["triage"]);
    expect(start.effects).toEqual([
      { type: "phase.entered", phase: "assess" },
      { type: "step.entered", step: "triage" },
      { type: "task.create", step: "triage", role: "crisis_responder", title: "Triage the reports" },
      { type: "timer.schedule", key: "triage.due", step: "triage", purpose: "deadline", delayMs: 900_000 },
    ]);
  });

  it("refuses to start a crisis the playbook is not for", () => {
    expect(() => startPlaybook(drill(), { ...FACTS, type: "data_leak" })).toThrow(/is for harassment_raid/);
  });

  it("lets only the owner complete a task, with one of its answers", () => {
    const compiled = drill();
    const { snapshot } = startPlaybook(compiled, FACTS);
    refused(compiled, snapshot, complete("triage", person("comms_lead"), "minor"));
    refused(compiled, snapshot, complete("triage"));
    refused(compiled, snapshot, complete("triage", person("crisis_responder"), "huge"));
    const { effects } = play(compiled, snapshot, complete("triage", person("crisis_responder"), "major"));
    expect(effects).toEqual([
      { type: "timer.cancel", key: "triage.due" },
      { type: "task.done", step: "triage", by: "crisis_responder#1", answer: "major" },
      { type: "step.entered", step: "holding" },
      { type: "statement.draft", step: "holding", role: "comms_lead", purpose: "holding_statement", audiences: ["public"], channels: ["public_post"], languages: ["en", "pl"] },
    ]);
  });

  it("hands a task on when its deadline passes, on the scheduler's word only", () => {
    const compiled = drill();
    const { snapshot } = startPlaybook(compiled, FACTS);
    refused(compiled, snapshot, { type: "TIMER", key: "triage.due", actor: person("crisis_commander") });
    refused(compiled, snapshot, { type: "TIMER", key: "holding.due", actor: scheduler });
    const handed = play(compiled, snapshot, { type: "TIMER", key: "triage.due", actor: scheduler });
    expect(handed.effects).toEqual([
      { type: "deadline.passed", step: "triage", dueMs: 900_000, then: { handTo: "crisis_commander" } },
      { type: "task.reassign", step: "triage", role: "crisis_commander" },
    ]);
    refused(compiled, handed.snapshot, complete("triage", person("crisis_responder"), "minor"));
    play(compiled, handed.snapshot, complete("triage", person("crisis_commander"), "minor"));
  });

  it("needs distinct approvers, never the statement's author, then waits for the drafter to publish, and resolves", () => {
    const compiled = drill();
    const { snapshot } = play(compiled, startPlaybook(compiled, FACTS).snapshot, complete("triage", undefined, "minor"), draft());
    refused(compiled, snapshot, approve(person("comms_lead", 1)));
    const first = play(compiled, snapshot, approve(person("comms_lead", 2)));
    expect(first.effects).toEqual([{ type: "approval.given", step: "approve", by: "comms_lead#2", remaining: 1 }]);
    refused(compiled, first.snapshot, approve(person("comms_lead", 2)));
    const done = play(compiled, first.snapshot, approve(person("crisis_commander")));
    expect(done.effects).toEqual([
      { type: "approval.given", step: "approve", by: "crisis_commander#1", remaining: 0 },
      { type: "statement.approved", statement: "holding", approval: "approve" },
      { type: "step.entered", step: "publish" },
      { type: "publish.request", step: "publish", statement: "holding", role: "comms_lead" },
    ]);
    // Only the statement's drafter sends it.
    refused(compiled, done.snapshot, publish("publish", person("crisis_commander")));
    const published = play(compiled, done.snapshot, publish());
    expect(published.effects).toEqual([
      { type: "statement.publish", statement: "holding", step: "publish", purpose: "holding_statement", audiences: ["public"], channels: ["public_post"], languages: ["en", "pl"] },
      { type: "step.entered", step: "resolved" },
      { type: "crisis.resolved" },
      { type: "task.create", step: "review", role: "crisis_commander", title: "Complete the post-crisis review" },
    ]);
    const reviewed = play(compiled, published.snapshot, complete("review", person("crisis_commander")));
    expect(isReviewed(reviewed.snapshot)).toBe(true);
    expect(reviewed.effects).toContainEqual({ type: "review.completed", by: "crisis_commander#1" });
  });

  it("sends a rejected statement back to its draft and forgets the approvals given so far", () => {
    const compiled = drill();
    const at = play(compiled, startPlaybook(compiled, FACTS).snapshot, complete("triage", undefined, "minor"), draft(), approve(person("crisis_commander")));
    const rejected = play(compiled, at.snapshot, { type: "REJECT", step: "approve", actor: person("comms_lead", 2) });
    expect(activeSteps(compiled, rejected.snapshot)).toEqual(["holding"]);
    const again = play(compiled, rejected.snapshot, draft(person("comms_lead", 2)), approve(person("crisis_commander")));
    expect(again.effects).toEqual([{ type: "approval.given", step: "approve", by: "crisis_commander#1", remaining: 1 }]);
  });

  it("withholds a statement a publish step reaches unapproved", () => {
    const text = DRILL.replace("      - id: approve\n", "      - id: early\n        kind: publish\n        title: Publish too early\n        statement: holding\n      - id: approve\n");
    const compiled = compilePlaybook(parsed(text));
    const { effects } = play(compiled, startPlaybook(compiled, FACTS).snapshot, complete("triage", undefined, "minor"), draft(), publish("early"));
    expect(effects).toContainEqual({ type: "statement.withheld", statement: "holding", step: "early" });
    expect(effects.some((e) => e.type === "statement.publish")).toBe(false);
  });

  it("keeps its context bounded however often the crisis goes round", () => {
    const compiled = drill();
    let { snapshot } = play(compiled, startPlaybook(compiled, FACTS).snapshot, complete("triage", undefined, "minor"), draft());
    const size = () => JSON.stringify(snapshot.context).length;
    const round = () => ({ snapshot } = play(compiled, snapshot, approve(person("crisis_commander")), { type: "REJECT", step: "approve", actor: person("comms_lead", 2) }, draft()));
    round();
    const after = size();
    for (let i = 0; i < 50; i++) round();
    expect(size()).toBe(after);
  });

  it("restores a persisted crisis into the same version only", () => {
    const compiled = drill();
    const { snapshot } = play(compiled, startPlaybook(compiled, FACTS).snapshot, complete("triage", undefined, "major"));
    const stored = serializePlaybookSnapshot(compiled, snapshot);
    const restored = restorePlaybookSnapshot(drill(), stored);
    expect(activeSteps(compiled, restored)).toEqual(["holding"]);
    expect(restored.context.answers).toEqual({ triage: "major" });
    play(compiled, restored, draft());
    const other = compilePlaybook(parsed(DRILL.replace("due: 15m", "due: 20m")));
    expect(() => restorePlaybookSnapshot(other, stored)).toThrow(/written by playbook version/);
  });
});
