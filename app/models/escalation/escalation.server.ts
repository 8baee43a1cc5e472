import type { EscalationActor, EscalationEffect, EscalationEvent, EscalationSnapshot, SlaClock } from "@machines/escalation";
import {
  applyEscalationEvent,
  ESCALATION_SYSTEM_ROLE,
  initialEscalationSnapshot,
  restoreEscalationSnapshot,
  serializeEscalationSnapshot,
} from "@machines/escalation";
import type { Case, CaseEscalation } from "~/generated/prisma/client";
import type { Tx } from "~/utils/db.server";
import type { Actor } from "../accounts/actor";
import { appendAudit } from "../audit/audit.server";
import { updateSlaColumns } from "../cases/case-rows.server";
import type { PolicyVersion } from "./escalation-policy.server";
import { currentPolicyVersion, machineTiers, policyVersionById } from "./escalation-policy.server";
import { armClock, cancelAllClocks, cancelClock, CLOCK_LABELS, clockWindowMs } from "./escalation-clocks.server";
import { notifyRoles } from "../messages/notifications.server";
import { enqueueWebhooks, webhookBody } from "../messages/outbox.server";
import { breachAt } from "../cases/sla-state";

// The escalation write path, inside a transaction the caller owns: restore the case's
// escalation snapshot, let the pure machine decide, write the snapshot (compare-and-set
// on its version), carry out the effects it emitted (inbox, webhooks, SLA timers) and
// append the audit entry. Triage events reach it through `followTriage`; people through
// `applyEscalationCommand`; deadlines through the SLA timers.

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
  | { status: "applied"; state: string; tier: number; version: number; effects: EscalationEffect[] }
  | { status: "refused"; message: string };

export async function policyOf(tx: Tx, c: Pick<Case, "policyVersionId">): Promise<PolicyVersion | null> {
  return c.policyVersionId ? policyVersionById(tx, c.policyVersionId) : currentPolicyVersion(tx);
}

export const isActive = <T extends Pick<CaseEscalation, "state">>(row: T | null | undefined): row is T =>
  !!row && row.state !== "resolved" && row.state !== "idle";

type EventBody = EscalationEvent extends infer E ? (E extends unknown ? Omit<E, "actor" | "at"> : never) : never;

/** Applies one escalation event to a case inside `tx`. */
export async function escalationEventInTx(
  tx: Tx,
  input: { caseRow: EscalationCase; event: EventBody; actor: Actor; at: Date; expectedVersion?: number; requestId?: string | null },
): Promise<EscalationOutcome> {
  const { caseRow, at } = input;
  const policy = await policyOf(tx, caseRow);
  if (!policy) return { status: "refused", message: "There is no escalation policy." };
  const row = await tx.caseEscalation.findUnique({ where: { caseId: caseRow.id } });
  if (input.expectedVersion !== undefined && row && row.version !== input.expectedVersion) throw new EscalationConflict();

  // A START on a case whose last escalation ended begins a new one under the same version.
  const starting = input.event.type === "START";
  if (starting && isActive(row)) return { status: "refused", message: "The case is already escalated." };
  if (!starting && !row) return { status: "refused", message: "The case is not escalated." };
  const tiers = machineTiers(policy.definition);
  const snapshot: EscalationSnapshot = starting || !row ? initialEscalationSnapshot(tiers) : restoreEscalationSnapshot(row);
  const event = { ...input.event, actor: escalationActorFor(input.actor), at: at.toISOString() } as EscalationEvent;
  const step = applyEscalationEvent(snapshot, event);
  if (!step.accepted) return { status: "refused", message: refusalOf(event, snapshot, policy) };

  const stored = serializeEscalationSnapshot(step.snapshot);
  const tierIndex = step.snapshot.context.tier;
  const tier = policy.definition.tiers[tierIndex];
  const columns = {
    state: stored.state,
    snapshot: stored.snapshot,
    machineVersion: stored.machineVersion,
    tierIndex,
    tierKey: tier.key,
    tierRoles: `,${tier.roles.join(",")},`,
    acknowledgedById: step.snapshot.context.acknowledgedBy,
    updatedAt: at,
  };
  let version = 1;
  if (!row) {
    await tx.caseEscalation.create({ data: { caseId: caseRow.id, policyVersionId: policy.id, startedAt: at, ...columns } });
  } else {
    const data = starting ? { ...columns, policyVersionId: policy.id, startedAt: at } : columns;
    const { count } = await tx.caseEscalation.updateMany({
      where: { caseId: caseRow.id, version: row.version },
      data: { ...data, version: row.version + 1 },
    });
    if (count !== 1) throw new EscalationConflict();
    version = row.version + 1;
  }

  await carryOut(tx, caseRow, policy, step.snapshot, step.effects, at);
  const note = "note" in event && event.note ? event.note.trim() : null;
  await appendAudit(tx, {
    actor: input.actor,
    permission: input.actor.kind === "user" ? "read:case" : undefined,
    action: `escalation.${event.type.toLowerCase()}`,
    subjectType: "Case",
    subjectId: caseRow.id,
    before: row ? { state: row.state, tier: row.tierKey } : null,
    after: { state: stored.state, tier: tier.key, policyVersion: policy.version, ...(event.type === "BREACH" ? { clock: event.clock } : {}) },
    reason: note,
    requestId: input.requestId ?? null,
    at,
  });
  return { status: "applied", state: stored.state, tier: tierIndex, version, effects: step.effects };
}

