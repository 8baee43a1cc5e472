import { z } from "zod";
import { prisma } from "~/utils/db.server";
import { parseJsonAs } from "~/utils/json";
import type { Permission } from "~/utils/permissions";
import { can } from "~/utils/permissions";
import type { Actor } from "../accounts/actor";
import { appendAudit } from "../audit/audit.server";
import { withWriteRetry } from "../workflow/write-retry.server";
import type { CrisisOutcome } from "./crisis-commands.server";
import { applyCrisisEvent, crisisIdOf } from "./crisis-commands.server";
import { declareFromForm } from "./crisis-room-commands.server";
import { signalWords } from "./early-warning";
import type { CrisisSeverity, CrisisType } from "./crisis-words";

// Deciding a proposal of the early-warning monitor: accepting declares the crisis with the
// matching cases linked; dismissing needs a reason. The decision is a compare-and-set on the
// open proposal, so two people deciding at once get one decision and a clear answer; every
// decision is audited.

export type ProposalOutcome = { status: "applied"; message: string; crisisRef: string | null } | { status: "refused" | "forbidden" | "not_found" | "invalid"; message: string; field?: string };

const CaseIds = z.array(z.string());

async function decide(id: string, actor: Actor & { kind: "user" }, decision: { status: "accepted" | "dismissed" | "open"; reason?: string; crisisRef?: string }, at: Date) {
  return withWriteRetry(async (tx) => {
    // A dismissal decides an open proposal; an acceptance (or giving it back) one taken for deciding.
    const from = decision.status === "dismissed" ? "open" : "deciding";
    const { count } = await tx.crisisProposal.updateMany({
      where: { id, status: from },
      data: { status: decision.status, reason: decision.reason ?? null, decidedAt: decision.status === "open" ? null : at, decidedById: decision.status === "open" ? null : actor.id, crisisRef: decision.crisisRef ?? null },
    });
    if (count !== 1) return false;
    if (decision.status !== "open") {
      await appendAudit(tx, {
        actor,
        permission: "declare:crisis",
        action: `crisis_proposal.${decision.status === "accepted" ? "accept" : "dismiss"}`,
        subjectType: "CrisisProposal",
        subjectId: id,
        after: { status: decision.status, crisis: decision.crisisRef ?? null },
        reason: decision.reason ?? null,
        at,
      });
    }
    return true;
  });
}

const refuseWithout = (actor: Actor & { kind: "user" }, permission: Permission): ProposalOutcome | null =>
  can(actor.roles, permission) ? null : { status: "forbidden", message: `You need the permission “${permission}” to do this.` };

export async function dismissProposal(id: string, reason: string, actor: Actor & { kind: "user" }, at = new Date()): Promise<ProposalOutcome> {
  const refused = refuseWithout(actor, "declare:crisis");
  if (refused) return refused;
  if (!(await prisma.crisisProposal.findUnique({ where: { id } }))) return { status: "not_found", message: "There is no such proposal." };
  if (!(await decide(id, actor, { status: "dismissed", reason }, at))) return { status: "refused", message: "Someone decided this proposal already." };
  return { status: "applied", message: "Proposal dismissed.", crisisRef: null };
}

export async function acceptProposal(id: string, facts: { type: CrisisType; severity: CrisisSeverity }, actor: Actor & { kind: "user" }, requestId: string | null): Promise<ProposalOutcome> {
  const refused = refuseWithout(actor, "declare:crisis");
  if (refused) return refused;
  const proposal = await prisma.crisisProposal.findUnique({ where: { id } });
  if (!proposal) return { status: "not_found", message: "There is no such proposal." };
  // Taken first, so that two people accepting at once declare one crisis.
  const { count } = await prisma.crisisProposal.updateMany({ where: { id, status: "open" }, data: { status: "deciding" } });
  if (count !== 1) return { status: "refused", message: "Someone decided this proposal already." };
  const caseIds = parseJsonAs(CaseIds, proposal.caseIds) ?? [];
  const cases = await prisma.case.findMany({ where: { id: { in: caseIds } }, select: { id: true, ref: true } });
  const first = caseIds.map((cid) => cases.find((c) => c.id === cid)).find(Boolean);
  const title = `${proposal.count} ${signalWords(proposal.signal)} in ${proposal.windowMinutes} minutes`;
  const known = `Proposed by the early-warning monitor: ${proposal.count} ${signalWords(proposal.signal)} in ${proposal.windowMinutes} minutes, where the same window usually has ${Math.round(proposal.baseline * 10) / 10}.`;
  const declared: CrisisOutcome | { status: "invalid"; field: string; message: string } = await declareFromForm(
    { type: facts.type, severity: facts.severity, title: title.slice(0, 200), known, playbook: "", case: first?.ref ?? "" },
    actor,
    requestId,
  );
  if (declared.status !== "applied") {
    await decide(id, actor, { status: "open" }, new Date());
    return { status: declared.status === "invalid" ? "invalid" : "refused", message: declared.message, field: declared.status === "invalid" ? "type" : undefined };
  }
  const crisisId = (await crisisIdOf(declared.ref))!;
  for (const c of cases) {
    if (c.id === first?.id) continue;
    await applyCrisisEvent({ id: crisisId, event: { type: "LINK_CASE", caseId: c.id, caseRef: c.ref }, actor, requestId });
  }
  await decide(id, actor, { status: "accepted", crisisRef: declared.ref }, new Date());
  return { status: "applied", message: `Crisis declared: ${declared.ref}, with ${cases.length} cases linked.`, crisisRef: declared.ref };
}
