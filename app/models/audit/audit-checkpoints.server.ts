import crypto from "node:crypto";
import { Prisma } from "~/generated/prisma/client";
import type { Db } from "~/utils/db.server";
import { prisma } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import type { Actor } from "../accounts/actor";
import { appendAudit } from "./audit.server";
import type { Checkpoint, PublishedKey } from "./audit-signing";
import { publishedKey, signCheckpointWith, signingKeyFromSeed } from "./audit-signing";

// Signed checkpoints of the audit chain's head: hourly from the background work and on
// demand from /audit, published at /.well-known/vigil-audit (docs/decisions/0015).

let key: crypto.KeyObject | null = null;

/**
 * The signing key: VIGIL_AUDIT_SIGNING_KEY (32 bytes, base64 or hex) when set; otherwise
 * one derived from SESSION_SECRET, stable for as long as that secret is.
 */
export function checkpointKey(): crypto.KeyObject {
  if (key) return key;
  const configured = env().VIGIL_AUDIT_SIGNING_KEY;
  const seed = configured
    ? Buffer.from(configured, /^[0-9a-f]{64}$/i.test(configured) ? "hex" : "base64")
    : crypto.createHash("sha256").update(`vigil audit checkpoints\n${env().SESSION_SECRET}`).digest();
  key = signingKeyFromSeed(seed);
  return key;
}

export function checkpointPublicKey(): PublishedKey {
  return publishedKey(checkpointKey());
}

/**
 * Signs the head as it stands now, unless it is already signed. Two instances signing
 * the same head at once both try to insert its row; the second insert is skipped.
 */
export async function signCheckpoint(db: Db, now: Date = new Date()): Promise<{ checkpoint: Checkpoint; created: boolean } | null> {
  const head = await db.auditHead.findUnique({ where: { id: 1 } });
  if (!head || head.seq === 0) return null;
  const existing = await db.auditCheckpoint.findUnique({ where: { seq: head.seq } });
  if (existing) return { checkpoint: { ...existing, at: existing.at.toISOString() }, created: false };
  const checkpoint = signCheckpointWith(checkpointKey(), head, now);
  const count = await db.$executeRaw(
    Prisma.sql`INSERT INTO "AuditCheckpoint" ("seq", "hash", "at", "keyId", "signature")
      VALUES (${checkpoint.seq}, ${checkpoint.hash}, ${now}, ${checkpoint.keyId}, ${checkpoint.signature}) ON CONFLICT ("seq") DO NOTHING`,
  );
  return { checkpoint, created: count === 1 };
}

export async function listCheckpoints(db: Db, limit = 500): Promise<Checkpoint[]> {
  const rows = await db.auditCheckpoint.findMany({ orderBy: { seq: "desc" }, take: limit });
  return rows.map((r) => ({ seq: r.seq, hash: r.hash, at: r.at.toISOString(), keyId: r.keyId, signature: r.signature }));
}

/** Whether the newest checkpoint is older than `everyMs` (or there is none): time to sign again. */
export async function checkpointDue(db: Db, now: Date, everyMs: number): Promise<boolean> {
  const newest = await db.auditCheckpoint.findFirst({ orderBy: { seq: "desc" }, select: { at: true } });
  return !newest || now.getTime() - newest.at.getTime() >= everyMs;
}

/** Signs the head on a person's request (from /audit), and records that they asked. */
export async function signCheckpointNow(actor: Actor, requestId: string | null) {
  const signed = await signCheckpoint(prisma);
  if (signed?.created) {
    await prisma.$transaction((tx) =>
      appendAudit(tx, { actor, permission: "verify:audit", action: "audit.checkpoint_signed", subjectType: "audit", subjectId: "chain", after: signed.checkpoint, requestId }),
    );
  }
  return signed;
}
