import { initialTriageSnapshot, serializeTriageSnapshot } from "@machines/triage";
import type { Case } from "~/generated/prisma/client";
import type { Tx } from "~/utils/db.server";
import { newRowId } from "~/utils/row-id";
import { prisma } from "~/utils/db.server";
import type { Actor } from "../accounts/actor";
import { applyCaseEventInTx } from "./case-events.server";
import type { LockedCase } from "./case-rows.server";
import { keepCrisisFactor, readBreakdown } from "./crisis-priority.server";
import type { PriorityFactor } from "./priority";
import type { ReporterView } from "./reporter-identity";
import { visibleReporter } from "./reporter-identity";
import { ruleTitle } from "../intake/rules.server";
import { TRIAGE_ROLES } from "./case-roles";
import { claimTtlMs } from "./claim-life.server";

// Cases: reads for the pages and the API, and the only functions that write a case
// (intake creates it and adds reports). The triage write path will take over the
// writes that touch the state machine; keeping them here keeps that swap in one place.

export const CASES_PAGE_SIZE = 25;
export type CaseSort = "newest" | "priority";

/** One page of cases, newest first or highest priority first. */
export async function listCases({ sort, page }: { sort: CaseSort; page: number }) {
  const rows = await prisma.case.findMany({
    select: {
      ref: true,
      state: true,
      ruleCode: true,
      priority: true,
      reportCount: true,
      language: true,
      createdAt: true,
    },
    orderBy:
      sort === "priority"
        ? [{ priority: "desc" }, { createdAt: "desc" }, { id: "asc" }]
        : [{ createdAt: "desc" }, { id: "desc" }],
    skip: (page - 1) * CASES_PAGE_SIZE,
    take: CASES_PAGE_SIZE + 1,
  });
  return { cases: rows.slice(0, CASES_PAGE_SIZE), hasNext: rows.length > CASES_PAGE_SIZE, hasPrevious: page > 1 };
}

/**
 * Everything the read-only case page shows, or null. Reporter identity is removed
 * here, on the server, unless the viewer may see it.
 */
export async function getCaseView(ref: string, viewer: { reporters: ReporterView; locale?: string }) {
  const found = await prisma.case.findUnique({
    where: { ref },
    include: { reports: { orderBy: [{ receivedAt: "asc" }, { id: "asc" }] } },
  });
  if (!found) return null;
  const codes = [...new Set([found.ruleCode, ...found.reports.map((r) => r.ruleCode)])];
  const rules = await prisma.rule.findMany({ where: { code: { in: codes } }, include: { translations: true } });
  const titleOf = (code: string) => {
    const rule = rules.find((r) => r.code === code);
    return rule ? ruleTitle(rule, viewer.locale) : code;
  };
  // The dashboard's round columns (case-round.ts) are not for the case page.
  const { reports, snapshot: _snapshot, subjectKey: _key, priorityBreakdown, reopenedAt: _r, resolvedAt: _d, resolvedById: _b, escalationPeak: _p, ...rest } = found;
  return {
    ...rest,
    ruleTitle: titleOf(found.ruleCode),
    breakdown: readBreakdown(priorityBreakdown),
    reports: reports.map((r) => ({
      id: r.id,
      ref: r.ref,
      source: r.source,
      receivedAt: r.receivedAt,
      occurredAt: r.occurredAt,
      ruleCode: r.ruleCode,
      ruleTitle: titleOf(r.ruleCode),
      subjectType: r.subjectType,
      subjectId: r.subjectId,
      subjectUrl: r.subjectUrl,
      authorHandle: r.authorHandle,
      text: r.text,
      language: r.language,
      note: r.note,
      reporter: visibleReporter(r, viewer.reporters),
    })),
  };
}

/**
 * A case as the ingest API shows it, only to a key that sent at least one of its
 * reports: one platform cannot look at another's cases.
 */
export async function getCaseForApiKey(ref: string, apiKeyId: string) {
  return prisma.case.findFirst({
    where: { ref, reports: { some: { apiKeyId } } },
    select: { ref: true, state: true, priority: true, reportCount: true, createdAt: true, updatedAt: true },
  });
}

// Writes, inside the intake transaction.

export async function findCaseBySubjectKey(tx: Tx, subjectKey: string) {
  return tx.case.findUnique({ where: { subjectKey } });
}

export type NewCase = {
  ref: string;
  subjectKey: string;
  subjectType: string;
  subjectId: string;
  /** The first report's source (the dashboard's; a trigger on "Report" fills it for a case created without). */
  source: string;
  subjectUrl: string | null;
  /** What the search box finds the link by (case-search.server.ts); "" for no link. */
  subjectUrlKey: string;
  authorHandle: string | null;
  authorKey: string | null;
  text: string | null;
  language: string | null;
  ruleCode: string;
  /** The first report's rule severity: the triage machine starts from it. */
  severity: number;
  priority: number;
  priorityBreakdown: PriorityFactor[];
  reporterCount: number;
  at: Date;
};

