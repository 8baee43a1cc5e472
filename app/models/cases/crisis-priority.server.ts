import { z } from "zod";
import { Prisma } from "~/generated/prisma/client";
import type { Tx } from "~/utils/db.server";
import { isSqlite } from "~/utils/db.server";
import { parseJsonAs } from "~/utils/json";
import type { PriorityFactor } from "./priority";
import { withCrisisFactor } from "./priority";

// A case linked to an active crisis climbs in the queue (issue 13, decision 23): its stored
// priority carries a crisis factor naming the crises, set when a case is linked and taken
// away when the crisis is no longer active, in the transaction of the crisis's change. The
// crisis's write path locks these case rows before its audit entry (one lock order).

const StoredBreakdown = z.array(z.object({ factor: z.string(), value: z.number(), points: z.number(), explanation: z.string() }));

/** A case's stored breakdown; an unreadable one reads as empty. */
export function readBreakdown(json: string): PriorityFactor[] {
  return (parseJsonAs(StoredBreakdown, json) ?? []) as PriorityFactor[];
}

/** The crisis factor of a stored breakdown carried onto a new one (a report recomputes the rest). */
export function keepCrisisFactor(stored: string, next: readonly PriorityFactor[]) {
  const crisis = readBreakdown(stored).filter((f) => f.factor === "crisis");
  const factors = [...next.filter((f) => f.factor !== "crisis"), ...crisis];
  return { score: factors.reduce((sum, f) => sum + f.points, 0), breakdown: factors };
}

/** Locks case rows in id order (PostgreSQL; SQLite's write lock is the database's). */
export async function lockCaseRows(tx: Tx, caseIds: readonly string[]) {
  if (isSqlite() || caseIds.length === 0) return;
  await tx.$queryRaw`SELECT "id" FROM "Case" WHERE "id" IN (${Prisma.join([...caseIds].sort())}) ORDER BY "id" FOR UPDATE`;
}

/** Sets each case's crisis factor from the active crises it is linked to now. */
export async function refreshCrisisFactor(tx: Tx, caseIds: readonly string[]) {
  if (caseIds.length === 0) return;
  const cases = await tx.case.findMany({ where: { id: { in: [...caseIds] } }, select: { id: true, priority: true, priorityBreakdown: true } });
  const links = await tx.crisisCase.findMany({ where: { caseId: { in: [...caseIds] }, crisis: { state: "active" } }, select: { caseId: true, crisis: { select: { ref: true } } } });
  for (const c of cases) {
    const refs = links.filter((l) => l.caseId === c.id).map((l) => l.crisis.ref);
    const next = withCrisisFactor(readBreakdown(c.priorityBreakdown), refs);
    const json = JSON.stringify(next.breakdown);
    if (json === c.priorityBreakdown && next.score === c.priority) continue;
    await tx.case.update({ where: { id: c.id }, data: { priority: next.score, priorityBreakdown: json } });
  }
}
