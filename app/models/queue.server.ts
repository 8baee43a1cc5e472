import type { TriageActor } from "@machines/triage";
import { CASE_WORKER_ROLES, SENIOR_CASE_WORKER_ROLES, allowedTriageEvents, restoreTriageSnapshot } from "@machines/triage";
import { z } from "zod";
import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { can } from "~/utils/permissions";
import type { Actor } from "./actor";
import type { CaseEventOutcome } from "./case-events.server";
import { applyCaseEvent } from "./case-events.server";
import type { Viewer } from "./presence.server";
import { viewersOf } from "./presence.server";
import { languageName, listRules, ruleTitle } from "./rules.server";
import type { PriorityBand } from "./priority";
import { PRIORITY_BANDS, PRIORITY_BAND_KEYS, bandOf } from "./priority";

// The moderator's queue: open cases, filtered and sorted, with keyset pagination (a
// page costs the same on the first page and the thousandth), counts beside every filter
// option, and the ways to work it: claim, dismiss as spam, assign. Every change goes
// through the case write path, one case and one event at a time.

export const QUEUE_PAGE_SIZE = 50;
export const OPEN_STATES = ["new", "in_review", "waiting_for_info", "awaiting_approval", "escalated"] as const;
export type OpenState = (typeof OPEN_STATES)[number];

// Priority bands live beside the score (escalation policies use them too).
export { PRIORITY_BANDS, PRIORITY_BAND_KEYS, bandOf } from "./priority";
export type { PriorityBand } from "./priority";

/** SLA age: how long a case has waited since its first report. */
export const SLA_AGES = {
  "30m": { minutes: 30 },
  "1h": { minutes: 60 },
  "4h": { minutes: 240 },
  "24h": { minutes: 1440 },
} as const;
export type SlaAge = keyof typeof SLA_AGES;
export const SLA_AGE_KEYS = Object.keys(SLA_AGES) as SlaAge[];

export const ASSIGNEE_FILTERS = ["mine", "unassigned"] as const;
/** SLA deadlines: already missed, or due within 30 minutes. */
export const DUE_FILTERS = ["breached", "soon"] as const;
export const QUEUE_SORTS = ["priority", "age"] as const;

export type QueueFilters = {
  state?: OpenState;
  rule?: string;
  language?: string;
  band?: PriorityBand;
  assignee?: (typeof ASSIGNEE_FILTERS)[number];
  sla?: SlaAge;
  /** The escalation tier a case is on (a policy tier key). */
  tier?: string;
  due?: (typeof DUE_FILTERS)[number];
  /** Escalated to a tier the viewer may act on. */
  escalated?: "me";
  /** Set by the server from the viewer (never from the address): what "escalated to me" means. */
  viewerRoles?: string[];
  /** Highest priority first, or longest waiting first. */
  sort: (typeof QUEUE_SORTS)[number];
  /** Opaque cursor from the previous page's `next`. */
  after?: string;
};
type Dimension = "state" | "rule" | "language" | "band" | "assignee" | "sla";

// Anything unknown in the address is ignored rather than refused: an old bookmark still opens.
const QueueQuery = z.object({
  sort: z.enum(QUEUE_SORTS).catch("priority"),
  state: z.enum(OPEN_STATES).optional().catch(undefined),
  rule: z.string().trim().min(1).max(64).optional().catch(undefined),
  language: z.string().trim().min(1).max(35).optional().catch(undefined),
  band: z.enum(PRIORITY_BAND_KEYS).optional().catch(undefined),
  assignee: z.enum(ASSIGNEE_FILTERS).optional().catch(undefined),
  sla: z.enum(SLA_AGE_KEYS).optional().catch(undefined),
  tier: z.string().trim().min(1).max(40).optional().catch(undefined),
  due: z.enum(DUE_FILTERS).optional().catch(undefined),
  escalated: z.literal("me").optional().catch(undefined),
  after: z.string().max(400).optional().catch(undefined),
});

/** The queue's filters from the page address (`?state=new&sort=age&after=…`). */
export function parseQueueFilters(params: URLSearchParams): QueueFilters {
  const parsed = QueueQuery.parse(Object.fromEntries(params));
  return Object.fromEntries(Object.entries(parsed).filter(([, v]) => v !== undefined)) as unknown as QueueFilters;
}

type Cursor = { p: number; c: string; id: string };

function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString("base64url");
}

