// A playbook version → an XState machine: phases as compound states, tracks as parallel
// regions, decisions as named guards, effects emitted as data. No `after`: deadlines and
// waits are durable timers the server schedules and fires back as TIMER events, because an
// `after` timer is lost when a snapshot is persisted and restored (statelyai/xstate#5331).
import { setup } from "xstate";
import type { SnapshotFrom } from "xstate";
import { parseDuration } from "./durations";
import type { Playbook, Step } from "./format";
import { RESOLVED, REVIEW, REVIEWED } from "./format";
import { canonicalJson, sha256Hex } from "./hash";
import { implementations, statementsByApproval } from "./implementations";
import type { Plan, PlanNode } from "./plan";
import { buildPlan, emptyPhaseNode, trackEnd } from "./plan";
import type { PlaybookContext, PlaybookEffect, PlaybookEvent, PlaybookInput } from "./types";
import { timerKey } from "./types";
import { initialContext } from "./implementations";

type Action = string | { type: string; params?: unknown };
type Transition = { target?: string; guard?: string | { type: string; params: unknown }; actions?: Action[] };
type StateConfig = Record<string, unknown>;

const to = (nodeId: string) => `#${nodeId}`;
const announce = (effect: PlaybookEffect): Action => ({ type: "announce", params: { effect } });
const scheduled = (step: string, purpose: "deadline" | "wait", delayMs: number) =>
  announce({ type: "timer.schedule", key: timerKey(step, purpose), step, purpose, delayMs });

/** The machine a playbook compiles to, and what identifies it. */
export interface CompiledPlaybook {
  /** SHA-256 of the canonical version: stored with every crisis snapshot. */
  hash: string;
  playbook: Playbook;
  plan: Plan;
  machine: ReturnType<typeof buildMachine>;
}
export type PlaybookSnapshot = SnapshotFrom<CompiledPlaybook["machine"]>;

export function playbookHash(playbook: Playbook): string {
  return sha256Hex(canonicalJson(playbook));
}

/** Compiles a playbook whose references are sound (the verifier reports those that are not). */
export function compilePlaybook(playbook: Playbook): CompiledPlaybook {
  const plan = buildPlan(playbook);
  if (plan.problems.length > 0) throw new Error(`playbook ${playbook.key} cannot compile: ${plan.problems[0].message}`);
  const hash = playbookHash(playbook);
  return { hash, playbook, plan, machine: buildMachine(plan, hash) };
}

function buildMachine(plan: Plan, hash: string) {
  const { playbook } = plan;
  const steps = new Map<string, Step>([...plan.nodes.values()].flatMap((n) => (n.step ? [[n.id, n.step] as const] : [])));
  const { guards, actions } = implementations(playbook, steps);
  const approves = statementsByApproval(steps);
  const stateOf = (id: string): StateConfig => stepState(plan.nodes.get(id)!, steps, approves, stateOf);
  const states: Record<string, StateConfig> = {};
  for (const phase of playbook.phases) {
    const entry = [announce({ type: "phase.entered", phase: phase.id })];
    if (phase.steps.length === 0) {
      states[phase.id] = { id: emptyPhaseNode(phase.id), entry, always: { target: to(plan.nodes.get(emptyPhaseNode(phase.id))!.next!) } };
    } else {
      states[phase.id] = { id: `phase:${phase.id}`, entry, initial: phase.steps[0].id, states: Object.fromEntries(phase.steps.map((s) => [s.id, stateOf(s.id)])) };
    }
  }
  const review = playbook.review;
  const dueMs = review.due ? parseDuration(review.due) : null;
  states[RESOLVED] = {
    id: RESOLVED,
    entry: [
      announce({ type: "step.entered", step: RESOLVED }),
      announce({ type: "crisis.resolved" }),
      { type: "resetStep", params: { step: REVIEW } },
      announce({ type: "task.create", step: REVIEW, role: review.owner, title: review.title }),
      ...(dueMs !== null ? [scheduled(REVIEW, "deadline", dueMs)] : []),
    ],
    exit: dueMs !== null ? [announce({ type: "timer.cancel", key: timerKey(REVIEW, "deadline") })] : [],
    on: {
      COMPLETE: { guard: { type: "canComplete", params: { step: REVIEW } }, target: to(REVIEWED), actions: [{ type: "completeTask", params: { step: REVIEW } }] },
      ...deadlineTransition(REVIEW, review.due, review.onDue),
    },
  };
  states[REVIEWED] = { id: REVIEWED, type: "final", entry: [announce({ type: "step.entered", step: REVIEWED })] };
  Object.values(states).forEach(reentering);

  return setup({
    types: {
      context: {} as PlaybookContext,
      events: {} as PlaybookEvent,
      input: {} as PlaybookInput,
      emitted: {} as PlaybookEffect,
    },
    guards: guards as unknown as Record<string, never>,
    actions: actions as unknown as Record<string, never>,
  }).createMachine({
    // The hash names the machine: a snapshot restored into another version is refused.
    id: `playbook.${playbook.key}.${hash.slice(0, 16)}`,
    initial: playbook.phases[0].id,
    context: ({ input }: { input: PlaybookInput }) => initialContext(playbook, input),
    on: { FACTS: { guard: "factsFit", actions: "updateFacts" } },
    states,
  } as never);
}

// Moving to a step enters it afresh, even the step the crisis is at (a deadline that
// restarts it) or the parallel step around it: new task, new timer, approvals forgotten.
function reentering(state: StateConfig) {
  const mark = (t: unknown) => (Array.isArray(t) ? t.forEach(mark) : t && typeof t === "object" && "target" in t && Object.assign(t, { reenter: true }));
  Object.values((state.on ?? {}) as Record<string, unknown>).forEach(mark);
  mark(state.always);
  mark(state.onDone);
  Object.values((state.states ?? {}) as Record<string, StateConfig>).forEach(reentering);
}

