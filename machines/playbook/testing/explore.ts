// Exhaustive search over a compiled playbook's graph: every state the
// machine reaches from every starting fact, under every event a person, the scheduler or
// the crisis room could send. Small playbooks only: this is the product the verifier avoids.
import type { CompiledPlaybook, PlaybookSnapshot } from "../compile";
import { linkedCaseRepresentatives } from "../conditions";
import type { CrisisFacts } from "../findings";
import { RESOLVED, REVIEW } from "../format";
import { canonicalJson } from "../hash";
import { rolesFor } from "../implementations";
import { activeSteps, applyPlaybookEvent, startPlaybook } from "../runtime";
import type { PlaybookEffect, PlaybookEvent } from "../types";
import { PLAYBOOK_SCHEDULER, timerKey } from "../types";
import { person } from "./fixtures";

export interface Exploration {
  states: Map<string, PlaybookSnapshot>;
  edges: { from: string; to: string; event: PlaybookEvent }[];
  /** Steps entered on some run (immediate ones included, from their step.entered effects). */
  entered: Set<string>;
  /** Publish steps some run reached with their statement unapproved. */
  withheld: Set<string>;
  finals: Set<string>;
}

export const stateKey = (snapshot: PlaybookSnapshot) => canonicalJson([snapshot.value, snapshot.context]);

/**
 * Every combination of reported facts the playbook fits, with every linked-case count up
 * to one past its largest threshold (not the verifier's representatives: this checks them).
 */
export function startingFacts(compiled: CompiledPlaybook): CrisisFacts[] {
  const { playbook } = compiled;
  const counts = Array.from({ length: Math.max(...linkedCaseRepresentatives(playbook)) + 2 }, (_, i) => i);
  return playbook.crisisTypes.flatMap((type) => playbook.severity.levels.flatMap((severity) => counts.map((linkedCases) => ({ type, severity, linkedCases }))));
}

export function eventsFor(compiled: CompiledPlaybook, snapshot: PlaybookSnapshot, withFacts: boolean): PlaybookEvent[] {
  const { playbook, plan } = compiled;
  const events: PlaybookEvent[] = [];
  for (const id of activeSteps(compiled, snapshot)) {
    if (id === RESOLVED) {
      events.push({ type: "COMPLETE", step: REVIEW, actor: person(rolesFor(playbook, "review", snapshot.context)[0]) });
      if (playbook.review.due && playbook.review.onDue) events.push({ type: "TIMER", key: timerKey(REVIEW, "deadline"), actor: PLAYBOOK_SCHEDULER });
      continue;
    }
    const step = plan.nodes.get(id)?.step;
    if (!step) continue;
    const roles = rolesFor(playbook, step, snapshot.context);
    switch (step.kind) {
      case "task":
        for (const answer of step.answers ?? [undefined]) events.push({ type: "COMPLETE", step: id, actor: person(roles[0]), ...(answer ? { answer } : {}) });
        break;
      case "statement":
        events.push({ type: "DRAFT", step: id, actor: person(roles[0]) });
        break;
      case "page":
        events.push({ type: "ACKNOWLEDGE", step: id, actor: person(roles[0]) });
        break;
      case "approval":
        for (const n of [1, 2, 3].slice(0, step.count + 1)) events.push({ type: "APPROVE", step: id, actor: person(roles[0], n) });
        if (step.onReject) events.push({ type: "REJECT", step: id, actor: person(roles[0], 2) });
        break;
      case "publish":
        events.push({ type: "PUBLISH", step: id, actor: person(roles[0]) });
        break;
      case "wait":
        events.push({ type: "TIMER", key: timerKey(id, "wait"), actor: PLAYBOOK_SCHEDULER });
        break;
    }
    if ("due" in step && step.due && step.onDue) events.push({ type: "TIMER", key: timerKey(id, "deadline"), actor: PLAYBOOK_SCHEDULER });
  }
  if (withFacts) for (const facts of startingFacts(compiled)) events.push({ type: "FACTS", facts, actor: PLAYBOOK_SCHEDULER });
  return events;
}

/** `limit`: give up (null) past this many states. */
export function explore(compiled: CompiledPlaybook, options: { facts: boolean; starts?: CrisisFacts[]; limit?: number } = { facts: true }): Exploration {
  const states = new Map<string, PlaybookSnapshot>();
  const edges: Exploration["edges"] = [];
  const entered = new Set<string>();
  const withheld = new Set<string>();
  const note = (effects: PlaybookEffect[]) => {
    for (const e of effects) {
      if (e.type === "step.entered") entered.add(e.step);
      if (e.type === "statement.withheld") withheld.add(e.step);
    }
  };
  // Breadth-first over the pure transition: one call per state and event, effects included.
  const queue: PlaybookSnapshot[] = [];
  const visit = (snapshot: PlaybookSnapshot) => {
    const key = stateKey(snapshot);
    if (!states.has(key)) {
      states.set(key, snapshot);
      queue.push(snapshot);
    }
    return key;
  };
  for (const facts of options.starts ?? startingFacts(compiled)) {
    const start = startPlaybook(compiled, facts);
    note(start.effects);
    visit(start.snapshot);
  }
  for (let i = 0; i < queue.length; i++) {
    if (options.limit !== undefined && states.size > options.limit) throw new ExplorationTooLarge(states.size);
    const snapshot = queue[i];
    const from = stateKey(snapshot);
    for (const event of eventsFor(compiled, snapshot, options.facts)) {
      if (event.type === "FACTS" && sameFacts(snapshot, event.facts)) continue;
      const step = applyPlaybookEvent(compiled, snapshot, event);
      if (!step.accepted) continue;
      note(step.effects);
      edges.push({ from, to: visit(step.snapshot), event });
    }
  }
  const finals = new Set([...states].flatMap(([key, s]) => (s.status === "done" ? [key] : [])));
  return { states, edges, entered, withheld, finals };
}

/** States from which no run reaches the end (resolved, then reviewed). */
export function statesThatCannotFinish(exploration: Exploration): string[] {
  const incoming = new Map<string, string[]>();
  for (const e of exploration.edges) incoming.set(e.to, [...(incoming.get(e.to) ?? []), e.from]);
  const canFinish = new Set(exploration.finals);
  const queue = [...canFinish];
  while (queue.length > 0) {
    for (const from of incoming.get(queue.pop()!) ?? []) {
      if (canFinish.has(from)) continue;
      canFinish.add(from);
      queue.push(from);
    }
  }
  return [...exploration.states.keys()].filter((k) => !canFinish.has(k));
}

const sameFacts = (snapshot: PlaybookSnapshot, facts: Partial<CrisisFacts>) =>
  facts.type === snapshot.context.facts.type && facts.severity === snapshot.context.reportedSeverity && facts.linkedCases === snapshot.context.facts.linkedCases;

export class ExplorationTooLarge extends Error {
  constructor(readonly states: number) {
    super(`more than ${states} states`);
  }
}
