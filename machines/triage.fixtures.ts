// Actors and event builders shared by the triage tests.
import type { EnforcementActionKind, TriageActor, TriageEffect, TriageEvent, TriageInput, TriageRoles } from "./triage.types";
import { DEFAULT_CLAIM_TTL_MS, SCHEDULER_ACTOR } from "./triage.types";

export const actors = {
  moderator: { id: "user:moderator", roles: ["moderator"] },
  otherModerator: { id: "user:other-moderator", roles: ["moderator"] },
  senior: { id: "user:senior", roles: ["senior_moderator"] },
  lead: { id: "user:lead", roles: ["trust_safety_lead"] },
  admin: { id: "user:admin", roles: ["admin"] },
  leadership: { id: "user:leadership", roles: ["leadership"] },
  crisisResponder: { id: "user:responder", roles: ["crisis_responder"] },
  crisisCommander: { id: "user:commander", roles: ["crisis_commander"] },
  comms: { id: "user:comms", roles: ["comms_lead"] },
  scheduler: SCHEDULER_ACTOR,
  intake: { id: "intake:web-form", roles: ["intake"] },
} satisfies Record<string, TriageActor>;

/** Roles that must never change a case, whatever its state. */
export const nonWorkers: TriageActor[] = [actors.admin, actors.leadership, actors.crisisResponder, actors.crisisCommander, actors.comms];

/** The server's role sets as the tests give them (the server derives them from its permissions). */
export const roles: TriageRoles = { workers: ["moderator", "senior_moderator", "trust_safety_lead"], seniors: ["senior_moderator", "trust_safety_lead"] };

export const firstReport: TriageInput = { ruleCode: "spam", severity: 1, roles };

export const AT = "2025-03-01T09:00:00.000Z";

/** The claim-expiry timer a claim made at `claimedAt` asks for: due when the claim's life ends. */
export function claimExpiry(claimedAt: string | null, ttlMs = DEFAULT_CLAIM_TTL_MS): TriageEffect {
  const at = claimedAt ?? "";
  return { type: "timer.schedule", kind: "claim_expiry", claimedAt: at, dueAt: new Date(Date.parse(at) + ttlMs).toISOString() };
}

export const ev = {
  report: (ruleCode: string, severity: number, at = AT): TriageEvent => ({ type: "REPORT_ADDED", ruleCode, severity, actor: actors.intake, at }),
  claim: (actor: TriageActor, at = AT): TriageEvent => ({ type: "CLAIM", actor, at }),
  assign: (actor: TriageActor, assignee: TriageActor, at = AT): TriageEvent => ({
    type: "ASSIGN",
    assigneeId: assignee.id,
    assigneeRoles: assignee.roles,
    actor,
    at,
  }),
  release: (actor: TriageActor, at = AT): TriageEvent => ({ type: "RELEASE", actor, at }),
  claimExpired: (claimedAt: string, actor: TriageActor = actors.scheduler, at = AT): TriageEvent => ({ type: "CLAIM_EXPIRED", claimedAt, actor, at }),
  requestInfo: (actor: TriageActor, reason = "which post do you mean?", at = AT): TriageEvent => ({ type: "REQUEST_INFO", reason, actor, at }),
  infoReceived: (actor: TriageActor = actors.intake, at = AT): TriageEvent => ({ type: "INFO_RECEIVED", actor, at }),
  act: (actor: TriageActor, action: EnforcementActionKind, ruleCode = "spam", reason = "repeated link spam", at = AT): TriageEvent => ({
    type: "ACT",
    action,
    ruleCode,
    reason,
    actor,
    at,
  }),
  dismiss: (actor: TriageActor, reason = "no rule broken", at = AT): TriageEvent => ({ type: "DISMISS", reason, actor, at }),
  undoDismiss: (actor: TriageActor, at = AT): TriageEvent => ({ type: "UNDO_DISMISS", actor, at }),
  escalate: (actor: TriageActor, reason = "possible threat", at = AT): TriageEvent => ({ type: "ESCALATE", reason, actor, at }),
  approve: (actor: TriageActor, at = AT): TriageEvent => ({ type: "APPROVE", actor, at }),
  reject: (actor: TriageActor, reason = "a suspension is enough", at = AT): TriageEvent => ({ type: "REJECT", reason, actor, at }),
  reopen: (actor: TriageActor, reason = "appeal upheld", at = AT): TriageEvent => ({ type: "REOPEN", reason, actor, at }),
  close: (actor: TriageActor, at = AT): TriageEvent => ({ type: "CLOSE", actor, at }),
};
