import { and, assertEvent, assign, emit, or, setup } from "xstate";
import type { SnapshotFrom } from "xstate";
import type { NotifyKind, TriageActor, TriageContext, TriageEffect, TriageEvent, TriageInput } from "./triage.types";
import { DEFAULT_CLAIM_TTL_MS, dismissalUndoableUntil, INTAKE_ROLE, SYSTEM_ROLE } from "./triage.types";

/**
 * Stored with every persisted snapshot. Bump it when a change would make an older
 * snapshot restore into the wrong state or context (see docs/decisions/0003).
 */
export const TRIAGE_MACHINE_VERSION = 1;

const anyRoleOf = (held: readonly string[], wanted: readonly string[]) => held.some((r) => wanted.includes(r));
const hasAnyRole = (actor: TriageActor, roles: readonly string[]) => anyRoleOf(actor.roles, roles);

export const triageMachine = setup({
  types: {
    context: {} as TriageContext,
    events: {} as TriageEvent,
    input: {} as TriageInput,
    emitted: {} as TriageEffect,
    tags: {} as "open" | "resolved",
  },
  guards: {
    isIntake: ({ event }) => event.actor.roles.includes(INTAKE_ROLE),
    isSystem: ({ event }) => event.actor.roles.includes(SYSTEM_ROLE),
    // Roles are a union, as on the server: admin, leadership, crisis and comms roles grant no case work.
    isCaseWorker: ({ context, event }) => hasAnyRole(event.actor, context.roles.workers),
    isSeniorCaseWorker: ({ context, event }) => hasAnyRole(event.actor, context.roles.seniors),
    assigneeIsCaseWorker: ({ context, event }) => {
      assertEvent(event, "ASSIGN");
      return anyRoleOf(event.assigneeRoles, context.roles.workers);
    },
    assigneeIsSeniorCaseWorker: ({ context, event }) => {
      assertEvent(event, "ASSIGN");
      return anyRoleOf(event.assigneeRoles, context.roles.seniors);
    },
    holdsClaim: ({ context, event }) =>
      hasAnyRole(event.actor, context.roles.workers) && context.assigneeId !== null && event.actor.id === context.assigneeId,
    isCurrentClaim: ({ context, event }) => {
      assertEvent(event, "CLAIM_EXPIRED");
      return context.claimedAt !== null && event.claimedAt === context.claimedAt;
    },
    wasEscalated: ({ context }) => context.escalation !== null,
    // Who could take the case from its queue: seniors only once it went to the senior queue.
    mayWorkCase: ({ context, event }) => hasAnyRole(event.actor, context.escalation ? context.roles.seniors : context.roles.workers),
    // The event's time against the dismissal's, both kept by the server: no clock here.
    withinUndoWindow: ({ context, event }) => {
      const until = dismissalUndoableUntil(context.outcome);
      const at = Date.parse(event.at);
      return until !== null && !Number.isNaN(at) && at <= Date.parse(until);
    },
    bringsNews: ({ context, event }) => {
      assertEvent(event, "REPORT_ADDED");
      return !context.ruleCodes.includes(event.ruleCode) || event.severity > context.maxSeverity;
    },
    isBanProposal: ({ event }) => {
      assertEvent(event, "ACT");
      return event.action === "ban";
    },
    // A ban needs a second person: a senior who did not propose it.
    isSecondApprover: ({ context, event }) =>
      hasAnyRole(event.actor, context.roles.seniors) &&
      context.pendingBan !== null &&
      event.actor.id !== context.pendingBan.proposerId,
  },
  actions: {
    recordReport: assign(({ context, event }) => {
      assertEvent(event, "REPORT_ADDED");
      return {
        reportCount: context.reportCount + 1,
        ruleCodes: context.ruleCodes.includes(event.ruleCode) ? context.ruleCodes : [...context.ruleCodes, event.ruleCode],
        maxSeverity: Math.max(context.maxSeverity, event.severity),
      };
    }),
    recordReason: assign(({ event }) => {
      assertEvent(event, ["REQUEST_INFO", "ACT", "DISMISS", "ESCALATE", "REJECT", "REOPEN"]);
      return { lastReason: { event: event.type, by: event.actor.id, reason: event.reason, at: event.at } };
    }),
    takeClaim: assign(({ event }) => ({ assigneeId: event.actor.id, claimedAt: event.at })),
    giveClaim: assign(({ event }) => {
      assertEvent(event, "ASSIGN");
      return { assigneeId: event.assigneeId, claimedAt: event.at };
    }),
    // Same assignee, fresh claim: activity, a reporter's answer or a rejected ban restarts the clock.
    renewClaim: assign(({ event }) => ({ claimedAt: event.at })),
    clearClaim: assign({ assigneeId: null, claimedAt: null }),
    // Runs after takeClaim or renewClaim, so the timer names the claim it may end.
    scheduleClaimExpiry: emit(({ context }) => {
      if (context.claimedAt === null) throw new Error("scheduleClaimExpiry without a claim");
      const dueAt = new Date(Date.parse(context.claimedAt) + context.claimTtlMs).toISOString();
      return { type: "timer.schedule" as const, kind: "claim_expiry" as const, claimedAt: context.claimedAt, dueAt };
    }),
    cancelClaimExpiry: emit({ type: "timer.cancel", kind: "claim_expiry" }),
    recordEscalation: assign(({ event }) => {
      assertEvent(event, "ESCALATE");
      return { escalation: { by: event.actor.id, reason: event.reason, at: event.at } };
    }),
    proposeBan: assign(({ event }) => {
      assertEvent(event, "ACT");
      return { pendingBan: { proposerId: event.actor.id, ruleCode: event.ruleCode, reason: event.reason, proposedAt: event.at } };
    }),
    dropProposedBan: assign({ pendingBan: null }),
    applyProposedBan: assign(({ context, event }) => {
      const ban = context.pendingBan;
      if (!ban) throw new Error("applyProposedBan without a pending ban");
      return {
        pendingBan: null,
        outcome: { action: "ban" as const, ruleCode: ban.ruleCode, reason: ban.reason, by: ban.proposerId, approvedBy: event.actor.id, at: event.at },
      };
    }),
    recordAction: assign(({ event }) => {
      assertEvent(event, "ACT");
      return {
        outcome: { action: event.action, ruleCode: event.ruleCode, reason: event.reason, by: event.actor.id, approvedBy: null, at: event.at },
      };
    }),
    recordDismissal: assign(({ event }) => {
      assertEvent(event, "DISMISS");
      return { outcome: { action: "dismiss" as const, ruleCode: null, reason: event.reason, by: event.actor.id, approvedBy: null, at: event.at } };
    }),
    // The dismissal is taken back as if it had not happened; the audit log keeps both steps.
    undoDismissal: assign({ outcome: null }),
    // Reads the outcome the preceding action wrote, so ban and non-ban record the same way.
    recordEnforcement: emit(({ context }) => {
      const outcome = context.outcome;
      if (!outcome || outcome.action === "dismiss" || outcome.ruleCode === null) {
        throw new Error("recordEnforcement without an enforcement outcome");
      }
      return {
        type: "enforcement.record" as const,
        action: outcome.action,
        ruleCode: outcome.ruleCode,
        reason: outcome.reason,
        proposerId: outcome.by,
        approvedBy: outcome.approvedBy,
      };
    }),
    // A reopened case starts again in the general queue; the old decision stays in the audit log.
    reopen: assign({ outcome: null, escalation: null }),
    notify: emit((_, params: { kind: NotifyKind }) => ({ type: "notify" as const, kind: params.kind })),
  },
}).createMachine({
  id: "triage",
  initial: "new",
  context: ({ input }) => ({
    assigneeId: null,
    claimedAt: null,
    ruleCodes: [input.ruleCode],
    maxSeverity: input.severity,
    reportCount: 1,
    escalation: null,
    pendingBan: null,
    outcome: null,
    lastReason: null,
    roles: input.roles,
    claimTtlMs: input.claimTtlMs ?? DEFAULT_CLAIM_TTL_MS,
  }),
  states: {
    new: {
      tags: ["open"],
      on: {
        REPORT_ADDED: { guard: "isIntake", actions: "recordReport" },
        CLAIM: { guard: "isCaseWorker", target: "in_review", actions: ["takeClaim", "scheduleClaimExpiry"] },
        ASSIGN: { guard: and(["isCaseWorker", "assigneeIsCaseWorker"]), target: "in_review", actions: ["giveClaim", "scheduleClaimExpiry"] },
      },
    },
    in_review: {
      tags: ["open"],
      on: {
        REPORT_ADDED: { guard: "isIntake", actions: "recordReport" },
        // Only the holder may claim again, which renews the claim; anyone else is refused.
        CLAIM: { guard: "holdsClaim", actions: ["renewClaim", "scheduleClaimExpiry"] },
        RELEASE: [
          { guard: and(["holdsClaim", "wasEscalated"]), target: "escalated", actions: ["clearClaim", "cancelClaimExpiry"] },
          { guard: "holdsClaim", target: "new", actions: ["clearClaim", "cancelClaimExpiry"] },
        ],
        CLAIM_EXPIRED: [
          { guard: and(["isSystem", "isCurrentClaim", "wasEscalated"]), target: "escalated", actions: "clearClaim" },
          { guard: and(["isSystem", "isCurrentClaim"]), target: "new", actions: "clearClaim" },
        ],
        REQUEST_INFO: {
          guard: "holdsClaim",
          target: "waiting_for_info",
          actions: ["recordReason", "cancelClaimExpiry"],
        },
        ACT: [
          {
            guard: and(["holdsClaim", "isBanProposal"]),
            target: "awaiting_approval",
            actions: ["proposeBan", "recordReason", "cancelClaimExpiry", { type: "notify", params: { kind: "approval_requested" } }],
          },
          {
            guard: "holdsClaim",
            target: "actioned",
            actions: ["recordAction", "recordReason", "clearClaim", "cancelClaimExpiry", "recordEnforcement", { type: "notify", params: { kind: "resolved" } }],
          },
        ],
        DISMISS: {
          guard: "holdsClaim",
          target: "dismissed",
          actions: ["recordDismissal", "recordReason", "clearClaim", "cancelClaimExpiry", { type: "notify", params: { kind: "resolved" } }],
        },
        ESCALATE: {
          guard: "holdsClaim",
          target: "escalated",
          actions: ["recordEscalation", "recordReason", "clearClaim", "cancelClaimExpiry"],
        },
      },
    },
    // The holder keeps the case but no claim timer runs while the reporter is asked.
    waiting_for_info: {
      tags: ["open"],
      on: {
        REPORT_ADDED: { guard: "isIntake", actions: "recordReport" },
        INFO_RECEIVED: { guard: or(["isIntake", "holdsClaim"]), target: "in_review", actions: ["renewClaim", "scheduleClaimExpiry"] },
        RELEASE: [
          { guard: and(["holdsClaim", "wasEscalated"]), target: "escalated", actions: "clearClaim" },
          { guard: "holdsClaim", target: "new", actions: "clearClaim" },
        ],
      },
    },
    // The proposer keeps the case; no claim timer runs while the ban waits for a second person.
    awaiting_approval: {
      tags: ["open"],
      on: {
        REPORT_ADDED: { guard: "isIntake", actions: "recordReport" },
        APPROVE: {
          guard: "isSecondApprover",
          target: "actioned",
          actions: ["applyProposedBan", "clearClaim", "recordEnforcement", { type: "notify", params: { kind: "resolved" } }],
        },
        REJECT: {
          guard: "isSecondApprover",
          target: "in_review",
          actions: ["dropProposedBan", "recordReason", "renewClaim", "scheduleClaimExpiry", { type: "notify", params: { kind: "ban_rejected" } }],
        },
      },
    },
    escalated: {
      tags: ["open"],
      on: {
        REPORT_ADDED: { guard: "isIntake", actions: "recordReport" },
        CLAIM: { guard: "isSeniorCaseWorker", target: "in_review", actions: ["takeClaim", "scheduleClaimExpiry"] },
        // The senior queue stays with seniors: only a senior may assign it, and only to a senior.
        ASSIGN: {
          guard: and(["isSeniorCaseWorker", "assigneeIsSeniorCaseWorker"]),
          target: "in_review",
          actions: ["giveClaim", "scheduleClaimExpiry"],
        },
      },
    },
    actioned: {
      tags: ["resolved"],
      on: {
        REPORT_ADDED: [
          { guard: and(["isIntake", "bringsNews"]), target: "new", actions: ["recordReport", "reopen", { type: "notify", params: { kind: "reopened" } }] },
          { guard: "isIntake", actions: "recordReport" },
        ],
        REOPEN: { guard: "isSeniorCaseWorker", target: "new", actions: ["reopen", "recordReason", { type: "notify", params: { kind: "reopened" } }] },
        CLOSE: { guard: or(["isCaseWorker", "isSystem"]), target: "closed" },
      },
    },
    dismissed: {
      tags: ["resolved"],
      on: {
        REPORT_ADDED: [
          { guard: and(["isIntake", "bringsNews"]), target: "new", actions: ["recordReport", "reopen", { type: "notify", params: { kind: "reopened" } }] },
          { guard: "isIntake", actions: "recordReport" },
        ],
        // Back to review, held by whoever undoes it, with a fresh claim: the escalation stays,
        // so releasing it returns the case to the queue it came from.
        UNDO_DISMISS: { guard: and(["mayWorkCase", "withinUndoWindow"]), target: "in_review", actions: ["undoDismissal", "takeClaim", "scheduleClaimExpiry"] },
        REOPEN: { guard: "isSeniorCaseWorker", target: "new", actions: ["reopen", "recordReason", { type: "notify", params: { kind: "reopened" } }] },
        CLOSE: { guard: or(["isCaseWorker", "isSystem"]), target: "closed" },
      },
    },
    closed: {
      tags: ["resolved"],
      on: {
        REPORT_ADDED: [
          { guard: and(["isIntake", "bringsNews"]), target: "new", actions: ["recordReport", "reopen", { type: "notify", params: { kind: "reopened" } }] },
          { guard: "isIntake", actions: "recordReport" },
        ],
        REOPEN: { guard: "isSeniorCaseWorker", target: "new", actions: ["reopen", "recordReason", { type: "notify", params: { kind: "reopened" } }] },
      },
    },
  },
});

export type TriageSnapshot = SnapshotFrom<typeof triageMachine>;
