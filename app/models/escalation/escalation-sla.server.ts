import type { SlaClock } from "@machines/escalation";
import type { TriageEvent } from "@machines/triage";
import { RESOLVED_TRIAGE_STATES } from "@machines/triage";
import type { Case } from "~/generated/prisma/client";
import type { Tx } from "~/utils/db.server";
import type { Actor } from "../accounts/actor";
import type { SlaTimerEvent } from "./escalation-clocks.server";
import { armClock, cancelAllClocks, cancelClock, CLOCK_LABELS, clockWindowMs } from "./escalation-clocks.server";
import type { SubjectChange } from "~/utils/live-bus.server";
import { publishChange } from "~/utils/live-bus.server";
import { currentPolicyVersion } from "./escalation-policy.server";
import type { PolicyVersion } from "./escalation-policy.server";
import { announceBreach, escalationEventInTx, ifDeadlinePasses, isActive, policyOf } from "./escalation.server";
import type { EscalationState, SlaColumns } from "../cases/case-rows.server";
import { loadCaseRow, lockCaseRow, updateSlaColumns } from "../cases/case-rows.server";
import { withWriteRetry } from "../workflow/write-retry.server";
import { notifyRoles, notifyUser } from "../messages/notifications.server";
import type { Timer } from "../workflow/timers.server";
import { settleTimer } from "../workflow/timers.server";

// SLA clocks and the escalation, following the case: intake starts the clocks (or skips
// straight to a tier), triage events stop, pause, resume and escalate them, and the
// scheduler fires their deadlines. Everything runs in the transaction of the change.

const SYSTEM: Actor = { kind: "system", name: "scheduler" };
const resolved = (state: string) => (RESOLVED_TRIAGE_STATES as readonly string[]).includes(state);

/** At intake: the policy version, the first tier's deadlines, or a skip to a higher tier. */
export async function startCaseClocks(tx: Tx, c: Case, actor: Actor, at: Date) {
  const policy = await currentPolicyVersion(tx);
  if (!policy) return;
  await updateSlaColumns(tx, c.id, { policyVersionId: policy.id });
  const withPolicy = { ...c, policyVersionId: policy.id };
  if (await skipTiers(tx, withPolicy, c.ruleCode, actor, at)) return;
  await armFirstTier(tx, c, policy, at);
}

/** The first tier's deadlines for a case of `priority` whose round starts at `at`. */
export function firstTierDeadlines(policy: PolicyVersion, priority: number, at: Date) {
  return {
    firstResponseDueAt: new Date(at.getTime() + clockWindowMs(policy, 0, "first_response", priority)),
    resolutionDueAt: new Date(at.getTime() + clockWindowMs(policy, 0, "resolution", priority)),
  };
}

/** Whether a report under `ruleCode` starts a new case's escalation at a higher tier. */
export function skipsTiers(policy: PolicyVersion, ruleCode: string): boolean {
  return policy.definition.skipRules.some((r) => r.ruleCode === ruleCode);
}

/** The first tier's deadlines from `at`: at intake, and again when a resolved case reopens. */
async function armFirstTier(tx: Tx, c: Pick<Case, "id" | "priority">, policy: PolicyVersion, at: Date, reset: SlaColumns = {}) {
  const { firstResponseDueAt, resolutionDueAt } = firstTierDeadlines(policy, c.priority, at);
  await updateSlaColumns(tx, c.id, { ...reset, firstResponseDueAt, resolutionDueAt });
  await armClock(tx, { caseId: c.id, clock: "first_response", dueAt: firstResponseDueAt, policy, tier: 0, priority: c.priority, now: at });
  await armClock(tx, { caseId: c.id, clock: "resolution", dueAt: resolutionDueAt, policy, tier: 0, priority: c.priority, now: at });
}

