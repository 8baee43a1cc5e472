import type { Db } from "~/utils/db.server";
import { GENESIS_HASH, entryHash } from "./audit-chain";

// Walks the audit chain in seq order, a batch at a time, and names the first entry
// that an edit, deletion or reordering broke. What each check catches, and what no
// check here can: docs/decisions/0005-audit-chain.md.

export type ChainCheck =
  | { ok: true; count: number }
  /** `count` is how many entries were verified intact before `firstBad`. */
  | { ok: false; count: number; firstBad: { seq: number; reason: string } };

type ChainReader = Pick<Db, "auditEntry" | "auditHead">;

const DEFAULT_BATCH_SIZE = 2_000;

function missing(from: number, to: number): string {
  return from === to ? `entry ${from} is missing` : `entries ${from}–${to} are missing`;
}

export async function verifyAuditChain(db: ChainReader, options: { batchSize?: number } = {}): Promise<ChainCheck> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  // The head as the check starts: entries appended while it runs are left to the next check.
  const head = await db.auditHead.findUnique({ where: { id: 1 } });
  const lastSeqToCheck = head?.seq ?? Number.MAX_SAFE_INTEGER;
  let lastSeq = 0;
  let lastHash = GENESIS_HASH;
  let count = 0;
  const fail = (seq: number, reason: string): ChainCheck => ({ ok: false, count, firstBad: { seq, reason } });

  for (;;) {
    const batch = await db.auditEntry.findMany({
      where: { seq: { gt: lastSeq, lte: lastSeqToCheck } },
      orderBy: { seq: "asc" },
      take: batchSize,
    });
    for (const entry of batch) {
      const expectedSeq = lastSeq + 1;
      if (entry.seq !== expectedSeq) {
        const after = lastSeq ? `entry ${lastSeq}` : "the start of the chain";
        return fail(expectedSeq, `entry ${entry.seq} does not follow ${after}: ${missing(expectedSeq, entry.seq - 1)}`);
      }
      const intact = entryHash(entry.prevHash, entry) === entry.hash;
      if (entry.prevHash !== lastHash) {
        // The entry names a different predecessor: either it was moved, or the entry
        // before it was rewritten together with its hash.
        // A scan (the hash has no index: decision 26), made only when the check has failed.
        const origin = await db.auditEntry.findFirst({ where: { hash: entry.prevHash }, select: { seq: true }, orderBy: { seq: "asc" } });
        if (origin) {
          return fail(entry.seq, `entry ${entry.seq} is out of order: it was written after the entry now numbered ${origin.seq}`);
        }
        if (lastSeq && intact) {
          count -= 1;
          return fail(lastSeq, `entry ${lastSeq} was altered: entry ${entry.seq} was chained to a different version of it`);
        }
        return fail(entry.seq, `entry ${entry.seq} was altered: its link to the previous entry does not match`);
      }
      if (!intact) return fail(entry.seq, `entry ${entry.seq} was altered: its hash does not match its contents`);
      lastSeq = entry.seq;
      lastHash = entry.hash;
      count += 1;
    }
    if (batch.length < batchSize) break;
  }

  if (!head) {
    if (!lastSeq) return { ok: true, count };
    return fail(lastSeq, `entry ${lastSeq} cannot be confirmed as the last entry: the chain head record is missing`);
  }
  if (lastSeq < head.seq) {
    return fail(lastSeq + 1, `${missing(lastSeq + 1, head.seq)}: the chain ends at entry ${lastSeq} but its head records entry ${head.seq}`);
  }
  if (lastSeq && lastHash !== head.hash) {
    count -= 1;
    return fail(lastSeq, `entry ${lastSeq} was altered: it does not match the hash recorded in the chain head`);
  }
  // Rows beyond the head were not written by appendAudit, which moves the head in the
  // same transaction. Reading the highest seq before the head keeps a concurrent
  // append from looking like one.
  const newest = await db.auditEntry.findFirst({ orderBy: { seq: "desc" }, select: { seq: true } });
  const headNow = (await db.auditHead.findUnique({ where: { id: 1 } })) ?? head;
  if (newest && newest.seq > headNow.seq) {
    return fail(headNow.seq + 1, `entry ${headNow.seq + 1} is not part of the chain: it was added without moving the chain head`);
  }
  return { ok: true, count };
}
