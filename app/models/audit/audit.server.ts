import type { AuditEntry } from "~/generated/prisma/client";
import { Prisma } from "~/generated/prisma/client";
import { deferFirst, execute, inInsertSizes, select } from "~/utils/sqlite-lane.server";
import type { Tx } from "~/utils/db.server";
import { containsText, prisma } from "~/utils/db.server";
import type { Actor } from "../accounts/actor";
import { actingRole, actorId, actorLabel } from "../accounts/actor";
import type { ChainedFields } from "./audit-chain";
import { entryHash } from "./audit-chain";
import type { Permission } from "~/utils/permissions";
import type { ChainCheck } from "./audit-verify.server";
import { verifyAuditChain } from "./audit-verify.server";
import { noteHeadTaken } from "~/utils/write-stats.server";

export type AuditInput = {
  actor: Actor;
  /** The permission exercised; decides which of the actor's roles is recorded. */
  permission?: Permission;
  action: string;
  subjectType: string;
  subjectId: string;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
  requestId?: string | null;
  at?: Date;
};

function serialise(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}

type ChainHead = { seq: number; hash: string };

/**
 * The chain cannot grow: the number after its head is already taken by a row that
 * appendAudit did not write (docs/decisions/0005). Chaining past that row would hide it
 * from the integrity check, so nothing is recorded until someone deals with it; every
 * change waits with it, since a change is never made without its entry.
 */
export class AuditLogNeedsAttention extends Error {
  constructor(readonly seq: number) {
    super(`The audit log needs attention: entry ${seq} is not part of the chain (it was added without moving the chain head), so no change can be recorded. Run the integrity check (npm run audit:verify).`);
    this.name = "AuditLogNeedsAttention";
  }
}

/**
 * The chain head as this process last wrote it. Most appends then need one statement for
 * the head instead of two: a compare-and-set that advances the head only if it is still
 * what this process saw. Another writer (an instance, a script) or a rolled-back
 * transaction makes it miss, and the append reads the real head under the same lock.
 */
let lastHead: ChainHead | null = null;

/**
 * Appends one entry to the hash chain. Must run inside the transaction that makes
 * the change it records, so the change and its entry land together or not at all.
 * Throws AuditLogNeedsAttention when the chain cannot grow; the transaction then
 * rolls back, change and all.
 */
export async function appendAudit(tx: Tx, input: AuditInput) {
  const [entry] = await appendAuditEntries(tx, [input]);
  return entry;
}

type Chained = ChainedFields & { prevHash: string; hash: string };

function chain(prevHash: string, entries: ChainedFields[]): Chained[] {
  let prev = prevHash;
  return entries.map((entry) => {
    const hash = entryHash(prev, entry);
    const chained = { ...entry, prevHash: prev, hash };
    prev = hash;
    return chained;
  });
}

/** An entry's fields but its number, as the chain hashes and stores them. */
export function auditFields(input: AuditInput): Omit<ChainedFields, "seq"> {
  return {
    at: input.at ?? new Date(),
    actorId: actorId(input.actor),
    actorLabel: actorLabel(input.actor),
    role: actingRole(input.actor, input.permission),
    action: input.action,
    subjectType: input.subjectType,
    subjectId: input.subjectId,
    before: serialise(input.before),
    after: serialise(input.after),
    reason: input.reason ?? null,
    requestId: input.requestId ?? null,
  };
}

/** Tells the next append where this process left the chain (a writer that moved it in SQL). */
export function noteChainHead(head: ChainHead) {
  lastHead = head;
}

/** The values an entry's insert binds (its columns below). */
const ENTRY_COLUMNS = 14;

/** The first of `entries` whose number holds a row this append did not write. */
async function firstNotWritten(tx: Tx, entries: Chained[]): Promise<number> {
  const rows = await select<{ seq: number | bigint; hash: string }>(
    tx,
    Prisma.sql`SELECT "seq", "hash" FROM "AuditEntry" WHERE "seq" IN (${Prisma.join(entries.map((f) => f.seq))})`,
  );
  const written = new Map(rows.map((r) => [Number(r.seq), r.hash]));
  return (entries.find((f) => written.get(f.seq) !== f.hash) ?? entries[0]).seq;
}

const atCommit = new WeakMap<Tx, AuditInput[]>();

/**
 * Appends entries in order when `tx` writes its deferred rows (a lane group's transaction:
 * the group's entries then go in with one move of the head), or now. For a writer that does
 * not need the entries back.
 */
export async function appendAuditEntriesAtCommit(tx: Tx, inputs: AuditInput[]): Promise<void> {
  const deferred = deferFirst(tx, "audit", async () => {
    const waiting = atCommit.get(tx) ?? [];
    atCommit.delete(tx);
    await appendAuditEntries(tx, waiting);
  });
  if (!deferred) {
    await appendAuditEntries(tx, inputs);
    return;
  }
  atCommit.set(tx, [...(atCommit.get(tx) ?? []), ...inputs]);
}