function deadlineTransition(stepId: string, due: string | undefined, onDue: Extract<Step, { kind: "task" }>["onDue"]): Record<string, Transition> {
  const dueMs = due ? parseDuration(due) : null;
  if (dueMs === null || !onDue) return {};
  const guard = { type: "isTimer", params: { key: timerKey(stepId, "deadline") } };
  const passed = announce({ type: "deadline.passed", step: stepId, dueMs, then: onDue });
  if ("goto" in onDue) return { TIMER: { guard, target: to(onDue.goto), actions: [passed] } };
  if ("page" in onDue) return { TIMER: { guard, actions: [passed, announce({ type: "page", step: stepId, roles: onDue.page, reason: "deadline" })] } };
  return { TIMER: { guard, actions: [passed, { type: "handOff", params: { step: stepId, role: onDue.handTo } }, announce({ type: "task.reassign", step: stepId, role: onDue.handTo })] } };
}

function stepState(node: PlanNode, steps: Map<string, Step>, approves: (approval: string) => string[], stateOf: (id: string) => StateConfig): StateConfig {
  const step = node.step!;
  const id = step.id;
  const next = node.next ? to(node.next) : undefined;
  const entered = announce({ type: "step.entered", step: id });
  const base = (entry: Action[], on: Record<string, Transition | Transition[]>, due?: string): StateConfig => {
    const dueMs = due ? parseDuration(due) : null;
    return {
      id,
      entry: [entered, { type: "resetStep", params: { step: id } }, ...entry, ...(dueMs !== null ? [scheduled(id, "deadline", dueMs)] : [])],
      exit: dueMs !== null ? [announce({ type: "timer.cancel", key: timerKey(id, "deadline") })] : [],
      on,
    };
  };
  const byStep = (type: string) => ({ type, params: { step: id } });

  switch (step.kind) {
    case "task":
      return base([announce({ type: "task.create", step: id, role: step.owner, title: step.title })], {
        COMPLETE: { guard: byStep("canComplete"), target: next, actions: [byStep("completeTask")] },
        ...deadlineTransition(id, step.due, step.onDue),
      }, step.due);
    case "statement": {
      const cells = { purpose: step.purpose, audiences: step.audiences, channels: step.channels, languages: step.languages };
      return base([announce({ type: "statement.draft", step: id, role: step.owner, ...cells })], {
        DRAFT: { guard: byStep("canDraft"), target: next, actions: [byStep("recordDraft")] },
        ...deadlineTransition(id, step.due, step.onDue),
      }, step.due);
    }
    case "approval": {
      const statements = approves(id);
      const on: Record<string, Transition | Transition[]> = {
        APPROVE: [
          { guard: byStep("isFinalApproval"), target: next, actions: [byStep("recordApproval")] },
          { guard: byStep("canApprove"), actions: [byStep("recordApproval")] },
        ],
        ...deadlineTransition(id, step.due, step.onDue),
      };
      if (step.onReject) on.REJECT = { guard: byStep("canReject"), target: to(step.onReject), actions: [byStep("recordRejection")] };
      return base([announce({ type: "approval.request", step: id, statements, roles: step.approvers, count: step.count })], on, step.due);
    }
    case "page": {
      const page = announce({ type: "page", step: id, roles: step.roles, reason: "step" });
      if (!step.acknowledge) return { id, entry: [entered, page], always: { target: next } };
      return base([page], {
        ACKNOWLEDGE: { guard: byStep("canAcknowledge"), target: next },
        ...deadlineTransition(id, step.due, step.onDue),
      }, step.due);
    }
    case "wait": {
      const key = timerKey(id, "wait");
      return {
        id,
        entry: [entered, scheduled(id, "wait", parseDuration(step.for) ?? 0)],
        exit: [announce({ type: "timer.cancel", key })],
        on: { TIMER: { guard: { type: "isTimer", params: { key } }, target: next } },
      };
    }
    case "decision":
      return {
        id,
        entry: [entered],
        always: [
          ...step.branches.map((b, i) => ({ guard: `${id}#${i + 1}`, target: to(b.goto) })),
          ...(step.otherwise !== undefined ? [{ target: to(step.otherwise) }] : []),
        ],
      };
    case "publish": {
      // It waits until the statement went out (its drafter publishes it on the statements
      // panel, docs/decisions/0024); passed without an approval, it sends nothing.
      const statement = steps.get(step.statement) as Extract<Step, { kind: "statement" }>;
      const cells = { purpose: statement.purpose, audiences: statement.audiences, channels: statement.channels, languages: statement.languages };
      return base([announce({ type: "publish.request", step: id, statement: statement.id, role: statement.owner })], {
        PUBLISH: [
          { guard: { type: "canPublishApproved", params: { step: id, statement: statement.id } }, target: next, actions: [announce({ type: "statement.publish", statement: statement.id, step: id, ...cells })] },
          { guard: byStep("canPublish"), target: next, actions: [announce({ type: "statement.withheld", statement: statement.id, step: id })] },
        ],
      });
    }
    case "parallel":
      return {
        id,
        type: "parallel",
        entry: [entered],
        onDone: { target: next },
        states: Object.fromEntries(
          step.tracks.map((track) => [
            track.id,
            {
              id: `track:${track.id}`,
              initial: track.steps[0]?.id ?? "__done",
              states: { ...Object.fromEntries(track.steps.map((s) => [s.id, stateOf(s.id)])), __done: { id: trackEnd(track.id), type: "final" } },
            },
          ]),
        ),
      };
  }
}
