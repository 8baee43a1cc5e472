import type { TriageDiagramEdge, TriageDiagramNode } from "@machines/triage.diagram";

// Places the triage diagram's states in columns by their distance from the initial
// state (a layered layout), and merges parallel transitions into one arrow. Pure, so
// the shape of any future machine version is laid out without hand-placed coordinates.

export const NODE_W = 150;
export const NODE_H = 36;
const COL_GAP = 120;
const ROW_GAP = 28;
export const PAD = 24;

export type DiagramEdge = TriageDiagramEdge & { allowedNow: boolean };
export type PlacedNode = TriageDiagramNode & { x: number; y: number; layer: number };
export type Arrow = {
  id: string;
  source: string;
  target: string;
  events: string[];
  allowedEvents: string[];
  path: string;
  labelAt: { x: number; y: number };
};
export type DiagramLayout = { width: number; height: number; nodes: PlacedNode[]; arrows: Arrow[] };

/** Shortest distance (in transitions) from the initial state; unreachable states go last. */
function layers(nodes: readonly TriageDiagramNode[], edges: readonly DiagramEdge[]): Map<string, number> {
  const depth = new Map<string, number>();
  const start = nodes.find((n) => n.initial) ?? nodes[0];
  if (!start) return depth;
  depth.set(start.id, 0);
  const queue = [start.id as string];
  while (queue.length) {
    const at = queue.shift()!;
    for (const e of edges) {
      if (e.source !== at || e.target === at || depth.has(e.target)) continue;
      depth.set(e.target, depth.get(at)! + 1);
      queue.push(e.target);
    }
  }
  const deepest = Math.max(0, ...depth.values());
  for (const n of nodes) if (!depth.has(n.id)) depth.set(n.id, deepest + 1);
  return depth;
}

type Point = { x: number; y: number };

/** Where the line from a node's centre towards `toward` leaves the node's box. */
function boxEdge(center: Point, toward: Point): Point {
  const dx = toward.x - center.x;
  const dy = toward.y - center.y;
  if (dx === 0 && dy === 0) return center;
  const t = Math.min(dx === 0 ? Infinity : NODE_W / 2 / Math.abs(dx), dy === 0 ? Infinity : NODE_H / 2 / Math.abs(dy));
  return { x: center.x + dx * t, y: center.y + dy * t };
}

const round = (n: number) => Math.round(n * 10) / 10;

export function layoutDiagram(nodes: readonly TriageDiagramNode[], edges: readonly DiagramEdge[]): DiagramLayout {
  const depth = layers(nodes, edges);
  const columns = new Map<number, TriageDiagramNode[]>();
  for (const n of nodes) columns.set(depth.get(n.id)!, [...(columns.get(depth.get(n.id)!) ?? []), n]);
  const tallest = Math.max(1, ...[...columns.values()].map((c) => c.length));
  const height = PAD * 2 + tallest * NODE_H + (tallest - 1) * ROW_GAP;
  const placed: PlacedNode[] = [];
  for (const [layer, column] of [...columns.entries()].sort((a, b) => a[0] - b[0])) {
    const columnHeight = column.length * NODE_H + (column.length - 1) * ROW_GAP;
    column.forEach((n, row) => {
      placed.push({ ...n, layer, x: PAD + layer * (NODE_W + COL_GAP), y: (height - columnHeight) / 2 + row * (NODE_H + ROW_GAP) });
    });
  }
  const width = PAD * 2 + columns.size * NODE_W + (columns.size - 1) * COL_GAP;
  const centre = new Map(placed.map((n) => [n.id as string, { x: n.x + NODE_W / 2, y: n.y + NODE_H / 2, layer: n.layer }]));

  const merged = new Map<string, { source: string; target: string; events: string[]; allowedEvents: string[] }>();
  for (const e of edges) {
    if (e.source === e.target) continue;
    const key = `${e.source}->${e.target}`;
    const arrow = merged.get(key) ?? { source: e.source, target: e.target, events: [], allowedEvents: [] };
    if (!arrow.events.includes(e.event)) arrow.events.push(e.event);
    if (e.allowedNow && !arrow.allowedEvents.includes(e.event)) arrow.allowedEvents.push(e.event);
    merged.set(key, arrow);
  }
  const arrows = [...merged.entries()].map(([id, a]): Arrow => {
    const from = centre.get(a.source)!;
    const to = centre.get(a.target)!;
    const dx = to.x - from.x;
    const dy = to.y - from.y;
    const length = Math.hypot(dx, dy) || 1;
    // Arrows bow to their left, so A→B and B→A never overlap; within a column they bow
    // wide enough to pass beside the states between.
    const bow = from.layer === to.layer ? NODE_W / 2 + 20 + length * 0.1 : 18 + length * 0.08;
    const control = { x: (from.x + to.x) / 2 + (dy / length) * bow, y: (from.y + to.y) / 2 - (dx / length) * bow };
    const start = boxEdge(from, control);
    const end = boxEdge(to, control);
    const mid = { x: 0.25 * start.x + 0.5 * control.x + 0.25 * end.x, y: 0.25 * start.y + 0.5 * control.y + 0.25 * end.y };
    return {
      id,
      ...a,
      path: `M ${round(start.x)} ${round(start.y)} Q ${round(control.x)} ${round(control.y)} ${round(end.x)} ${round(end.y)}`,
      labelAt: { x: round(mid.x), y: round(mid.y) },
    };
  });
  return { width, height, nodes: placed, arrows };
}
