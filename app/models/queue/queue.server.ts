import type { TriageActor } from "@machines/triage";
import { allowedTriageEvents, restoreTriageSnapshot } from "@machines/triage";
import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { can } from "~/utils/permissions";
import type { Viewer } from "../cases/presence.server";
import { viewersOf } from "../cases/presence.server";
import { tierChoices } from "../escalation/escalation-policy.server";
import type { CaseSubjectLine } from "../cases/case-gist";
import { caseSubject } from "../cases/case-gist";
import { caseSnippets } from "../cases/case-snippets.server";
import { bandOf } from "../cases/priority";
import type { PriorityBand } from "../cases/priority";
import { queueCounts } from "./queue-counts.server";
import type { QueueFilters } from "./queue-filters.server";
import { decodeCursor, encodeCursor, filterWhere } from "./queue-filters.server";
import { languageName, listRules, ruleTitle } from "../intake/rules.server";
import type { SlaState } from "../cases/sla-state";
import { slaState } from "../cases/sla-state";
import { tiersOfVersion } from "../cases/sla.server";
import { activeCrisisRefsOf } from "../crises/crisis-views.server";
import { TRIAGE_ROLES } from "../cases/case-roles";
import { claimTtlMs } from "../cases/claim-life.server";

// The moderator's queue: open cases, filtered and sorted, with keyset pagination (a
// page costs the same on the first page and the thousandth), counts beside every filter
// option (queue-counts.server.ts), and who holds and views each case. Working the queue
// (claim, bulk actions) is queue-work.server.ts.

export const QUEUE_PAGE_SIZE = 50;

export type { QueueFilters } from "./queue-filters.server";
export { parseQueueFilters } from "./queue-filters.server";
export type { QueueCounts } from "./queue-counts.server";

/** A row's SLA deadlines as ISO strings, for the page. */
export function isoDeadlines(c: Pick<QueueRow, "firstResponseDueAt" | "firstRespondedAt" | "resolutionDueAt" | "slaPausedAt">) {
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  return {
    firstResponseDueAt: iso(c.firstResponseDueAt),
    firstRespondedAt: iso(c.firstRespondedAt),
    resolutionDueAt: iso(c.resolutionDueAt),
    slaPausedAt: iso(c.slaPausedAt),
  };
}

const queueSelect = {
  id: true,
  ref: true,
  state: true,
  ruleCode: true,
  language: true,
  subjectId: true,
  subjectUrl: true,
  authorHandle: true,
  priority: true,
  reportCount: true,
  reporterCount: true,
  assigneeId: true,
  claimExpiresAt: true,
  createdAt: true,
  version: true,
  snapshot: true,
  machineVersion: true,
  firstResponseDueAt: true,
  firstRespondedAt: true,
  resolutionDueAt: true,
  slaPausedAt: true,
  isOpen: true,
  policyVersionId: true,
  escalation: { select: { tierKey: true, state: true, tierIndex: true } },
} satisfies Prisma.CaseSelect;

export type QueueRow = Prisma.CaseGetPayload<{ select: typeof queueSelect }>;

/** One page of the queue, and the cursor of the next page if there is one. */
export async function queuePage(filters: QueueFilters, viewerId: string, now: Date = new Date()) {
  const where = filterWhere(filters, viewerId, now);
  const cursor = decodeCursor(filters.after);
  const byPriority = filters.sort === "priority";
  if (cursor) {
    const keyset: Prisma.CaseWhereInput = byPriority
      ? { OR: [{ priority: { lt: cursor.p } }, { priority: cursor.p, id: { lt: cursor.id } }] }
      : { OR: [{ createdAt: { gt: new Date(cursor.c) } }, { createdAt: new Date(cursor.c), id: { gt: cursor.id } }] };
    where.AND = [keyset];
  }
  const rows = await prisma.case.findMany({
    where,
    select: queueSelect,
    orderBy: byPriority ? [{ priority: "desc" }, { id: "desc" }] : [{ createdAt: "asc" }, { id: "asc" }],
    take: QUEUE_PAGE_SIZE + 1,
  });
  const page = rows.slice(0, QUEUE_PAGE_SIZE);
  const last = page.at(-1);
  const next = rows.length > QUEUE_PAGE_SIZE && last ? encodeCursor({ p: last.priority, c: last.createdAt.toISOString(), id: last.id }) : null;
  return { cases: page, next };
}

