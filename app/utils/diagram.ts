// A statechart as Vigil draws it, in words people read: states (some holding others:
// playbook phases, parallel tracks), transitions labelled by what a person or a deadline
// does. One description for every machine; the server lays it out (diagram-layout.server).

export type DiagramNodeKind = "state" | "initial" | "final" | "decision" | "group" | "parallel";
/** Where a live subject stands: in this step now, past it, or not there. */
export type DiagramStatus = "current" | "done" | "idle";
export type DiagramEdgeStyle = "normal" | "deadline" | "automatic";

export interface DiagramNode {
  id: string;
  label: string;
  kind: DiagramNodeKind;
  status?: DiagramStatus;
  /** A second line in smaller words: what loops on this state, who owns the step. */
  note?: string;
  children?: DiagramNode[];
}

export interface DiagramEdge {
  id: string;
  source: string;
  target: string;
  label: string;
  style?: DiagramEdgeStyle;
  /** The viewer may take this transition now. */
  now?: boolean;
}

export interface Diagram {
  title: string;
  /** Which way the flow reads; down (the default) keeps most charts inside a page's width. */
  direction?: "down" | "right";
  nodes: DiagramNode[];
  edges: DiagramEdge[];
}

type Point = { x: number; y: number };
export type PlacedLabel = { x: number; y: number; width: number; height: number; lines: string[] };
export type PlacedNode = Omit<DiagramNode, "children"> & {
  x: number;
  y: number;
  width: number;
  height: number;
  depth: number;
  lines: string[];
  noteLines: string[];
  container: boolean;
};
export type PlacedEdge = Omit<DiagramEdge, "label"> & { points: Point[]; label: PlacedLabel | null; labelText: string };
export type DiagramLayout = { title: string; width: number; height: number; nodes: PlacedNode[]; edges: PlacedEdge[] };

export const FONT = { node: 14, note: 12, edge: 12, container: 13 } as const;
export const LINE_HEIGHT = 1.3;

/** Width of a text in px at a font size, estimated per character class (no DOM on the server). */
export function textWidth(text: string, size: number): number {
  let em = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code >= 0x2e80) em += 1; // CJK and other wide scripts
    else if (/[A-Z]/.test(ch)) em += 0.68;
    else if (/[mwMW@%]/.test(ch)) em += 0.85;
    else if (/[iljtf.,:;'!|() ]/.test(ch)) em += 0.34;
    else em += 0.56;
  }
  // A little over the average, so bold labels (the current state) still fit their box.
  return Math.ceil(em * size * 1.12);
}

/** Breaks a label into lines no wider than `max` px, at spaces where it can. */
export function wrapText(text: string, size: number, max: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (line && textWidth(next, size) > max) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  // A single word wider than the limit is split by characters, so nothing overflows its box.
  return lines.flatMap((l) => {
    if (textWidth(l, size) <= max) return [l];
    const parts: string[] = [];
    let part = "";
    for (const ch of l) {
      if (part && textWidth(part + ch, size) > max) {
        parts.push(part);
        part = ch;
      } else part += ch;
    }
    return part ? [...parts, part] : parts;
  });
}
