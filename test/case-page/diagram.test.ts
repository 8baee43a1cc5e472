import { triageDiagram } from "@machines/triage";
import { describe, expect, it } from "vitest";
import { triageStatechart } from "~/models/cases/case-diagram";
import type { Diagram, DiagramLayout, PlacedNode } from "~/utils/diagram";
import { FONT, textWidth } from "~/utils/diagram";
import { layoutDiagram } from "~/utils/diagram-layout.server";

// The server-drawn statechart: laid out by ELK, in words, nothing overflowing its box.

const inside = (inner: PlacedNode, outer: PlacedNode) =>
  inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.width <= outer.x + outer.width && inner.y + inner.height <= outer.y + outer.height;
const apart = (a: PlacedNode, b: PlacedNode) => a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;

function onBorder(p: { x: number; y: number }, n: PlacedNode, slack = 2) {
  const withinX = p.x >= n.x - slack && p.x <= n.x + n.width + slack;
  const withinY = p.y >= n.y - slack && p.y <= n.y + n.height + slack;
  const onSide = Math.abs(p.x - n.x) < slack || Math.abs(p.x - n.x - n.width) < slack || Math.abs(p.y - n.y) < slack || Math.abs(p.y - n.y - n.height) < slack;
  return withinX && withinY && onSide;
}

function expectReadable(layout: DiagramLayout) {
  for (const n of layout.nodes) {
    expect(n.x + n.width, `${n.id} inside the picture`).toBeLessThanOrEqual(layout.width);
    expect(n.y + n.height, `${n.id} inside the picture`).toBeLessThanOrEqual(layout.height);
    if (n.container) continue;
    for (const line of n.lines) expect(textWidth(line, FONT.node), `“${line}” fits its box`).toBeLessThanOrEqual(n.width - 8);
    for (const line of n.noteLines) expect(textWidth(line, FONT.note), `“${line}” fits its box`).toBeLessThanOrEqual(n.width - 8);
  }
  const leaves = layout.nodes.filter((n) => !n.container);
  for (const a of leaves) for (const b of leaves) if (a !== b) expect(apart(a, b), `${a.id} overlaps ${b.id}`).toBe(true);
  expect(Math.min(FONT.node, FONT.note, FONT.edge, FONT.container)).toBeGreaterThanOrEqual(12);
}

describe("the triage diagram", () => {
  const machine = triageDiagram();
  const open = new Set(machine.edges.filter((e) => e.source === "in_review" && e.event === "ACT").map((e) => e.id));

  it("places every state once, apart, with its name in words and nothing overflowing", async () => {
    const layout = await layoutDiagram(triageStatechart(machine, open));
    expect(layout.nodes.map((n) => n.id).sort()).toEqual(machine.nodes.map((n) => n.id).sort());
    expect(layout.nodes.find((n) => n.id === "waiting_for_info")?.label).toBe("Waiting for information");
    expectReadable(layout);
  });

  it("draws one arrow per pair of states carrying every event between them, in words, never guard names", async () => {
    const layout = await layoutDiagram(triageStatechart(machine, open));
    const pairs = new Set(machine.edges.filter((e) => e.source !== e.target).map((e) => `${e.source}->${e.target}`));
    expect(new Set(layout.edges.map((e) => `${e.source}->${e.target}`))).toEqual(pairs);
    const toNew = layout.edges.filter((e) => e.source === "in_review" && e.target === "new");
    expect(toNew.map((e) => e.labelText).sort()).toEqual(["claim runs out", "release"]);
    expect(toNew.find((e) => e.labelText === "claim runs out")?.style).toBe("deadline");
    expect(layout.edges.filter((e) => e.now).map((e) => `${e.labelText} → ${e.target}`).sort()).toEqual(["act → actioned", "propose a ban → awaiting_approval"]);
    expect(JSON.stringify(layout)).not.toMatch(/isCaseWorker|holdsClaim|and\(|or\(/);
    for (const e of layout.edges) expect(e.points.length, `${e.id} is routed`).toBeGreaterThanOrEqual(2);
  });
});

describe("a nested statechart (phases holding parallel tracks)", () => {
  const diagram: Diagram = {
    title: "A playbook",
    nodes: [
      { id: "assess", label: "Assess", kind: "group", children: [{ id: "confirm", label: "Confirm the scope of the leak with the data protection officer", kind: "state", note: "crisis responder · due 15 min" }] },
      {
        id: "contain",
        label: "Contain and communicate",
        kind: "parallel",
        children: [
          { id: "track-a", label: "Containment", kind: "group", children: [{ id: "revoke", label: "Revoke tokens", kind: "state", status: "done" }] },
          { id: "track-b", label: "Communication", kind: "group", children: [{ id: "holding", label: "Holding statement approved?", kind: "decision", status: "current" }] },
        ],
      },
      { id: "resolved", label: "Resolved and reviewed", kind: "final" },
    ],
    edges: [
      { id: "e1", source: "confirm", target: "revoke", label: "scope confirmed" },
      { id: "e2", source: "confirm", target: "holding", label: "scope confirmed" },
      { id: "e3", source: "holding", target: "resolved", label: "approved" },
      { id: "e4", source: "revoke", target: "resolved", label: "after 15 min", style: "deadline" },
    ],
  };

  it("keeps each step inside its phase and track, routes edges across levels, wraps long labels", async () => {
    const layout = await layoutDiagram(diagram);
    const at = (id: string) => layout.nodes.find((n) => n.id === id)!;
    expect(inside(at("confirm"), at("assess"))).toBe(true);
    expect(inside(at("revoke"), at("track-a"))).toBe(true);
    expect(inside(at("track-a"), at("contain"))).toBe(true);
    expect(inside(at("holding"), at("track-b"))).toBe(true);
    expect(at("confirm").lines.length).toBeGreaterThan(1);
    expectReadable(layout);
    const e1 = layout.edges.find((e) => e.id === "e1")!;
    // The arrow starts on the step's box and ends on the other track's step.
    expect(onBorder(e1.points[0], at("confirm"))).toBe(true);
    expect(onBorder(e1.points.at(-1)!, at("revoke"))).toBe(true);
  });

  it("refuses an edge to a step it does not draw, rather than drawing a dangling arrow", async () => {
    await expect(layoutDiagram({ ...diagram, edges: [{ id: "x", source: "confirm", target: "nowhere", label: "" }] })).rejects.toThrow(/not drawn/);
  });
});
