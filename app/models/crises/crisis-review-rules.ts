import type { CompiledPlaybook, PlaybookSnapshot } from "@machines/playbook";
import { applyPlaybookEvent, REVIEW } from "@machines/playbook";
import { rolesFor } from "@machines/playbook/implementations";
import type { RoomStep, RoomView } from "./crisis-room";
import type { ReviewBody } from "./crisis-review-events";

// The post-crisis review's rules (docs/decisions/0025), decided on what the locked crisis
// shows, as the room's are. Pure. The review opens when the crisis is resolved; the team
// writes it as a draft and sends it for sign-off; a trust & safety lead or leadership signs
// it off (the permission is the write path's), which completes the playbook's review step
// and closes the crisis. Action items are added while the review is open, stay open after
// the crisis closes, and may be changed, done and reopened then too; their reminders come
// while they are open.

const refuse = (refusal: string): RoomStep => ({ accepted: false, refusal });

function reviewIsOpen(room: RoomView): string | null {
  if (room.state === "active") return "The review opens when the crisis is resolved.";
  if (room.state === "closed") return "The review is completed; the crisis is closed.";
  return null;
}

export function stepReview(room: RoomView, body: ReviewBody, actorId: string | null): RoomStep {
  const status = room.review?.status ?? "draft";
  if (body.type === "ACTION_ITEM_REMINDER") {
    const task = room.tasks.find((t) => t.id === body.taskId && t.actionItem);
    if (!task || task.status === "done") return refuse("That action item is done.");
    if (task.dueAt?.toISOString() !== body.dueAt) return refuse("That action item's due date changed.");
    return { accepted: true, effects: [{ type: "action_item.remind", taskId: task.id, when: body.when }] };
  }
  if (body.type === "EDIT_ACTION_ITEM" || body.type === "REOPEN_ACTION_ITEM") return stepActionItem(room, body);
  const closed = reviewIsOpen(room);
  if (closed) return refuse(closed);
  switch (body.type) {
    case "WRITE_REVIEW":
      if (status !== "draft") return refuse("The review is waiting for sign-off: send it back to draft to change it.");
      return { accepted: true, effects: [{ type: "review.written" }] };
    case "SUBMIT_REVIEW":
      if (status !== "draft") return refuse("The review is already waiting for sign-off.");
      if (!room.review?.whatHappened.trim()) return refuse("Write what happened before you send the review for sign-off.");
      return { accepted: true, effects: [{ type: "review.moved", status: "in_review", note: null }] };
    case "REOPEN_REVIEW":
      if (status !== "in_review") return refuse("The review is a draft already.");
      return { accepted: true, effects: [{ type: "review.moved", status: "draft", note: body.note || null }] };
    case "SIGN_OFF_REVIEW":
      if (!actorId) return refuse("Only a person signs off a review.");
      if (status !== "in_review") return refuse("Send the review for sign-off first: it is a draft.");
      return { accepted: true, effects: [{ type: "review.moved", status: "completed", note: body.note || null }] };
    case "ADD_ACTION_ITEM":
      return { accepted: true, effects: [{ type: "action_item.added", title: body.title, ownerId: body.ownerId, dueAt: body.dueAt }] };
  }
}

/**
 * An action item is changed or reopened whenever the review is open or completed: the
 * review's text is settled at its sign-off, its action items are the work that follows it
 * (docs/decisions/0025). A done item is reopened before it is changed.
 */
function stepActionItem(room: RoomView, body: Extract<ReviewBody, { type: "EDIT_ACTION_ITEM" | "REOPEN_ACTION_ITEM" }>): RoomStep {
  const task = room.tasks.find((t) => t.id === body.taskId && t.actionItem);
  if (!task) return refuse("There is no such action item in this crisis.");
  if (body.type === "REOPEN_ACTION_ITEM") {
    if (task.status !== "done") return refuse("That action item is open already.");
    return { accepted: true, effects: [{ type: "action_item.reopened", taskId: task.id, dueAt: task.dueAt?.toISOString() ?? null }] };
  }
  if (task.status === "done") return refuse("That action item is done: reopen it to change it.");
  const from = { title: task.title, ownerId: task.ownerId, dueAt: task.dueAt?.toISOString() ?? null };
  if (from.title === body.title && from.ownerId === body.ownerId && from.dueAt === body.dueAt) return refuse("Nothing changed: the action item is as it was.");
  return { accepted: true, effects: [{ type: "action_item.changed", taskId: task.id, title: body.title, ownerId: body.ownerId, dueAt: body.dueAt, from }] };
}

/** Whether a task move is one an action item may take after the crisis closed. */
export const movesActionItem = (room: RoomView, body: { type: string; taskId?: string }) =>
  (body.type === "START_TASK" || body.type === "BLOCK_TASK" || body.type === "FINISH_TASK") && room.tasks.some((t) => t.id === body.taskId && t.actionItem);

/**
 * The sign-off completes the playbook's review step for whoever the playbook names to
 * complete it (its owner, or whom a deadline handed it to): the signer stands in for them.
 */
export function signOffReview(compiled: CompiledPlaybook, playbook: PlaybookSnapshot, signerId: string) {
  const roles = rolesFor(compiled.playbook, "review", playbook.context);
  return applyPlaybookEvent(compiled, playbook, { type: "COMPLETE", step: REVIEW, actor: { id: signerId, roles } });
}
