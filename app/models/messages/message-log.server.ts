import { z } from "zod";
import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { actorLabel } from "../accounts/actor";
import { MAX_DELIVERY_ATTEMPTS } from "./outbox.server";
import { parseRef } from "../cases/refs";
import type { ReporterView } from "../cases/reporter-identity";
import { compareLocales, languageName } from "../intake/rules.server";
import { CHANNELS } from "../templates/template-purposes";
import { parseVariants } from "../templates/templates.server";
import { parseJsonAs } from "~/utils/json";

// The message log: every message sent, newest first, in keyset pages (stable on
// createdAt + id, so a page costs the same however deep and nothing is skipped or shown
// twice while new messages arrive), filtered the ways a comms lead or moderator asks,
// each with where its delivery to the community platform stands. A message's stored text
// names no reporter (messages.server.ts); a reader who may see reporters reads the text
// as it was delivered, from its outbox row.

export const MESSAGE_PAGE_SIZE = 50;
export const DELIVERY_STATES = ["queued", "retrying", "delivered", "failed"] as const;
export type DeliveryStateKey = (typeof DELIVERY_STATES)[number];

export type MessageLogFilters = {
  caseRef?: string;
  channel?: (typeof CHANNELS)[number];
  language?: string;
  template?: string;
  delivery?: DeliveryStateKey;
  /** Opaque cursors: the page older than a message, or newer than one. */
  older?: string;
  newer?: string;
};

const CursorShape = z.object({ c: z.string().refine((c) => !Number.isNaN(Date.parse(c))), id: z.string() });
const encodeCursor = (m: { createdAt: Date; id: string }) => Buffer.from(JSON.stringify({ c: m.createdAt.toISOString(), id: m.id })).toString("base64url");

function decodeCursor(raw: string | undefined): { createdAt: Date; id: string } | null {
  if (!raw) return null;
  try {
    const c = parseJsonAs(CursorShape, Buffer.from(raw, "base64url").toString());
    return c && { createdAt: new Date(c.c), id: c.id };
  } catch {
    return null;
  }
}
const isCursor = (raw: string) => decodeCursor(raw) !== null;

// Anything unknown in the address is ignored rather than refused: an old bookmark still opens.
const MessageLogQuery = z.object({
  case: z
    .string()
    .transform((v) => parseRef(v, "case") ?? undefined)
    .optional()
    .catch(undefined),
  channel: z.enum(CHANNELS).optional().catch(undefined),
  language: z
    .string()
    .trim()
    .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/)
    .optional()
    .catch(undefined),
  template: z
    .string()
    .trim()
    .regex(/^[a-z0-9_.-]{3,80}$/)
    .optional()
    .catch(undefined),
  delivery: z.enum(DELIVERY_STATES).optional().catch(undefined),
  older: z.string().max(200).refine(isCursor).optional().catch(undefined),
  newer: z.string().max(200).refine(isCursor).optional().catch(undefined),
});

/** The log's filters and page from its address (`?channel=email&delivery=failed&older=…`). */
export function parseMessageLogFilters(params: URLSearchParams): MessageLogFilters {
  const { case: caseRef, ...rest } = MessageLogQuery.parse(Object.fromEntries(params));
  const parsed: MessageLogFilters = { caseRef, ...rest };
  // Both directions at once cannot be meant; the older page wins.
  if (parsed.older) delete parsed.newer;
  return Object.fromEntries(Object.entries(parsed).filter(([, v]) => v !== undefined)) as MessageLogFilters;
}

const olderThan = (m: { createdAt: Date; id: string }): Prisma.MessageWhereInput => ({
  OR: [{ createdAt: { lt: m.createdAt } }, { createdAt: m.createdAt, id: { lt: m.id } }],
});
const newerThan = (m: { createdAt: Date; id: string }): Prisma.MessageWhereInput => ({
  OR: [{ createdAt: { gt: m.createdAt } }, { createdAt: m.createdAt, id: { gt: m.id } }],
});

/** Delivery states as outbox rows hold them: a failed attempt leaves its error until the next one. */
const DELIVERY_WHERE: Record<DeliveryStateKey, Prisma.OutboxMessageWhereInput> = {
  queued: { status: "pending", lastError: null },
  retrying: { status: "pending", lastError: { not: null } },
  delivered: { status: "delivered" },
  failed: { status: "failed" },
};

function filterWhere(f: MessageLogFilters): Prisma.MessageWhereInput {
  const where: Prisma.MessageWhereInput = {};
  if (f.caseRef) where.caseRef = f.caseRef;
  if (f.channel) where.channel = f.channel;
  if (f.language) where.language = f.language;
  if (f.template) where.templateKey = f.template;
  if (f.delivery) where.outbox = { is: DELIVERY_WHERE[f.delivery] };
  return where;
}

/** Where a message's delivery stands, in what the log says about it. */
export type DeliveryState =
  | { state: "queued"; reason: "no_endpoint" | "waiting"; nextAttemptAt: string }
  | { state: "retrying"; attempts: number; lastError: string; nextAttemptAt: string; noEndpoint: boolean }
  | { state: "delivered"; deliveredAt: string; attempts: number }
  | { state: "failed"; attempts: number; lastError: string };

