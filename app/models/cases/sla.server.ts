import type { Case } from "~/generated/prisma/client";
import type { Tx } from "~/utils/db.server";
import { prisma } from "~/utils/db.server";
import { policyVersionById } from "../escalation/escalation-policy.server";
import type { SlaState } from "./sla-state";
import { slaState } from "./sla-state";

// A case's SLA reading from its stored rows: the pure `slaState` over the case's clock
// columns, its escalation and the tiers of the policy version it runs under.

export type SlaRow = Pick<Case, "isOpen" | "policyVersionId" | "firstResponseDueAt" | "firstRespondedAt" | "resolutionDueAt" | "slaPausedAt"> & {
  escalation: { state: string; tierIndex: number } | null;
};

/** The tiers (key and label) of a policy version, in order; none without one. Versions are cached. */
export async function tiersOfVersion(db: Tx | typeof prisma, policyVersionId: string | null) {
  if (!policyVersionId) return [];
  return (await policyVersionById(db, policyVersionId)).definition.tiers.map(({ key, label }) => ({ key, label }));
}

export async function slaOf(row: SlaRow, now: Date, db: Tx | typeof prisma = prisma): Promise<SlaState> {
  return slaState({ ...row, tiers: await tiersOfVersion(db, row.policyVersionId) }, now);
}

/** The reading of one case by id, for pages that hold the case row without its escalation. */
export async function slaOfCase(c: Omit<SlaRow, "escalation"> & { id: string }, now: Date): Promise<SlaState> {
  const escalation = await prisma.caseEscalation.findUnique({ where: { caseId: c.id }, select: { state: true, tierIndex: true } });
  return slaOf({ ...c, escalation }, now);
}