export type QueueViewer = { id: string; roles: string[] };

export type QueueItem = Omit<QueueRow, "snapshot" | "machineVersion" | "assigneeId" | "policyVersionId" | "subjectId" | "subjectUrl" | "authorHandle"> & {
  /** Who and what was reported, and a line of the text: enough to recognise the case. */
  subject: CaseSubjectLine;
  snippet: string | null;
  band: PriorityBand;
  holder: { id: string; name: string } | null;
  viewers: Viewer[];
  /** Whether the machine would accept a claim from the viewer now (the write path decides). */
  claimable: boolean;
  /** Where the case stands against its SLA at the page's time (models/cases/sla-state.ts). */
  sla: SlaState;
  /** The active crises the case is linked to (their references). */
  crises: string[];
};

function claimableBy(row: QueueRow, actor: TriageActor): boolean {
  if (!can(actor.roles, "work:case")) return false;
  try {
    return allowedTriageEvents(restoreTriageSnapshot(row, TRIAGE_ROLES, claimTtlMs()), actor).includes("CLAIM");
  } catch {
    // A snapshot this build cannot read: offer the button and let the write path answer.
    return true;
  }
}

/**
 * Everything the queue page shows: one page of cases with holders and viewers, the
 * counts, and names for the rules and languages among the options.
 */
export async function loadQueue(filters: QueueFilters, viewer: QueueViewer, now: Date = new Date()) {
  filters = { ...filters, viewerRoles: viewer.roles };
  const [{ cases, next }, counts] = await Promise.all([queuePage(filters, viewer.id, now), queueCounts(filters, viewer.id, now)]);
  const holderIds = [...new Set(cases.flatMap((c) => (c.assigneeId ? [c.assigneeId] : [])))];
  const [holders, viewers, rules, tiers, snippets, crises] = await Promise.all([
    prisma.user.findMany({ where: { id: { in: holderIds } }, select: { id: true, name: true } }),
    viewersOf(cases.map((c) => c.ref), now),
    listRules(),
    tierChoices(),
    caseSnippets(cases.map((c) => c.id)),
    activeCrisisRefsOf(cases.map((c) => c.id)),
  ]);
  const languages = [...counts.language.map((l) => l.value), ...(filters.language ? [filters.language] : [])];
  const nameOf = new Map(holders.map((h) => [h.id, h.name]));
  // A page holds a few policy versions at most: read each once.
  const tiersOf = new Map<string | null, Awaited<ReturnType<typeof tiersOfVersion>>>();
  for (const c of cases) if (!tiersOf.has(c.policyVersionId)) tiersOf.set(c.policyVersionId, await tiersOfVersion(prisma, c.policyVersionId));
  const items = cases.map((c): QueueItem => {
    const { snapshot: _snapshot, machineVersion: _machineVersion, assigneeId, policyVersionId: _policy, subjectId, subjectUrl, authorHandle, ...row } = c;
    return {
      ...row,
      subject: caseSubject({ subjectId, subjectUrl, authorHandle }),
      snippet: snippets.get(row.id) ?? null,
      band: bandOf(row.priority),
      holder: assigneeId ? { id: assigneeId, name: nameOf.get(assigneeId) ?? "another moderator" } : null,
      viewers: viewers[row.ref] ?? [],
      claimable: claimableBy(c, viewer),
      sla: slaState({ ...c, tiers: tiersOf.get(c.policyVersionId) ?? [] }, now),
      crises: crises.get(row.id) ?? [],
    };
  });
  return {
    cases: items,
    next,
    counts,
    ruleTitles: Object.fromEntries(rules.map((r) => [r.code, ruleTitle(r)])),
    languageNames: Object.fromEntries(languages.map((code) => [code, languageName(code)])),
    tiers,
  };
}

