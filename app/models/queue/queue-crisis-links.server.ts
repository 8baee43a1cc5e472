import { prisma } from "~/utils/db.server";
import type { Actor } from "../accounts/actor";
import { applyCrisisEvent } from "../crises/crisis-commands.server";
import type { BulkResult, CaseSelection } from "./queue-work.server";

// Linking the cases ticked in the queue to an active crisis (issue 13, "surge"): one
// crisis event per case through the write path, each audited, each case's part answered
// in words. The crisis room lists them, and they climb in the queue while it is active.

export type ActiveCrisis = { ref: string; title: string; severity: string };

/** The crises a selection can be linked to: the active ones, newest first. */
export async function activeCrisesToLink(): Promise<ActiveCrisis[]> {
  return prisma.crisis.findMany({ where: { state: "active" }, orderBy: { declaredAt: "desc" }, take: 50, select: { ref: true, title: true, severity: true } });
}

export type CrisisLinking = { error: string } | { crisisRef: string; results: BulkResult[] };

export async function linkCasesToCrisis(selection: CaseSelection[], crisisRef: string, actor: Actor, requestId: string | null): Promise<CrisisLinking> {
  const crisis = await prisma.crisis.findUnique({ where: { ref: crisisRef }, select: { id: true, state: true } });
  if (!crisis) return { error: `There is no crisis ${crisisRef}.` };
  if (crisis.state !== "active") return { error: `${crisisRef} is no longer active: cases are linked to an active crisis.` };
  const rows = await prisma.case.findMany({ where: { id: { in: selection.map((s) => s.caseId) } }, select: { id: true, ref: true } });
  const refs = new Map(rows.map((r) => [r.id, r.ref]));
  const results: BulkResult[] = [];
  for (const { caseId } of selection) {
    const ref = refs.get(caseId);
    if (!ref) {
      results.push({ caseId, ref: null, status: "not_found", message: "There is no such case." });
      continue;
    }
    const outcome = await applyCrisisEvent({ id: crisis.id, event: { type: "LINK_CASE", caseId, caseRef: ref }, actor, requestId });
    results.push({ caseId, ref, status: outcome.status, message: outcome.status === "applied" ? `Linked to ${crisisRef}.` : outcome.message });
  }
  return { crisisRef, results };
}
