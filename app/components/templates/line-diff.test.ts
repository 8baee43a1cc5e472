import { describe, expect, it } from "vitest";
import { lineDiff } from "./line-diff";

describe("line diff", () => {
  it("marks removed, added and unchanged lines in order", () => {
    expect(lineDiff("Hello\nCase {{case.ref}}\nBye", "Hello\nCase {{case.ref}} closed\nBye\nThanks")).toEqual([
      { kind: "same", text: "Hello" },
      { kind: "removed", text: "Case {{case.ref}}" },
      { kind: "added", text: "Case {{case.ref}} closed" },
      { kind: "same", text: "Bye" },
      { kind: "added", text: "Thanks" },
    ]);
  });

  it("treats a missing text as no lines", () => {
    expect(lineDiff("", "New")).toEqual([{ kind: "added", text: "New" }]);
    expect(lineDiff("Old", "")).toEqual([{ kind: "removed", text: "Old" }]);
    expect(lineDiff("", "")).toEqual([]);
  });
});
