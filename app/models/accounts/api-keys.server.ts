import crypto from "node:crypto";
import { prisma } from "~/utils/db.server";
import type { Actor } from "./actor";
import { appendAudit } from "../audit/audit.server";

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

/** The active key a request's `Authorization: Bearer` header names, or null. */
export async function findApiKey(request: Request) {
  const header = request.headers.get("Authorization") ?? "";
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) return null;
  const key = await prisma.apiKey.findUnique({ where: { hash: hashApiKey(match[1]) } });
  if (!key || key.revokedAt) return null;
  const now = new Date();
  if (!key.lastUsedAt || now.getTime() - key.lastUsedAt.getTime() >= LAST_USED_PRECISION_MS) {
    await prisma.apiKey.updateMany({ where: { id: key.id }, data: { lastUsedAt: now } });
    key.lastUsedAt = now;
  }
  return key;
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