/** Appends entries in order, moving the head once for all of them (intake records two). */
export async function appendAuditEntries(tx: Tx, inputs: AuditInput[]) {
  const base = inputs.map(auditFields);
  const numbered = (after: ChainHead) => chain(after.hash, base.map((fields, i) => ({ seq: after.seq + 1 + i, ...fields })));
  // Raw SQL on this hot path: every change in Vigil passes through here. Each statement on
  // the head row takes its write lock (SQLite: the database's; PostgreSQL: the row's), so
  // the entries' numbers and previous hash are reserved until the transaction ends.
  const guess = lastHead;
  const guessed = guess && numbered(guess);
  const guessedHead = guessed ? guessed[guessed.length - 1] : null;
  const [head] = await select<{ seq: number | bigint; hash: string }>(
    tx,
    Prisma.sql`UPDATE "AuditHead" SET
      "seq" = CASE WHEN "seq" = ${guess?.seq ?? -1} AND "hash" = ${guess?.hash ?? ""} THEN "seq" + ${inputs.length} ELSE "seq" END,
      "hash" = CASE WHEN "seq" = ${guess?.seq ?? -1} AND "hash" = ${guess?.hash ?? ""} THEN ${guessedHead?.hash ?? ""} ELSE "hash" END
    WHERE "id" = 1 RETURNING "seq", "hash"`,
  );
  if (!head) throw new Error("The audit chain has no head row: the database is not migrated.");
  noteHeadTaken(tx);
  let entries: Chained[];
  if (guessed && guessedHead && Number(head.seq) === guessedHead.seq && head.hash === guessedHead.hash) {
    entries = guessed;
  } else {
    entries = numbered({ seq: Number(head.seq), hash: head.hash });
    const last = entries[entries.length - 1];
    await execute(tx, Prisma.sql`UPDATE "AuditHead" SET "seq" = ${last.seq}, "hash" = ${last.hash} WHERE "id" = 1`);
  }
  // A row already at one of these numbers was not written here (the head lock orders every
  // append): leave it for the integrity check to name, and refuse, without an error that
  // would abort the transaction on PostgreSQL before it can be rolled back cleanly.
  for (const some of inInsertSizes(entries, ENTRY_COLUMNS)) {
    const inserted = await execute(
      tx,
      Prisma.sql`INSERT INTO "AuditEntry" ("seq", "at", "actorId", "actorLabel", "role", "action", "subjectType", "subjectId", "before", "after", "reason", "requestId", "prevHash", "hash")
      VALUES ${Prisma.join(some.map((f) => Prisma.sql`(${f.seq}, ${f.at}, ${f.actorId}, ${f.actorLabel}, ${f.role}, ${f.action}, ${f.subjectType}, ${f.subjectId}, ${f.before}, ${f.after}, ${f.reason}, ${f.requestId}, ${f.prevHash}, ${f.hash})`))}
      ON CONFLICT ("seq") DO NOTHING`,
    );
    if (inserted !== some.length) throw new AuditLogNeedsAttention(await firstNotWritten(tx, some));
  }
  const last = entries[entries.length - 1];
  lastHead = { seq: last.seq, hash: last.hash };
  return entries satisfies AuditEntry[];
}

export type AuditFilters = {
  /** Part of the actor's label (an email, `api-key:…`, `system:…`). */
  actor?: string;
  action?: string;
  subjectType?: string;
  subjectId?: string;
  from?: Date;
  /** Exclusive upper bound. */
  to?: Date;
};

export const AUDIT_PAGE_SIZE = 50;

export function auditWhere(filters: AuditFilters): Prisma.AuditEntryWhereInput {
  return {
    actorLabel: filters.actor ? containsText(filters.actor) : undefined,
    action: filters.action,
    subjectType: filters.subjectType,
    subjectId: filters.subjectId,
    at: filters.from || filters.to ? { gte: filters.from, lt: filters.to } : undefined,
  };
}

/**
 * One page of entries, newest first. Keyset paging on seq: `before` gives the page
 * of older entries, `after` the page of newer ones; each page says whether there are
 * more in either direction.
 */
export async function listAuditEntries(
  filters: AuditFilters,
  page: { before?: number; after?: number; limit?: number } = {},
) {
  const limit = page.limit ?? AUDIT_PAGE_SIZE;
  const where = auditWhere(filters);
  const entries =
    page.after !== undefined
      ? (await prisma.auditEntry.findMany({ where: { ...where, seq: { gt: page.after } }, orderBy: { seq: "asc" }, take: limit })).reverse()
      : await prisma.auditEntry.findMany({
          where: { ...where, seq: page.before !== undefined ? { lt: page.before } : undefined },
          orderBy: { seq: "desc" },
          take: limit,
        });
  const newest = entries[0]?.seq;
  const oldest = entries.at(-1)?.seq;
  const [newer, older] = await Promise.all([
    newest === undefined ? null : prisma.auditEntry.findFirst({ where: { ...where, seq: { gt: newest } }, select: { seq: true } }),
    oldest === undefined ? null : prisma.auditEntry.findFirst({ where: { ...where, seq: { lt: oldest } }, select: { seq: true } }),
  ]);
  return { entries, newerAfter: newer ? newest! : null, olderBefore: older ? oldest! : null };
}

/** Every action that appears in the log, for the explorer's filter. */
export async function listAuditActions(): Promise<string[]> {
  const groups = await prisma.auditEntry.groupBy({ by: ["action"], orderBy: { action: "asc" } });
  return groups.map((g) => g.action);
}

/**
 * Verifies the whole chain, then records that someone did. The entry is appended
 * after the check so the check covers exactly the chain as it was when asked. When the
 * chain cannot grow, the check still answers, with `unrecorded` saying why it could
 * not be recorded.
 */
export async function runIntegrityCheck(actor: Actor, requestId: string | null): Promise<{ check: ChainCheck; unrecorded?: string }> {
  const check = await verifyAuditChain(prisma);
  try {
    await prisma.$transaction((tx) =>
      appendAudit(tx, {
        actor,
        permission: "verify:audit",
        action: "audit.verified",
        subjectType: "audit",
        subjectId: "chain",
        after: check,
        requestId,
      }),
    );
  } catch (error) {
    if (!(error instanceof AuditLogNeedsAttention)) throw error;
    return { check, unrecorded: `This check could not be recorded in the log: entry ${error.seq} blocks the chain until it is dealt with.` };
  }
  return { check };
}