// The machine's first state depends only on the first report's rule and severity (roles and
// the claim's life are given, not stored), so each pair is computed once: not per report.
const initialSnapshots = new Map<string, ReturnType<typeof serializeTriageSnapshot>>();

function initialSnapshotColumns(ruleCode: string, severity: number) {
  const key = `${ruleCode}\u0000${severity}`;
  let columns = initialSnapshots.get(key);
  if (!columns) {
    if (initialSnapshots.size >= 256) initialSnapshots.clear();
    columns = serializeTriageSnapshot(initialTriageSnapshot({ ruleCode, severity, roles: TRIAGE_ROLES, claimTtlMs: claimTtlMs() }));
    initialSnapshots.set(key, columns);
  }
  return columns;
}

/**
 * The columns a new case is given: in the triage machine's initial state, holding its first
 * report. Written out as one object: in a raid this runs for every report (`newCaseRow`), and
 * spreading the columns through three objects was a few percent of one (decision 26).
 */
function newCaseColumns(data: NewCase) {
  const initial = initialSnapshotColumns(data.ruleCode, data.severity);
  return {
    ref: data.ref,
    subjectKey: data.subjectKey,
    subjectType: data.subjectType,
    subjectId: data.subjectId,
    source: data.source,
    subjectUrl: data.subjectUrl,
    subjectUrlKey: data.subjectUrlKey,
    authorHandle: data.authorHandle,
    authorKey: data.authorKey,
    text: data.text,
    language: data.language,
    ruleCode: data.ruleCode,
    priority: data.priority,
    reporterCount: data.reporterCount,
    state: initial.state,
    snapshot: initial.snapshot,
    machineVersion: initial.machineVersion,
    priorityBreakdown: JSON.stringify(data.priorityBreakdown),
    reportCount: 1,
    createdAt: data.at,
    updatedAt: data.at,
  };
}

/** A new case in the triage machine's initial state, holding its first report. */
export async function createCase(tx: Tx, data: NewCase) {
  return tx.case.create({ data: newCaseColumns(data) });
}

/**
 * A new case's whole row, every column the client would fill in given, with its SLA
 * columns set: for intake's first report, which inserts it with raw SQL (decision 26).
 */
export function newCaseRow(data: NewCase, sla: Pick<Case, "policyVersionId" | "firstResponseDueAt" | "resolutionDueAt">): Case {
  return {
    id: newRowId(),
    ...newCaseColumns(data),
    version: 1,
    assigneeId: null,
    claimExpiresAt: null,
    isOpen: true,
    resolution: null,
    firstRespondedAt: null,
    slaPausedAt: null,
    slaPausedMs: 0,
    reopenedAt: null,
    resolvedAt: null,
    resolvedById: null,
    escalationPeak: 0,
    policyVersionId: sla.policyVersionId,
    firstResponseDueAt: sla.firstResponseDueAt,
    resolutionDueAt: sla.resolutionDueAt,
  };
}

export type CaseReportUpdate = {
  /** The case's most severe rule after this report. */
  ruleCode: string;
  /** This report's own rule and severity: what the triage machine weighs. */
  report: { ruleCode: string; severity: number };
  priority: number;
  priorityBreakdown: PriorityFactor[];
  reportCount: number;
  reporterCount: number;
  /** Filled only where the case has none yet: the first report that has one wins. */
  fill: { subjectUrl?: string; subjectUrlKey?: string; authorHandle?: string; authorKey?: string; text?: string; language?: string };
  actor: Actor;
  requestId: string | null;
  note: string;
  at: Date;
};

/**
 * Another report joins the case: a "report added" event through the triage write
 * path, which counts it, reopens a resolved case when it brings something new, and
 * carries the new counts and priority in the same versioned write.
 */
export async function addReportToCase(tx: Tx, locked: LockedCase, update: CaseReportUpdate) {
  const caseId = locked.row.id;
  // A link to an active crisis keeps lifting the case (crisis-priority.server.ts).
  const priority = keepCrisisFactor(locked.row.priorityBreakdown, update.priorityBreakdown);
  const outcome = await applyCaseEventInTx(tx, {
    caseId,
    locked,
    event: { type: "REPORT_ADDED", ruleCode: update.report.ruleCode, severity: update.report.severity },
    actor: update.actor,
    requestId: update.requestId,
    note: update.note,
    at: update.at,
    patch: {
      ruleCode: update.ruleCode,
      priority: priority.score,
      priorityBreakdown: JSON.stringify(priority.breakdown),
      reportCount: update.reportCount,
      reporterCount: update.reporterCount,
      ...update.fill,
    },
  });
  if (outcome.status !== "applied") throw new Error(`Report could not join case ${caseId}: ${outcome.status}`);
  return { row: { id: caseId, ref: outcome.case.ref }, change: outcome.change };
}
