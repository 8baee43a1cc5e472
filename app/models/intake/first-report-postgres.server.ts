import { Prisma } from "~/generated/prisma/client";
import type { Tx } from "~/utils/db.server";
import { select } from "~/utils/sqlite-lane.server";
import { noteHeadTaken } from "~/utils/write-stats.server";
import { canonicalAroundSeq } from "../audit/audit-chain";
import type { AuditInput } from "../audit/audit.server";
import { AuditLogNeedsAttention, auditFields, noteChainHead } from "../audit/audit.server";

// A first report's rows on PostgreSQL in one statement (docs/decisions/0026): the chain's
// head is locked, the entries are numbered and hashed in SQL from the head as it is, and
// the rows are inserted, in one round trip that commits by itself: the head is held for
// that statement alone. Every instance appends to one head, so what a write does while holding it is what
// more instances can add. The hash is the one audit-chain.ts computes (SHA-256 of the
// previous hash, a newline and the canonical entry), its text built here around the number.

type Row = Record<string, unknown>;

/** `INSERT INTO table (columns) SELECT … FROM source, the rows as JSON typed by the table`. */
function insertFromJson(table: string, rows: Row[], source: string) {
  const columns = Object.keys(rows[0]);
  const names = Prisma.raw(columns.map((c) => `"${c}"`).join(", "));
  const picked = Prisma.raw(columns.map((c) => `r."${c}"`).join(", "));
  return Prisma.sql`INSERT INTO ${Prisma.raw(`"${table}"`)} (${names})
    SELECT ${picked} FROM ${Prisma.raw(source)}, json_populate_recordset(NULL::${Prisma.raw(`"${table}"`)}, ${JSON.stringify(rows)}::json) r`;
}

export async function writeFirstReportOnPostgres(
  tx: Tx,
  rows: { entries: AuditInput[]; kase: Row; report: Row; timers: Row[]; idempotency: Row | null },
) {
  const fields = rows.entries.map(auditFields);
  // e0, e1, …: each entry numbered and hashed after the one before, the first after the head.
  const chain = fields.map((entry, i) => {
    const { before, after } = canonicalAroundSeq(entry);
    const from = i === 0 ? "head" : `e${i - 1}`;
    return Prisma.sql`${Prisma.raw(`e${i}`)} AS (SELECT "seq" + 1 AS "seq", "hash" AS "prev",
      encode(sha256(convert_to("hash" || E'\\n' || ${before} || ("seq" + 1)::text || ${after}, 'UTF8')), 'hex') AS "hash" FROM ${Prisma.raw(from)})`;
  });
  const last = `e${fields.length - 1}`;
  const entryRows = Prisma.join(
    fields.map(
      (entry, i) => Prisma.sql`SELECT e."seq", r."at", r."actorId", r."actorLabel", r."role", r."action", r."subjectType", r."subjectId", r."before", r."after", r."reason", r."requestId", e."prev", e."hash"
        FROM ${Prisma.raw(`e${i}`)} e, json_populate_record(NULL::"AuditEntry", ${JSON.stringify(entry)}::json) r`,
    ),
    " UNION ALL ",
  );
  const writes = [
    Prisma.sql`kase AS (${insertFromJson("Case", [rows.kase], "moved")} RETURNING "id")`,
    Prisma.sql`report AS (${insertFromJson("Report", [rows.report], "kase")})`,
    ...(rows.timers.length ? [Prisma.sql`timers AS (${insertFromJson("Timer", rows.timers, "kase")})`] : []),
    ...(rows.idempotency ? [Prisma.sql`idem AS (${insertFromJson("IdempotencyRecord", [rows.idempotency], "kase")})`] : []),
  ];
  noteHeadTaken(tx);
  // The case is inserted from `moved`, so the head is locked before the case's triggers move
  // the tally rows (they fire at the end of the statement): the order of decision 21. The
  // statement commits by itself (intake.server.ts), so the head is held for it alone.
  let moved: { seq: number; hash: string } | undefined;
  try {
    [moved] = await select<{ seq: number; hash: string }>(
      tx,
      Prisma.sql`WITH head AS (SELECT "seq", "hash" FROM "AuditHead" WHERE "id" = 1 FOR UPDATE),
        ${Prisma.join(chain, ",\n")},
        moved AS (UPDATE "AuditHead" h SET "seq" = e."seq", "hash" = e."hash" FROM ${Prisma.raw(last)} e WHERE h."id" = 1 RETURNING h."seq", h."hash"),
        entries AS (INSERT INTO "AuditEntry" ("seq", "at", "actorId", "actorLabel", "role", "action", "subjectType", "subjectId", "before", "after", "reason", "requestId", "prevHash", "hash")
          ${entryRows}),
        ${Prisma.join(writes, ",\n")}
      SELECT m."seq", m."hash" FROM moved m`,
    );
  } catch (error) {
    // A number after the head is taken, by an entry added without moving the head: the
    // statement wrote nothing; refuse as appendAudit does, rather than try again.
    const taken = takenSeq(error);
    if (taken !== null) throw new AuditLogNeedsAttention(taken);
    throw error;
  }
  if (!moved) throw new Error("The audit chain has no head row: the database is not migrated.");
  noteChainHead({ seq: moved.seq, hash: moved.hash });
}

/** The entry number a unique violation of the audit log's key names, if that is the error. */
function takenSeq(error: unknown): number | null {
  const { code, constraint, detail } = (error ?? {}) as { code?: unknown; constraint?: unknown; detail?: unknown };
  if (code !== "23505" || constraint !== "AuditEntry_pkey") return null;
  const seq = /\(seq\)=\((\d+)\)/.exec(String(detail ?? ""));
  return seq ? Number(seq[1]) : -1;
}
