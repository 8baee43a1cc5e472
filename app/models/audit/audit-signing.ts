import crypto from "node:crypto";

// Ed25519 signatures over the audit chain's head. Pure: the key comes in, nothing is read
// from the environment or the database here, so `audit:verify` uses the same code offline.

export type Checkpoint = { seq: number; hash: string; at: string; keyId: string; signature: string };
export type PublishedKey = { algorithm: "Ed25519"; keyId: string; publicKey: string };

// PKCS#8 wrapping of a raw 32-byte Ed25519 seed (RFC 8410).
const PKCS8_PREFIX = Buffer.from("302e020100300506032b657004220420", "hex");
// SubjectPublicKeyInfo wrapping of a raw 32-byte Ed25519 public key.
const SPKI_PREFIX = Buffer.from("302a300506032b6570032100", "hex");

export function signingKeyFromSeed(seed: Buffer): crypto.KeyObject {
  if (seed.length !== 32) throw new Error("An Ed25519 signing key is 32 bytes.");
  return crypto.createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, seed]), format: "der", type: "pkcs8" });
}

/** The key as an auditor downloads it: raw public key bytes, base64. */
export function publishedKey(privateKey: crypto.KeyObject): PublishedKey {
  const spki = crypto.createPublicKey(privateKey).export({ format: "der", type: "spki" });
  const raw = spki.subarray(SPKI_PREFIX.length);
  return { algorithm: "Ed25519", keyId: keyIdOf(raw), publicKey: raw.toString("base64") };
}

export function keyIdOf(rawPublicKey: Buffer): string {
  return crypto.createHash("sha256").update(rawPublicKey).digest("hex").slice(0, 16);
}

/** Exactly the bytes that are signed: a versioned line format, nothing left to interpretation. */
export function checkpointMessage(c: Pick<Checkpoint, "seq" | "hash" | "at">): Buffer {
  return Buffer.from(`vigil-audit-checkpoint:v1\n${c.seq}\n${c.hash}\n${c.at}`, "utf8");
}

export function signCheckpointWith(privateKey: crypto.KeyObject, head: { seq: number; hash: string }, at: Date): Checkpoint {
  const body = { seq: head.seq, hash: head.hash, at: at.toISOString() };
  const signature = crypto.sign(null, checkpointMessage(body), privateKey).toString("base64");
  return { ...body, keyId: publishedKey(privateKey).keyId, signature };
}

/** True when `checkpoint` was signed by the holder of `key`. */
export function checkpointSignedBy(checkpoint: Checkpoint, key: PublishedKey): boolean {
  const raw = Buffer.from(key.publicKey, "base64");
  if (raw.length !== 32 || keyIdOf(raw) !== checkpoint.keyId) return false;
  const publicKey = crypto.createPublicKey({ key: Buffer.concat([SPKI_PREFIX, raw]), format: "der", type: "spki" });
  try {
    return crypto.verify(null, checkpointMessage(checkpoint), publicKey, Buffer.from(checkpoint.signature, "base64"));
  } catch {
    return false;
  }
}
