// Conditions on a crisis's facts and recorded answers: how decisions and severity rules
// read them, and the finite set of fact combinations that stands for every possible one.
import type { CrisisFacts } from "./findings";
import type { Condition, Playbook, Severity, Step } from "./format";
import { SEVERITIES } from "./format";

const rank = (s: Severity) => SEVERITIES.indexOf(s);

export function matches(condition: Condition, facts: CrisisFacts, answers: Readonly<Record<string, string | undefined>>): boolean {
  if (condition.type && !condition.type.includes(facts.type)) return false;
  if (condition.severity) {
    const s = condition.severity;
    if ("atLeast" in s ? rank(facts.severity) < rank(s.atLeast) : !s.is.includes(facts.severity)) return false;
  }
  if (condition.linkedCases) {
    const { atLeast, below } = condition.linkedCases;
    if (atLeast !== undefined && facts.linkedCases < atLeast) return false;
    if (below !== undefined && facts.linkedCases >= below) return false;
  }
  if (condition.answer) {
    const answer = answers[condition.answer.step];
    if (answer === undefined || !condition.answer.is.includes(answer)) return false;
  }
  return true;
}

/** The reported severity, raised by every rule whose condition the facts meet. */
export function effectiveSeverity(playbook: Playbook, type: string, reported: Severity, linkedCases: number): Severity {
  let severity = reported;
  for (const rule of playbook.severity.raise) {
    if (rank(rule.to) > rank(severity) && matches(rule.when, { type, severity: reported, linkedCases }, {})) severity = rule.to;
  }
  return severity;
}

/** Whether facts reported by the crisis room fit this playbook (its types and levels). */
export function factsFit(playbook: Playbook, facts: CrisisFacts): boolean {
  return playbook.crisisTypes.includes(facts.type) && playbook.severity.levels.includes(facts.severity) && Number.isInteger(facts.linkedCases) && facts.linkedCases >= 0;
}

export function everyStep(steps: readonly Step[]): Step[] {
  return steps.flatMap((s) => (s.kind === "parallel" ? [s, ...s.tracks.flatMap((t) => everyStep(t.steps))] : [s]));
}

export function allSteps(playbook: Playbook): Step[] {
  return playbook.phases.flatMap((p) => everyStep(p.steps));
}

function allConditions(playbook: Playbook): Condition[] {
  const decisions = allSteps(playbook).flatMap((s) => (s.kind === "decision" ? s.branches.map((b) => b.when) : []));
  return [...decisions, ...playbook.severity.raise.map((r) => r.when)];
}

/**
 * Linked-case counts that stand for all others: conditions only compare the count with
 * thresholds, so 0 and each threshold and the number below it cover every class.
 */
export function linkedCaseRepresentatives(playbook: Playbook): number[] {
  const values = new Set([0]);
  for (const c of allConditions(playbook)) {
    for (const t of [c.linkedCases?.atLeast, c.linkedCases?.below]) {
      if (t === undefined) continue;
      values.add(t);
      if (t > 0) values.add(t - 1);
    }
  }
  return [...values].sort((a, b) => a - b);
}

/**
 * Every combination of facts a decision can see, as decisions read them (severity after
 * the rules), each once. Reported severities range over the playbook's levels.
 */
export function factValuations(playbook: Playbook): CrisisFacts[] {
  const seen = new Map<string, CrisisFacts>();
  for (const type of playbook.crisisTypes) {
    for (const reported of playbook.severity.levels) {
      for (const linkedCases of linkedCaseRepresentatives(playbook)) {
        const facts = { type, severity: effectiveSeverity(playbook, type, reported, linkedCases), linkedCases };
        seen.set(`${type}|${facts.severity}|${linkedCases}`, facts);
      }
    }
  }
  return [...seen.values()];
}

/** "severity at least high and linked cases at least 10", for findings and timelines. */
export function describeCondition(condition: Condition): string {
  const parts: string[] = [];
  if (condition.type) parts.push(`type is ${condition.type.join(" or ")}`);
  if (condition.severity) parts.push("atLeast" in condition.severity ? `severity is at least ${condition.severity.atLeast}` : `severity is ${condition.severity.is.join(" or ")}`);
  if (condition.linkedCases) {
    const { atLeast, below } = condition.linkedCases;
    if (atLeast !== undefined) parts.push(`linked cases are at least ${atLeast}`);
    if (below !== undefined) parts.push(`linked cases are fewer than ${below}`);
  }
  if (condition.answer) parts.push(`${condition.answer.step} answered ${condition.answer.is.join(" or ")}`);
  return parts.join(" and ");
}

export function describeFacts(facts: Partial<CrisisFacts>): string {
  const parts: string[] = [];
  if (facts.type !== undefined) parts.push(`type ${facts.type}`);
  if (facts.severity !== undefined) parts.push(`severity ${facts.severity}`);
  if (facts.linkedCases !== undefined) parts.push(`${facts.linkedCases} linked case${facts.linkedCases === 1 ? "" : "s"}`);
  return parts.join(", ");
}
