import ELK from "elkjs/lib/elk.bundled.js";
import type { ElkExtendedEdge, ElkNode } from "elkjs/lib/elk.bundled.js";
import type { Diagram, DiagramLayout, DiagramNode, PlacedEdge, PlacedNode } from "./diagram";
import { FONT, LINE_HEIGHT, textWidth, wrapText } from "./diagram";

// Lays a statechart out with ELK's layered algorithm on the server, so the diagram is an
// SVG that needs no JavaScript: containers for phases and tracks (INCLUDE_CHILDREN lays
// nested states and the edges between levels out together), sizes from the label text.

const elk = new ELK();
const PAD_X = 14;
const PAD_Y = 9;
const NODE_MAX = 200;
const EDGE_LABEL_MAX = 150;
const CONTAINER_HEADER = Math.ceil(FONT.container * LINE_HEIGHT) + 10;

const lineHeight = (size: number) => Math.ceil(size * LINE_HEIGHT);

type Measured = { lines: string[]; noteLines: string[]; width: number; height: number };

function measureNode(node: DiagramNode): Measured {
  const lines = wrapText(node.label, FONT.node, NODE_MAX);
  const noteLines = node.note ? wrapText(node.note, FONT.note, NODE_MAX) : [];
  const textW = Math.max(...lines.map((l) => textWidth(l, FONT.node)), ...noteLines.map((l) => textWidth(l, FONT.note)));
  const textH = lines.length * lineHeight(FONT.node) + noteLines.length * lineHeight(FONT.note);
  const decision = node.kind === "decision";
  // A decision is drawn as a diamond: its text needs about twice the room of a box.
  return {
    lines,
    noteLines,
    width: Math.max(decision ? 120 : 96, textW + PAD_X * 2) * (decision ? 1.5 : 1),
    height: Math.max(36, textH + PAD_Y * 2) * (decision ? 1.6 : 1),
  };
}

function toElk(node: DiagramNode, measured: Map<string, Measured>): ElkNode {
  const m = measureNode(node);
  measured.set(node.id, m);
  if (!node.children?.length) return { id: node.id, width: m.width, height: m.height };
  return {
    id: node.id,
    layoutOptions: {
      "elk.padding": `[top=${CONTAINER_HEADER + 8},left=12,bottom=12,right=12]`,
    },
    children: node.children.map((child) => toElk(child, measured)),
  };
}

function flatten(nodes: DiagramNode[], parent: string | null, out: Map<string, { node: DiagramNode; parent: string | null; depth: number }>, depth = 0) {
  for (const node of nodes) {
    out.set(node.id, { node, parent, depth });
    if (node.children) flatten(node.children, node.id, out, depth + 1);
  }
}

export async function layoutDiagram(diagram: Diagram): Promise<DiagramLayout> {
  const measured = new Map<string, Measured>();
  const index = new Map<string, { node: DiagramNode; parent: string | null; depth: number }>();
  flatten(diagram.nodes, null, index);
  // Parallel transitions between the same two states become one arrow with both labels.
  const merged = new Map<string, (typeof diagram.edges)[number] & { labels: string[] }>();
  for (const edge of diagram.edges) {
    if (!index.has(edge.source) || !index.has(edge.target)) throw new Error(`Diagram edge ${edge.id} names a state that is not drawn`);
    const key = `${edge.source}->${edge.target}:${edge.style ?? "normal"}`;
    const seen = merged.get(key);
    if (seen) {
      if (!seen.labels.includes(edge.label)) seen.labels.push(edge.label);
      seen.now ||= edge.now;
    } else merged.set(key, { ...edge, labels: [edge.label] });
  }
  const edges = [...merged.values()];
  const elkEdges: ElkExtendedEdge[] = edges.map((edge) => {
    const text = edge.labels.join(" / ");
    const lines = wrapText(text, FONT.edge, EDGE_LABEL_MAX);
    const width = Math.max(...lines.map((l) => textWidth(l, FONT.edge))) + 8;
    return {
      id: edge.id,
      sources: [edge.source],
      targets: [edge.target],
      labels: text ? [{ id: `${edge.id}:label`, text, width, height: lines.length * lineHeight(FONT.edge) + 4 }] : [],
    };
  });
  const root: ElkNode = {
    id: "__root",
    layoutOptions: {
      "elk.algorithm": "layered",
      "elk.direction": diagram.direction === "right" ? "RIGHT" : "DOWN",
      "elk.hierarchyHandling": "INCLUDE_CHILDREN",
      "elk.edgeRouting": "ORTHOGONAL",
      "elk.layered.spacing.nodeNodeBetweenLayers": "40",
      "elk.spacing.nodeNode": "28",
      "elk.spacing.edgeLabel": "4",
      "elk.edgeLabels.inline": "false",
      "elk.layered.nodePlacement.strategy": "NETWORK_SIMPLEX",
      // States in the order the machine lists them: the initial one first, returns drawn as returns.
      "elk.layered.considerModelOrder.strategy": "NODES_AND_EDGES",
      "elk.layered.cycleBreaking.strategy": "MODEL_ORDER",
      "elk.padding": "[top=16,left=16,bottom=16,right=16]",
    },
    children: diagram.nodes.map((node) => toElk(node, measured)),
    edges: elkEdges,
  };
  const laid = await elk.layout(root);

  // ELK gives each node relative to its parent and each edge relative to its container.
  const origin = new Map<string, { x: number; y: number }>([["__root", { x: 0, y: 0 }]]);
  const placed: PlacedNode[] = [];
  const walk = (children: ElkNode[] | undefined, at: { x: number; y: number }) => {
    for (const child of children ?? []) {
      const x = at.x + (child.x ?? 0);
      const y = at.y + (child.y ?? 0);
      origin.set(child.id, { x, y });
      const { node, depth } = index.get(child.id)!;
      const m = measured.get(child.id)!;
      const { children: _nested, ...rest } = node;
      placed.push({ ...rest, x, y, width: child.width ?? m.width, height: child.height ?? m.height, depth, lines: m.lines, noteLines: m.noteLines, container: Boolean(node.children?.length) });
      walk(child.children, { x, y });
    }
  };
  walk(laid.children, { x: 0, y: 0 });

  const byId = new Map(edges.map((e) => [e.id, e]));
  const placedEdges: PlacedEdge[] = (laid.edges ?? []).map((e) => {
    const edge = byId.get(e.id)!;
    const container = (e as ElkExtendedEdge & { container?: string }).container ?? "__root";
    const at = origin.get(container) ?? { x: 0, y: 0 };
    const section = e.sections?.[0];
    const points = section ? [section.startPoint, ...(section.bendPoints ?? []), section.endPoint].map((p) => ({ x: at.x + p.x, y: at.y + p.y })) : [];
    const label = e.labels?.[0];
    const { labels, ...rest } = edge;
    return {
      ...rest,
      points,
      labelText: labels.join(" / "),
      label: label ? { x: at.x + (label.x ?? 0), y: at.y + (label.y ?? 0), width: label.width ?? 0, height: label.height ?? 0, lines: wrapText(label.text ?? "", FONT.edge, EDGE_LABEL_MAX) } : null,
    };
  });
  // Outer containers first, so inner states paint over them.
  placed.sort((a, b) => a.depth - b.depth);
  return { title: diagram.title, width: Math.ceil(laid.width ?? 0), height: Math.ceil(laid.height ?? 0), nodes: placed, edges: placedEdges };
}
