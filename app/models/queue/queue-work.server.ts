import { DISMISS_UNDO_MINUTES } from "@machines/triage";
import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import type { Actor } from "../accounts/actor";
import type { CaseEventOutcome } from "../cases/case-events.server";
import { applyCaseEvent } from "../cases/case-events.server";
import { TRIAGE_ROLES } from "../cases/case-roles";

// Working the queue: claim a case, dismiss a selection as spam (and undo that for a few
// minutes), assign a selection. Every change goes through the case write path, one case
// and one event at a time, and each case's part is reported in words.

export type CaseWorker = { id: string; name: string; email: string; roles: string[]; senior: boolean };

const isSenior = (roles: readonly string[]) => roles.some((r) => TRIAGE_ROLES.seniors.includes(r));

async function activeCaseWorkers(where: Prisma.UserWhereInput): Promise<CaseWorker[]> {
  const users = await prisma.user.findMany({
    where: { ...where, disabledAt: null, roles: { some: { role: { in: [...TRIAGE_ROLES.workers] } } } },
    select: { id: true, name: true, email: true, roles: { select: { role: true } } },
    orderBy: [{ name: "asc" }, { email: "asc" }],
  });
  return users.map((u) => {
    const roles = u.roles.map((r) => r.role);
    return { id: u.id, name: u.name, email: u.email, roles, senior: isSenior(roles) };
  });
}

/** Active users who may be assigned cases, seniors marked (only they take escalated cases). */
export function caseWorkers(): Promise<CaseWorker[]> {
  return activeCaseWorkers({});
}

/** The active case worker with this id, or null (also for anyone who cannot work cases). */
export async function findCaseWorker(id: string): Promise<CaseWorker | null> {
  return (await activeCaseWorkers({ id }))[0] ?? null;
}

const rolesOf = (actor: Actor) => (actor.kind === "user" ? actor.roles : []);
const idOf = (actor: Actor) => (actor.kind === "user" ? actor.id : null);
/** One case's part in a bulk action: what the write path answered, in words. */
export type BulkResult = { caseId: string; ref: string | null; status: CaseEventOutcome["status"]; message: string };
/** A selected case and, when known, the version the person saw (a newer one answers a conflict). */
export type CaseSelection = { caseId: string; version?: number };

function resultOf(caseId: string, ref: string | null, outcome: CaseEventOutcome, applied: string): BulkResult {
  if (outcome.status === "applied") return { caseId, ref: outcome.case.ref, status: "applied", message: applied };
  return { caseId, ref: "case" in outcome ? outcome.case.ref : "latest" in outcome ? outcome.latest.ref : ref, status: outcome.status, message: outcome.message };
}

/** Claims one case for `actor`; on success the message says until when. */
export async function claimCase(caseId: string, actor: Actor, requestId: string | null) {
  const outcome = await applyCaseEvent({ caseId, event: { type: "CLAIM" }, actor, requestId });
  if (outcome.status !== "applied") return { outcome, message: outcome.message };
  const until = outcome.claimExpiresAt ? ` until ${outcome.claimExpiresAt.toISOString().slice(11, 16)} UTC` : "";
  return { outcome, message: `You hold case ${outcome.case.ref}${until}.` };
}

export const BULK_SPAM_REASON = "Spam (bulk)";

/** The ticked cases that exist, with their refs: what the confirmation lists before anything changes. */
export async function selectedCases(selection: CaseSelection[]): Promise<(CaseSelection & { ref: string })[]> {
  const rows = await prisma.case.findMany({ where: { id: { in: selection.map((s) => s.caseId) } }, select: { id: true, ref: true } });
  const refs = new Map(rows.map((r) => [r.id, r.ref]));
  return selection.flatMap((s) => {
    const ref = refs.get(s.caseId);
    return ref ? [{ ...s, ref }] : [];
  });
}

/** A case the bulk dismissed: its version afterwards, and whether the bulk claimed it (so an undo releases it). */
export type DismissedCase = { caseId: string; version: number; release: boolean };
export type SpamDismissal = { results: BulkResult[]; undo: { until: string; cases: DismissedCase[] } | null };

