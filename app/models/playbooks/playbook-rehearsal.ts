import type { Playbook, ScenarioAction, Step } from "@machines/playbook";
import { formatOffset, parseAction, parseDuration, RESOLVED, REVIEW, simulatePlaybook } from "@machines/playbook";
import { allSteps } from "@machines/playbook/conditions";
import type { DiagramMarks } from "./playbook-diagram";
import type { RehearsalValues } from "~/forms/playbook";
import { REHEARSAL_LIMITS } from "~/forms/playbook";

// A rehearsal from the editor: the crisis's facts, what named people do when, and what
// everyone else does, checked against the plan, then run on the virtual clock. Nothing is
// written and nobody is paged. Pure.

export type RehearsalTimelineEntry = { at: string; cause: string; lines: string[]; now: string[] };
export type Rehearsal = {
  summary: string;
  ending: "resolved" | "stuck" | "running";
  events: number;
  /** The run hit the most events a rehearsal may take. */
  capped: boolean;
  timeline: RehearsalTimelineEntry[];
  marks: DiagramMarks;
};
export type RehearsalOutcome = { ok: true; rehearsal: Rehearsal } | { ok: false; errors: Partial<Record<keyof RehearsalValues, string[]>> };

/** The steps that wait for a person: a rehearsal may say nobody acts on them. */
export function personSteps(playbook: Playbook): { id: string; title: string }[] {
  const waits = (s: Step) => s.kind === "task" || s.kind === "statement" || s.kind === "approval" || (s.kind === "page" && s.acknowledge);
  return [...allSteps(playbook).filter(waits).map((s) => ({ id: s.id, title: s.title })), { id: REVIEW, title: playbook.review.title }];
}

/** The first crisis type at the most severe level, everyone acting at half of each deadline, for three days. */
export function defaultRehearsal(plan: { crisisTypes: readonly string[]; levels: readonly string[] } | null): RehearsalValues {
  return { type: plan?.crisisTypes[0] ?? "", severity: plan?.levels.at(-1) ?? "", linkedCases: "0", policy: "half-deadline", never: [], actions: "", horizon: "72h" };
}

export function rehearse(playbook: Playbook, values: RehearsalValues): RehearsalOutcome {
  const errors: Partial<Record<keyof RehearsalValues, string[]>> = {};
  const fail = (field: keyof RehearsalValues, message: string) => (errors[field] ??= []).push(message);
  if (!playbook.crisisTypes.includes(values.type)) fail("type", `This playbook is for ${playbook.crisisTypes.join(", ")}.`);
  const severity = playbook.severity.levels.find((l) => l === values.severity);
  if (!severity) fail("severity", `This playbook is for severity ${playbook.severity.levels.join(", ")}.`);
  const linkedCases = Number(values.linkedCases);
  if (!Number.isInteger(linkedCases) || linkedCases < 0 || linkedCases > REHEARSAL_LIMITS.linkedCases) fail("linkedCases", `Give a whole number from 0 to ${REHEARSAL_LIMITS.linkedCases.toLocaleString("en")}.`);
  const horizon = parseDuration(values.horizon);
  if (horizon === null || horizon <= 0 || horizon > REHEARSAL_LIMITS.horizonMs) fail("horizon", "Give a duration from 1m to 30d, such as 72h.");
  const known = new Set(personSteps(playbook).map((s) => s.id));
  const unknown = values.never.filter((id) => !known.has(id));
  if (unknown.length) fail("never", `No step here waits for a person: ${unknown.join(", ")}.`);
  const actions: ScenarioAction[] = [];
  values.actions.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim() || line.trim().startsWith("#")) return;
    try {
      actions.push(parseAction(line));
    } catch (error) {
      fail("actions", `Line ${i + 1}: ${error instanceof Error ? error.message : String(error)}.`);
    }
  });
  if (Object.keys(errors).length > 0 || !severity || horizon === null) return { ok: false, errors };

  const run = simulatePlaybook(playbook, { type: values.type, severity, linkedCases }, {
    actions,
    policy: values.policy,
    never: values.never,
    horizonMs: horizon,
    maxEvents: REHEARSAL_LIMITS.events,
  });
  const titles = new Map<string, string>([...allSteps(playbook).map((s) => [s.id, s.title] as const), [RESOLVED, playbook.review.title]]);
  const entered = new Set(run.timeline.flatMap((e) => e.effects.flatMap((x) => (x.type === "step.entered" ? [x.step] : []))));
  const current = run.ending.kind === "resolved" ? [] : run.ending.steps.map((s) => s.id);
  const done = [...entered].filter((id) => !current.includes(id));
  if (run.ending.kind === "resolved" && run.ending.reviewedAt !== null) done.push("reviewed");
  return {
    ok: true,
    rehearsal: {
      summary: run.summary,
      ending: run.ending.kind,
      events: run.events,
      capped: run.events >= REHEARSAL_LIMITS.events,
      timeline: run.timeline.map((e) => ({ at: formatOffset(e.at), cause: e.cause, lines: e.lines, now: e.active.map((id) => titles.get(id) ?? id) })),
      marks: { current, done },
    },
  };
}
