// Every broken playbook in the library is caught with its code, step, line and witness,
// and every witness is a real run of the compiled machine that reaches the problem.
import { describe, expect, it } from "vitest";
import { compilePlaybook } from "./compile";
import { rolesFor } from "./implementations";
import { applyPlaybookEvent } from "./runtime";
import { person } from "./testing/fixtures";
import { parsePlaybook } from "./parse";
import { BROKEN } from "./testing/broken";
import { WORLD } from "./testing/fixtures";
import { replayWitness } from "./testing/replay";
import { FINDING_CODES } from "./findings";
import { verifyPlaybook } from "./verify/index";

const errorCodes = Object.entries(FINDING_CODES).flatMap(([code, severity]) => (severity === "error" ? [code] : []));

describe("broken playbooks", () => {
  it("cover every error code", () => {
    expect(new Set(BROKEN.map((c) => c.code))).toEqual(new Set(errorCodes));
  });

  it.each(BROKEN)("$name: $code", ({ code, text, stepId, line, witness }) => {
    const result = verifyPlaybook(text, WORLD);
    expect(result.ok).toBe(false);
    const errors = result.findings.filter((f) => f.severity === "error");
    expect(errors.map((f) => [f.code, f.stepId])).toEqual([[code, stepId]]);
    const [found] = errors;
    expect(text.split("\n")[found.line! - 1]).toContain(line);
    expect(found.message).toMatch(/^[A-Z].*\.$/);
    expect(found.witness?.map((w) => w.text) ?? null).toEqual(witness);
  });

  it.each(BROKEN.filter((c) => c.witness !== null && !c.name.includes("at once")))("$name: the witness is a real run that reaches $stepId", ({ code, text, stepId }) => {
    const parsed = parsePlaybook(text);
    if (!parsed.ok) throw new Error("does not parse");
    const compiled = compilePlaybook(parsed.playbook);
    const [found] = verifyPlaybook(text, WORLD).findings.filter((f) => f.severity === "error");
    const run = replayWitness(compiled, found.witness!);
    expect(run.refused).toEqual([]);
    expect(run.active).toContain(stepId);
    if (code === "publish_without_approval" && stepId) {
      // Standing there unapproved, the drafter's publishing sends nothing.
      const step = compiled.plan.nodes.get(stepId)!.step!;
      const published = applyPlaybookEvent(compiled, run.snapshot, { type: "PUBLISH", step: stepId, actor: person(rolesFor(compiled.playbook, step, run.snapshot.context)[0]) });
      expect(published.effects).toContainEqual(expect.objectContaining({ type: "statement.withheld", step: stepId }));
    }
  });
});
