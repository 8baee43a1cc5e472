import type { Finding, Playbook } from "@machines/playbook";
import type { DiagramLayout } from "~/utils/diagram";
import { layoutDiagram } from "~/utils/diagram-layout.server";
import { checkPlaybookText, countOf } from "./playbook-check";
import type { DiagramMarks } from "./playbook-diagram";
import { playbookStatechart } from "./playbook-diagram";
import type { RehearsalValues } from "~/forms/playbook";
import type { RehearsalOutcome } from "./playbook-rehearsal";
import { personSteps, rehearse } from "./playbook-rehearsal";
import { witnessWords } from "./playbook-witness";
import { playbookWorld } from "./playbook-world.server";

// What the editor shows for a text: its findings by line (with the line itself and, for a
// problem of behaviour, the shortest way there in words), the compiled diagram, and what
// a rehearsal needs to offer (the plan's crisis types, levels and the steps people act on).
// Nothing here writes.

export type FindingView = Pick<Finding, "code" | "severity" | "stepId" | "line" | "message"> & {
  /** The line of text the finding is on, as written. */
  excerpt: string | null;
  /** The shortest way from the start to the problem, one sentence per event. */
  witness: string[] | null;
};

export type CheckView = {
  findings: FindingView[];
  errors: number;
  warnings: number;
  /** Whether the text compiles, so it can be drawn and rehearsed. */
  compiles: boolean;
  diagram: DiagramLayout | null;
  plan: { title: string; crisisTypes: string[]; levels: string[]; steps: { id: string; title: string }[] } | null;
};

export function findingViews(findings: readonly Finding[], source: string, playbook: Playbook | null): FindingView[] {
  const lines = source.split("\n");
  return findings.map((f) => ({
    code: f.code,
    severity: f.severity,
    stepId: f.stepId,
    line: f.line,
    message: f.message,
    excerpt: f.line !== null && lines[f.line - 1] !== undefined ? lines[f.line - 1].trim().slice(0, 160) : null,
    witness: f.witness ? witnessWords(f.witness, playbook) : null,
  }));
}

/** The view of a plan already read: its findings, and its diagram when it compiles. */
export async function planView(playbook: Playbook | null, findings: readonly Finding[], source: string, compiles: boolean, title: string, marks?: DiagramMarks): Promise<CheckView> {
  return {
    findings: findingViews(findings, source, playbook),
    errors: countOf(findings, "error"),
    warnings: countOf(findings, "warning"),
    compiles,
    diagram: playbook && compiles ? await layoutDiagram(playbookStatechart(playbook, title, marks)) : null,
    plan: playbook ? { title: playbook.title, crisisTypes: playbook.crisisTypes, levels: playbook.severity.levels, steps: personSteps(playbook) } : null,
  };
}

/** Check: the text read and verified against what exists now. */
export async function checkText(source: string, title = "The playbook as checked"): Promise<CheckView> {
  const { playbook, compiles, verification } = checkPlaybookText(source, await playbookWorld());
  return planView(playbook, verification.findings, source, compiles, title);
}

/** Rehearse: check the text, and when it compiles, run it on the virtual clock. */
export async function rehearseText(source: string, values: RehearsalValues): Promise<{ check: CheckView; rehearsal: RehearsalOutcome | null }> {
  const { playbook, compiles, verification } = checkPlaybookText(source, await playbookWorld());
  const outcome = playbook && compiles ? rehearse(playbook, values) : null;
  const marks = outcome?.ok ? outcome.rehearsal.marks : undefined;
  const check = await planView(playbook, verification.findings, source, compiles, "The playbook as rehearsed", marks);
  return { check, rehearsal: outcome };
}
