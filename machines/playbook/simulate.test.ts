import { describe, expect, it } from "vitest";
import { compilePlaybook } from "./compile";
import { simulatePlaybook } from "./simulate/index";
import { parseAction, parseScenario } from "./simulate/scenario";
import { edit } from "./testing/broken";
import { DRILL, libraryText, parsed } from "./testing/fixtures";

const raid = compilePlaybook(parsed(libraryText("harassment-raid")));
const FACTS = { type: "harassment_raid", severity: "high", linkedCases: 3 } as const;
const minutes = (m: number) => m * 60_000;
const at = (run: ReturnType<typeof simulatePlaybook>, m: number) => run.timeline.filter((e) => e.at === minutes(m));
const lines = (run: ReturnType<typeof simulatePlaybook>) => run.timeline.flatMap((e) => e.lines);

describe("simulatePlaybook", () => {
  it("rehearses the raid with everyone acting at half of each deadline, to the end", () => {
    const run = simulatePlaybook(raid, FACTS);
    expect(run.timeline.map((e) => e.at)).toEqual([...run.timeline.map((e) => e.at)].sort((a, b) => a - b));
    expect(run.timeline[0]).toMatchObject({ at: 0, cause: "Crisis declared (type harassment_raid, severity high, 3 linked cases)", active: ["page_commander"] });
    expect(run.timeline[0].lines).toContain("Paged crisis commander: “Page the crisis commander” (due +10m)");
    expect(at(run, 5)[0]).toMatchObject({ cause: "crisis commander 1 acknowledges page_commander", active: ["confirm_scope"] });
    expect(lines(run)).toContain("Published holding_statement on public_post, email in 7 languages (en, pl, it, lv, zh, de, es)");
    expect(run.ending).toEqual({ kind: "resolved", at: minutes(312.5), reviewedAt: minutes(312.5 + 36 * 60) });
    expect(run.summary).toBe("Resolved at +5h 12m; review completed at +1d 17h.");
    expect(simulatePlaybook(raid, FACTS).text()).toBe(run.text());
  });

  it("is stuck at the holding statement's approval when nobody approves it", () => {
    const run = simulatePlaybook(raid, FACTS, parseScenario("never: [approve_holding]\n"));
    expect(run.ending).toEqual({ kind: "stuck", steps: [{ id: "approve_holding", title: "Approve the holding statement", since: minutes(22.5) }] });
    expect(run.summary).toBe("Stuck at approve_holding (“Approve the holding statement”) since +22m 30s.");
    expect(at(run, 37.5).flatMap((e) => e.lines)).toEqual([
      "Deadline of “Approve the holding statement” passed (15m): paged trust & safety lead",
      "Paged trust & safety lead about “Approve the holding statement”",
    ]);
    expect(run.timeline.flatMap((e) => e.effects).some((e) => e.type === "statement.publish")).toBe(false);
  });

  it("follows timed actions and lets everyone else act by default", () => {
    const scenario = parseScenario("actions:\n  - +3m commander acknowledges\n  - +12m responder completes confirm_scope answer=spreading\n");
    const run = simulatePlaybook(raid, FACTS, scenario);
    expect(at(run, 3)[0]).toMatchObject({ cause: "crisis commander 1 acknowledges page_commander", active: ["confirm_scope"] });
    expect(at(run, 12)[0]).toMatchObject({ cause: "crisis responder 1 completes confirm_scope answering spreading", active: ["lock_down"] });
    expect(at(run, 12)[0].lines).toContain("Task for trust & safety lead: “Turn on slow mode and hold new accounts' posts in the targeted spaces” (due +27m)");
    expect(run.ending.kind).toBe("resolved");
  });

  it("lets deadlines pass and hand tasks on when nobody acts", () => {
    const run = simulatePlaybook(raid, FACTS, { policy: "never" });
    expect(at(run, 10).flatMap((e) => e.lines)).toEqual([
      "Deadline of “Page the crisis commander” passed (10m): paged trust & safety lead",
      "Paged trust & safety lead about “Page the crisis commander”",
    ]);
    expect(run.ending).toEqual({ kind: "stuck", steps: [{ id: "page_commander", title: "Page the crisis commander", since: 0 }] });
  });

  it("fires a deadline before an action at the same instant, and the late action still counts", () => {
    const run = simulatePlaybook(raid, FACTS, parseScenario("actions:\n  - +10m commander acknowledges page_commander\n"));
    expect(at(run, 10).map((e) => e.cause)).toEqual(["The deadline of “Page the crisis commander” passed", "crisis commander 1 acknowledges page_commander"]);
  });

  it("moves to the named step when a deadline says so, and hands a step on", () => {
    const text = edit(DRILL, ["onDue: { handTo: crisis_commander }", "onDue: { goto: publish }"]);
    const run = simulatePlaybook(parsed(text), FACTS, { never: ["triage"] });
    expect(at(run, 15).map((e) => e.lines)).toEqual([
      ["Deadline of “Triage the reports” passed (15m): moved to “Publish the holding statement”", "Statement holding for comms lead to publish: “Publish the holding statement”"],
      // The drafter publishes at once; unapproved, nothing goes out.
      ["Withheld holding: it was not approved, so nothing went out", "Crisis resolved", "Task for crisis commander: “Complete the post-crisis review”"],
    ]);
    const handed = simulatePlaybook(parsed(DRILL), FACTS, { never: ["triage"] });
    expect(at(handed, 15)[0].lines).toEqual(["Deadline of “Triage the reports” passed (15m): handed to crisis commander", "“Triage the reports” handed to crisis commander"]);
  });

  it("sends a rejected statement back to its drafter, and takes approvals only from people who did not write it", () => {
    const actions = ["+30m commander rejects approve", "+45m commander approves approve", "+46m comms approves approve", "+47m comms#2 approves approve"];
    const run = simulatePlaybook(parsed(DRILL), FACTS, { ...parseScenario(`actions: [${actions.map((a) => `"${a}"`).join(", ")}]\n`), undatedDelayMs: minutes(10) });
    expect(at(run, 30)[0]).toMatchObject({ cause: "crisis commander 1 rejects approve", active: ["holding"] });
    expect(at(run, 40)[0]).toMatchObject({ cause: "comms lead 1 drafts holding", active: ["approve"] });
    expect(at(run, 46)[0]).toMatchObject({ cause: "comms approves approve", lines: ["Nothing happened: the plan does not allow that now"] });
    const approvals = run.timeline.flatMap((e) => e.effects).filter((e) => e.type === "approval.given");
    expect(approvals.map((e) => e.type === "approval.given" && e.by)).toEqual(["crisis_commander#1", "comms_lead#2"]);
    expect(run.ending).toMatchObject({ kind: "resolved", at: minutes(47) });
  });

  it("keeps running to the horizon when timers chase each other", () => {
    const text = edit(DRILL, ["        statement: holding\n", "        statement: holding\n      - id: cool_off\n        kind: wait\n        title: Cool off\n        for: 1h\n        next: cool_off\n"]);
    const run = simulatePlaybook(parsed(text), FACTS, { horizonMs: minutes(6 * 60) });
    expect(run.ending).toMatchObject({ kind: "running", at: minutes(360), steps: [{ id: "cool_off" }] });
  });

  it("stops, still running, after the most events it was allowed", () => {
    const text = edit(DRILL, ["        statement: holding\n", "        statement: holding\n      - id: cool_off\n        kind: wait\n        title: Cool off\n        for: 1s\n        next: cool_off\n"]);
    const run = simulatePlaybook(parsed(text), FACTS, { maxEvents: 50 });
    expect(run.events).toBe(50);
    expect(run.ending.kind).toBe("running");
    expect(run.ending.kind === "running" && run.ending.at).toBeLessThan(minutes(60));
    expect(run.summary).toMatch(/^Still running at \+\d+m( \d+s)?: at cool_off/);
  });

  it("says what it cannot do in the timeline rather than failing", () => {
    const run = simulatePlaybook(raid, FACTS, parseScenario("actions:\n  - +1m comms approves approve_holding\n"));
    expect(at(run, 1)[0]).toMatchObject({ cause: "comms approves approve_holding", lines: ["Nothing happened: the plan does not allow that now"] });
  });
});

describe("scenario text", () => {
  it("reads actions as people write them", () => {
    expect(parseAction("+12m responder completes confirm_scope answer=yes")).toEqual({ at: minutes(12), role: "crisis_responder", person: 1, verb: "completes", step: "confirm_scope", answer: "yes", text: "+12m responder completes confirm_scope answer=yes" });
    expect(parseAction("+1h commander#2 approves")).toMatchObject({ at: minutes(60), role: "crisis_commander", person: 2, verb: "approves" });
    expect(parseAction("+2h room reports severity=critical linkedCases=40")).toMatchObject({ verb: "reports", facts: { severity: "critical", linkedCases: 40 } });
  });

  it("refuses nonsense with a sentence", () => {
    expect(() => parseAction("5m commander acknowledges")).toThrow(/start with a time/);
    expect(() => parseAction("+5m commander dances")).toThrow(/write who and what/);
    expect(() => parseAction("+5m room reports severity=dire")).toThrow(/severity is one of/);
    expect(() => parseScenario("default: sometimes\n")).toThrow(/the scenario does not fit/);
  });
});
