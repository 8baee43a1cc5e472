import { describe, expect, it } from "vitest";
import { parsed } from "@machines/playbook/testing/fixtures";
import { DRILL } from "@machines/playbook/testing/fixtures";
import { PARALLEL_DRILL, edit } from "@machines/playbook/testing/broken";
import { diffPlaybooks } from "./playbook-diff";

// What changed between two versions, as the playbook page lists it.

describe("the changes between two versions of a playbook", () => {
  it("are none for the same plan, whatever its text looks like", () => {
    expect(diffPlaybooks(parsed(DRILL), parsed(`# a comment\n${DRILL.replace("levels: [medium, high]", "levels:\n    - medium\n    - high")}`))).toEqual([]);
  });

  it("name a step added, a step removed, and a step changed field by field, with where it sits and what it follows", () => {
    const after = edit(
      DRILL,
      ["        due: 15m\n", "        due: 20m\n"],
      ["      - id: holding\n", "      - id: notify\n        kind: page\n        title: Page the commander\n        roles: [crisis_commander]\n        acknowledge: false\n      - id: holding\n"],
    );
    expect(diffPlaybooks(parsed(DRILL), parsed(after))).toEqual([
      { kind: "changed", what: "step", id: "triage", title: "Triage the reports", fields: [{ field: "due", before: "15m", after: "20m" }] },
      { kind: "added", what: "step", id: "notify", title: "Page the commander", where: "in phase Assess" },
      { kind: "changed", what: "step", id: "holding", title: "Draft the holding statement", fields: [{ field: "comes after", before: "triage", after: "notify" }] },
    ]);
    expect(diffPlaybooks(parsed(after), parsed(DRILL)).filter((c) => c.kind === "removed")).toEqual([
      { kind: "removed", what: "step", id: "notify", title: "Page the commander", where: "was in phase Assess" },
    ]);
  });

  it("name a track's steps by their track, and the playbook's own fields and phases", () => {
    const after = edit(
      PARALLEL_DRILL,
      ["title: Parallel drill", "title: Parallel drill, revised"],
      ["                title: Revoke the leaked access\n", "                title: Revoke every leaked token\n"],
    );
    const withPhase = `${after}  - id: review_notes\n    title: Notes\n    steps: []\n`;
    expect(diffPlaybooks(parsed(PARALLEL_DRILL), parsed(withPhase))).toEqual([
      { kind: "changed", what: "playbook", id: "drill_parallel", title: "Parallel drill, revised", fields: [{ field: "title", before: "Parallel drill", after: "Parallel drill, revised" }] },
      { kind: "added", what: "phase", id: "review_notes", title: "Notes", where: "phase 2" },
      { kind: "changed", what: "step", id: "revoke", title: "Revoke every leaked token", fields: [{ field: "title", before: "Revoke the leaked access", after: "Revoke every leaked token" }] },
    ]);
  });
});
