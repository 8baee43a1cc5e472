import crypto from "node:crypto";
import { prisma } from "~/utils/db.server";

// API keys are shown once at creation; only their SHA-256 is stored. A key is long
// and random, so a fast hash is enough (no dictionary to guess from).

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
  return key;
}
