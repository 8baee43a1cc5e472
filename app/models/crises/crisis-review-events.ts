// What a crisis's post-crisis review receives and asks for (docs/decisions/0025). They are
// room events of the crisis (crisis-events.ts), decided by the review's rules
// (crisis-review-rules.ts) on the locked crisis, so the review shares the crisis's lock,
// version, audit trail and live updates.

export const REVIEW_STATUSES = { draft: "Draft", in_review: "In review", completed: "Completed" } as const;
export type ReviewStatus = keyof typeof REVIEW_STATUSES;

export type ReviewBody =
  | { type: "WRITE_REVIEW"; whatHappened: string; wentWell: string; toChange: string }
  | { type: "SUBMIT_REVIEW" }
  | { type: "REOPEN_REVIEW"; note: string }
  /** A trust & safety lead's or leadership's sign-off: completes the review and closes the crisis. */
  | { type: "SIGN_OFF_REVIEW"; note: string }
  | { type: "ADD_ACTION_ITEM"; title: string; ownerId: string; dueAt: string }
  /** Its text, owner or due date changed; also after the crisis closes, while it is open. */
  | { type: "EDIT_ACTION_ITEM"; taskId: string; title: string; ownerId: string; dueAt: string }
  /** A done action item is open again. */
  | { type: "REOPEN_ACTION_ITEM"; taskId: string }
  /** An action item's reminder fell due (the scheduler only): `dueAt` is the due date it was set for. */
  | { type: "ACTION_ITEM_REMINDER"; taskId: string; dueAt: string; when: "before" | "due" };

export type ReviewEffect =
  | { type: "review.written" }
  | { type: "review.moved"; status: ReviewStatus; note: string | null }
  | { type: "action_item.added"; title: string; ownerId: string; dueAt: string }
  /** `from`: what it was, for the audit; its reminders move with its due date. */
  | { type: "action_item.changed"; taskId: string; title: string; ownerId: string; dueAt: string; from: { title: string; ownerId: string | null; dueAt: string | null } }
  | { type: "action_item.reopened"; taskId: string; dueAt: string | null }
  /** Done: its reminders still pending are cancelled. */
  | { type: "action_item.closed"; taskId: string }
  | { type: "action_item.remind"; taskId: string; when: "before" | "due" };

const REVIEW_EVENTS = new Set(["WRITE_REVIEW", "SUBMIT_REVIEW", "REOPEN_REVIEW", "SIGN_OFF_REVIEW", "ADD_ACTION_ITEM", "EDIT_ACTION_ITEM", "REOPEN_ACTION_ITEM", "ACTION_ITEM_REMINDER"]);
export const isReviewBody = (body: { type: string }): body is ReviewBody => REVIEW_EVENTS.has(body.type);

export const REVIEW_EVENT_LABELS: Record<ReviewBody["type"], string> = {
  WRITE_REVIEW: "Save the review",
  SUBMIT_REVIEW: "Send the review for sign-off",
  REOPEN_REVIEW: "Send the review back to draft",
  SIGN_OFF_REVIEW: "Sign off the review",
  ADD_ACTION_ITEM: "Add an action item",
  EDIT_ACTION_ITEM: "Change an action item",
  REOPEN_ACTION_ITEM: "Reopen an action item",
  ACTION_ITEM_REMINDER: "Action item reminder",
};

/** An action item is due by the end of its day (UTC). */
export const dueAtEndOf = (day: string) => new Date(`${day}T23:59:59.999Z`);
