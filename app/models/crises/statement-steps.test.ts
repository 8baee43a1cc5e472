import { describe, expect, it } from "vitest";
import type { CellStatement, StepProgress } from "./statement-steps";
import { counts, nextStatementMove, progressWords } from "./statement-steps";

// What a statement step needs of its cells, and whom its approval records.

const at = (minute: number) => new Date(Date.UTC(2026, 10, 2, 8, minute));
const statement = (over: Partial<CellStatement>): CellStatement => ({
  ref: "ST-AAAAAAAA",
  stage: "holding",
  audience: "members",
  channel: "public_post",
  language: "en",
  state: "submitted",
  authorId: "comms",
  approvals: [],
  publishedAt: null,
  publishedById: null,
  updatedAt: at(0),
  ...over,
});

describe("a cell", () => {
  it("gives a statement step what it needs once put up for approval, an approval once approved, a publish step once published", () => {
    expect(["drafted", "submitted", "approved"].map((state) => counts(statement({ state }), "submitted", null))).toEqual([false, true, true]);
    expect(["submitted", "approved"].map((state) => counts(statement({ state }), "approved", null))).toEqual([false, true]);
    expect(counts(statement({ state: "approved" }), "published", null)).toBe(false);
    expect(counts(null, "submitted", null)).toBe(false);
  });

  it("spends a statement published before this round of its step began: an earlier update does not stand for the next", () => {
    const published = statement({ state: "published", publishedAt: at(10) });
    expect((["submitted", "approved", "published"] as const).map((need) => counts(published, need, at(5)))).toEqual([true, true, true]);
    expect((["submitted", "approved", "published"] as const).map((need) => counts(published, need, at(20)))).toEqual([false, false, false]);
  });
});

describe("the move an approval step takes", () => {
  const progress = (cells: CellStatement[]): StepProgress[] => [
    { step: "approve", need: "approved", statements: ["holding"], cells: cells.map((s) => ({ key: s.language, stage: s.stage, audience: s.audience, channel: s.channel, language: s.language, statement: s, counts: true })) },
  ];
  const title = () => "Approve";
  const two = () => 2;

  it("records the people who approved the cells, the last changed cell's first, never the drafter and never twice", () => {
    const en = statement({ ref: "ST-EN", state: "approved", approvals: [{ by: "cora" }, { by: "lee" }], updatedAt: at(3) });
    const pl = statement({ ref: "ST-PL", language: "pl", state: "approved", approvals: [{ by: "lee" }, { by: "ana" }], updatedAt: at(4) });
    expect(nextStatementMove(progress([en, pl]), { authors: { holding: "comms" }, approvals: {} }, two, "ST-EN", title)).toMatchObject({ type: "APPROVE", statement: "ST-EN", by: "cora" });
    expect(nextStatementMove(progress([en, pl]), { authors: { holding: "comms" }, approvals: { approve: ["cora"] } }, two, "ST-EN", title)).toMatchObject({ by: "lee" });
    // The drafter the playbook knows approves nothing of theirs.
    expect(nextStatementMove(progress([en, pl]), { authors: { holding: "lee" }, approvals: { approve: ["cora"] } }, two, "ST-EN", title)).toMatchObject({ by: "ana" });
  });

  it("waits when the cells' approvers are fewer distinct people than the step needs", () => {
    const en = statement({ state: "approved", approvals: [{ by: "cora" }] });
    expect(nextStatementMove(progress([en]), { authors: {}, approvals: {} }, two, null, title)).toBeNull();
    expect(progressWords(progress([en])[0])).toBe("Every required cell is approved, but by fewer different people than the step needs.");
  });
});
