import { prisma } from "~/utils/db.server";
import type { CaseChange } from "~/services/live.server";
import { publishCaseChange } from "~/services/live.server";
import type { Actor } from "../accounts/actor";
import { actorLabel } from "../accounts/actor";
import { policyVersionById } from "./escalation-policy.server";
import type { Timer } from "../workflow/timers.server";

// Live updates for escalation moves. The triage write path publishes its own changes;
// a move that only changes the escalation (a senior acknowledging, climbing, handing back,
// a deadline passing) is published here, after its transaction has committed, with the
// escalation's version so a case page can tell it has not seen it yet.

/** The change as it stands now, read after the commit. */
export async function escalationChangeOf(caseId: string, action: string, actor: Actor, at: Date): Promise<CaseChange | null> {
  const c = await prisma.case.findUnique({ where: { id: caseId }, include: { escalation: true } });
  if (!c?.escalation) return null;
  const policy = await policyVersionById(prisma, c.escalation.policyVersionId);
  const tier = policy.definition.tiers[c.escalation.tierIndex];
  return {
    caseId: c.id,
    ref: c.ref,
    state: c.state,
    version: c.version,
    assigneeId: c.assigneeId,
    action,
    by: actorLabel(actor),
    at: at.toISOString(),
    escalation: { state: c.escalation.state, tier: c.escalation.tierKey, tierLabel: tier?.label ?? c.escalation.tierKey, version: c.escalation.version },
  };
}

/**
 * Publishes an escalation move that has committed. The move stands whatever happens here,
 * so a failure to read it back is logged, not thrown at the person who made it.
 */
export async function publishEscalationChange(caseId: string, action: string, actor: Actor, at: Date): Promise<void> {
  try {
    const change = await escalationChangeOf(caseId, action, actor, at);
    if (change) publishCaseChange(change);
  } catch (error) {
    console.error(`Live update for ${action} on case ${caseId} not sent:`, error);
  }
}

/** After a breach timer's transaction: if it fired (not cancelled as stale), it moved the case. */
export async function publishSlaBreach(timer: Timer, actor: Actor, at: Date): Promise<void> {
  if (!timer.caseId) return;
  const settled = await prisma.timer.findUnique({ where: { id: timer.id }, select: { status: true } });
  if (settled?.status === "fired") await publishEscalationChange(timer.caseId, "escalation.breach", actor, at);
}
