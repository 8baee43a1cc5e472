import type { PlaybookEffect } from "@machines/playbook";
import type { Permission } from "~/utils/permissions";
import type { ReviewBody, ReviewEffect } from "./crisis-review-events";
import { REVIEW_EVENT_LABELS } from "./crisis-review-events";
import type { CrisisRole, CrisisSeverity, CrisisType } from "./crisis-words";

// What a crisis receives (docs/decisions/0023): the playbook's own events, which its
// compiled machine decides, and the room's events (command, roles, cadence, tasks by
// hand, pages, links, notes), which the room's rules decide (crisis-room.ts). Both go
// through the one write path with the crisis as its subject.

/**
 * Sent by the statements when the cells a step requires are ready (docs/decisions/0024):
 * the statement whose change completed them, and the person the playbook records (its
 * drafter, an approver, its publisher). A person in the room does not send these for a
 * step the statements drive.
 */
export type FromStatements = { statement?: string; by?: string };

export type PlaybookBody =
  | { type: "ACKNOWLEDGE"; step: string }
  | { type: "COMPLETE"; step: string; answer?: string }
  | ({ type: "DRAFT"; step: string } & FromStatements)
  | ({ type: "APPROVE"; step: string } & FromStatements)
  | ({ type: "REJECT"; step: string; note?: string } & FromStatements)
  | ({ type: "PUBLISH"; step: string } & FromStatements)
  /** A durable timer of the playbook fell due (the scheduler only). */
  | { type: "TIMER"; key: string };

export type Declaration = {
  type: "DECLARE";
  ref: string;
  title: string;
  crisisType: CrisisType;
  severity: CrisisSeverity;
  known: string;
  playbookVersionId: string;
  /** The case it was declared from, linked at once. */
  fromCase: { id: string; ref: string } | null;
};

export type RoomBody =
  | Declaration
  | { type: "TAKE_COMMAND"; note: string }
  | { type: "ASSIGN_ROLE"; role: CrisisRole; userId: string; note: string }
  | { type: "PROMISE_UPDATE"; minutes: number }
  /** The cadence's timers (the scheduler only): `dueAt` is the promise they were set for. */
  | { type: "UPDATE_REMINDER"; dueAt: string }
  | { type: "UPDATE_OVERDUE"; dueAt: string }
  | { type: "ADD_TASK"; title: string; role: CrisisRole; dueMinutes: number | null }
  | { type: "START_TASK"; taskId: string }
  | { type: "BLOCK_TASK"; taskId: string; reason: string }
  | { type: "FINISH_TASK"; taskId: string; answer?: string }
  | { type: "PAGE"; role: CrisisRole; note: string }
  | { type: "LINK_CASE"; caseId: string; caseRef: string }
  | { type: "NOTE"; text: string }
  | ReviewBody
  /** A note (its audit entry's number) pinned above the timeline, or taken off it. */
  | { type: "PIN_NOTE"; noteSeq: number }
  | { type: "UNPIN_NOTE"; noteSeq: number };

export type CrisisEventBody = PlaybookBody | RoomBody;

const PLAYBOOK_EVENTS = new Set(["ACKNOWLEDGE", "COMPLETE", "DRAFT", "APPROVE", "REJECT", "PUBLISH", "TIMER"]);
export const isPlaybookBody = (body: CrisisEventBody): body is PlaybookBody => PLAYBOOK_EVENTS.has(body.type);

/** The statement a playbook event names when the statements sent it. */
export const statementOf = (body: CrisisEventBody): string | null => ("statement" in body && body.statement ? body.statement : null);

/** What the person a statement's move stands for needed on the statements: drafting and publishing, or approving. */
export const statementPermission = (type: string): Permission => (type === "APPROVE" || type === "REJECT" ? "approve:statement" : "draft:statement");

/** What the room asks the server to do, beside the playbook's effects. */
export type RoomEffect =
  | { type: "role.assigned"; role: CrisisRole; userId: string; note: string | null }
  | { type: "update.promised"; dueAt: string; minutes: number }
  | { type: "update.remind"; dueAt: string }
  | { type: "update.overdue"; dueAt: string }
  | { type: "task.added"; title: string; role: CrisisRole; dueAt: string | null }
  | { type: "task.moved"; taskId: string; status: "in_progress" | "blocked" | "done"; reason: string | null; answer: string | null }
  | { type: "room.page"; role: CrisisRole; note: string }
  | { type: "case.linked"; caseId: string; caseRef: string }
  | { type: "crisis.declared" }
  | ReviewEffect;

export type CrisisEffect = PlaybookEffect | RoomEffect;

/** The permission each event needs; the scheduler's events need one no person has. */
export function crisisPermissionFor(body: CrisisEventBody): Permission | null {
  if (statementOf(body)) return statementPermission(body.type);
  switch (body.type) {
    case "DECLARE":
      return "declare:crisis";
    case "TAKE_COMMAND":
    case "ASSIGN_ROLE":
    case "PROMISE_UPDATE":
    case "ADD_TASK":
    case "PAGE":
      return "command:crisis";
    case "LINK_CASE":
      return "link:crisis-case";
    case "SIGN_OFF_REVIEW":
      return "sign-off:crisis-review";
    case "TIMER":
    case "UPDATE_REMINDER":
    case "UPDATE_OVERDUE":
    case "ACTION_ITEM_REMINDER":
      return null;
    default:
      return "work:crisis-task";
  }
}

export const CRISIS_EVENT_LABELS: Record<CrisisEventBody["type"], string> = {
  ACKNOWLEDGE: "Acknowledge",
  COMPLETE: "Complete",
  DRAFT: "Mark drafted",
  APPROVE: "Approve",
  REJECT: "Reject",
  PUBLISH: "Mark published",
  TIMER: "Deadline",
  DECLARE: "Declare",
  TAKE_COMMAND: "Take command",
  ASSIGN_ROLE: "Assign a role",
  PROMISE_UPDATE: "Promise the next update",
  UPDATE_REMINDER: "Update reminder",
  UPDATE_OVERDUE: "Update overdue",
  ADD_TASK: "Add a task",
  START_TASK: "Start a task",
  BLOCK_TASK: "Block a task",
  FINISH_TASK: "Finish a task",
  PAGE: "Page",
  LINK_CASE: "Link a case",
  NOTE: "Note",
  ...REVIEW_EVENT_LABELS,
  PIN_NOTE: "Pin a note",
  UNPIN_NOTE: "Unpin a note",
};
