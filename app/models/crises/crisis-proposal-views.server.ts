import { z } from "zod";
import { prisma } from "~/utils/db.server";
import { parseJsonAs } from "~/utils/json";
import { signalWords } from "./early-warning";

// The early-warning monitor's open proposals as the crises page shows them: what spiked,
// its count against the usual, and its top cases. Nothing here writes.

const CaseIds = z.array(z.string());

export type ProposalView = { id: string; what: string; windowMinutes: number; count: number; baseline: number; createdAt: string; cases: { ref: string; reports: number; text: string | null }[]; suggestedType: string };

/** The open proposals, newest first, with their top cases. */
export async function openProposals(): Promise<ProposalView[]> {
  const rows = await prisma.crisisProposal.findMany({ where: { status: "open" }, orderBy: { createdAt: "desc" }, take: 20 });
  const ids = [...new Set(rows.flatMap((r) => (parseJsonAs(CaseIds, r.caseIds) ?? []).slice(0, 5)))];
  const cases = new Map((await prisma.case.findMany({ where: { id: { in: ids } }, select: { id: true, ref: true, reportCount: true, text: true } })).map((c) => [c.id, c]));
  return rows.map((r) => ({
    id: r.id,
    what: signalWords(r.signal),
    windowMinutes: r.windowMinutes,
    count: r.count,
    baseline: Math.round(r.baseline * 10) / 10,
    createdAt: r.createdAt.toISOString(),
    cases: (parseJsonAs(CaseIds, r.caseIds) ?? []).slice(0, 5).flatMap((id) => {
      const c = cases.get(id);
      return c ? [{ ref: c.ref, reports: c.reportCount, text: c.text ? c.text.slice(0, 140) : null }] : [];
    }),
    suggestedType: r.signal.startsWith("author:") ? "harassment_raid" : r.signal === "rule:privacy" ? "data_leak" : r.signal === "rule:self_harm" || r.signal === "rule:threats" ? "safety_threat" : "harassment_raid",
  }));
}
