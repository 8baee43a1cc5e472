import type { Tx } from "~/utils/db.server";
import { prisma } from "~/utils/db.server";
import type { PriorityFactor } from "./priority";
import { ruleTitle } from "./rules.server";

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

function parseBreakdown(json: string): PriorityFactor[] {
  try {
    const parsed: unknown = JSON.parse(json);
    return Array.isArray(parsed) ? (parsed as PriorityFactor[]) : [];
  } catch {
    return [];
  }
}

/**
 * Everything the read-only case page shows, or null. Reporter identity is removed
 * here, on the server, unless the viewer may see it.
 */
export async function getCaseView(ref: string, viewer: { canSeeReporters: boolean; locale?: string }) {
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
  const { reports, snapshot: _snapshot, subjectKey: _key, priorityBreakdown, ...rest } = found;
  return {
    ...rest,
    ruleTitle: titleOf(found.ruleCode),
    breakdown: parseBreakdown(priorityBreakdown),
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
      reporter: viewer.canSeeReporters
        ? { id: r.reporterId, handle: r.reporterHandle, contact: r.reporterContact }
        : null,
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
  subjectUrl: string | null;
  authorHandle: string | null;
  text: string | null;
  language: string | null;
  ruleCode: string;
  priority: number;
  priorityBreakdown: PriorityFactor[];
  reporterCount: number;
  at: Date;
};

/** A new case in the triage machine's initial state, holding its first report. */
export async function createCase(tx: Tx, data: NewCase) {
  const { priorityBreakdown, at, ...fields } = data;
  return tx.case.create({
    data: {
      ...fields,
      state: "new",
      snapshot: "{}",
      machineVersion: 0,
      priorityBreakdown: JSON.stringify(priorityBreakdown),
      reportCount: 1,
      createdAt: at,
      updatedAt: at,
    },
  });
}

export type CaseReportUpdate = {
  ruleCode: string;
  priority: number;
  priorityBreakdown: PriorityFactor[];
  reportCount: number;
  reporterCount: number;
  /** Filled only where the case has none yet: the first report that has one wins. */
  fill: { subjectUrl?: string; authorHandle?: string; text?: string; language?: string };
  at: Date;
};

/**
 * Records that another report joined the case. The triage snapshot and its version
 * are not touched: a new report changes what the case weighs, not where it stands.
 */
export async function addReportToCase(tx: Tx, caseId: string, update: CaseReportUpdate) {
  return tx.case.update({
    where: { id: caseId },
    data: {
      ruleCode: update.ruleCode,
      priority: update.priority,
      priorityBreakdown: JSON.stringify(update.priorityBreakdown),
      reportCount: update.reportCount,
      reporterCount: update.reporterCount,
      ...update.fill,
      updatedAt: update.at,
    },
  });
}