/** A rule that skips tiers starts the escalation at its tier (and pages it); true if it did. */
async function skipTiers(tx: Tx, c: Case, ruleCode: string, actor: Actor, at: Date): Promise<boolean> {
  const policy = await policyOf(tx, c);
  const rule = policy?.definition.skipRules.find((r) => r.ruleCode === ruleCode);
  if (!policy || !rule) return false;
  const tier = policy.definition.tiers.findIndex((t) => t.key === rule.tier);
  const note = `A report under “${ruleCode}” goes straight to ${policy.definition.tiers[tier].label}.`;
  const outcome = await escalationEventInTx(tx, { caseRow: c, event: { type: "START", tier, note, page: rule.page }, actor, at });
  return outcome.status === "applied";
}

/**
 * Called by the case write path after a triage event was applied, in its transaction:
 * first response, pause and resume, escalation, resolution, reopening.
 */
export async function followTriage(
  tx: Tx,
  input: { caseRow: Case; escalation: EscalationState | null; from: string; to: string; event: TriageEvent; actor: Actor; at: Date },
) {
  const { caseRow: c, escalation, from, to, event, actor, at } = input;
  if (!c.policyVersionId) return;
  const active = isActive(escalation);

  if (resolved(to) && !resolved(from)) {
    await cancelAllClocks(tx, c.id);
    if (active) await escalationEventInTx(tx, { caseRow: c, event: { type: "RESOLVE", note: `Case ${to.replace(/_/g, " ")}: ${reasonOf(event)}` }, actor: SYSTEM, at });
    return;
  }
  if (resolved(from) && !resolved(to)) await (event.type === "UNDO_DISMISS" ? restoreClocks(tx, c, escalation?.tierIndex ?? 0, at) : reopen(tx, c, at));
  if (to === "waiting_for_info" && from !== to) return pause(tx, c, at);
  if (from === "waiting_for_info" && to !== from) await resume(tx, c, escalation?.tierIndex ?? 0, at);

  if ((event.type === "CLAIM" || event.type === "ASSIGN") && to === "in_review") {
    if (active && escalation.state === "awaiting_ack") {
      // A claim by someone on the tier is its acknowledgement; anyone else's claim leaves the clock running.
      await escalationEventInTx(tx, { caseRow: c, event: { type: "ACKNOWLEDGE", note: "Claimed the case." }, actor, at });
    } else if (!active && !c.firstRespondedAt) {
      await cancelClock(tx, c.id, "first_response");
      await updateSlaColumns(tx, c.id, { firstRespondedAt: at });
    }
  }
  if (event.type === "ESCALATE") {
    const note = event.reason.trim() || "Escalated from triage.";
    if (active) await escalationEventInTx(tx, { caseRow: c, event: { type: "CLIMB", note }, actor, at });
    else await escalationEventInTx(tx, { caseRow: c, event: { type: "START", tier: 1, note, page: false }, actor, at });
  }
  if (event.type === "REPORT_ADDED" && !active) await skipTiers(tx, c, event.ruleCode, actor, at);
}

function reasonOf(event: TriageEvent): string {
  return "reason" in event ? event.reason : event.type.toLowerCase();
}

/**
 * A reopened case is a new round of work: it needs a first response again, and its clocks
 * start afresh on the first tier of the policy it runs under (a skip rule may then move it).
 */
async function reopen(tx: Tx, c: Case, at: Date) {
  const policy = await policyOf(tx, c);
  if (policy) await armFirstTier(tx, c, policy, at, { firstRespondedAt: null, slaPausedAt: null });
}

/**
 * An undone dismissal puts the case back where it was: its deadlines are the ones it had
 * (kept on the row), not a fresh round. One that passed meanwhile fires at once.
 */
async function restoreClocks(tx: Tx, c: Case, tier: number, at: Date) {
  const policy = await policyOf(tx, c);
  if (!policy) return;
  const arm = (clock: SlaClock, dueAt: Date) => armClock(tx, { caseId: c.id, clock, dueAt, policy, tier, priority: c.priority, now: at });
  if (!c.firstRespondedAt && c.firstResponseDueAt) await arm("first_response", c.firstResponseDueAt);
  if (c.resolutionDueAt) await arm("resolution", c.resolutionDueAt);
}

async function pause(tx: Tx, c: Case, at: Date) {
  await cancelAllClocks(tx, c.id);
  await updateSlaColumns(tx, c.id, { slaPausedAt: at });
}

