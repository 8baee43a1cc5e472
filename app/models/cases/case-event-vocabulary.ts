import type { TriageActor, TriageEvent } from "@machines/triage";
import { INTAKE_ROLE, SCHEDULER_ACTOR } from "@machines/triage";
import type { Permission } from "~/utils/permissions";
import type { Actor } from "../accounts/actor";

// The words of the case write path: which permission each triage event needs, who the
// machine sees as the sender, and how an event is named to people.

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** A triage event without its sender and time: the write path adds both. */
export type CaseEventBody = DistributiveOmit<TriageEvent, "actor" | "at">;

/** The permission a person needs to send each event; intake and timers are not people. */
export function permissionFor(type: TriageEvent["type"]): Permission | null {
  switch (type) {
    case "REPORT_ADDED":
    case "CLAIM_EXPIRED":
      return null;
    case "APPROVE":
    case "REJECT":
      return "approve:ban";
    // Assigning is case work on both sides; the machine checks who may receive the case.
    default:
      return "work:case";
  }
}

export function triageActorFor(actor: Actor): TriageActor {
  switch (actor.kind) {
    case "user":
      return { id: actor.id, roles: actor.roles };
    case "system":
      return SCHEDULER_ACTOR;
    case "api-key":
      return { id: `api-key:${actor.id}`, roles: [INTAKE_ROLE] };
    case "member":
      return { id: "member", roles: [INTAKE_ROLE] };
  }
}

export const EVENT_LABELS: Record<TriageEvent["type"], string> = {
  REPORT_ADDED: "report added",
  CLAIM: "claim",
  ASSIGN: "assign",
  RELEASE: "release",
  CLAIM_EXPIRED: "claim expired",
  REQUEST_INFO: "request information",
  INFO_RECEIVED: "information received",
  ACT: "act",
  DISMISS: "dismiss",
  UNDO_DISMISS: "undo dismissal",
  ESCALATE: "escalate",
  APPROVE: "approve ban",
  REJECT: "reject ban",
  REOPEN: "reopen",
  CLOSE: "close",
};

const STATE_LABELS: Record<string, string> = {
  new: "New",
  in_review: "In review",
  waiting_for_info: "Waiting for information",
  awaiting_approval: "Awaiting approval",
  escalated: "Escalated",
  actioned: "Actioned",
  dismissed: "Dismissed",
  closed: "Closed",
};

/** A triage state as people say it; the one place these words live. */
export function stateLabel(state: string): string {
  return STATE_LABELS[state] ?? state.replace(/_/g, " ");
}
