// Replays a verifier's witness on the compiled machine, to check that it is a real run.
import type { CompiledPlaybook, PlaybookSnapshot } from "../compile";
import type { CrisisFacts, WitnessEvent } from "../findings";
import { activeSteps, applyPlaybookEvent, startPlaybook } from "../runtime";
import type { PlaybookEffect, PlaybookEvent } from "../types";
import { PLAYBOOK_SCHEDULER, timerKey } from "../types";
import { person } from "./fixtures";

export interface Replay {
  snapshot: PlaybookSnapshot;
  effects: PlaybookEffect[];
  /** Indexes of witness events the machine refused. */
  refused: number[];
  active: string[];
}

export function replayWitness(compiled: CompiledPlaybook, witness: WitnessEvent[]): Replay {
  const { playbook } = compiled;
  const startsWith = witness[0]?.type === "FACTS" && witness[0].text.startsWith("the crisis starts") ? witness[0].facts : {};
  const facts: CrisisFacts = { type: playbook.crisisTypes[0], severity: playbook.severity.levels[0], linkedCases: 0, ...startsWith };
  const start = startPlaybook(compiled, facts);
  let snapshot = start.snapshot;
  const effects = [...start.effects];
  const refused: number[] = [];
  const approvers = new Map<string, number>();
  witness.forEach((w, i) => {
    if (i === 0 && w.type === "FACTS" && w.text.startsWith("the crisis starts")) return;
    const result = applyPlaybookEvent(compiled, snapshot, toEvent(compiled, w, approvers));
    if (!result.accepted) refused.push(i);
    snapshot = result.snapshot;
    effects.push(...result.effects);
  });
  return { snapshot, effects, refused, active: activeSteps(compiled, snapshot) };
}

function toEvent(compiled: CompiledPlaybook, w: WitnessEvent, approvers: Map<string, number>): PlaybookEvent {
  const step = w.step ?? "";
  switch (w.type) {
    case "FACTS":
      return { type: "FACTS", facts: w.facts ?? {}, actor: PLAYBOOK_SCHEDULER };
    case "TIMER": {
      const wait = compiled.plan.nodes.get(step)?.step?.kind === "wait";
      return { type: "TIMER", key: timerKey(step, wait ? "wait" : "deadline"), actor: PLAYBOOK_SCHEDULER };
    }
    case "APPROVE": {
      // Distinct people, numbered from 2 so that none of them drafted what they approve.
      const n = (approvers.get(step) ?? 1) + 1;
      approvers.set(step, n);
      return { type: "APPROVE", step, actor: person(w.role!, n) };
    }
    case "COMPLETE":
      return { type: "COMPLETE", step, actor: person(w.role!), ...(w.answer ? { answer: w.answer } : {}) };
    default:
      return { type: w.type, step, actor: person(w.role!) };
  }
}
