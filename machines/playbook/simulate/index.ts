// simulatePlaybook: a crisis rehearsed on a virtual clock. The compiled machine, stepped with
// the pure transition(); timers kept in a queue with the live scheduler's rules (decision 18):
// a schedule replaces the pending timer of its key, leaving a step cancels it, due timers
// fire in due order (earlier-scheduled first on a tie) before anything a person does at the
// same instant, and a timer the machine no longer takes is dropped. Nothing is written or sent.
import type { CompiledPlaybook, PlaybookSnapshot } from "../compile";
import { compilePlaybook } from "../compile";
import { describeFacts } from "../conditions";
import { formatOffset } from "../durations";
import type { CrisisFacts } from "../findings";
import type { Playbook, Step } from "../format";
import { RESOLVED, REVIEW } from "../format";
import { rolesFor } from "../implementations";
import { activeSteps, applyPlaybookEvent, isAt, isReviewed, startPlaybook } from "../runtime";
import type { PlaybookEffect, PlaybookEvent } from "../types";
import { PLAYBOOK_SCHEDULER } from "../types";
import { parseDuration } from "../durations";
import type { Scenario, ScenarioAction } from "./scenario";
import { DEFAULT_SCENARIO } from "./scenario";
import type { TimelineEntry } from "./timeline";
import { describeEffects, formatTimeline, personLabel } from "./timeline";

export type SimulationEnding =
  | { kind: "resolved"; at: number; reviewedAt: number | null }
  | { kind: "stuck"; steps: { id: string; title: string; since: number }[] }
  | { kind: "running"; at: number; steps: { id: string; title: string; since: number }[] };

export interface Simulation {
  timeline: TimelineEntry[];
  ending: SimulationEnding;
  /** The ending in a sentence: "Resolved at +3h 10m; review completed at +1d 2h." */
  summary: string;
  /** Events the machine took. */
  events: number;
  text: () => string;
}

type Pending = { at: number; seq: number } & ({ kind: "timer"; key: string } | { kind: "action"; action: ScenarioAction } | { kind: "default"; step: string; epoch: number });

