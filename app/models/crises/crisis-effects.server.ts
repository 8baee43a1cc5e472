import type { Tx } from "~/utils/db.server";
import type { EffectHandlers } from "../workflow/subject-kind";
import { refreshCrisisFactor } from "../cases/crisis-priority.server";
import { cancelTimers, replaceTimer, scheduleTimer } from "../workflow/timers.server";
import type { CrisisEffect } from "./crisis-events";
import { holdersOf, noticeTo, pageRoles } from "./crisis-pages.server";
import { openReview, REVIEW_EFFECTS } from "./crisis-review-effects.server";
import { stepTitle } from "./crisis-refusals";
import type { CrisisApplying } from "./crisis-subject.server";
import { CRISIS_ROLES, reminderLeadMs } from "./crisis-words";

// One handler per effect a crisis step can ask for: the playbook's (pages, tasks, timers,
// the statements and approvals of issue "One voice in a crisis", which are audited here and
// carried out there) and the room's (roles, cadence, tasks by hand, links). Each runs in the
// transaction of the event that asked for it.

export const STEP_TIMER = "crisis_step";
export const UPDATE_REMINDER = "crisis_update_reminder";
export const UPDATE_OVERDUE = "crisis_update_overdue";

const subjectOf = (a: CrisisApplying) => ({ type: "crisis" as const, id: a.locked.id });
const crisisOf = (a: CrisisApplying) => ({ id: a.locked.id, ref: a.locked.ref, title: a.locked.row?.title ?? (a.command.event.type === "DECLARE" ? a.command.event.title : a.locked.ref) });
const userIdOf = (a: CrisisApplying) => (a.command.actor.kind === "user" ? a.command.actor.id : null);
const nothing = async () => {};

/** The step's open task, finished (by the person who acted, with their answer). */
async function finishStepTask(tx: Tx, a: CrisisApplying, step: string, answer: string | null) {
  await tx.crisisTask.updateMany({
    where: { crisisId: a.locked.id, step, status: { not: "done" } },
    data: { status: "done", answer, doneAt: a.at, updatedAt: a.at, blockedReason: null, ...(userIdOf(a) ? { ownerId: userIdOf(a) } : {}) },
  });
}

async function createTask(tx: Tx, a: CrisisApplying, input: { step: string | null; title: string; role: string; dueAt?: Date | null }) {
  await tx.crisisTask.create({ data: { crisisId: a.locked.id, step: input.step, title: input.title, role: input.role, dueAt: input.dueAt ?? null, createdAt: a.at, updatedAt: a.at } });
}

