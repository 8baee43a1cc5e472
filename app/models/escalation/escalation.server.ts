import type { EscalationActor, EscalationEffect, EscalationEvent, EscalationSnapshot, SlaClock } from "@machines/escalation";
import { ESCALATION_SYSTEM_ROLE } from "@machines/escalation";
import type { Case, CaseEscalation } from "~/generated/prisma/client";
import type { Tx } from "~/utils/db.server";
import type { Actor } from "../accounts/actor";
import type { PolicyVersion } from "./escalation-policy.server";
import { currentPolicyVersion, policyVersionById } from "./escalation-policy.server";
import { CLOCK_LABELS } from "./escalation-clocks.server";
import { notifyRoles } from "../messages/notifications.server";
import { enqueueWebhooks, webhookBody } from "../messages/outbox.server";
import { breachAt } from "../cases/sla-state";
import type { SubjectChange } from "~/utils/live-bus.server";
import { stepSubjectInTx } from "../workflow/write-path.server";
import { escalationSubject } from "./escalation-subject.server";

// A case's escalation: who acts for whom, the policy a case runs under, and its events
// through the one write path (escalation-subject.server.ts). Triage events reach it through
// `followTriage`; people through `applyEscalationCommand`; deadlines through the SLA timers.

export type EscalationCase = Pick<Case, "id" | "ref" | "priority" | "policyVersionId" | "firstRespondedAt" | "slaPausedAt">;

export const SYSTEM_ESCALATION_ACTOR: EscalationActor = { id: "system:scheduler", roles: [ESCALATION_SYSTEM_ROLE] };

export function escalationActorFor(actor: Actor): EscalationActor {
  switch (actor.kind) {
    case "user":
      return { id: actor.id, roles: actor.roles };
    case "system":
      return SYSTEM_ESCALATION_ACTOR;
    case "api-key":
      return { id: `api-key:${actor.id}`, roles: [] };
    case "member":
      return { id: "member", roles: [] };
  }
}

export class EscalationConflict extends Error {
  constructor() {
    super("The escalation changed during the transaction.");
  }
}

export type EscalationOutcome =
  | { status: "applied"; state: string; tier: number; version: number; effects: EscalationEffect[]; change: SubjectChange | null }
  | { status: "refused"; message: string };

export async function policyOf(tx: Tx, c: Pick<Case, "policyVersionId">): Promise<PolicyVersion | null> {
  return c.policyVersionId ? policyVersionById(tx, c.policyVersionId) : currentPolicyVersion(tx);
}

export const isActive = <T extends Pick<CaseEscalation, "state">>(row: T | null | undefined): row is T =>
  !!row && row.state !== "resolved" && row.state !== "idle";

export type EscalationEventBody = EscalationEvent extends infer E ? (E extends unknown ? Omit<E, "actor" | "at"> : never) : never;

/**
 * Applies one escalation event to a case inside `tx`, through the one write path with the
 * escalation as its subject (escalation-subject.server.ts). The caller holds the case row's
 * lock. A person's stale version throws `EscalationConflict`, rolling the transaction back.
 */
export async function escalationEventInTx(
  tx: Tx,
  input: { caseRow: EscalationCase; event: EscalationEventBody; actor: Actor; at: Date; expectedVersion?: number; requestId?: string | null },
): Promise<EscalationOutcome> {
  const outcome = await stepSubjectInTx(tx, escalationSubject, {
    id: input.caseRow.id,
    caseRow: input.caseRow,
    event: input.event,
    actor: input.actor,
    at: input.at,
    expectedVersion: input.expectedVersion,
    requestId: input.requestId,
  });
  switch (outcome.status) {
    case "applied":
      return { status: "applied", ...outcome.written, effects: outcome.effects, change: outcome.change };
    case "conflict":
      throw new EscalationConflict();
    default:
      return { status: "refused", message: outcome.message };
  }
}

export function refusalOf(event: EscalationEvent, snapshot: EscalationSnapshot, policy: PolicyVersion): string {
  if ("note" in event && !event.note?.trim() && event.type !== "ACKNOWLEDGE") return "A handoff note is required.";
  const tier = policy.definition.tiers[snapshot.context.tier];
  if (tier && !event.actor.roles.some((r) => (tier.roles as readonly string[]).includes(r))) {
    return `Only ${tier.label} (${tier.roles.join(", ")}) may act on this tier.`;
  }
  return `“${event.type.toLowerCase().replace(/_/g, " ")}” is not possible now.`;
}

/** Tells the tier whose deadline passed, in the inbox and through the breach webhooks. */
export async function announceBreach(tx: Tx, c: Pick<Case, "id" | "ref">, policy: PolicyVersion, tierIndex: number, clock: SlaClock, at: Date) {
  const tier = policy.definition.tiers[tierIndex];
  const title = `${c.ref}: ${CLOCK_LABELS[clock]} deadline missed at ${tier.label}`;
  await notifyRoles(tx, tier.roles, { kind: "sla_breached", caseId: c.id, caseRef: c.ref, title, body: afterBreach(policy, tierIndex), at });
  await enqueueWebhooks(tx, "breach", webhookBody("breach", `Vigil: ${title}.`, { caseRef: c.ref, tier: tier.key, at }), at);
}

/** What a missed deadline on a tier does, in the words of the SLA reading (models/cases/sla-state.ts). */
function afterBreach(policy: PolicyVersion, tierIndex: number): string {
  const { climbsTo } = breachAt(policy.definition.tiers, tierIndex);
  if (climbsTo) return `The case climbs to ${climbsTo.label}.`;
  return `${policy.definition.tiers[tierIndex].label} is the top tier: the missed deadline is recorded, and the case stays with it.`;
}

/** The line a deadline warning ends with: what happens if the deadline passes. */
export function ifDeadlinePasses(policy: PolicyVersion, tierIndex: number): string {
  const { climbsTo } = breachAt(policy.definition.tiers, tierIndex);
  if (climbsTo) return `If the deadline passes, the case climbs to ${climbsTo.label}.`;
  return `${policy.definition.tiers[tierIndex].label} is the top tier: if the deadline passes, it is recorded as missed and the case stays here.`;
}