type OutboxState = { status: string; attempts: number; lastError: string | null; nextAttemptAt: Date; deliveredAt: Date | null };

export function deliveryState(o: OutboxState, endpointConfigured: boolean): DeliveryState {
  const next = o.nextAttemptAt.toISOString();
  if (o.status === "delivered") return { state: "delivered", deliveredAt: (o.deliveredAt ?? o.nextAttemptAt).toISOString(), attempts: o.attempts };
  if (o.status === "failed") return { state: "failed", attempts: o.attempts, lastError: o.lastError ?? `no answer after ${MAX_DELIVERY_ATTEMPTS} attempts` };
  if (o.lastError) return { state: "retrying", attempts: o.attempts, lastError: o.lastError, nextAttemptAt: next, noEndpoint: !endpointConfigured };
  return { state: "queued", reason: endpointConfigured ? "waiting" : "no_endpoint", nextAttemptAt: next };
}

const logSelect = {
  id: true,
  caseRef: true,
  templateKey: true,
  templateVersion: true,
  language: true,
  channel: true,
  recipientKind: true,
  recipient: true,
  subject: true,
  body: true,
  sentById: true,
  createdAt: true,
  outbox: { select: { status: true, attempts: true, lastError: true, nextAttemptAt: true, deliveredAt: true, payload: true } },
} satisfies Prisma.MessageSelect;

/** The subject and body a message was delivered with, from its outbox row's body; null if it holds none. */
function deliveredText(payload: string): { subject: string | null; body: string } | null {
  const sent = parseJsonAs(z.object({ subject: z.unknown(), body: z.string() }), payload);
  return sent && { subject: typeof sent.subject === "string" ? sent.subject : null, body: sent.body };
}

async function pageRows(where: Prisma.MessageWhereInput, f: MessageLogFilters) {
  const older = decodeCursor(f.older);
  const newer = older ? null : decodeCursor(f.newer);
  if (newer) {
    const rows = await prisma.message.findMany({ where: { AND: [where, newerThan(newer)] }, select: logSelect, orderBy: [{ createdAt: "asc" }, { id: "asc" }], take: MESSAGE_PAGE_SIZE });
    // Back at the top: the newest page, full, rather than a short one.
    if (rows.length === MESSAGE_PAGE_SIZE) return rows.reverse();
  }
  return prisma.message.findMany({ where: older ? { AND: [where, olderThan(older)] } : where, select: logSelect, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: MESSAGE_PAGE_SIZE });
}

/**
 * One page of the log, newest first, with cursors for the newer and older pages when
 * there are any. `endpointConfigured` says whether queued messages are waiting for a
 * delivery attempt or for an endpoint to be configured; `view` whether the reader sees
 * reporters in the text as delivered.
 */
export async function messageLogPage(filters: MessageLogFilters, endpointConfigured: boolean, view: ReporterView) {
  const where = filterWhere(filters);
  const rows = await pageRows(where, filters);
  const first = rows[0];
  const last = rows.at(-1);
  const exists = async (edge: Prisma.MessageWhereInput) => (await prisma.message.findFirst({ where: { AND: [where, edge] }, select: { id: true } })) !== null;
  const [hasNewer, hasOlder, senders] = await Promise.all([
    first ? exists(newerThan(first)) : false,
    last ? exists(olderThan(last)) : false,
    prisma.user.findMany({ where: { id: { in: rows.flatMap((r) => (r.sentById ? [r.sentById] : [])) } }, select: { id: true, email: true } }),
  ]);
  const emailOf = new Map(senders.map((s) => [s.id, s.email]));
  const messages = rows.map(({ outbox, sentById, createdAt, ...m }) => ({
    ...m,
    ...(view === "shown" && m.recipientKind === "reporter" && outbox ? deliveredText(outbox.payload) : null),
    createdAt: createdAt.toISOString(),
    sentBy: sentById ? (emailOf.get(sentById) ?? sentById) : actorLabel({ kind: "system", name: "vigil" }),
    delivery: outbox ? deliveryState(outbox, endpointConfigured) : null,
  }));
  return { messages, newer: hasNewer && first ? encodeCursor(first) : null, older: hasOlder && last ? encodeCursor(last) : null };
}
export type MessageLogEntry = Awaited<ReturnType<typeof messageLogPage>>["messages"][number];

/** What the log's filters offer: every template key, and every language a template is written in. */
export async function messageLogOptions() {
  const templates = await prisma.template.findMany({ select: { key: true, versions: { select: { variants: true } } }, orderBy: { key: "asc" } });
  const languages = [...new Set(templates.flatMap((t) => t.versions.flatMap((v) => Object.keys(parseVariants(v.variants)))))].sort(compareLocales);
  return { templates: templates.map((t) => t.key), languages: languages.map((code) => ({ code, name: languageName(code) })) };
}

/** Everything the /messages page shows: one page of the log and the filters' options. */
export async function loadMessageLog(filters: MessageLogFilters, endpointConfigured: boolean, view: ReporterView) {
  const [page, options] = await Promise.all([messageLogPage(filters, endpointConfigured, view), messageLogOptions()]);
  return { ...page, options };
}
export type MessageLogView = Awaited<ReturnType<typeof loadMessageLog>>;
