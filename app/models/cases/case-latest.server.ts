import { prisma } from "~/utils/db.server";
import { policyVersionById } from "../escalation/escalation-policy.server";
import type { CaseChange } from "./case-live";

// The case's newest change, as the live stream told it when it was made: for a case page
// whose stream opened after that change (or was away reconnecting), which would otherwise
// never hear of it. Read from the case and the newest entry of its audit trail.

export async function latestCaseChange(ref: string): Promise<CaseChange | null> {
  const c = await prisma.case.findUnique({
    where: { ref },
    select: { id: true, ref: true, state: true, version: true, assigneeId: true, escalation: { select: { state: true, tierIndex: true, version: true, policyVersionId: true } } },
  });
  if (!c) return null;
  const entry = await prisma.auditEntry.findFirst({
    where: { subjectType: "Case", subjectId: c.id },
    orderBy: { seq: "desc" },
    select: { action: true, actorLabel: true, at: true },
  });
  if (!entry) return null;
  const change: CaseChange = { caseId: c.id, ref: c.ref, state: c.state, version: c.version, assigneeId: c.assigneeId, action: entry.action, by: entry.actorLabel, at: entry.at.toISOString() };
  if (!c.escalation || !entry.action.startsWith("escalation.")) return change;
  const tier = (await policyVersionById(prisma, c.escalation.policyVersionId)).definition.tiers[c.escalation.tierIndex];
  if (!tier) return change;
  return { ...change, escalation: { state: c.escalation.state, tier: tier.key, tierLabel: tier.label, version: c.escalation.version } };
}