export function simulatePlaybook(version: Playbook | CompiledPlaybook, facts: CrisisFacts, scenario: Partial<Scenario> = {}): Simulation {
  const compiled = "machine" in version ? version : compilePlaybook(version);
  const plan = compiled.plan;
  const { playbook } = compiled;
  const options: Scenario = { ...DEFAULT_SCENARIO, ...scenario };
  const steps = new Map([...plan.nodes.values()].flatMap((n) => (n.step ? [[n.id, n.step] as const] : [])));
  const named = new Set(options.actions.flatMap((a) => (a.step ? [a.step] : [])));
  const title = (id: string) => (id === RESOLVED ? playbook.review.title : (steps.get(id)?.title ?? id));

  const timeline: TimelineEntry[] = [];
  const pending: Pending[] = [];
  const timers = new Map<string, Pending>();
  const epochs = new Map<string, number>();
  const since = new Map<string, number>();
  let seq = 0;
  let now = 0;
  let events = 0;
  let stoppedAt: number | null = null;
  let resolvedAt: number | null = null;
  let reviewedAt: number | null = null;
  options.actions.forEach((action) => pending.push({ at: action.at, seq: seq++, kind: "action", action }));

  const record = (cause: string, snapshot: PlaybookSnapshot, effects: PlaybookEffect[], event?: PlaybookEvent) => {
    for (const e of effects) {
      if (e.type === "timer.schedule") {
        const timer: Pending = { at: now + e.delayMs, seq: seq++, kind: "timer", key: e.key };
        const old = timers.get(e.key);
        if (old) pending.splice(pending.indexOf(old), 1);
        timers.set(e.key, timer);
        pending.push(timer);
      } else if (e.type === "timer.cancel") {
        const old = timers.get(e.key);
        if (old) pending.splice(pending.indexOf(old), 1);
        timers.delete(e.key);
      } else if (e.type === "step.entered") {
        const epoch = (epochs.get(e.step) ?? 0) + 1;
        epochs.set(e.step, epoch);
        since.set(e.step, now);
        const delay = defaultDelay(e.step);
        if (delay !== null) pending.push({ at: now + delay, seq: seq++, kind: "default", step: e.step === RESOLVED ? REVIEW : e.step, epoch });
      } else if (e.type === "crisis.resolved") resolvedAt = now;
      else if (e.type === "review.completed") reviewedAt = now;
    }
    timeline.push({ at: now, cause, lines: describeEffects(playbook, steps, now, effects), active: activeSteps(compiled, snapshot), effects, ...(event ? { event } : {}) });
  };

  // The default policy acts on a step that waits for a person, at half its deadline.
  const defaultDelay = (id: string): number | null => {
    const stepId = id === RESOLVED ? REVIEW : id;
    if (options.policy === "never" || options.never.includes(stepId) || named.has(stepId)) return null;
    const step = id === RESOLVED ? null : steps.get(id);
    if (id !== RESOLVED && !(step && waitsForPerson(step))) return null;
    // The drafter sends an approved statement as soon as the publish step asks for it.
    if (step?.kind === "publish") return 0;
    const due = id === RESOLVED ? playbook.review.due : step && "due" in step ? step.due : undefined;
    const ms = due ? parseDuration(due) : null;
    return ms !== null && ms > 0 ? ms / 2 : options.undatedDelayMs;
  };

  const start = startPlaybook(compiled, facts);
  let snapshot = start.snapshot;
  record(`Crisis declared (${describeFacts(facts)})`, snapshot, start.effects);

  const apply = (event: PlaybookEvent, cause: string): boolean => {
    const result = applyPlaybookEvent(compiled, snapshot, event);
    if (!result.accepted) return false;
    events++;
    snapshot = result.snapshot;
    record(cause, snapshot, result.effects, event);
    return true;
  };

  while (pending.length > 0 && !isReviewed(snapshot)) {
    let next = 0;
    for (let i = 1; i < pending.length; i++) if (before(pending[i], pending[next])) next = i;
    const item = pending[next];
    if (item.at > options.horizonMs) break;
    if (events >= options.maxEvents) {
      stoppedAt = now;
      break;
    }
    pending.splice(next, 1);
    now = item.at;
    if (item.kind === "timer") {
      timers.delete(item.key);
      const stepId = item.key.replace(/\.(due|wait)$/, "");
      const what = item.key.endsWith(".wait") ? `The wait at “${title(stepId)}” ended` : `The deadline of “${title(stepId)}” passed`;
      apply({ type: "TIMER", key: item.key, actor: PLAYBOOK_SCHEDULER }, what);
    } else if (item.kind === "default") {
      const node = item.step === REVIEW ? RESOLVED : item.step;
      if (epochs.get(node) !== item.epoch || !isAt(snapshot, node)) continue;
      for (const event of defaultEvents(item.step)) apply(event, describeEvent(event));
    } else {
      const event = actionEvent(item.action);
      if (!event || !apply(event, describeEvent(event))) {
        const cause = item.action.text.replace(/^\+\S+\s+/, "");
        timeline.push({ at: now, cause, lines: ["Nothing happened: the plan does not allow that now"], active: activeSteps(compiled, snapshot), effects: [] });
      }
    }
  }

  const ending = endingOf();
  const summary = summarise(ending);
  return { timeline, ending, summary, events, text: () => `${formatTimeline(timeline)}\n\n${summary}` };

  function defaultEvents(stepId: string): PlaybookEvent[] {
    const step = stepId === REVIEW ? "review" : steps.get(stepId)!;
    const role = rolesFor(playbook, step, snapshot.context)[0];
    const actor = (n: number, r = role) => ({ id: `${r}#${n}`, roles: [r] });
    if (step === "review") return [{ type: "COMPLETE", step: REVIEW, actor: actor(1) }];
    switch (step.kind) {
      case "task":
        return [{ type: "COMPLETE", step: step.id, actor: actor(1), ...(step.answers ? { answer: options.answers[step.id] ?? step.answers[0] } : {}) }];
      case "statement":
        return [{ type: "DRAFT", step: step.id, actor: actor(1) }];
      case "page":
        return [{ type: "ACKNOWLEDGE", step: step.id, actor: actor(1) }];
      case "publish":
        return [{ type: "PUBLISH", step: step.id, actor: actor(1) }];
      case "approval": {
        // Distinct people, none of them the author of what they approve.
        const authors = new Set(Object.values(snapshot.context.authors));
        const people = rolesFor(playbook, step, snapshot.context).flatMap((r) => [1, 2, 3, 4, 5, 6].map((n) => actor(n, r))).filter((p) => !authors.has(p.id));
        const already = snapshot.context.approvals[step.id] ?? [];
        return people.filter((p) => !already.includes(p.id)).slice(0, step.count - already.length).map((p) => ({ type: "APPROVE", step: step.id, actor: p }));
      }
      default:
        return [];
    }
  }

  function actionEvent(action: ScenarioAction): PlaybookEvent | null {
    const actor = { id: `${action.role}#${action.person}`, roles: [action.role] };
    if (action.verb === "reports") return { type: "FACTS", facts: action.facts!, actor };
    const type = ({ acknowledges: "ACKNOWLEDGE", completes: "COMPLETE", drafts: "DRAFT", approves: "APPROVE", rejects: "REJECT", publishes: "PUBLISH" } as const)[action.verb];
    const candidates = action.step ? [action.step] : activeSteps(compiled, snapshot).map((id) => (id === RESOLVED ? REVIEW : id));
    for (const step of candidates) {
      const event = { type, step, actor, ...(action.answer ? { answer: action.answer } : {}) } as PlaybookEvent;
      if (snapshot.can(event)) return event;
    }
    return null;
  }

  function endingOf(): SimulationEnding {
    if (resolvedAt !== null && (reviewedAt !== null || isReviewed(snapshot))) return { kind: "resolved", at: resolvedAt, reviewedAt };
    const waiting = activeSteps(compiled, snapshot).map((id) => ({ id, title: title(id), since: since.get(id) ?? 0 }));
    if (resolvedAt !== null) return { kind: "resolved", at: resolvedAt, reviewedAt: null };
    return pending.length > 0 ? { kind: "running", at: stoppedAt ?? options.horizonMs, steps: waiting } : { kind: "stuck", steps: waiting };
  }

  function summarise(e: SimulationEnding): string {
    const at = (s: { id: string; title: string; since: number }) => `${s.id} (“${s.title}”) since ${formatOffset(s.since)}`;
    if (e.kind === "resolved") {
      const review = e.reviewedAt !== null ? `review completed at ${formatOffset(e.reviewedAt)}` : `the review was not completed (waiting since ${formatOffset(e.at)})`;
      return `Resolved at ${formatOffset(e.at)}; ${review}.`;
    }
    if (e.kind === "stuck") return `Stuck at ${e.steps.map(at).join(", and at ")}.`;
    return `Still running at ${formatOffset(e.at)}: at ${e.steps.map(at).join(", and at ")}.`;
  }
}