function decodeCursor(raw: string | undefined): Cursor | null {
  if (!raw) return null;
  try {
    const c = JSON.parse(Buffer.from(raw, "base64url").toString()) as Cursor;
    const valid = typeof c.id === "string" && Number.isInteger(c.p) && typeof c.c === "string" && !Number.isNaN(Date.parse(c.c));
    return valid ? c : null;
  } catch {
    return null;
  }
}

const bandWhere = (band: PriorityBand) => {
  const b = PRIORITY_BANDS[band];
  return b.max === null ? { gte: b.min } : { gte: b.min, lte: b.max };
};
const waitedSince = (sla: SlaAge, now: Date) => new Date(now.getTime() - SLA_AGES[sla].minutes * 60_000);

/** The open cases matching every filter but `except` (counts for an option ignore its own filter). */
function filterWhere(f: Omit<QueueFilters, "sort" | "after">, viewerId: string, now: Date, except?: Dimension): Prisma.CaseWhereInput {
  const where: Prisma.CaseWhereInput = { isOpen: true };
  if (f.state && except !== "state") where.state = f.state;
  if (f.rule && except !== "rule") where.ruleCode = f.rule;
  if (f.language && except !== "language") where.language = f.language;
  if (f.band && except !== "band") where.priority = bandWhere(f.band);
  if (f.assignee && except !== "assignee") where.assigneeId = f.assignee === "mine" ? viewerId : null;
  if (f.sla && except !== "sla") where.createdAt = { lte: waitedSince(f.sla, now) };
  return withEscalationFilters(where, f, now);
}

/** Tier, "escalated to me" and SLA deadline filters (docs/decisions/0012). */
function withEscalationFilters(where: Prisma.CaseWhereInput, f: Omit<QueueFilters, "sort" | "after">, now: Date): Prisma.CaseWhereInput {
  const onEscalation: Prisma.CaseEscalationWhereInput[] = [];
  if (f.tier) onEscalation.push({ tierKey: f.tier });
  if (f.escalated === "me") onEscalation.push({ OR: (f.viewerRoles ?? []).map((role) => ({ tierRoles: { contains: `,${role},` } })) });
  if (onEscalation.length > 0) where.escalation = { is: { state: { in: ["awaiting_ack", "acknowledged"] }, AND: onEscalation } };
  if (f.due) {
    const by = f.due === "breached" ? now : new Date(now.getTime() + 30 * 60_000);
    where.slaPausedAt = null;
    // An escalated case waiting for its tier to acknowledge runs a first-response clock again.
    where.OR = [
      { firstRespondedAt: null, firstResponseDueAt: { lte: by } },
      { escalation: { is: { state: "awaiting_ack" } }, firstResponseDueAt: { lte: by } },
      { resolutionDueAt: { lte: by } },
    ];
  }
  return where;
}

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
  escalation: { select: { tierKey: true, state: true } },
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

export type OptionCount = { value: string; count: number };
export type QueueCounts = {
  /** Cases matching every filter. */
  total: number;
  state: Record<OpenState, number>;
  rule: OptionCount[];
  language: OptionCount[];
  band: Record<PriorityBand, number>;
  assignee: Record<(typeof ASSIGNEE_FILTERS)[number], number>;
  sla: Record<SlaAge, number>;
};

/**
 * How many cases each filter option would show: the other filters applied, its own
 * replaced by the option. Rules and languages list only what occurs.
 */
export async function queueCounts(filters: QueueFilters, viewerId: string, now: Date = new Date()): Promise<QueueCounts> {
  const where = (except?: Dimension) => filterWhere(filters, viewerId, now, except);
  const [total, states, rules, languages, priorities, mine, unassigned, ...slas] = await Promise.all([
    prisma.case.count({ where: where() }),
    prisma.case.groupBy({ by: ["state"], where: where("state"), _count: { _all: true } }),
    prisma.case.groupBy({ by: ["ruleCode"], where: where("rule"), _count: { _all: true }, orderBy: { ruleCode: "asc" } }),
    prisma.case.groupBy({ by: ["language"], where: where("language"), _count: { _all: true }, orderBy: { language: "asc" } }),
    prisma.case.groupBy({ by: ["priority"], where: where("band"), _count: { _all: true } }),
    prisma.case.count({ where: { ...where("assignee"), assigneeId: viewerId } }),
    prisma.case.count({ where: { ...where("assignee"), assigneeId: null } }),
    ...SLA_AGE_KEYS.map((sla) => prisma.case.count({ where: { ...where("sla"), createdAt: { lte: waitedSince(sla, now) } } })),
  ]);
  const band = Object.fromEntries(PRIORITY_BAND_KEYS.map((b) => [b, 0])) as Record<PriorityBand, number>;
  for (const p of priorities) band[bandOf(p.priority)] += p._count._all;
  const state = Object.fromEntries(OPEN_STATES.map((s) => [s, 0])) as Record<OpenState, number>;
  for (const s of states) if (s.state in state) state[s.state as OpenState] = s._count._all;
  return {
    total,
    state,
    rule: rules.map((r) => ({ value: r.ruleCode, count: r._count._all })),
    language: languages.flatMap((l) => (l.language ? [{ value: l.language, count: l._count._all }] : [])),
    band,
    assignee: { mine, unassigned },
    sla: Object.fromEntries(SLA_AGE_KEYS.map((sla, i) => [sla, slas[i]])) as Record<SlaAge, number>,
  };
}

