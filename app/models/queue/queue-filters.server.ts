import { z } from "zod";
import type { Prisma } from "~/generated/prisma/client";
import type { PriorityBand } from "../cases/priority";
import { PRIORITY_BANDS, PRIORITY_BAND_KEYS } from "../cases/priority";
import { parseJsonAs } from "~/utils/json";

// The queue's filters: what the address may say (parsed leniently, so an old bookmark
// still opens), the keyset cursor, and the one place that turns filters into a query.

export const OPEN_STATES = ["new", "in_review", "waiting_for_info", "awaiting_approval", "escalated"] as const;
export type OpenState = (typeof OPEN_STATES)[number];

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
export type Dimension = "state" | "rule" | "language" | "band" | "assignee" | "sla";

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

export type Cursor = { p: number; c: string; id: string };

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString("base64url");
}

// What encodeCursor writes: a priority the column can hold, a createdAt as toISOString()
// gives it for years 0000 to 9999, a cuid. Anything else in the address is no cursor.
const INT32 = 2 ** 31;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const CursorShape = z.object({
  p: z.number().int().refine((p) => Math.abs(p) < INT32),
  c: z.string().regex(ISO_INSTANT).refine((at) => !Number.isNaN(Date.parse(at))),
  id: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
});

export function decodeCursor(raw: string | undefined): Cursor | null {
  if (!raw) return null;
  try {
    return parseJsonAs(CursorShape, Buffer.from(raw, "base64url").toString());
  } catch {
    return null;
  }
}

const bandWhere = (band: PriorityBand) => {
  const b = PRIORITY_BANDS[band];
  return b.max === null ? { gte: b.min } : { gte: b.min, lte: b.max };
};
export const waitedSince = (sla: SlaAge, now: Date) => new Date(now.getTime() - SLA_AGES[sla].minutes * 60_000);

/** The open cases matching every filter but `except` (counts for an option ignore its own filter). */
export function filterWhere(f: Omit<QueueFilters, "sort" | "after">, viewerId: string, now: Date, except?: Dimension): Prisma.CaseWhereInput {
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
    // The running clocks as models/cases/sla-state.ts reads them, in SQL: none while paused, nor once
    // the tier resolved the escalation (its timers are cancelled).
    const by = f.due === "breached" ? now : new Date(now.getTime() + 30 * 60_000);
    where.slaPausedAt = null;
    where.NOT = { escalation: { is: { state: "resolved" } } };
    // An escalated case waiting for its tier to acknowledge runs a first-response clock again.
    where.OR = [
      { firstRespondedAt: null, firstResponseDueAt: { lte: by } },
      { escalation: { is: { state: "awaiting_ack" } }, firstResponseDueAt: { lte: by } },
      { resolutionDueAt: { lte: by } },
    ];
  }
  return where;
}

