import { describe, expect, it } from "vitest";
import { caseShortcuts } from "~/components/case/case-shortcuts";
import { remainingText } from "~/components/case/countdown";
import type { CasePage } from "~/models/cases/case-view.server";

describe("the claim countdown", () => {
  it("says how long is left, and when it has run out", () => {
    expect(remainingText(9 * 60_000 + 42_000)).toBe("9 min 42 s left");
    expect(remainingText(5_500)).toBe("6 s left");
    expect(remainingText(2 * 3_600_000 + 5 * 60_000)).toBe("2 h 5 min left");
    expect(remainingText(0)).toBe("expired");
  });
});

describe("the case page's keys", () => {
  const page = (allowed: string[], you = false) => ({ allowed, holder: you ? { you } : null }) as unknown as CasePage;
  const keys = (p: CasePage) => caseShortcuts(p, () => {}).map((s) => s.key);

  it("offers keys only for what the machine allows, and always the way back to the queue", () => {
    expect(keys(page(["CLAIM"]))).toEqual(["c", "q"]);
    expect(keys(page(["CLAIM", "RELEASE", "REQUEST_INFO", "ACT", "DISMISS", "ESCALATE"], true))).toEqual(["c", "r", "a", "Shift+Enter", "d", "e", "i", "q"]);
    expect(keys(page(["APPROVE", "REJECT"]))).toEqual(["p", "x", "q"]);
    expect(keys(page([]))).toEqual(["q"]);
  });

  it("calls the holder's claim key a renewal", () => {
    expect(caseShortcuts(page(["CLAIM"], true), () => {})[0].description).toBe("Renew your claim");
  });
});