/** Resuming moves every running deadline by the time spent waiting, and re-arms it. */
async function resume(tx: Tx, c: Case, tier: number, at: Date) {
  // Read again inside the transaction: a fired SLA timer may have moved the deadlines.
  const fresh = await loadCaseRow(tx, c.id);
  const policy = fresh && (await policyOf(tx, fresh));
  if (!fresh?.slaPausedAt || !policy) return;
  const paused = at.getTime() - fresh.slaPausedAt.getTime();
  const shift = (d: Date | null) => (d ? new Date(d.getTime() + paused) : null);
  const firstResponseDueAt = fresh.firstRespondedAt ? fresh.firstResponseDueAt : shift(fresh.firstResponseDueAt);
  const resolutionDueAt = shift(fresh.resolutionDueAt);
  await updateSlaColumns(tx, c.id, { slaPausedAt: null, slaPausedMs: fresh.slaPausedMs + paused, firstResponseDueAt, resolutionDueAt });
  const arm = (clock: SlaClock, dueAt: Date) => armClock(tx, { caseId: c.id, clock, dueAt, policy, tier, priority: fresh.priority, now: at });
  if (!fresh.firstRespondedAt && firstResponseDueAt) await arm("first_response", firstResponseDueAt);
  if (resolutionDueAt) await arm("resolution", resolutionDueAt);
}

/** Fires one leased SLA timer: a warning in the inbox, or the breach that climbs a tier. */
export async function fireSlaTimer(timer: Timer, event: SlaTimerEvent, now: Date) {
  const change = await withWriteRetry(async (tx): Promise<SubjectChange | null> => {
    // Takes the case row's write lock first, as every writer does.
    await lockCaseRow(tx, timer.subjectId);
    const c = await tx.case.findUnique({ where: { id: timer.subjectId }, include: { escalation: true } });
    const due = event.clock === "first_response" ? c?.firstResponseDueAt : c?.resolutionDueAt;
    const current = c && c.isOpen && !c.slaPausedAt && due && due.getTime() === Date.parse(event.dueAt);
    await settleTimer(tx, timer, current ? "fired" : "cancelled", now, current ? undefined : "deadline moved");
    if (!current) return null;
    if (event.type === "SLA_WARNING") {
      await warn(tx, c, event.clock, due, now);
      return null;
    }
    const policy = await policyOf(tx, c);
    if (!policy) return null;
    const note = `The ${CLOCK_LABELS[event.clock]} deadline (${event.dueAt.slice(11, 16)} UTC) passed.`;
    if (isActive(c.escalation)) {
      const moved = await escalationEventInTx(tx, { caseRow: c, event: { type: "BREACH", clock: event.clock, note }, actor: SYSTEM, at: now });
      return moved.status === "applied" ? moved.change : null;
    }
    // Not escalated yet: the first tier's deadline passed, so the case climbs to the second.
    await announceBreach(tx, c, policy, 0, event.clock, now);
    const started = await escalationEventInTx(tx, { caseRow: c, event: { type: "START", tier: 1, note, page: false }, actor: SYSTEM, at: now });
    return started.status === "applied" && started.change ? { ...started.change, action: "escalation.breach" } : null;
  });
  // Committed: queues and case pages hear of the climb.
  if (change) publishChange(change);
}

async function warn(tx: Tx, c: Case & { escalation: { state: string; tierIndex: number } | null }, clock: SlaClock, due: Date, at: Date) {
  const policy = await policyOf(tx, c);
  if (!policy) return;
  // The tier whose clock runs: the escalation's, or the first before the case climbed.
  const tier = isActive(c.escalation) ? c.escalation.tierIndex : 0;
  const title = `${c.ref}: ${CLOCK_LABELS[clock]} due at ${due.toISOString().slice(11, 16)} UTC`;
  const input = { kind: "sla_warning" as const, caseId: c.id, caseRef: c.ref, title, body: ifDeadlinePasses(policy, tier), at };
  if (c.assigneeId) return notifyUser(tx, c.assigneeId, input);
  await notifyRoles(tx, policy.definition.tiers[tier].roles, input);
}

