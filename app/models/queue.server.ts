import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";

// The moderator's queue: open cases, filtered and sorted, with keyset pagination (a
// page costs the same on the first page and the thousandth, with a million cases).

export const QUEUE_PAGE_SIZE = 50;
export const OPEN_STATES = ["new", "in_review", "waiting_for_info", "awaiting_approval", "escalated"] as const;

/** Priority bands: where a score sits (severity dominates: 20 points per level). */
export const PRIORITY_BANDS = {
  critical: { min: 100, max: null, label: "Critical" },
  high: { min: 80, max: 99, label: "High" },
  medium: { min: 50, max: 79, label: "Medium" },
  low: { min: 0, max: 49, label: "Low" },
} as const;
export type PriorityBand = keyof typeof PRIORITY_BANDS;

export function bandOf(priority: number): PriorityBand {
  if (priority >= PRIORITY_BANDS.critical.min) return "critical";
  if (priority >= PRIORITY_BANDS.high.min) return "high";
  if (priority >= PRIORITY_BANDS.medium.min) return "medium";
  return "low";
}

/** SLA age: how long a case has waited since its first report. */
export const SLA_AGES = {
  "30m": { minutes: 30, label: "Waiting over 30 minutes" },
  "1h": { minutes: 60, label: "Waiting over 1 hour" },
  "4h": { minutes: 240, label: "Waiting over 4 hours" },
  "24h": { minutes: 1440, label: "Waiting over 24 hours" },
} as const;
export type SlaAge = keyof typeof SLA_AGES;

export type QueueFilters = {
  state?: (typeof OPEN_STATES)[number];
  rule?: string;
  language?: string;
  band?: PriorityBand;
  assignee?: "mine" | "unassigned";
  sla?: SlaAge;
  sort: "priority" | "age";
  /** Opaque cursor from the previous page's `next`. */
  after?: string;
};

type Cursor = { p: number; c: string; id: string };

function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString("base64url");
}

function decodeCursor(raw: string | undefined): Cursor | null {
  if (!raw) return null;
  try {
    const c = JSON.parse(Buffer.from(raw, "base64url").toString()) as Cursor;
    return typeof c.id === "string" && typeof c.p === "number" && typeof c.c === "string" ? c : null;
  } catch {
    return null;
  }
}

function filterWhere(f: Omit<QueueFilters, "sort" | "after">, viewerId: string, now: Date): Prisma.CaseWhereInput {
  const where: Prisma.CaseWhereInput = { isOpen: true };
  if (f.state) where.state = f.state;
  if (f.rule) where.ruleCode = f.rule;
  if (f.language) where.language = f.language;
  if (f.band) {
    const b = PRIORITY_BANDS[f.band];
    where.priority = b.max === null ? { gte: b.min } : { gte: b.min, lte: b.max };
  }
  if (f.assignee === "mine") where.assigneeId = viewerId;
  if (f.assignee === "unassigned") where.assigneeId = null;
  if (f.sla) where.createdAt = { lte: new Date(now.getTime() - SLA_AGES[f.sla].minutes * 60_000) };
  return where;
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
  updatedAt: true,
  version: true,
  subjectType: true,
  authorHandle: true,
  text: true,
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
  const next =
    rows.length > QUEUE_PAGE_SIZE && last
      ? encodeCursor({ p: last.priority, c: last.createdAt.toISOString(), id: last.id })
      : null;
  return { cases: page, next };
}

export type QueueCounts = {
  total: number;
  byState: Record<string, number>;
  byBand: Record<PriorityBand, number>;
  mine: number;
  unassigned: number;
};

/** How many open cases each filter option holds (other filters not applied). */
export async function queueCounts(viewerId: string): Promise<QueueCounts> {
  const [byState, byBandRows, mine, unassigned] = await Promise.all([
    prisma.case.groupBy({ by: ["state"], where: { isOpen: true }, _count: { _all: true } }),
    Promise.all(
      (Object.keys(PRIORITY_BANDS) as PriorityBand[]).map(async (band) => {
        const b = PRIORITY_BANDS[band];
        const priority = b.max === null ? { gte: b.min } : { gte: b.min, lte: b.max };
        return [band, await prisma.case.count({ where: { isOpen: true, priority } })] as const;
      }),
    ),
    prisma.case.count({ where: { isOpen: true, assigneeId: viewerId } }),
    prisma.case.count({ where: { isOpen: true, assigneeId: null } }),
  ]);
  const states = Object.fromEntries(byState.map((r) => [r.state, r._count._all]));
  return {
    total: Object.values(states).reduce((a, b) => a + b, 0),
    byState: states,
    byBand: Object.fromEntries(byBandRows) as Record<PriorityBand, number>,
    mine,
    unassigned,
  };
}

/** The rules and languages that occur among open cases, for the filter menus. */
export async function queueFacets() {
  const [rules, languages] = await Promise.all([
    prisma.case.groupBy({ by: ["ruleCode"], where: { isOpen: true }, _count: { _all: true } }),
    prisma.case.groupBy({ by: ["language"], where: { isOpen: true }, _count: { _all: true } }),
  ]);
  return {
    rules: rules.map((r) => ({ code: r.ruleCode, count: r._count._all })),
    languages: languages.filter((l) => l.language).map((l) => ({ code: l.language as string, count: l._count._all })),
  };
}
