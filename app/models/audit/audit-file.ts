import { z } from "zod";
import { GENESIS_HASH, entryHash } from "./audit-chain";
import type { Checkpoint, PublishedKey } from "./audit-signing";
import { checkpointSignedBy } from "./audit-signing";

// Verifies an audit export (NDJSON) with nothing but the file: every entry's hash from its
// own contents, every link between consecutive entries, and optionally a head hash or a
// signed checkpoint the auditor kept. Pure, so `npm run audit:verify -- --file` runs it
// on a machine that has no Vigil database at all.

export const EXPORT_FORMAT = 1;

export const ExportHeader = z.object({
  vigilAuditExport: z.literal(EXPORT_FORMAT),
  exportedAt: z.string(),
  /** Filters applied; none means every entry from the first through `throughSeq`. */
  filters: z.record(z.string(), z.string()),
  throughSeq: z.number().int().nonnegative(),
  count: z.number().int().nonnegative(),
});
export type ExportHeader = z.infer<typeof ExportHeader>;

export const ExportedEntry = z.object({
  seq: z.number().int().positive(),
  at: z.iso.datetime(),
  actorId: z.string().nullable(),
  actorLabel: z.string(),
  role: z.string().nullable(),
  action: z.string(),
  subjectType: z.string(),
  subjectId: z.string(),
  before: z.string().nullable(),
  after: z.string().nullable(),
  reason: z.string().nullable(),
  requestId: z.string().nullable(),
  prevHash: z.string().regex(/^[0-9a-f]{64}$/),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
});
export type ExportedEntry = z.infer<typeof ExportedEntry>;

export type FileCheckOptions = { head?: string; checkpoint?: { checkpoint: Checkpoint; key: PublishedKey } };
export type FileCheck =
  | { ok: true; entries: number; firstSeq: number | null; lastSeq: number | null; linked: number; gaps: number; notes: string[] }
  | { ok: false; entries: number; line: number; seq: number | null; reason: string };

export function verifyExportLines(lines: Iterable<string>, options: FileCheckOptions = {}): FileCheck {
  let header: ExportHeader | null = null;
  let prev: ExportedEntry | null = null;
  let first: ExportedEntry | null = null;
  let entries = 0;
  let linked = 0;
  let gaps = 0;
  // Whether every entry so far is chained to the one before it, back to the first in the file.
  let unbroken = true;
  let headSeen = false;
  let checkpointSeen = false;
  let lineNo = 0;
  const fail = (reason: string, seq: number | null = null): FileCheck => ({ ok: false, entries, line: lineNo, seq, reason });

  if (options.checkpoint && !checkpointSignedBy(options.checkpoint.checkpoint, options.checkpoint.key)) {
    return fail("the checkpoint's signature does not match the published key");
  }
  for (const raw of lines) {
    lineNo += 1;
    if (!raw.trim()) continue;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      return fail(`line ${lineNo} is not JSON`);
    }
    if (lineNo === 1 && json && typeof json === "object" && "vigilAuditExport" in json) {
      const parsed = ExportHeader.safeParse(json);
      if (!parsed.success) return fail("the export's header is not one this version of Vigil reads");
      header = parsed.data;
      continue;
    }
    const parsed = ExportedEntry.safeParse(json);
    if (!parsed.success) return fail(`line ${lineNo} is not an audit entry (${parsed.error.issues[0]?.path.join(".")}: ${parsed.error.issues[0]?.message})`);
    const entry = parsed.data;
    const at = `entry ${entry.seq} (line ${lineNo})`;
    if (entryHash(entry.prevHash, { ...entry, at: new Date(entry.at) }) !== entry.hash) return fail(`${at} was altered: its hash does not match its contents`, entry.seq);
    if (prev) {
      if (entry.seq <= prev.seq) return fail(`${at} is out of order: it comes after entry ${prev.seq}`, entry.seq);
      if (entry.seq === prev.seq + 1) {
        if (entry.prevHash !== prev.hash) return fail(`${at} does not follow entry ${prev.seq}: it was chained to a different entry ${prev.seq}`, entry.seq);
        linked += 1;
      } else {
        if (header && Object.keys(header.filters).length === 0) {
          const which = entry.seq - 1 === prev.seq + 1 ? `entry ${prev.seq + 1} is` : `entries ${prev.seq + 1}–${entry.seq - 1} are`;
          return fail(`${which} missing or out of place before ${at}`, prev.seq + 1);
        }
        gaps += 1;
        unbroken = false;
      }
    } else {
      first = entry;
      if (entry.seq === 1 && entry.prevHash !== GENESIS_HASH) return fail(`${at} was altered: the first entry must start the chain`, entry.seq);
    }
    if (options.head && entry.hash === options.head) {
      if (!unbroken) return fail(`${at} has the known head hash, but entries before it in this file are not consecutive`, entry.seq);
      headSeen = true;
    }
    const cp = options.checkpoint?.checkpoint;
    if (cp && entry.seq === cp.seq) {
      if (entry.hash !== cp.hash) return fail(`${at} does not match the signed checkpoint: the log was changed after ${cp.at}`, entry.seq);
      if (!unbroken) return fail(`${at} matches the checkpoint, but entries before it in this file are not consecutive`, entry.seq);
      checkpointSeen = true;
    }
    prev = entry;
    entries += 1;
  }
  lineNo += 1;
  if (header && header.count !== entries) return fail(`the header promises ${header.count} entries and the file holds ${entries}`);
  if (header && Object.keys(header.filters).length === 0 && prev && prev.seq !== header.throughSeq) {
    return fail(`the export should end at entry ${header.throughSeq} and ends at entry ${prev.seq}`, prev.seq);
  }
  if (options.head && !headSeen) return fail("no entry in the file has the known head hash");
  if (options.checkpoint && !checkpointSeen) return fail(`the file does not hold entry ${options.checkpoint.checkpoint.seq}, the checkpoint's`);
  const notes: string[] = [];
  if (gaps) notes.push(`${gaps} gaps between filtered entries: each entry's own hash was checked, links only between consecutive entries`);
  if (first && first.seq !== 1) notes.push(`the file starts at entry ${first.seq}, chained to ${first.prevHash.slice(0, 12)}…`);
  return { ok: true, entries, firstSeq: first?.seq ?? null, lastSeq: prev?.seq ?? null, linked, gaps, notes };
}
