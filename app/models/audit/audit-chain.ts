import { createHash } from "node:crypto";

// The canonical form an audit entry is hashed in. Changing it breaks every chain
// already written, so it is versioned by its shape: keys sorted, dates as ISO-8601,
// absent values as null.

export const GENESIS_HASH = "0".repeat(64);

export type ChainedFields = {
  seq: number;
  at: Date;
  actorId: string | null;
  actorLabel: string;
  role: string | null;
  action: string;
  subjectType: string;
  subjectId: string;
  before: string | null;
  after: string | null;
  reason: string | null;
  requestId: string | null;
};

export function canonicalEntry(entry: ChainedFields): string {
  const fields: Record<string, string | number | null> = {
    action: entry.action,
    actorId: entry.actorId,
    actorLabel: entry.actorLabel,
    after: entry.after,
    at: entry.at.toISOString(),
    before: entry.before,
    reason: entry.reason,
    requestId: entry.requestId,
    role: entry.role,
    seq: entry.seq,
    subjectId: entry.subjectId,
    subjectType: entry.subjectType,
  };
  return JSON.stringify(fields);
}

export function entryHash(prevHash: string, entry: ChainedFields): string {
  return createHash("sha256").update(prevHash).update("\n").update(canonicalEntry(entry)).digest("hex");
}

/**
 * An entry's canonical form around its number: `before + seq + after` is canonicalEntry's
 * text. For a writer that numbers and hashes entries in SQL, under the head's lock.
 */
export function canonicalAroundSeq(entry: Omit<ChainedFields, "seq">): { before: string; after: string } {
  const text = canonicalEntry({ ...entry, seq: 0 });
  // Keys are sorted and string values escaped, so the unquoted key appears once, here.
  const at = text.indexOf(',"seq":0,"subjectId":');
  return { before: text.slice(0, at + ',"seq":'.length), after: text.slice(at + ',"seq":0'.length) };
}
