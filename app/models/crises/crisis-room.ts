import type { RoomBody, RoomEffect } from "./crisis-events";
import { isReviewBody } from "./crisis-review-events";
import { movesActionItem, stepReview } from "./crisis-review-rules";
import { CRISIS_ROLES } from "./crisis-words";

// The room's rules: what the commander, the people in roles and the scheduler may change
// beside the playbook, decided on what the locked row shows. Pure: the subject kind calls
// it where the playbook's machine would be called, and carries out its effects.

export type RoomView = {
  state: string;
  commanderId: string | null;
  /** userId → the roles they hold now. */
  holders: Map<string, string[]>;
  tasks: { id: string; step: string | null; status: string; actionItem: boolean; dueAt: Date | null; title: string; ownerId: string | null }[];
  linkedCaseIds: Set<string>;
  nextUpdateDueAt: Date | null;
  /** The post-crisis review, once the crisis is resolved (docs/decisions/0025). */
  review: { status: string; whatHappened: string } | null;
  /** The crisis's notes by their audit entry's number, pinned or not (read for the pin events only). */
  notes: Map<number, boolean>;
};

export type RoomStep = { accepted: true; effects: RoomEffect[] } | { accepted: false; refusal: string };

const refuse = (refusal: string): RoomStep => ({ accepted: false, refusal });
const accept = (...effects: RoomEffect[]): RoomStep => ({ accepted: true, effects });

export function stepRoom(room: RoomView, body: RoomBody, actorId: string | null, at: Date): RoomStep {
  if (body.type === "DECLARE") return accept({ type: "crisis.declared" });
  if (isReviewBody(body)) return stepReview(room, body, actorId);
  // An action item of the review stays open, and workable, after the crisis closes; so do notes
  // and their pins, which the review reads.
  const staysOpen = body.type === "NOTE" || body.type === "PIN_NOTE" || body.type === "UNPIN_NOTE" || movesActionItem(room, body);
  if (room.state === "closed" && !staysOpen) return refuse("The crisis is closed.");
  switch (body.type) {
    case "TAKE_COMMAND":
      if (actorId && room.commanderId === actorId) return refuse("You are already in command.");
      return actorId ? accept({ type: "role.assigned", role: "commander", userId: actorId, note: body.note }) : refuse("Only a person can take command.");
    case "ASSIGN_ROLE":
      if (room.holders.get(body.userId)?.includes(body.role)) return refuse(`They are already ${CRISIS_ROLES[body.role].label.toLowerCase()}.`);
      return accept({ type: "role.assigned", role: body.role, userId: body.userId, note: body.note || null });
    case "PROMISE_UPDATE":
      if (room.state !== "active") return refuse("Updates are promised while the crisis is active.");
      return accept({ type: "update.promised", minutes: body.minutes, dueAt: new Date(at.getTime() + body.minutes * 60_000).toISOString() });
    case "UPDATE_REMINDER":
    case "UPDATE_OVERDUE": {
      // A newer promise replaced the one this timer was set for.
      if (room.state !== "active" || room.nextUpdateDueAt?.toISOString() !== body.dueAt) return refuse("That promise was replaced.");
      return accept({ type: body.type === "UPDATE_REMINDER" ? "update.remind" : "update.overdue", dueAt: body.dueAt });
    }
    case "ADD_TASK":
      return accept({ type: "task.added", title: body.title, role: body.role, dueAt: body.dueMinutes ? new Date(at.getTime() + body.dueMinutes * 60_000).toISOString() : null });
    case "START_TASK":
    case "BLOCK_TASK":
    case "FINISH_TASK": {
      const task = room.tasks.find((t) => t.id === body.taskId);
      if (!task) return refuse("There is no such task in this crisis.");
      if (task.status === "done") return refuse("That task is done.");
      if (body.type === "START_TASK") {
        if (task.status === "in_progress") return refuse("That task is already in progress.");
        return accept({ type: "task.moved", taskId: task.id, status: "in_progress", reason: null, answer: null });
      }
      if (body.type === "BLOCK_TASK") return accept({ type: "task.moved", taskId: task.id, status: "blocked", reason: body.reason, answer: null });
      // A playbook's task is finished by completing its step, so the machine moves on.
      if (task.step) return refuse("This task belongs to the playbook: complete its step.");
      const done: RoomEffect = { type: "task.moved", taskId: task.id, status: "done", reason: null, answer: body.answer ?? null };
      return task.actionItem ? accept(done, { type: "action_item.closed", taskId: task.id }) : accept(done);
    }
    case "PAGE":
      return accept({ type: "room.page", role: body.role, note: body.note });
    case "LINK_CASE":
      if (room.linkedCaseIds.has(body.caseId)) return refuse(`${body.caseRef} is already linked to this crisis.`);
      return accept({ type: "case.linked", caseId: body.caseId, caseRef: body.caseRef });
    case "NOTE":
      return accept();
    case "PIN_NOTE":
    case "UNPIN_NOTE": {
      const pinned = room.notes.get(body.noteSeq);
      if (pinned === undefined) return refuse("There is no such note in this crisis.");
      if (body.type === "PIN_NOTE" && pinned) return refuse("That note is already pinned.");
      if (body.type === "UNPIN_NOTE" && !pinned) return refuse("That note is not pinned.");
      return accept();
    }
  }
}
