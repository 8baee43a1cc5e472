import { z } from "zod";
import { parseJsonAs } from "~/utils/json";
import { roleNames } from "../playbooks/playbook-words";
import type { CrisisRole } from "./crisis-words";
import { CRISIS_ROLES } from "./crisis-words";

// A crisis's timeline in words, from its audit entries: every event of its machine and
// room, with who sent it, its note, and what it set off (pages, tasks, deadlines passed).

const After = z
  .object({
    steps: z.array(z.string()),
    state: z.string(),
    step: z.string(),
    answer: z.string().nullable(),
    role: z.string(),
    minutes: z.number(),
    caseRef: z.string(),
    title: z.string(),
    severity: z.string(),
    fromCase: z.string().nullable(),
    key: z.string(),
    noteSeq: z.number(),
    effects: z.array(z.object({ type: z.string(), roles: z.array(z.string()).optional(), step: z.string().optional(), title: z.string().optional() }).passthrough()),
  })
  .partial();

export type TimelineEntry = {
  /** The audit entry's number: a note is pinned by it. */
  seq: number;
  at: string;
  by: string;
  what: string;
  note: string | null;
  consequences: string[];
  /** A note of the team (it can be pinned), and whether it is pinned now. */
  isNote: boolean;
  pinned: boolean;
};

const roleWord = (role: string) => (role in CRISIS_ROLES ? CRISIS_ROLES[role as CrisisRole].label.toLowerCase() : roleNames([role]));

export function timelineEntry(entry: { seq: number; at: Date; actorLabel: string; action: string; after: string | null; reason: string | null }, titleOf: (step: string) => string, nameOf: (label: string) => string): TimelineEntry {
  const after = parseJsonAs(After, entry.after ?? "{}") ?? {};
  const step = after.step ? `“${titleOf(after.step)}”` : "a step";
  const what = (() => {
    switch (entry.action) {
      case "crisis.declare":
        return `Declared the crisis at ${after.severity ?? "its severity"}${after.fromCase ? ` from case ${after.fromCase}` : ""}`;
      case "crisis.take_command":
        return "Took command";
      case "crisis.assign_role":
        return `Assigned the ${roleWord(after.role ?? "")} role`;
      case "crisis.promise_update":
        return `Promised the next update in ${after.minutes ?? "?"} minutes`;
      case "crisis.update_reminder":
        return "Reminded the comms lead that an update is due";
      case "crisis.update_overdue":
        return "The promised update is late: paged the commander";
      case "crisis.add_task":
        return `Added the task “${after.title ?? ""}” for the ${roleWord(after.role ?? "")}`;
      case "crisis.start_task":
        return "Started a task";
      case "crisis.block_task":
        return "Blocked a task";
      case "crisis.finish_task":
        return "Finished a task";
      case "crisis.page":
        return `Paged the ${roleWord(after.role ?? "")}`;
      case "crisis.link_case":
        return `Linked case ${after.caseRef ?? ""}`;
      case "crisis.note":
        return "Note";
      case "crisis.pin_note":
        return "Pinned a note";
      case "crisis.unpin_note":
        return "Unpinned a note";
      case "crisis.acknowledge":
        return `Acknowledged ${step}`;
      case "crisis.complete":
        return `Completed ${step}${after.answer ? `: ${after.answer.replace(/_/g, " ")}` : ""}`;
      case "crisis.draft":
        return `Drafted ${step}`;
      case "crisis.approve":
        return `Approved ${step}`;
      case "crisis.reject":
        return `Rejected ${step}`;
      case "crisis.publish":
        return `Published ${step}`;
      case "crisis.timer":
        return "A deadline passed";
      case "crisis.write_review":
        return "Wrote the post-crisis review";
      case "crisis.submit_review":
        return "Sent the review for sign-off";
      case "crisis.reopen_review":
        return "Sent the review back to draft";
      case "crisis.sign_off_review":
        return "Signed off the review";
      case "crisis.add_action_item":
        return `Added the action item “${after.title ?? ""}”`;
      case "crisis.action_item_reminder":
        return "Reminded an action item's owner";
      case "crisis.edit_action_item":
        return `Changed the action item “${after.title ?? ""}”`;
      case "crisis.reopen_action_item":
        return "Reopened an action item";
      default:
        return entry.action;
    }
  })();
  const consequences = (after.effects ?? []).flatMap((e): string[] => {
    switch (e.type) {
      case "page":
        return [`paged the ${roleNames(e.roles ?? [])}`];
      case "task.create":
        return [`new task: ${e.title ?? ""}`];
      case "crisis.resolved":
        return ["the crisis is resolved; its review is open"];
      case "review.completed":
        return ["the review is completed: the crisis is closed"];
      case "deadline.passed":
        return [`the deadline of “${titleOf(e.step ?? "")}” passed`];
      default:
        return [];
    }
  });
  return { seq: entry.seq, at: entry.at.toISOString(), by: nameOf(entry.actorLabel), what, note: entry.reason, consequences, isNote: entry.action === "crisis.note", pinned: false };
}
