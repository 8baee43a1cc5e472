import type { StatementChain } from "@machines/statement";
import type { CompiledPlaybook } from "@machines/playbook";
import type { Stage } from "./statement-words";
import { stageOfPurpose } from "./statement-words";

// What a crisis's pinned playbook asks of its statements: the cells each statement step
// needs (purpose, audiences, channels, languages) and the chain its approval step names.
// A cell the playbook does not name still needs one approval by a commander or a trust &
// safety lead: nothing goes out unapproved.

export const DEFAULT_CHAIN: StatementChain = { roles: ["crisis_commander", "trust_safety_lead"], count: 1 };

export type StatementStepSpec = {
  step: string;
  title: string;
  stage: Stage;
  audiences: string[];
  channels: string[];
  languages: string[];
  drafter: string;
  chain: StatementChain;
};

export function statementSteps(compiled: CompiledPlaybook): StatementStepSpec[] {
  const nodes = [...compiled.plan.nodes.values()];
  return nodes.flatMap((node): StatementStepSpec[] => {
    const step = node.step;
    if (!step || step.kind !== "statement") return [];
    const stage = stageOfPurpose(step.purpose);
    if (!stage) return [];
    const approval = compiled.plan.nodes.get(step.approval)?.step;
    const chain = approval?.kind === "approval" ? { roles: approval.approvers, count: approval.count } : DEFAULT_CHAIN;
    return [{ step: step.id, title: step.title, stage, audiences: step.audiences, channels: step.channels, languages: step.languages, drafter: step.owner, chain }];
  });
}

export type Cell = { stage: Stage; audience: string; channel: string; language: string };

/** The playbook step that requires a cell (the first in the plan's order), if any. */
export function stepForCell(steps: StatementStepSpec[], cell: Cell): StatementStepSpec | null {
  return steps.find((s) => s.stage === cell.stage && s.audiences.includes(cell.audience) && s.channels.includes(cell.channel) && s.languages.includes(cell.language)) ?? null;
}
