import type { AuditEntry } from "~/generated/prisma/client";
import { csvRow } from "~/utils/csv";
import { prisma } from "~/utils/db.server";
import type { Actor } from "../accounts/actor";
import type { ExportHeader, ExportedEntry } from "./audit-file";
import { EXPORT_FORMAT } from "./audit-file";
import type { AuditFilters } from "./audit.server";
import { appendAudit, auditWhere } from "./audit.server";

// Streams the audit log as NDJSON or CSV: a batch of entries at a time, in chain order, so
// the server's memory stays flat however long the log is. The export is audited before the
// first byte leaves (who, which filters, how many entries, through which entry).

export type ExportFormat = "ndjson" | "csv";
const BATCH = 1_000;
const COLUMNS = ["seq", "at", "actorId", "actorLabel", "role", "action", "subjectType", "subjectId", "before", "after", "reason", "requestId", "prevHash", "hash"] as const;

function exported(entry: AuditEntry): ExportedEntry {
  return { ...entry, at: entry.at.toISOString() };
}

function filterRecord(filters: AuditFilters): Record<string, string> {
  return Object.fromEntries(
    Object.entries(filters)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, v instanceof Date ? v.toISOString() : String(v)]),
  );
}

export async function startAuditExport(filters: AuditFilters, format: ExportFormat, actor: Actor, requestId: string | null, now = new Date()) {
  // Fix the end of the export first: entries appended while it streams (its own audit entry
  // among them) belong to the next export.
  const head = await prisma.auditHead.findUnique({ where: { id: 1 } });
  const throughSeq = head?.seq ?? 0;
  const where = auditWhere(filters);
  const count = await prisma.auditEntry.count({ where: { ...where, seq: { lte: throughSeq } } });
  const header: ExportHeader = { vigilAuditExport: EXPORT_FORMAT, exportedAt: now.toISOString(), filters: filterRecord(filters), throughSeq, count };
  await prisma.$transaction((tx) =>
    appendAudit(tx, { actor, permission: "read:audit", action: "audit.exported", subjectType: "audit", subjectId: "chain", after: { format, ...header }, requestId, at: now }),
  );

  const encoder = new TextEncoder();
  let after = 0;
  let started = false;
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(format === "ndjson" ? `${JSON.stringify(header)}\n` : csvRow(COLUMNS)));
        return;
      }
      const batch = await prisma.auditEntry.findMany({ where: { ...where, seq: { gt: after, lte: throughSeq } }, orderBy: { seq: "asc" }, take: BATCH });
      if (batch.length === 0) {
        controller.close();
        return;
      }
      after = batch.at(-1)!.seq;
      const text = batch
        .map((entry) => {
          const e = exported(entry);
          return format === "ndjson" ? `${JSON.stringify(e)}\n` : csvRow(COLUMNS.map((c) => e[c]));
        })
        .join("");
      controller.enqueue(encoder.encode(text));
    },
  });
  const stamp = now.toISOString().slice(0, 16).replace("T", "-").replace(":", "");
  return {
    count,
    throughSeq,
    stream,
    filename: `vigil-audit-${stamp}.${format}`,
    contentType: format === "ndjson" ? "application/x-ndjson; charset=utf-8" : "text/csv; charset=utf-8",
  };
}