function refusalOf(event: EscalationEvent, snapshot: EscalationSnapshot, policy: PolicyVersion): string {
  if ("note" in event && !event.note?.trim() && event.type !== "ACKNOWLEDGE") return "A handoff note is required.";
  const tier = policy.definition.tiers[snapshot.context.tier];
  if (tier && !event.actor.roles.some((r) => (tier.roles as readonly string[]).includes(r))) {
    return `Only ${tier.label} (${tier.roles.join(", ")}) may act on this tier.`;
  }
  return `“${event.type.toLowerCase().replace(/_/g, " ")}” is not possible now.`;
}

async function carryOut(tx: Tx, c: EscalationCase, policy: PolicyVersion, snapshot: EscalationSnapshot, effects: EscalationEffect[], at: Date) {
  const tiers = policy.definition.tiers;
  const lastNote = snapshot.context.path.at(-1)?.note ?? "";
  for (const effect of effects) {
    switch (effect.type) {
      case "tier.entered": {
        const tier = tiers[effect.tier];
        // Each tier gets its own clocks, from the moment it is told.
        const firstResponseDueAt = new Date(at.getTime() + clockWindowMs(policy, effect.tier, "first_response", c.priority));
        const resolutionDueAt = new Date(at.getTime() + clockWindowMs(policy, effect.tier, "resolution", c.priority));
        await updateSlaColumns(tx, c.id, { firstResponseDueAt, resolutionDueAt });
        await armClock(tx, { caseId: c.id, clock: "first_response", dueAt: firstResponseDueAt, policy, tier: effect.tier, priority: c.priority, now: at });
        await armClock(tx, { caseId: c.id, clock: "resolution", dueAt: resolutionDueAt, policy, tier: effect.tier, priority: c.priority, now: at });
        const kind = effect.page ? "paged" : effect.move === "hand_back" ? "handed_back" : "escalated";
        const verb = { paged: "paged to", handed_back: "handed back to", escalated: "escalated to" }[kind];
        const title = `${c.ref} ${verb} ${tier.label}`;
        await notifyRoles(tx, tier.roles, { kind, caseId: c.id, caseRef: c.ref, title, body: lastNote, at });
        if (effect.page) await enqueueWebhooks(tx, "page", webhookBody("page", `Vigil: ${title}. ${lastNote}`, { caseRef: c.ref, tier: tier.key, at }), at);
        break;
      }
      case "tier.acknowledged":
        await cancelClock(tx, c.id, "first_response");
        if (!c.firstRespondedAt) await updateSlaColumns(tx, c.id, { firstRespondedAt: at });
        break;
      case "sla.breached":
        await announceBreach(tx, c, policy, effect.tier, effect.clock, at);
        break;
      case "escalation.resolved":
        await cancelAllClocks(tx, c.id);
        break;
    }
  }
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
