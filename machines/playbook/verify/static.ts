// Checks of the text that need no search: references, names that must exist, deadlines
// written half or with a duration that is not positive, and the warnings about style.
import { parseDuration } from "../durations";
import type { Finding } from "../findings";
import { finding } from "../findings";
import type { Step } from "../format";
import { RESOLVED, REVIEW } from "../format";
import type { SourceMap } from "../parse";
import { nearestLine } from "../parse";
import type { Plan } from "../plan";
import type { PlaybookWorld } from "../world";
import { fallbackChain } from "../world";

export function staticFindings(plan: Plan, world: PlaybookWorld, source: SourceMap | null): Finding[] {
  const { playbook } = plan;
  const out: Finding[] = [];
  const lineAt = (path: (string | number)[]) => (source ? nearestLine(source, path) : null);
  const report = (code: Parameters<typeof finding>[0], stepId: string | null, path: (string | number)[], message: string) =>
    out.push(finding(code, { stepId, line: lineAt(path), message }));

  for (const p of plan.problems) {
    const code = p.kind === "target_out_of_scope" && p.deadline ? "deadline_target_unreachable" : p.kind;
    report(code, p.nodeId, p.path, p.message);
  }
  const roles = new Set(world.roles);
  const checkRoles = (stepId: string, path: (string | number)[], names: readonly string[], what: string) => {
    for (const role of names) if (!roles.has(role)) report("unknown_role", stepId, path, `${label(stepId)} names ${role} as ${what}, but Vigil has no role ${role}.`);
  };
  for (const type of playbook.crisisTypes) {
    if (world.crisisTypes && !world.crisisTypes.includes(type)) report("unknown_crisis_type", null, ["crisisTypes"], `The playbook is for crisis type ${type}, which Vigil does not know.`);
  }
  checkRoles(REVIEW, ["review", "owner"], [playbook.review.owner], "the review's owner");
  checkDeadline(REVIEW, playbook.review, ["review"]);

  const steps = new Map([...plan.nodes.values()].flatMap((n) => (n.step ? [[n.id, n.step] as const] : [])));
  for (const id of plan.order) {
    const node = plan.nodes.get(id)!;
    const step = node.step;
    if (!step) continue;
    const at = (...rest: (string | number)[]) => [...node.path, ...rest];
    switch (step.kind) {
      case "task":
        checkRoles(id, at("owner"), [step.owner], "its owner");
        break;
      case "approval":
        checkRoles(id, at("approvers"), step.approvers, "an approver");
        break;
      case "page":
        checkRoles(id, at("roles"), step.roles, "a role to page");
        break;
      case "statement":
        checkRoles(id, at("owner"), [step.owner], "its drafter");
        checkStatement(step, at);
        break;
      case "publish": {
        const target = steps.get(step.statement);
        if (target?.kind !== "statement") report("bad_reference", id, at("statement"), `Step ${id} publishes ${step.statement}, which is not a statement step.`);
        break;
      }
      case "wait":
        if ((parseDuration(step.for) ?? 0) <= 0) report("deadline_not_positive", id, at("for"), `Step ${id} waits ${step.for}; a wait must last longer than nothing.`);
        break;
      case "decision":
        step.branches.forEach((branch, i) => {
          for (const type of branch.when.type ?? []) {
            if (!playbook.crisisTypes.includes(type)) report("unknown_crisis_type", id, at("branches", i, "when", "type"), `Decision ${id} asks whether the crisis is ${type}, but this playbook is not for ${type}.`);
          }
          const answer = branch.when.answer;
          if (!answer) return;
          const task = steps.get(answer.step);
          if (task?.kind !== "task" || !task.answers) {
            report("bad_reference", id, at("branches", i, "when", "answer"), `Decision ${id} reads the answer of ${answer.step}, which is not a task that records an answer.`);
          } else {
            for (const value of answer.is) {
              if (!task.answers.includes(value)) report("bad_reference", id, at("branches", i, "when", "answer"), `Decision ${id} looks for the answer ${value}, but ${answer.step} can only answer ${task.answers.join(", ")}.`);
            }
          }
        });
        break;
      case "parallel":
        step.tracks.forEach((track, t) => {
          if (track.steps.length === 0) out.push(finding("empty_track", { stepId: id, line: lineAt(at("tracks", t)), message: `Track ${track.id} of ${id} has no steps; it finishes at once.` }));
        });
        break;
    }
    if ("due" in step || "onDue" in step) checkDeadline(id, step as DeadlineStep, node.path);
    if (playbook.severity.levels.includes("critical") && waitsForSomeone(step) && !("due" in step && step.due)) {
      out.push(finding("no_deadline", { stepId: id, line: lineAt(node.path), message: `Step ${id} has no deadline, in a playbook for critical crises: nobody is told if it stalls.` }));
    }
  }
  if (playbook.severity.levels.includes("critical") && !playbook.review.due) {
    out.push(finding("no_deadline", { stepId: REVIEW, line: lineAt(["review"]), message: "The review has no deadline, in a playbook for critical crises." }));
  }
  playbook.phases.forEach((phase, p) => {
    if (phase.steps.length === 0) out.push(finding("empty_phase", { stepId: null, line: lineAt(["phases", p]), message: `Phase ${phase.id} has no steps.` }));
  });
  return out;

  function checkStatement(step: Extract<Step, { kind: "statement" }>, at: (...rest: (string | number)[]) => (string | number)[]) {
    const purpose = world.purposes[step.purpose];
    const approval = steps.get(step.approval);
    if (approval?.kind !== "approval") report("bad_reference", step.id, at("approval"), `Statement ${step.id} needs approval ${step.approval}, which is not an approval step.`);
    for (const language of step.languages) {
      if (!world.languages.includes(language)) report("unknown_language", step.id, at("languages"), `Statement ${step.id} is to be written in ${language}, which Vigil does not offer.`);
    }
    for (const audience of step.audiences) {
      if (world.audiences && !world.audiences.includes(audience)) report("unknown_audience", step.id, at("audiences"), `Statement ${step.id} addresses ${audience}, which is not an audience Vigil knows.`);
    }
    if (!purpose) {
      report("unknown_purpose", step.id, at("purpose"), `Statement ${step.id} has the purpose ${step.purpose}, which is not a template purpose.`);
      return;
    }
    for (const channel of step.channels) {
      if (!purpose.channels.includes(channel)) report("unknown_channel", step.id, at("channels"), `Statement ${step.id} goes out on ${channel}, but ${step.purpose} is sent only on ${purpose.channels.join(", ")}.`);
    }
    if (!world.templates) return;
    const fallbackTo = world.defaultLanguage ?? "en";
    const has = (channel: string, language: string) => world.templates!.some((t) => t.purpose === step.purpose && t.channel === channel && t.language === language);
    for (const language of step.languages) {
      const missing = step.channels.filter((c) => purpose.channels.includes(c) && !has(c, language));
      if (missing.length === 0 || !world.languages.includes(language)) continue;
      const fallbacks = missing.map((c) => fallbackChain(language, fallbackTo).find((l) => has(c, l)) ?? null);
      const used = [...new Set(fallbacks)];
      const then = used.every((l) => l !== null) ? `Vigil will use the ${used.join(" / ")} template instead` : "and no fallback language has one: it must be written by hand";
      out.push(finding("template_fallback", { stepId: step.id, line: lineAt(at("languages")), message: `Statement ${step.id} has no approved ${step.purpose} template in ${language} for ${missing.join(", ")}; ${then}.` }));
    }
  }

  function checkDeadline(stepId: string, step: DeadlineStep, path: (string | number)[]) {
    const at = (...rest: (string | number)[]) => [...path, ...rest];
    if (step.due !== undefined && (parseDuration(step.due) ?? 0) <= 0) {
      report("deadline_not_positive", stepId, at("due"), `${label(stepId)} is due in ${step.due}; a deadline must be later than the step's start.`);
    }
    if (step.due !== undefined && !step.onDue) report("deadline_incomplete", stepId, at("due"), `${label(stepId)} has a deadline but no onDue: say whom to page, whom to hand it to, or where to move.`);
    if (step.onDue && step.due === undefined) report("deadline_incomplete", stepId, at("onDue"), `${label(stepId)} says what to do when its deadline passes, but has no due time.`);
    const onDue = step.onDue;
    if (!onDue) return;
    if ("page" in onDue) {
      if (onDue.page.length === 0) report("deadline_incomplete", stepId, at("onDue", "page"), `${label(stepId)}'s deadline pages nobody.`);
      checkRoles(stepId, at("onDue", "page"), onDue.page, "a role to page when the deadline passes");
    }
    if ("handTo" in onDue) checkRoles(stepId, at("onDue", "handTo"), [onDue.handTo], "the role its step is handed to");
    if ("goto" in onDue && onDue.goto === RESOLVED) {
      report("deadline_target_finished", stepId, at("onDue", "goto"), `${label(stepId)}'s deadline would end the crisis: a timer running out must never be what resolves it.`);
    }
  }
}

type DeadlineStep = { due?: string; onDue?: Extract<Step, { kind: "task" }>["onDue"] };

const label = (stepId: string) => (stepId === REVIEW ? "The review" : `Step ${stepId}`);

function waitsForSomeone(step: Step): boolean {
  return step.kind === "task" || step.kind === "approval" || step.kind === "statement" || (step.kind === "page" && step.acknowledge);
}
