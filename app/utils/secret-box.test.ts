import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import { parseEnv } from "./env.server";
import { SecretBoxError, isSealed, keyFromSetting, open, seal } from "./secret-box.server";

const key = crypto.randomBytes(32);
const flip = (text: string, at: number) => {
  const bytes = Buffer.from(text, "base64url");
  bytes[at % bytes.length] ^= 0x01;
  return bytes.toString("base64url");
};

describe("secret box", () => {
  it("opens what it sealed, and seals the same secret differently each time", () => {
    const secret = "whsec_Zażółć-gęślą-jaźń 🔑";
    const a = seal(secret, key);
    const b = seal(secret, key);
    expect(a).toMatch(/^v1:[A-Za-z0-9_-]{16}:[A-Za-z0-9_-]{22}:[A-Za-z0-9_-]+$/);
    expect(a).not.toContain("whsec_");
    expect(a).not.toBe(b);
    expect(open(a, key)).toBe(secret);
    expect(open(b, key)).toBe(secret);
    expect(open(seal("", key), key)).toBe("");
  });

  it("detects a changed ciphertext, tag, nonce or version", () => {
    const [version, iv, tag, body] = seal("whsec_abc", key).split(":");
    const altered = [
      [version, iv, tag, flip(body, 3)],
      [version, iv, flip(tag, 0), body],
      [version, flip(iv, 5), tag, body],
      [version, iv, tag, body.slice(0, -2)],
    ];
    for (const parts of altered) expect(() => open(parts.join(":"), key)).toThrow(/altered, or sealed under another VIGIL_ENCRYPTION_KEY/);
    expect(() => open(["v2", iv, tag, body].join(":"), key)).toThrow(SecretBoxError);
  });

  it("refuses to open under another key, saying which setting to check", () => {
    const sealed = seal("whsec_abc", key);
    expect(() => open(sealed, crypto.randomBytes(32))).toThrow(
      new SecretBoxError("The sealed secret cannot be opened: it was altered, or sealed under another VIGIL_ENCRYPTION_KEY."),
    );
  });

  it("tells a sealed value from a plain-text secret stored before sealing", () => {
    expect(isSealed(seal("whsec_abc", key))).toBe(true);
    expect(isSealed("whsec_abc")).toBe(false);
    expect(isSealed("v1:a:b:c")).toBe(false);
    expect(() => open("whsec_abc", key)).toThrow(/not a sealed secret/);
  });

  it("reads the key as base64, base64url or hex, and explains a wrong one", () => {
    const raw = crypto.randomBytes(32);
    expect(keyFromSetting(raw.toString("base64")).equals(raw)).toBe(true);
    expect(keyFromSetting(raw.toString("base64url")).equals(raw)).toBe(true);
    expect(keyFromSetting(raw.toString("hex")).equals(raw)).toBe(true);
    expect(keyFromSetting(` ${raw.toString("hex").toUpperCase()}\n`).equals(raw)).toBe(true);
    for (const wrong of [crypto.randomBytes(16).toString("base64"), "not a key at all!", crypto.randomBytes(31).toString("hex")]) {
      expect(() => keyFromSetting(wrong)).toThrow(/VIGIL_ENCRYPTION_KEY must be 32 random bytes written as base64 \(44 characters\) or hex \(64 characters\)/);
    }
  });

  it("derives the same development key when none is set, one that opens only its own values", () => {
    const dev = keyFromSetting(undefined);
    expect(dev).toHaveLength(32);
    expect(keyFromSetting("").equals(dev)).toBe(true);
    expect(open(seal("whsec_dev", dev), keyFromSetting(undefined))).toBe("whsec_dev");
    expect(() => open(seal("whsec_dev", dev), key)).toThrow(SecretBoxError);
  });

  it("is required in production, and optional in development and tests", () => {
    const production = { NODE_ENV: "production", SESSION_SECRET: "a-production-secret-0123456789" };
    expect(() => parseEnv(production)).toThrow("VIGIL_ENCRYPTION_KEY must be set in production");
    expect(parseEnv({ ...production, VIGIL_ENCRYPTION_KEY: key.toString("base64") }).VIGIL_ENCRYPTION_KEY).toBe(key.toString("base64"));
    expect(parseEnv({ NODE_ENV: "development" }).VIGIL_ENCRYPTION_KEY).toBeUndefined();
    expect(parseEnv({ NODE_ENV: "test" }).VIGIL_ENCRYPTION_KEY).toBeUndefined();
  });
});
