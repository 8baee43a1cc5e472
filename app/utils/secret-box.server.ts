import crypto from "node:crypto";
import { DEVELOPMENT_SESSION_SECRET, env } from "./env.server";

// Secrets Vigil must read back (a webhook's signing secret), sealed at rest with
// AES-256-GCM. Stored as `v1:<iv>:<tag>:<ciphertext>` (base64url): the version names the
// format and the key generation, so a later key can be added as `v2` and old values
// opened until they are re-sealed (docs/decisions/0012).

const VERSION = "v1";
const IV_BYTES = 12;
const TAG_BYTES = 16;
const SEALED = /^v1:([A-Za-z0-9_-]+):([A-Za-z0-9_-]+):([A-Za-z0-9_-]*)$/;

export class SecretBoxError extends Error {}

/**
 * The 32-byte key from `VIGIL_ENCRYPTION_KEY` (base64 or hex). Without it, development and
 * tests derive one with HKDF from the development session secret, so a fresh checkout works
 * and nothing sealed there is protected; production refuses to run without it (env()).
 */
export function keyFromSetting(setting: string | undefined): Buffer {
  if (setting === undefined || setting === "") {
    return Buffer.from(crypto.hkdfSync("sha256", DEVELOPMENT_SESSION_SECRET, "vigil", "vigil secret box v1", 32));
  }
  const text = setting.trim();
  const key = /^[0-9a-f]{64}$/i.test(text) ? Buffer.from(text, "hex") : decodeBase64(text);
  if (!key || key.length !== 32) {
    throw new SecretBoxError(
      "VIGIL_ENCRYPTION_KEY must be 32 random bytes written as base64 (44 characters) or hex (64 characters), e.g. the output of `openssl rand -base64 32`.",
    );
  }
  return key;
}

function decodeBase64(text: string): Buffer | null {
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(text)) return null;
  return Buffer.from(text.replace(/-/g, "+").replace(/_/g, "/"), "base64");
}

let cachedKey: { setting: string | undefined; key: Buffer } | undefined;

/** The key this process seals with; checked at start-up by `prepareToServe`. */
export function encryptionKey(): Buffer {
  const setting = env().VIGIL_ENCRYPTION_KEY;
  if (!cachedKey || cachedKey.setting !== setting) cachedKey = { setting, key: keyFromSetting(setting) };
  return cachedKey.key;
}

const b64 = (buffer: Buffer) => buffer.toString("base64url");

export function seal(plain: string, key: Buffer = encryptionKey()): string {
  const iv = crypto.randomBytes(IV_BYTES);
  const cipher = crypto.createCipheriv("aes-256-gcm", key, iv);
  // The format version is authenticated too, so it cannot be swapped without detection.
  cipher.setAAD(Buffer.from(VERSION));
  const ciphertext = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return `${VERSION}:${b64(iv)}:${b64(cipher.getAuthTag())}:${b64(ciphertext)}`;
}

/** True for a value `seal` wrote (any key); false for a plain-text secret from before sealing. */
export function isSealed(value: string): boolean {
  const parts = SEALED.exec(value);
  return !!parts && Buffer.from(parts[1], "base64url").length === IV_BYTES && Buffer.from(parts[2], "base64url").length === TAG_BYTES;
}

/** Opens a sealed value; throws SecretBoxError when it was altered or sealed under another key. */
export function open(sealed: string, key: Buffer = encryptionKey()): string {
  const parts = SEALED.exec(sealed);
  if (!parts || !isSealed(sealed)) throw new SecretBoxError("This is not a sealed secret (expected v1:<iv>:<tag>:<ciphertext>).");
  const decipher = crypto.createDecipheriv("aes-256-gcm", key, Buffer.from(parts[1], "base64url"));
  decipher.setAAD(Buffer.from(VERSION));
  decipher.setAuthTag(Buffer.from(parts[2], "base64url"));
  try {
    return Buffer.concat([decipher.update(Buffer.from(parts[3], "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new SecretBoxError("The sealed secret cannot be opened: it was altered, or sealed under another VIGIL_ENCRYPTION_KEY.");
  }
}
