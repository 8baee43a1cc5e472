import type { ReviewActionValues } from "~/forms/crisis-review";
import { prisma } from "~/utils/db.server";
import type { Actor } from "../accounts/actor";
import type { CrisisOutcome } from "./crisis-commands.server";
import { applyCrisisEvent, crisisIdOf } from "./crisis-commands.server";
import type { CrisisEventBody } from "./crisis-events";
import { dueAtEndOf } from "./crisis-review-events";
import { assignablePeople } from "./crisis-views.server";

// What the review page sends, as crisis events through the one write path. The text and
// the sign-off carry the version the person saw, so nobody signs off or overwrites a review
// that changed meanwhile without seeing it.

type Invalid = { status: "invalid"; field: string; message: string };

export async function actOnReview(ref: string, values: ReviewActionValues, actor: Actor, requestId: string | null, now = new Date()): Promise<CrisisOutcome | Invalid> {
  const id = await crisisIdOf(ref);
  if (!id) return { status: "not_found", message: "There is no such crisis." };
  let event: CrisisEventBody;
  let expectedVersion: number | undefined;
  switch (values.intent) {
    case "write":
      event = { type: "WRITE_REVIEW", whatHappened: values.whatHappened, wentWell: values.wentWell, toChange: values.toChange };
      expectedVersion = values.version;
      break;
    case "submit":
      event = { type: "SUBMIT_REVIEW" };
      expectedVersion = values.version;
      break;
    case "reopen":
      event = { type: "REOPEN_REVIEW", note: values.note };
      break;
    case "sign-off":
      event = { type: "SIGN_OFF_REVIEW", note: values.note };
      expectedVersion = values.version;
      break;
    case "add-action-item": {
      const people = await assignablePeople();
      if (!people.some((p) => p.id === values.owner)) return { status: "invalid", field: "owner", message: "Choose the owner from the list." };
      const dueAt = dueAtEndOf(values.due);
      if (dueAt < now) return { status: "invalid", field: "due", message: "Give a due date from today on." };
      event = { type: "ADD_ACTION_ITEM", title: values.title, ownerId: values.owner, dueAt: dueAt.toISOString() };
      break;
    }
    case "edit-action-item": {
      const task = await prisma.crisisTask.findFirst({ where: { id: values.task, crisisId: id, actionItem: true }, select: { dueAt: true } });
      if (!task) return { status: "not_found", message: "There is no such action item in this crisis." };
      const people = await assignablePeople();
      if (!people.some((p) => p.id === values.owner)) return { status: "invalid", field: "owner", message: "Choose the owner from the list." };
      const dueAt = dueAtEndOf(values.due);
      // An overdue item keeps its date when only its text or owner changes; a new date is from today on.
      if (dueAt.getTime() !== task.dueAt?.getTime() && dueAt < now) return { status: "invalid", field: "due", message: "Give a due date from today on." };
      event = { type: "EDIT_ACTION_ITEM", taskId: values.task, title: values.title, ownerId: values.owner, dueAt: dueAt.toISOString() };
      break;
    }
    case "finish-action-item":
      event = { type: "FINISH_TASK", taskId: values.task };
      break;
    case "reopen-action-item":
      event = { type: "REOPEN_ACTION_ITEM", taskId: values.task };
      break;
  }
  return applyCrisisEvent({ id, event, actor, expectedVersion, requestId, at: now });
}
