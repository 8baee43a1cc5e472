import crypto from "node:crypto";
import { z } from "zod";
import { parseJsonAs } from "~/utils/json";
import type { Tx } from "~/utils/db.server";
import type { EffectHandlers } from "../workflow/subject-kind";
import { scheduleTimer } from "../workflow/timers.server";
import { noticeTo } from "./crisis-pages.server";
import type { ReviewEffect } from "./crisis-review-events";
import type { CrisisApplying } from "./crisis-subject.server";

// The review's effects, each in the transaction of the event that asked for it: the review
// row written and moved, action items as tasks of the crisis with their reminders as rows
// of the one timer table (fired back as ACTION_ITEM_REMINDER events; moved with the due
// date, cancelled when the item is done, set again when it is reopened; one that fires for
// an item changed meanwhile is refused and settled as cancelled), and the owner's reminder
// in the inbox.

export const ACTION_ITEM_TIMER = "crisis_action_item";

/** The review opens with the resolution (a crisis resolved before reviews existed gets one on its first write). */
export async function openReview(tx: Tx, crisisId: string, at: Date) {
  await tx.crisisReview.upsert({ where: { crisisId }, create: { crisisId, openedAt: at, updatedAt: at }, update: {} });
}

export const REVIEW_EFFECTS: EffectHandlers<ReviewEffect, CrisisApplying> = {
  async "review.written"(tx, _effect, a) {
    const body = a.command.event;
    if (body.type !== "WRITE_REVIEW") return;
    const text = { whatHappened: body.whatHappened, wentWell: body.wentWell, toChange: body.toChange, updatedAt: a.at };
    await tx.crisisReview.upsert({ where: { crisisId: a.locked.id }, create: { crisisId: a.locked.id, openedAt: a.at, ...text }, update: text });
  },
  async "review.moved"(tx, effect, a) {
    await openReview(tx, a.locked.id, a.at);
    const signer = a.command.actor.kind === "user" ? a.command.actor.id : null;
    const stamps =
      effect.status === "in_review"
        ? { submittedAt: a.at }
        : effect.status === "completed"
          ? { signedOffById: signer, signedOffAt: a.at, signOffNote: effect.note }
          : { submittedAt: null };
    await tx.crisisReview.update({ where: { crisisId: a.locked.id }, data: { status: effect.status, updatedAt: a.at, ...stamps } });
  },
  async "action_item.added"(tx, effect, a) {
    const id = crypto.randomUUID();
    await tx.crisisTask.create({ data: { id, crisisId: a.locked.id, actionItem: true, title: effect.title, role: "action_item", ownerId: effect.ownerId, dueAt: new Date(effect.dueAt), createdAt: a.at, updatedAt: a.at } });
    await scheduleReminders(tx, a, id, effect.dueAt);
    await tellOwner(tx, a, effect.ownerId, effect.title, effect.dueAt);
  },
  async "action_item.changed"(tx, effect, a) {
    await tx.crisisTask.update({ where: { id: effect.taskId }, data: { title: effect.title, ownerId: effect.ownerId, dueAt: new Date(effect.dueAt), updatedAt: a.at } });
    // The reminders move with the due date; a new owner hears of it, and is reminded from now on.
    if (effect.dueAt !== effect.from.dueAt) {
      await cancelReminders(tx, a.locked.id, effect.taskId);
      await scheduleReminders(tx, a, effect.taskId, effect.dueAt);
    }
    if (effect.ownerId !== effect.from.ownerId) await tellOwner(tx, a, effect.ownerId, effect.title, effect.dueAt);
  },
  async "action_item.reopened"(tx, effect, a) {
    await tx.crisisTask.update({ where: { id: effect.taskId }, data: { status: "open", doneAt: null, answer: null, updatedAt: a.at } });
    if (effect.dueAt) await scheduleReminders(tx, a, effect.taskId, effect.dueAt);
  },
  "action_item.closed": (tx, effect, a) => cancelReminders(tx, a.locked.id, effect.taskId),
  async "action_item.remind"(tx, effect, a) {
    const task = await tx.crisisTask.findUnique({ where: { id: effect.taskId }, select: { title: true, ownerId: true, dueAt: true } });
    if (!task?.ownerId) return;
    const due = task.dueAt?.toISOString().slice(0, 10) ?? "";
    const title = effect.when === "due" ? `${a.locked.ref}: your action item is due today (${due})` : `${a.locked.ref}: your action item is due tomorrow (${due})`;
    await noticeTo(tx, [task.ownerId], { crisisRef: a.locked.ref, kind: "crisis_action_item", title, body: task.title, at: a.at });
  },
};

/** The morning (09:00 UTC) of the day before, when still ahead, and of the day it is due (due by its end; at once if that morning has passed). Nothing once the day is over. */
async function scheduleReminders(tx: Tx, a: CrisisApplying, taskId: string, dueAtIso: string) {
  const dueAt = new Date(dueAtIso);
  if (dueAt <= a.at) return;
  const subject = { type: "crisis" as const, id: a.locked.id };
  const dayStart = Date.UTC(dueAt.getUTCFullYear(), dueAt.getUTCMonth(), dueAt.getUTCDate());
  const before = new Date(dayStart - 15 * 3_600_000);
  const onTheDay = new Date(Math.max(a.at.getTime(), dayStart + 9 * 3_600_000));
  const event = (when: "before" | "due") => ({ type: "ACTION_ITEM_REMINDER", taskId, dueAt: dueAtIso, when });
  if (before > a.at) await scheduleTimer(tx, { subject, kind: ACTION_ITEM_TIMER, event: event("before"), dueAt: before, now: a.at });
  await scheduleTimer(tx, { subject, kind: ACTION_ITEM_TIMER, event: event("due"), dueAt: onTheDay, now: a.at });
}

const Reminder = z.object({ taskId: z.string() });

/** An action item's reminders still pending, cancelled in the one timer table. */
async function cancelReminders(tx: Tx, crisisId: string, taskId: string) {
  const pending = await tx.timer.findMany({ where: { subjectType: "crisis", subjectId: crisisId, kind: ACTION_ITEM_TIMER, status: "pending" }, select: { id: true, event: true } });
  const ids = pending.filter((t) => parseJsonAs(Reminder, t.event)?.taskId === taskId).map((t) => t.id);
  if (ids.length > 0) await tx.timer.updateMany({ where: { id: { in: ids }, status: "pending" }, data: { status: "cancelled", lockedBy: null, lockedUntil: null } });
}

async function tellOwner(tx: Tx, a: CrisisApplying, ownerId: string, title: string, dueAt: string) {
  if (ownerId === (a.command.actor.kind === "user" ? a.command.actor.id : null)) return;
  await noticeTo(tx, [ownerId], { crisisRef: a.locked.ref, kind: "crisis_action_item", title: `${a.locked.ref}: an action item for you, due ${dueAt.slice(0, 10)}`, body: title, at: a.at });
}