const before = (a: Pending, b: Pending) => a.at < b.at || (a.at === b.at && (rank(a) < rank(b) || (rank(a) === rank(b) && a.seq < b.seq)));
// At one instant: due timers first, then the scenario's actions, then everyone else.
const rank = (p: Pending) => (p.kind === "timer" ? 0 : p.kind === "action" ? 1 : 2);

function waitsForPerson(step: Step): boolean {
  return step.kind === "task" || step.kind === "statement" || step.kind === "approval" || step.kind === "publish" || (step.kind === "page" && step.acknowledge);
}

function describeEvent(event: PlaybookEvent): string {
  const who = personLabel(event.actor.id);
  switch (event.type) {
    case "ACKNOWLEDGE":
      return `${who} acknowledges ${event.step}`;
    case "COMPLETE":
      return `${who} completes ${event.step}${event.answer ? ` answering ${event.answer}` : ""}`;
    case "DRAFT":
      return `${who} drafts ${event.step}`;
    case "APPROVE":
      return `${who} approves ${event.step}`;
    case "REJECT":
      return `${who} rejects ${event.step}`;
    case "PUBLISH":
      return `${who} publishes ${event.step}`;
    case "FACTS":
      return `the crisis room reports ${describeFacts(event.facts)}`;
    case "TIMER":
      return `timer ${event.key}`;
  }
}
