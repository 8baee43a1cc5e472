import { triageDiagram } from "@machines/triage";
import { describe, expect, it } from "vitest";
import { caseShortcuts } from "~/components/case/case-shortcuts";
import { remainingText } from "~/components/case/countdown";
import { NODE_H, NODE_W, layoutDiagram } from "~/components/case/diagram-layout";
import type { CasePage } from "~/models/case-page.server";

describe("the state diagram's layout", () => {
  const { nodes, edges } = triageDiagram();
  const layout = layoutDiagram(nodes, edges.map((e) => ({ ...e, allowedNow: e.source === "in_review" && e.event === "ACT" })));

  it("places every state once, the initial state first, without overlaps, inside the picture", () => {
    expect(layout.nodes.map((n) => n.id).sort()).toEqual(nodes.map((n) => n.id).sort());
    expect(layout.nodes.find((n) => n.initial)).toMatchObject({ id: "new", layer: 0 });
    expect(Math.max(...layout.nodes.map((n) => n.layer))).toBeGreaterThan(1);
    for (const a of layout.nodes) {
      expect(a.x + NODE_W).toBeLessThanOrEqual(layout.width);
      expect(a.y + NODE_H).toBeLessThanOrEqual(layout.height);
      for (const b of layout.nodes) {
        if (a === b) continue;
        const apart = a.x + NODE_W <= b.x || b.x + NODE_W <= a.x || a.y + NODE_H <= b.y || b.y + NODE_H <= a.y;
        expect(apart, `${a.id} overlaps ${b.id}`).toBe(true);
      }
    }
  });

  it("draws one arrow per pair of different states, carrying every event between them", () => {
    const pairs = new Set(edges.filter((e) => e.source !== e.target).map((e) => `${e.source}->${e.target}`));
    expect(new Set(layout.arrows.map((a) => a.id))).toEqual(pairs);
    const act = layout.arrows.find((a) => a.id === "in_review->actioned");
    expect(act).toMatchObject({ events: ["ACT"], allowedEvents: ["ACT"] });
    expect(layout.arrows.find((a) => a.id === "in_review->new")?.events.sort()).toEqual(["CLAIM_EXPIRED", "RELEASE"]);
    // ACT leads to either, depending on the action chosen (a ban waits for approval).
    expect(layout.arrows.filter((a) => a.allowedEvents.length).map((a) => a.id).sort()).toEqual(["in_review->actioned", "in_review->awaiting_approval"]);
  });
});

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