export const CRISIS_EFFECTS: EffectHandlers<CrisisEffect, CrisisApplying> = {
  "phase.entered": nothing,
  "step.entered": nothing,
  async page(tx, effect, a) {
    const why = effect.reason === "deadline" ? `“${stepTitle(a.locked.compiled, effect.step)}” is overdue` : stepTitle(a.locked.compiled, effect.step);
    await pageRoles(tx, crisisOf(a), effect.roles, why, a.at);
  },
  "task.create": (tx, effect, a) => createTask(tx, a, { step: effect.step, title: effect.title, role: effect.role }),
  "task.done": (tx, effect, a) => finishStepTask(tx, a, effect.step, effect.answer),
  async "task.reassign"(tx, effect, a) {
    await tx.crisisTask.updateMany({ where: { crisisId: a.locked.id, step: effect.step, status: { not: "done" } }, data: { role: effect.role, ownerId: null, updatedAt: a.at } });
  },
  "statement.draft": (tx, effect, a) => createTask(tx, a, { step: effect.step, title: stepTitle(a.locked.compiled, effect.step), role: effect.role }),
  "statement.drafted": (tx, effect, a) => finishStepTask(tx, a, effect.statement, null),
  "approval.request": (tx, effect, a) => createTask(tx, a, { step: effect.step, title: stepTitle(a.locked.compiled, effect.step), role: effect.roles[0] }),
  async "approval.given"(tx, effect, a) {
    if (effect.remaining === 0) await finishStepTask(tx, a, effect.step, "approved");
  },
  "approval.rejected": (tx, effect, a) => finishStepTask(tx, a, effect.step, "rejected"),
  "statement.approved": nothing,
  "publish.request": (tx, effect, a) => createTask(tx, a, { step: effect.step, title: stepTitle(a.locked.compiled, effect.step), role: effect.role }),
  // The statements went out on the statements panel, which stepped the playbook (docs/decisions/0024).
  "statement.publish": (tx, effect, a) => finishStepTask(tx, a, effect.step, null),
  "statement.withheld": (tx, effect, a) => finishStepTask(tx, a, effect.step, "withheld"),
  "deadline.passed": nothing,
  async "timer.schedule"(tx, effect, a) {
    const dueAt = new Date(a.at.getTime() + effect.delayMs);
    await cancelStepTimer(tx, a, effect.key);
    await scheduleTimer(tx, { subject: subjectOf(a), kind: STEP_TIMER, event: { type: "TIMER", key: effect.key }, dueAt, now: a.at });
    if (effect.purpose === "deadline") await tx.crisisTask.updateMany({ where: { crisisId: a.locked.id, step: effect.step, status: { not: "done" } }, data: { dueAt } });
  },
  "timer.cancel": (tx, effect, a) => cancelStepTimer(tx, a, effect.key),
  async "crisis.resolved"(tx, _effect, a) {
    await cancelTimers(tx, subjectOf(a), [UPDATE_REMINDER, UPDATE_OVERDUE]);
    await tx.crisis.update({ where: { id: a.locked.id }, data: { nextUpdateDueAt: null } });
    await openReview(tx, a.locked.id, a.at);
    // No longer active: its cases stop climbing.
    await refreshCrisisFactor(tx, [...a.locked.room.linkedCaseIds]);
  },
  "review.completed": (tx, _effect, a) => finishStepTask(tx, a, "review", null),

  "crisis.declared": nothing,
  async "role.assigned"(tx, effect, a) {
    // One commander at a time: taking command ends the last one's.
    if (effect.role === "commander") await tx.crisisRole.updateMany({ where: { crisisId: a.locked.id, role: "commander", until: null }, data: { until: a.at } });
    await tx.crisisRole.create({ data: { crisisId: a.locked.id, role: effect.role, userId: effect.userId, since: a.at, note: effect.note } });
    if (effect.userId !== userIdOf(a)) {
      const title = `${a.locked.ref}: you are now ${CRISIS_ROLES[effect.role].label.toLowerCase()}`;
      await noticeTo(tx, [effect.userId], { crisisRef: a.locked.ref, kind: "crisis_role", title, body: effect.note ?? "", at: a.at });
    }
  },
  async "update.promised"(tx, effect, a) {
    const dueAt = new Date(effect.dueAt);
    await tx.crisis.update({ where: { id: a.locked.id }, data: { nextUpdateDueAt: dueAt, updateEveryMinutes: effect.minutes } });
    const event = { dueAt: effect.dueAt };
    const remindAt = new Date(Math.max(a.at.getTime(), dueAt.getTime() - reminderLeadMs(effect.minutes)));
    await replaceTimer(tx, { subject: subjectOf(a), kind: UPDATE_REMINDER, event: { type: "UPDATE_REMINDER", ...event }, dueAt: remindAt, now: a.at });
    await replaceTimer(tx, { subject: subjectOf(a), kind: UPDATE_OVERDUE, event: { type: "UPDATE_OVERDUE", ...event }, dueAt, now: a.at });
  },
  async "update.remind"(tx, effect, a) {
    const people = await holdersOf(tx, a.locked.id, "comms_lead");
    const title = `${a.locked.ref}: the next update is due at ${effect.dueAt.slice(11, 16)} UTC`;
    await noticeTo(tx, people, { crisisRef: a.locked.ref, kind: "crisis_update_due", title, body: crisisOf(a).title, at: a.at });
  },
  async "update.overdue"(tx, effect, a) {
    await pageRoles(tx, crisisOf(a), ["commander"], `the update promised for ${effect.dueAt.slice(11, 16)} UTC is late`, a.at);
  },
  "task.added": (tx, effect, a) => createTask(tx, a, { step: null, title: effect.title, role: CRISIS_ROLES[effect.role].accountRole ?? effect.role, dueAt: effect.dueAt ? new Date(effect.dueAt) : null }),
  async "task.moved"(tx, effect, a) {
    // Whoever works a task takes it on; an action item keeps the owner the review gave it.
    const actionItem = a.locked.room.tasks.some((t) => t.id === effect.taskId && t.actionItem);
    await tx.crisisTask.update({
      where: { id: effect.taskId },
      data: { status: effect.status, blockedReason: effect.reason, answer: effect.answer, updatedAt: a.at, ...(effect.status === "done" ? { doneAt: a.at } : {}), ...(userIdOf(a) && !actionItem ? { ownerId: userIdOf(a) } : {}) },
    });
  },
  "room.page": (tx, effect, a) => pageRoles(tx, crisisOf(a), [effect.role], effect.note, a.at).then(() => {}),
  async "case.linked"(tx, effect, a) {
    await tx.crisisCase.create({ data: { crisisId: a.locked.id, caseId: effect.caseId, linkedById: userIdOf(a), linkedAt: a.at } });
    await refreshCrisisFactor(tx, [effect.caseId]);
  },
  ...REVIEW_EFFECTS,
};

/**
 * A playbook timer is one of several of its kind: it is cancelled by its key. The timer
 * being fired is left to the write path, which settles it as fired: a wait that ends
 * leaves its step, and cancelling its own timer would roll the event back.
 */
async function cancelStepTimer(tx: Tx, a: CrisisApplying, key: string) {
  const firing = a.command.firingTimerId;
  await tx.timer.updateMany({
    where: { subjectType: "crisis", subjectId: a.locked.id, kind: STEP_TIMER, event: JSON.stringify({ type: "TIMER", key }), status: "pending", ...(firing ? { id: { not: firing } } : {}) },
    data: { status: "cancelled", lockedBy: null, lockedUntil: null },
  });
}
