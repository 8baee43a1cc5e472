// The named guards and actions a compiled playbook uses. Steps are looked up by id from the
// playbook they were compiled from, so the machine's configuration stays plain data.
import { assign, emit, enqueueActions } from "xstate";
import { allSteps, effectiveSeverity, factsFit, matches } from "./conditions";
import type { ApprovalStep, Playbook, Step } from "./format";
import { REVIEW } from "./format";
import type { PlaybookContext, PlaybookEffect, PlaybookEvent, PlaybookInput } from "./types";
import { PLAYBOOK_SYSTEM_ROLE } from "./types";

type Args = { context: PlaybookContext; event: PlaybookEvent };
type StepParams = { step: string };

/** Roles that may act on a step now: a deadline's hand-off replaces the written ones. */
export function rolesFor(playbook: Playbook, step: Step | "review", context: PlaybookContext): string[] {
  const id = step === "review" ? REVIEW : step.id;
  const handed = context.handedTo[id];
  if (handed) return [handed];
  if (step === "review") return [playbook.review.owner];
  switch (step.kind) {
    case "task":
    case "statement":
      return [step.owner];
    case "approval":
      return step.approvers;
    case "page":
      return step.roles;
    case "publish": {
      // Whoever drafts the statement sends it.
      const statement = allSteps(playbook).find((s) => s.id === step.statement);
      return statement?.kind === "statement" ? [statement.owner] : [];
    }
    default:
      return [];
  }
}

export function initialContext(playbook: Playbook, input: PlaybookInput | undefined): PlaybookContext {
  // XState's pure transition() builds a throwaway actor without input on every call; a
  // context it never uses must not cost an exception each time.
  const { type, severity, linkedCases } = input?.facts ?? { type: playbook.crisisTypes[0], severity: playbook.severity.levels[0], linkedCases: 0 };
  return {
    facts: { type, severity: effectiveSeverity(playbook, type, severity, linkedCases), linkedCases },
    reportedSeverity: severity,
    answers: {},
    handedTo: {},
    authors: {},
    drafted: [],
    approved: [],
    approvals: {},
  };
}

/** The statements each approval step approves (those that name it), looked up by approval id. */
export function statementsByApproval(steps: ReadonlyMap<string, Step>): (approval: string) => string[] {
  const index = new Map<string, string[]>();
  for (const s of steps.values()) if (s.kind === "statement") index.set(s.approval, [...(index.get(s.approval) ?? []), s.id]);
  return (approval) => index.get(approval) ?? [];
}

