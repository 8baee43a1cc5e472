// On small random playbooks, the verifier (one region at a time, never the product of the
// tracks) and an exhaustive search over the compiled machine's graph (xstate/graph, every
// starting fact and every event) agree on which steps some run reaches and on which
// publish steps some run reaches with the statement unapproved.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compilePlaybook } from "./compile";
import { explore, ExplorationTooLarge } from "./testing/explore";
import { WORLD } from "./testing/fixtures";
import { randomPlaybook } from "./testing/random";
import { verifyPlaybook } from "./verify/index";

describe("the verifier against exhaustive search", () => {
  it("agrees on the reachable steps and on publishing without approval", () => {
    fc.assert(
      fc.property(fc.gen(), (g) => {
        const playbook = randomPlaybook(fc, g);
        const result = verifyPlaybook(playbook, WORLD);
        expect(result.findings.filter((f) => f.severity === "error" && f.witness === null && f.code !== "unreachable_step")).toEqual([]);
        const compiled = compilePlaybook(playbook);
        let exhaustive: ReturnType<typeof explore>;
        try {
          exhaustive = explore(compiled, { facts: true, limit: 500 });
        } catch (error) {
          // The product of tracks and facts grew too large to search in a test: draw another.
          fc.pre(!(error instanceof ExplorationTooLarge));
          throw error;
        }
        const steps = compiled.plan.order.filter((id) => compiled.plan.nodes.get(id)!.step);
        expect(result.reachable).toEqual(steps.filter((id) => exhaustive.entered.has(id)));
        const unapproved = result.findings.filter((f) => f.code === "publish_without_approval").map((f) => f.stepId);
        expect(new Set(unapproved)).toEqual(exhaustive.withheld);
      }),
      { numRuns: 30 },
    );
  }, 300_000);
});
