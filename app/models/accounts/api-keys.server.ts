import crypto from "node:crypto";
import { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { laneRead } from "~/utils/lane-transaction.server";
import type { Actor } from "./actor";
import { appendAudit } from "../audit/audit.server";
import type { BucketRow } from "./api-allowance.server";

// API keys are shown once at creation; only their SHA-256 is stored. A key is long
// and random, so a fast hash is enough (no dictionary to guess from).

/** How many leading characters of a key are kept to tell keys apart ("vigil_AbCd"). */
export const API_KEY_PREFIX_LENGTH = 10;
// Recording every use would be a write per request; once a minute is precise enough.
const LAST_USED_PRECISION_MS = 60_000;

export function hashApiKey(key: string): string {
  return crypto.createHash("sha256").update(key).digest("hex");
}

export function generateApiKey(): string {
  return `vigil_${crypto.randomBytes(24).toString("base64url")}`;
}

/** The key an `Authorization: Bearer <key>` header value names, or null. */
function bearerKey(authorization: string | null): string | null {
  return /^Bearer\s+(\S+)$/i.exec(authorization ?? "")?.[1] ?? null;
}

async function noteUse<K extends { id: string; lastUsedAt: Date | null }>(key: K, now = new Date()): Promise<K> {
  if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() >= LAST_USED_PRECISION_MS) {
    await prisma.apiKey.updateMany({ where: { id: key.id }, data: { lastUsedAt: now } });
    key.lastUsedAt = now;
  }
  return key;
}

/** The active key a request's `Authorization: Bearer` header names, or null. */
export async function findApiKey(request: Request) {
  const bearer = bearerKey(request.headers.get("Authorization"));
  if (!bearer) return null;
  const key = await prisma.apiKey.findUnique({ where: { hash: hashApiKey(bearer) } });
  if (!key || key.revokedAt) return null;
  return noteUse(key);
}

const asDate = (value: Date | string | null) => (value === null ? null : new Date(value));
const asBucket = (count: number | bigint | null, windowStart: Date | string | null): BucketRow =>
  count === null || windowStart === null ? null : { count: Number(count), windowStart: new Date(windowStart) };

type KeyAndBuckets = {
  id: string | null;
  name: string | null;
  revokedAt: Date | string | null;
  lastUsedAt: Date | string | null;
  keyCount: number | bigint | null;
  keyWindowStart: Date | string | null;
  addressCount: number | bigint | null;
  addressWindowStart: Date | string | null;
};

/**
 * In one read: the active key a request's Authorization header names (or null), its
 * rate-limit bucket, and the bucket of `addressBucket`. The API checks its limits against
 * these rows without writing them on every request (api-allowance.server.ts).
 */
export async function findApiKeyAndBuckets(authorization: string | null, addressBucket: string) {
  const bearer = bearerKey(authorization);
  // On the lane, without the client: every API request makes this read.
  const [row] = await laneRead<KeyAndBuckets>(Prisma.sql`
    SELECT k."id", k."name", k."revokedAt", k."lastUsedAt",
      kb."count" AS "keyCount", kb."windowStart" AS "keyWindowStart",
      ab."count" AS "addressCount", ab."windowStart" AS "addressWindowStart"
    FROM (SELECT 1 AS "one") AS o
    LEFT JOIN "ApiKey" k ON k."hash" = ${bearer ? hashApiKey(bearer) : ""}
    LEFT JOIN "RateLimit" kb ON kb."key" = ${API_KEY_BUCKET} || k."id"
    LEFT JOIN "RateLimit" ab ON ab."key" = ${addressBucket}`);
  const address = asBucket(row.addressCount, row.addressWindowStart);
  if (!bearer || !row.id || !row.name || row.revokedAt !== null) return { key: null, keyBucket: null, address };
  const key = { id: row.id, name: row.name, lastUsedAt: asDate(row.lastUsedAt) };
  return { key, keyBucket: asBucket(row.keyCount, row.keyWindowStart), address };
}

/** The prefix of a key's rate-limit bucket in "RateLimit" (its id follows). */
export const API_KEY_BUCKET = "api:key:";

/** Records the key's use, at most once a minute (a write only when the last one is older). */
export function noteApiKeyUse<K extends { id: string; lastUsedAt: Date | null }>(key: K): Promise<K> {
  return noteUse(key);
}

/** Every key, newest first, without its hash. */
export async function listApiKeys() {
  return prisma.apiKey.findMany({
    select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
  });
}

/** Creates a key; the returned `key` is the only time its full value exists outside the caller. */
export async function createApiKey(name: string, ctx: { actor: Actor; requestId?: string | null }) {
  const key = generateApiKey();
  const prefix = key.slice(0, API_KEY_PREFIX_LENGTH);
  const apiKey = await prisma.$transaction(async (tx) => {
    const created = await tx.apiKey.create({
      data: { name, prefix, hash: hashApiKey(key), createdById: ctx.actor.kind === "user" ? ctx.actor.id : null },
      select: { id: true, name: true, prefix: true },
    });
    await appendAudit(tx, {
      actor: ctx.actor,
      permission: "manage:api-keys",
      action: "api_key.created",
      subjectType: "api_key",
      subjectId: created.id,
      after: { name, prefix },
      requestId: ctx.requestId,
    });
    return created;
  });
  return { apiKey, key };
}

/** Revokes a key at once: `findApiKey` no longer accepts it. */
export async function revokeApiKey(
  id: string,
  ctx: { actor: Actor; requestId?: string | null },
): Promise<{ ok: true; name: string } | { ok: false; error: string }> {
  return prisma.$transaction(async (tx) => {
    const key = await tx.apiKey.findUnique({ where: { id }, select: { name: true, prefix: true, revokedAt: true } });
    if (!key) return { ok: false, error: "This API key does not exist." };
    if (key.revokedAt) return { ok: false, error: `The key “${key.name}” is already revoked.` };
    const revokedAt = new Date();
    await tx.apiKey.update({ where: { id }, data: { revokedAt } });
    await appendAudit(tx, {
      actor: ctx.actor,
      permission: "manage:api-keys",
      action: "api_key.revoked",
      subjectType: "api_key",
      subjectId: id,
      before: { name: key.name, prefix: key.prefix, revokedAt: null },
      after: { revokedAt },
      requestId: ctx.requestId,
    });
    return { ok: true, name: key.name };
  });
}