export function implementations(playbook: Playbook, steps: Map<string, Step>) {
  const statementsApprovedBy = statementsByApproval(steps);
  const stepOf = (id: string) => (id === REVIEW ? ("review" as const) : steps.get(id)!);
  const actsOn = (event: PlaybookEvent, id: string, type: PlaybookEvent["type"]) => event.type === type && "step" in event && event.step === id;
  const holdsRole = (context: PlaybookContext, event: PlaybookEvent, id: string) => event.actor.roles.some((r) => rolesFor(playbook, stepOf(id), context).includes(r));

  const canApprove = ({ context, event }: Args, { step }: StepParams) => {
    if (!actsOn(event, step, "APPROVE") || !holdsRole(context, event, step)) return false;
    if ((context.approvals[step] ?? []).includes(event.actor.id)) return false;
    // Never the author of what is approved.
    return !statementsApprovedBy(step).some((s) => context.authors[s] === event.actor.id);
  };
  const canReject = ({ context, event }: Args, { step }: StepParams) => actsOn(event, step, "REJECT") && holdsRole(context, event, step);

  const guards = {
    canComplete: ({ context, event }: Args, { step }: StepParams) => {
      if (!actsOn(event, step, "COMPLETE") || !holdsRole(context, event, step) || event.type !== "COMPLETE") return false;
      const answers = step === REVIEW ? undefined : (steps.get(step) as Extract<Step, { kind: "task" }>).answers;
      return answers ? event.answer !== undefined && answers.includes(event.answer) : event.answer === undefined;
    },
    canDraft: ({ context, event }: Args, { step }: StepParams) => actsOn(event, step, "DRAFT") && holdsRole(context, event, step),
    canAcknowledge: ({ context, event }: Args, { step }: StepParams) => actsOn(event, step, "ACKNOWLEDGE") && holdsRole(context, event, step),
    canPublish: ({ context, event }: Args, { step }: StepParams) => actsOn(event, step, "PUBLISH") && holdsRole(context, event, step),
    canPublishApproved: ({ context, event }: Args, { step, statement }: StepParams & { statement: string }) =>
      actsOn(event, step, "PUBLISH") && holdsRole(context, event, step) && context.approved.includes(statement),
    canApprove,
    canReject,
    isFinalApproval: (args: Args, params: StepParams) =>
      canApprove(args, params) && (args.context.approvals[params.step]?.length ?? 0) + 1 >= (steps.get(params.step) as ApprovalStep).count,
    isTimer: ({ event }: Args, { key }: { key: string }) => event.type === "TIMER" && event.key === key && event.actor.roles.includes(PLAYBOOK_SYSTEM_ROLE),
    factsFit: ({ context, event }: Args) => event.type === "FACTS" && factsFit(playbook, { ...context.facts, severity: context.reportedSeverity, ...event.facts }),
  };
  // One named guard per decision branch ("how_wide#1"): a diagram or a trace names the branch.
  const decisionGuards: Record<string, (args: Args) => boolean> = {};
  for (const step of steps.values()) {
    if (step.kind !== "decision") continue;
    step.branches.forEach((branch, i) => {
      decisionGuards[`${step.id}#${i + 1}`] = ({ context }: Args) => matches(branch.when, context.facts, context.answers);
    });
  }

  const actions = {
    announce: emit((_: Args, { effect }: { effect: PlaybookEffect }) => effect),
    updateFacts: assign(({ context, event }: Args) => {
      if (event.type !== "FACTS") return {};
      const type = event.facts.type ?? context.facts.type;
      const reported = event.facts.severity ?? context.reportedSeverity;
      const linkedCases = event.facts.linkedCases ?? context.facts.linkedCases;
      return { facts: { type, severity: effectiveSeverity(playbook, type, reported, linkedCases), linkedCases }, reportedSeverity: reported };
    }),
    // A step entered again starts afresh: its hand-off and approvals so far are forgotten.
    resetStep: assign(({ context }: Args, { step }: StepParams) => {
      const { [step]: _handed, ...handedTo } = context.handedTo;
      const { [step]: _approvals, ...approvals } = context.approvals;
      return { handedTo, approvals };
    }),
    completeTask: enqueueActions(({ context, event, enqueue }: Args & { enqueue: EnqueueLike }, { step }: StepParams) => {
      if (event.type !== "COMPLETE") return;
      if (event.answer !== undefined) enqueue.assign({ answers: { ...context.answers, [step]: event.answer } });
      enqueue.emit(step === REVIEW ? { type: "review.completed", by: event.actor.id } : { type: "task.done", step, by: event.actor.id, answer: event.answer ?? null });
    }),
    recordDraft: enqueueActions(({ context, event, enqueue }: Args & { enqueue: EnqueueLike }, { step }: StepParams) => {
      enqueue.assign({
        drafted: context.drafted.includes(step) ? context.drafted : [...context.drafted, step],
        // A new draft needs a new approval.
        approved: context.approved.filter((s) => s !== step),
        authors: { ...context.authors, [step]: event.actor.id },
      });
      enqueue.emit({ type: "statement.drafted", statement: step, by: event.actor.id });
    }),
    recordApproval: enqueueActions(({ context, event, enqueue }: Args & { enqueue: EnqueueLike }, { step }: StepParams) => {
      const approvers = [...(context.approvals[step] ?? []), event.actor.id];
      enqueue.assign({ approvals: { ...context.approvals, [step]: approvers } });
      const remaining = Math.max(0, (steps.get(step) as ApprovalStep).count - approvers.length);
      enqueue.emit({ type: "approval.given", step, by: event.actor.id, remaining });
      if (remaining > 0) return;
      // Only a statement drafted by now is approved; approving a draft that does not exist approves nothing.
      const approved = statementsApprovedBy(step).filter((s) => context.drafted.includes(s));
      enqueue.assign({ approved: [...context.approved.filter((s) => !approved.includes(s)), ...approved] });
      for (const statement of approved) enqueue.emit({ type: "statement.approved", statement, approval: step });
    }),
    recordRejection: enqueueActions(({ context, event, enqueue }: Args & { enqueue: EnqueueLike }, { step }: StepParams) => {
      const statements = statementsApprovedBy(step);
      enqueue.assign({ approved: context.approved.filter((s) => !statements.includes(s)) });
      enqueue.emit({ type: "approval.rejected", step, by: event.actor.id, statements });
    }),
    handOff: assign(({ context }: Args, { step, role }: { step: string; role: string }) => ({ handedTo: { ...context.handedTo, [step]: role } })),
  };
  return { guards: { ...guards, ...decisionGuards }, actions };
}

interface EnqueueLike {
  assign: (update: Partial<PlaybookContext>) => void;
  emit: (effect: PlaybookEffect) => void;
}
