// The triage vocabulary: states, events, context and the effects the machine asks for.
// Shared by the machine, its helpers, the server write path and the case page.

export const TRIAGE_STATES = [
  "new",
  "in_review",
  "waiting_for_info",
  "awaiting_approval",
  "escalated",
  "actioned",
  "dismissed",
  "closed",
] as const;
export type TriageState = (typeof TRIAGE_STATES)[number];

/** Resolved states carry the "resolved" tag; every other state carries "open". */
export const RESOLVED_TRIAGE_STATES = ["actioned", "dismissed", "closed"] as const satisfies readonly TriageState[];

export const TRIAGE_EVENT_TYPES = [
  "REPORT_ADDED",
  "CLAIM",
  "ASSIGN",
  "RELEASE",
  "CLAIM_EXPIRED",
  "REQUEST_INFO",
  "INFO_RECEIVED",
  "ACT",
  "DISMISS",
  "UNDO_DISMISS",
  "ESCALATE",
  "APPROVE",
  "REJECT",
  "REOPEN",
  "CLOSE",
] as const;
export type TriageEventType = (typeof TRIAGE_EVENT_TYPES)[number];

/** The strike ladder plus content removal; a ban needs a second person's approval. */
export const ENFORCEMENT_ACTIONS = ["remove_content", "warn", "mute", "suspend", "ban"] as const;
export type EnforcementActionKind = (typeof ENFORCEMENT_ACTIONS)[number];

/**
 * Roles that may work cases, and the subset that works escalated cases and approves bans.
 * The server defines them (its permissions) and gives them as input, as the escalation
 * machine is given its tiers; they are not stored with a snapshot but given again on restore.
 */
export interface TriageRoles {
  workers: readonly string[];
  seniors: readonly string[];
}
/** Timers fired by the scheduler. */
export const SYSTEM_ROLE = "system";
/** Report intake: the public form, the ingest API and the reporter's replies. */
export const INTAKE_ROLE = "intake";

export interface TriageActor {
  id: string;
  roles: string[];
}

/**
 * How long a dismissal can be taken back by whoever may work the case. Later, only a
 * senior's REOPEN brings it back. Measured from the outcome's time, which the snapshot keeps.
 */
export const DISMISS_UNDO_MINUTES = 10;

export const SCHEDULER_ACTOR: TriageActor = { id: "system:scheduler", roles: [SYSTEM_ROLE] };

/** Every event says who sent it and when (ISO 8601): the machine has no clock. */
interface Sent {
  actor: TriageActor;
  at: string;
}

export type TriageEvent =
  | (Sent & { type: "REPORT_ADDED"; ruleCode: string; severity: number })
  | (Sent & { type: "CLAIM" })
  // Hands the case to someone else with a fresh claim. The server looks up the assignee's
  // roles; the machine only checks that they may take the case.
  | (Sent & { type: "ASSIGN"; assigneeId: string; assigneeRoles: string[] })
  | (Sent & { type: "RELEASE" })
  // claimedAt names the claim the timer was scheduled for, so a stale timer cannot end a renewed claim.
  | (Sent & { type: "CLAIM_EXPIRED"; claimedAt: string })
  | (Sent & { type: "REQUEST_INFO"; reason: string })
  | (Sent & { type: "INFO_RECEIVED" })
  | (Sent & { type: "ACT"; action: EnforcementActionKind; ruleCode: string; reason: string })
  | (Sent & { type: "DISMISS"; reason: string })
  // Takes a dismissal back within DISMISS_UNDO_MINUTES of it (the event's time decides).
  | (Sent & { type: "UNDO_DISMISS" })
  | (Sent & { type: "ESCALATE"; reason: string })
  | (Sent & { type: "APPROVE" })
  | (Sent & { type: "REJECT"; reason: string })
  | (Sent & { type: "REOPEN"; reason: string })
  | (Sent & { type: "CLOSE" });

export interface TriageOutcome {
  action: EnforcementActionKind | "dismiss";
  ruleCode: string | null;
  reason: string;
  /** Who decided (for a ban: who proposed it). */
  by: string;
  approvedBy: string | null;
  at: string;
}

export interface TriageContext {
  /** Who holds the case; null while it sits in a queue or is resolved. */
  assigneeId: string | null;
  /** When the current claim started or was last renewed. */
  claimedAt: string | null;
  /** Every rule the case's reports named, in the order first seen. */
  ruleCodes: string[];
  maxSeverity: number;
  reportCount: number;
  /** Set while the case belongs to the senior queue; cleared when it reopens. */
  escalation: { by: string; reason: string; at: string } | null;
  pendingBan: { proposerId: string; ruleCode: string; reason: string; proposedAt: string } | null;
  outcome: TriageOutcome | null;
  /** The latest reason given (info request, escalation, rejection, reopening, decision). */
  lastReason: { event: TriageEventType; by: string; reason: string; at: string } | null;
  /** Given by the server on creation and on every restore. */
  roles: TriageRoles;
  /** How long a claim lasts without activity (ms); given like the roles. */
  claimTtlMs: number;
}

/** The case's first report. */
export interface TriageInput {
  ruleCode: string;
  severity: number;
  roles: TriageRoles;
  /** Defaults to DEFAULT_CLAIM_TTL_MS. */
  claimTtlMs?: number;
}

/** A claim's life without activity unless the server gives another (its CLAIM_TTL_MINUTES). */
export const DEFAULT_CLAIM_TTL_MS = 10 * 60_000;

// Each kind is one the server tells someone about (notifications.server.ts). An escalation is
// announced by the escalation it starts, and a request for information is the holder's own move.
export type NotifyKind = "approval_requested" | "ban_rejected" | "resolved" | "reopened";

/**
 * Side effects as data: emitted by the machine, carried out by the server after it has
 * written the snapshot. The server picks recipients, templates and due times.
 */
export type TriageEffect =
  // Replaces any pending claim-expiry timer of the case; due at claimedAt + the claim's life.
  | { type: "timer.schedule"; kind: "claim_expiry"; claimedAt: string; dueAt: string }
  | { type: "timer.cancel"; kind: "claim_expiry" }
  | {
      type: "enforcement.record";
      action: EnforcementActionKind;
      ruleCode: string;
      reason: string;
      proposerId: string;
      approvedBy: string | null;
    }
  | { type: "notify"; kind: NotifyKind };

/** Until when a dismissal can be undone (ISO 8601), or null for an outcome that is not a dismissal. */
export function dismissalUndoableUntil(outcome: TriageOutcome | null): string | null {
  if (outcome?.action !== "dismiss") return null;
  const at = Date.parse(outcome.at);
  return Number.isNaN(at) ? null : new Date(at + DISMISS_UNDO_MINUTES * 60_000).toISOString();
}
