// YAML text → a playbook, keeping where each part came from so that every finding can
// name its line. Schema problems come back as findings rather than exceptions.
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument } from "yaml";
import type { Node } from "yaml";
import type { Finding } from "./findings";
import { finding } from "./findings";
import { Playbook } from "./format";

/** Lines by path ("phases.0.steps.2.due") and by step id; 1-based. */
export interface SourceMap {
  paths: Record<string, number>;
  steps: Record<string, number>;
}

export type ParsedPlaybook = { ok: true; playbook: Playbook; source: SourceMap } | { ok: false; findings: Finding[]; source: SourceMap };

const EMPTY_SOURCE: SourceMap = { paths: {}, steps: {} };

export function parsePlaybook(text: string): ParsedPlaybook {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const findings = doc.errors.map((error) =>
      finding("yaml_syntax", {
        stepId: null,
        line: lineCounter.linePos(error.pos[0]).line,
        message: `The YAML does not parse: ${error.message.split("\n")[0]}.`,
      }),
    );
    return { ok: false, findings, source: EMPTY_SOURCE };
  }
  const paths: Record<string, number> = {};
  const lineOf = (node: Node | null | undefined) => (node?.range ? lineCounter.linePos(node.range[0]).line : undefined);
  const walk = (node: unknown, path: string) => {
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair) || !isScalar(pair.key)) continue;
        const child = path ? `${path}.${String(pair.key.value)}` : String(pair.key.value);
        const line = lineOf(pair.key);
        if (line !== undefined) paths[child] = line;
        walk(pair.value, child);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => {
        const child = `${path}.${i}`;
        const line = lineOf(item as Node);
        if (line !== undefined) paths[child] = line;
        walk(item, child);
      });
    }
  };
  walk(doc.contents, "");
  let data: unknown;
  try {
    data = doc.toJS();
  } catch (error) {
    // Aliases that would expand past yaml's limit (a "billion laughs") are refused here.
    const why = error instanceof Error ? error.message : String(error);
    return { ok: false, findings: [finding("yaml_syntax", { stepId: null, line: null, message: `The YAML cannot be read: ${why.replace(/\.$/, "")}.` })], source: EMPTY_SOURCE };
  }
  const source: SourceMap = { paths, steps: stepLines(data, paths) };
  const parsed = Playbook.safeParse(data);
  if (parsed.success) return { ok: true, playbook: parsed.data, source };
  const findings = parsed.error.issues.map((issue) => {
    const keys = issue.code === "unrecognized_keys" ? issue.keys : [];
    const path = [...issue.path, ...keys.slice(0, 1)].map(String);
    const { stepId, depth } = stepAt(data, path);
    const field = path.slice(depth).join(" › ") || (stepId ? "the step" : "the playbook");
    const what = issue.code === "unrecognized_keys" ? `unknown field${keys.length > 1 ? "s" : ""} ${keys.join(", ")}` : issue.message;
    return finding("schema", {
      stepId,
      line: nearestLine(source, path),
      message: `${stepId ? `Step ${stepId}, ` : ""}${field}: ${what}.`.replace(/\.\.$/, "."),
    });
  });
  return { ok: false, findings, source };
}

/** The line of `path` or of its nearest ancestor that has one. */
export function nearestLine(source: SourceMap, path: readonly (string | number)[]): number | null {
  for (let n = path.length; n > 0; n--) {
    const line = source.paths[path.slice(0, n).join(".")];
    if (line !== undefined) return line;
  }
  return null;
}

// Step ids by the line their item starts on, found by walking the plain data the same
// way the schema reads it (phases → steps → tracks → steps).
function stepLines(data: unknown, paths: Record<string, number>): Record<string, number> {
  const lines: Record<string, number> = {};
  const visitSteps = (steps: unknown, path: string) => {
    if (!Array.isArray(steps)) return;
    steps.forEach((step, i) => {
      const at = `${path}.${i}`;
      if (!isRecord(step)) return;
      if (typeof step.id === "string" && lines[step.id] === undefined && paths[at] !== undefined) lines[step.id] = paths[at];
      if (Array.isArray(step.tracks)) step.tracks.forEach((track, t) => isRecord(track) && visitSteps(track.steps, `${at}.tracks.${t}.steps`));
    });
  };
  if (isRecord(data) && Array.isArray(data.phases)) data.phases.forEach((phase, p) => isRecord(phase) && visitSteps(phase.steps, `phases.${p}.steps`));
  if (paths.review !== undefined) lines.review = paths.review;
  return lines;
}

/** The innermost step on `path`, and how much of the path leads to it. */
function stepAt(data: unknown, path: readonly string[]): { stepId: string | null; depth: number } {
  let node: unknown = data;
  let found: { stepId: string | null; depth: number } = { stepId: null, depth: 0 };
  path.forEach((key, i) => {
    if (!isRecord(node) && !Array.isArray(node)) return;
    node = (node as Record<string, unknown>)[key];
    if (isRecord(node) && typeof node.id === "string" && typeof node.kind === "string") found = { stepId: node.id, depth: i + 1 };
  });
  return found;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