/** For each case: claim it unless the actor holds it, then dismiss it as spam. */
export async function dismissAsSpam(selection: CaseSelection[], actor: Actor, requestId: string | null): Promise<SpamDismissal> {
  const results: BulkResult[] = [];
  const dismissed: DismissedCase[] = [];
  let firstAt: Date | null = null;
  for (const { caseId, version } of selection) {
    const current = await prisma.case.findUnique({ where: { id: caseId }, select: { ref: true, assigneeId: true } });
    if (!current) {
      results.push({ caseId, ref: null, status: "not_found", message: "There is no such case." });
      continue;
    }
    let expectedVersion = version;
    const claiming = current.assigneeId === null || current.assigneeId !== idOf(actor);
    if (claiming) {
      const claim = await applyCaseEvent({ caseId, event: { type: "CLAIM" }, actor, expectedVersion, requestId });
      if (claim.status !== "applied") {
        results.push(resultOf(caseId, current.ref, claim, ""));
        continue;
      }
      expectedVersion = claim.case.version;
    }
    const at = new Date();
    const dismissal = await applyCaseEvent({ caseId, event: { type: "DISMISS", reason: BULK_SPAM_REASON }, actor, expectedVersion, requestId, at });
    results.push(resultOf(caseId, current.ref, dismissal, "Dismissed as spam."));
    if (dismissal.status === "applied") {
      dismissed.push({ caseId, version: dismissal.case.version, release: claiming });
      firstAt ??= at;
    }
  }
  // The first dismissal's window ends first; the machine checks each case's own.
  const until = firstAt && new Date(firstAt.getTime() + DISMISS_UNDO_MINUTES * 60_000).toISOString();
  return { results, undo: until ? { until, cases: dismissed } : null };
}

/**
 * Takes back dismissals the bulk made, each through the write path: the case returns to
 * review, held by the actor, and one the bulk had claimed is released to its queue again.
 */
export async function undoSpamDismissals(cases: DismissedCase[], actor: Actor, requestId: string | null): Promise<BulkResult[]> {
  const results: BulkResult[] = [];
  for (const { caseId, version, release } of cases) {
    const undo = await applyCaseEvent({ caseId, event: { type: "UNDO_DISMISS" }, actor, expectedVersion: version, requestId });
    if (undo.status !== "applied" || !release) {
      results.push(resultOf(caseId, null, undo, "Dismissal undone: back in review, held by you."));
      continue;
    }
    const released = await applyCaseEvent({ caseId, event: { type: "RELEASE" }, actor, expectedVersion: undo.case.version, requestId });
    const message = released.status === "applied" ? "Dismissal undone: back in the queue." : `Dismissal undone; still held by you: ${released.message}`;
    results.push({ caseId, ref: undo.case.ref, status: "applied", message });
  }
  return results;
}

/** Why an unheld escalated case could not be assigned (the machine refused on role grounds). */
function assignRefusal(state: string, assignee: CaseWorker, actor: Actor): string | null {
  if (state !== "escalated") return null;
  if (!isSenior(rolesOf(actor))) return "Only senior moderators and trust & safety leads assign escalated cases.";
  if (!isSenior(assignee.roles)) return `Escalated cases go to senior moderators and trust & safety leads; ${assignee.name} (${assignee.email}) is neither.`;
  return null;
}

/** Assigns each case to `assignee` with a fresh claim, through the write path. */
export async function assignCases(
  selection: CaseSelection[],
  assignee: CaseWorker,
  actor: Actor,
  requestId: string | null,
): Promise<BulkResult[]> {
  const results: BulkResult[] = [];
  for (const { caseId, version } of selection) {
    const outcome = await applyCaseEvent({
      caseId,
      event: { type: "ASSIGN", assigneeId: assignee.id, assigneeRoles: assignee.roles },
      actor,
      expectedVersion: version,
      requestId,
    });
    const result = resultOf(caseId, null, outcome, `Assigned to ${assignee.name}.`);
    if (outcome.status === "refused" && outcome.case.assigneeId === null) {
      result.message = assignRefusal(outcome.case.state, assignee, actor) ?? result.message;
    }
    results.push(result);
  }
  return results;
}