export type QueueViewer = { id: string; roles: string[] };

export type QueueItem = Omit<QueueRow, "snapshot" | "machineVersion" | "assigneeId"> & {
  band: PriorityBand;
  holder: { id: string; name: string } | null;
  viewers: Viewer[];
  /** Whether the machine would accept a claim from the viewer now (the write path decides). */
  claimable: boolean;
};

function claimableBy(row: QueueRow, actor: TriageActor): boolean {
  if (!can(actor.roles, "work:case")) return false;
  try {
    return allowedTriageEvents(restoreTriageSnapshot(row), actor).includes("CLAIM");
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
  const [holders, viewers, rules] = await Promise.all([
    prisma.user.findMany({ where: { id: { in: holderIds } }, select: { id: true, name: true } }),
    viewersOf(cases.map((c) => c.ref), now),
    listRules(),
  ]);
  const languages = [...counts.language.map((l) => l.value), ...(filters.language ? [filters.language] : [])];
  const nameOf = new Map(holders.map((h) => [h.id, h.name]));
  const items = cases.map((c): QueueItem => {
    const { snapshot: _snapshot, machineVersion: _machineVersion, assigneeId, ...row } = c;
    return {
      ...row,
      band: bandOf(row.priority),
      holder: assigneeId ? { id: assigneeId, name: nameOf.get(assigneeId) ?? "another moderator" } : null,
      viewers: viewers[row.ref] ?? [],
      claimable: claimableBy(c, viewer),
    };
  });
  return {
    cases: items,
    next,
    counts,
    ruleTitles: Object.fromEntries(rules.map((r) => [r.code, ruleTitle(r)])),
    languageNames: Object.fromEntries(languages.map((code) => [code, languageName(code)])),
  };
}

export type CaseWorker = { id: string; name: string; email: string; roles: string[]; senior: boolean };

const isSenior = (roles: readonly string[]) => roles.some((r) => (SENIOR_CASE_WORKER_ROLES as readonly string[]).includes(r));

async function activeCaseWorkers(where: Prisma.UserWhereInput): Promise<CaseWorker[]> {
  const users = await prisma.user.findMany({
    where: { ...where, disabledAt: null, roles: { some: { role: { in: [...CASE_WORKER_ROLES] } } } },
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

// Working the queue.

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
  const held = await prisma.case.findUnique({ where: { id: caseId }, select: { claimExpiresAt: true } });
  const until = held?.claimExpiresAt ? ` until ${held.claimExpiresAt.toISOString().slice(11, 16)} UTC` : "";
  return { outcome, message: `You hold case ${outcome.case.ref}${until}.` };
}

export const BULK_SPAM_REASON = "Spam (bulk)";

/** For each case: claim it unless the actor holds it, then dismiss it as spam. */
export async function dismissAsSpam(selection: CaseSelection[], actor: Actor, requestId: string | null): Promise<BulkResult[]> {
  const results: BulkResult[] = [];
  for (const { caseId, version } of selection) {
    const current = await prisma.case.findUnique({ where: { id: caseId }, select: { ref: true, assigneeId: true } });
    if (!current) {
      results.push({ caseId, ref: null, status: "not_found", message: "There is no such case." });
      continue;
    }
    let expectedVersion = version;
    if (current.assigneeId === null || current.assigneeId !== idOf(actor)) {
      const claim = await applyCaseEvent({ caseId, event: { type: "CLAIM" }, actor, expectedVersion, requestId });
      if (claim.status !== "applied") {
        results.push(resultOf(caseId, current.ref, claim, ""));
        continue;
      }
      expectedVersion = claim.case.version;
    }
    const dismissal = await applyCaseEvent({ caseId, event: { type: "DISMISS", reason: BULK_SPAM_REASON }, actor, expectedVersion, requestId });
    results.push(resultOf(caseId, current.ref, dismissal, "Dismissed as spam."));
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
