import type { EscalationEffect, EscalationEvent, EscalationSnapshot } from "@machines/escalation";
import { applyEscalationEvent, initialEscalationSnapshot, restoreEscalationSnapshot, serializeEscalationSnapshot } from "@machines/escalation";
import type { CaseEscalation } from "~/generated/prisma/client";
import { actorLabel } from "../accounts/actor";
import { caseChangeEnvelope } from "../cases/case-live";
import { updateSlaColumns } from "../cases/case-rows.server";
import { notifyRoles } from "../messages/notifications.server";
import { enqueueWebhooks, webhookBody } from "../messages/outbox.server";
import type { Applying, SubjectCommand, SubjectKind } from "../workflow/subject-kind";
import { RetryableConflict } from "../workflow/write-retry.server";
import { armClock, cancelAllClocks, cancelClock, clockWindowMs } from "./escalation-clocks.server";
import type { PolicyVersion } from "./escalation-policy.server";
import { machineTiers } from "./escalation-policy.server";
import type { EscalationCase, EscalationEventBody } from "./escalation.server";
import { announceBreach, escalationActorFor, isActive, policyOf, refusalOf } from "./escalation.server";

// A case's escalation as a subject of the one write path. It lives under its case: the
// caller holds the case row's lock, so `lock` reads the escalation row and the policy it
// runs under. Its snapshot is versioned on its own row (compare-and-set), and its effects
// (a tier told, a deadline missed, clocks armed and stopped) each have a handler.

export type EscalationCommand = SubjectCommand<EscalationEventBody> & {
  /** The case as the caller holds it (locked); a case event passes its row as just written. */
  caseRow: EscalationCase & { state?: string; version?: number; assigneeId?: string | null };
};

type Locked = { caseRow: EscalationCommand["caseRow"]; row: CaseEscalation | null; policy: PolicyVersion };
type Written = { state: string; tier: number; version: number };
type EscalationApplying = Applying<Locked, EscalationSnapshot, EscalationEventBody, EscalationCommand>;

function machineEvent(command: EscalationCommand, at: Date): EscalationEvent {
  return { ...command.event, actor: escalationActorFor(command.actor), at: at.toISOString() } as EscalationEvent;
}

const starts = (body: EscalationEventBody) => body.type === "START";

export const escalationSubject: SubjectKind<Locked, EscalationSnapshot, EscalationEventBody, EscalationEffect, Written, EscalationCommand> = {
  auditSubject: "Case",
  notFound: "There is no escalation policy.",
  async lock(tx, command) {
    const policy = await policyOf(tx, command.caseRow);
    if (!policy) return null;
    const row = await tx.caseEscalation.findUnique({ where: { caseId: command.caseRow.id } });
    return { caseRow: command.caseRow, row, policy };
  },
  auditId: (locked) => locked.caseRow.id,
  versionOf: (locked) => locked.row?.version ?? null,
  conflictMessage: () => "Someone else moved this escalation first; here is where it stands now.",
  precheck({ row }, body) {
    // A START on a case whose last escalation ended begins a new one under the same version.
    if (starts(body) && isActive(row)) return "The case is already escalated.";
    if (!starts(body) && !row) return "The case is not escalated.";
    return null;
  },
  restore: ({ row, policy }, body) => (starts(body) || !row ? initialEscalationSnapshot(machineTiers(policy.definition)) : restoreEscalationSnapshot(row)),
  step: (before, command, at) => applyEscalationEvent(before, machineEvent(command, at)),
  refusal: async (_tx, { policy }, before, command, at) => refusalOf(machineEvent(command, at), before, policy),
  audit({ locked: { row, policy }, next, command, at }) {
    const event = machineEvent(command, at);
    const tier = policy.definition.tiers[next.context.tier];
    return {
      actor: command.actor,
      permission: command.actor.kind === "user" ? "read:case" : undefined,
      action: `escalation.${event.type.toLowerCase()}`,
      before: row ? { state: row.state, tier: row.tierKey } : null,
      after: { state: serializeEscalationSnapshot(next).state, tier: tier.key, policyVersion: policy.version, ...(event.type === "BREACH" ? { clock: event.clock } : {}) },
      reason: "note" in event && event.note ? event.note.trim() : null,
    };
  },
  async write(tx, { locked: { caseRow, row, policy }, next, command, at }) {
    const stored = serializeEscalationSnapshot(next);
    const tierIndex = next.context.tier;
    const tier = policy.definition.tiers[tierIndex];
    const columns = {
      state: stored.state,
      snapshot: stored.snapshot,
      machineVersion: stored.machineVersion,
      tierIndex,
      tierKey: tier.key,
      tierRoles: `,${tier.roles.join(",")},`,
      acknowledgedById: next.context.acknowledgedBy,
      updatedAt: at,
    };
    if (!row) {
      await tx.caseEscalation.create({ data: { caseId: caseRow.id, policyVersionId: policy.id, startedAt: at, ...columns } });
      return { state: stored.state, tier: tierIndex, version: 1 };
    }
    const data = starts(command.event) ? { ...columns, policyVersionId: policy.id, startedAt: at } : columns;
    const { count } = await tx.caseEscalation.updateMany({ where: { caseId: caseRow.id, version: row.version }, data: { ...data, version: row.version + 1 } });
    if (count !== 1) throw new RetryableConflict("The escalation changed during the transaction.");
    return { state: stored.state, tier: tierIndex, version: row.version + 1 };
  },
  effects: {
    async "tier.entered"(tx, effect, { locked: { caseRow: c, policy }, next, at }: EscalationApplying) {
      const tier = policy.definition.tiers[effect.tier];
      const lastNote = next.context.path.at(-1)?.note ?? "";
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
    },
    async "tier.acknowledged"(tx, _effect, { locked: { caseRow: c }, at }) {
      await cancelClock(tx, c.id, "first_response");
      if (!c.firstRespondedAt) await updateSlaColumns(tx, c.id, { firstRespondedAt: at });
    },
    async "sla.breached"(tx, effect, { locked: { caseRow: c, policy }, at }) {
      await announceBreach(tx, c, policy, effect.tier, effect.clock, at);
    },
    async "escalation.resolved"(tx, _effect, { locked: { caseRow: c } }) {
      await cancelAllClocks(tx, c.id);
    },
  },
  change({ locked: { caseRow: c, policy }, command, at }, written) {
    // A case event that moved the escalation publishes its own change; a move on its own is told here.
    if (c.state === undefined || c.version === undefined) return null;
    const tier = policy.definition.tiers[written.tier];
    return caseChangeEnvelope({
      caseId: c.id,
      ref: c.ref,
      state: c.state,
      version: c.version,
      assigneeId: c.assigneeId ?? null,
      action: `escalation.${command.event.type.toLowerCase()}`,
      by: actorLabel(command.actor),
      at: at.toISOString(),
      escalation: { state: written.state, tier: tier.key, tierLabel: tier.label, version: written.version },
    });
  },
};
