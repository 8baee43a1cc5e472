// What `npm start` does differently on the embedded default database (no DATABASE_URL
// set): it seeds the demo data into it when it is empty, and it keeps the secrets
// production mode requires in a file beside it, generated on first start. Any database
// named by DATABASE_URL is a deployment: no demo data unless asked (`--demo`), and its
// secrets come from the environment (docs/decisions/0015).
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

export const DEFAULT_DATABASE_URL = "file:./data/vigil.db";
export const SECRETS_FILE = "local-secrets.json";

/**
 * True when the process runs on the embedded default database: DATABASE_URL unset or empty.
 * @param {Record<string, string | undefined>} [env]
 */
export function onEmbeddedDefault(env = process.env) {
  return !env.DATABASE_URL;
}

/**
 * Whether setup seeds the demo data (into an empty database only; the seed checks that).
 * @param {{ env?: Record<string, string | undefined>, argv?: string[] }} [options]
 */
export function wantsDemoData({ env = process.env, argv = process.argv } = {}) {
  if (argv.includes("--no-seed")) return false;
  return argv.includes("--demo") || onEmbeddedDefault(env);
}

/**
 * The SESSION_SECRET and VIGIL_ENCRYPTION_KEY kept in `dir`, created (readable by this
 * user only) when missing. Returns the file, the values, and whether it was created now.
 * @param {string} dir
 * @returns {{ file: string, created: boolean, values: { SESSION_SECRET: string, VIGIL_ENCRYPTION_KEY: string } }}
 */
export function localSecrets(dir) {
  const file = path.join(dir, SECRETS_FILE);
  let text = null;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    if (error.code !== "ENOENT") throw error;
  }
  if (text !== null) {
    let stored = null;
    try {
      stored = JSON.parse(text);
    } catch {
      // reported below
    }
    if (typeof stored?.SESSION_SECRET !== "string" || typeof stored?.VIGIL_ENCRYPTION_KEY !== "string") {
      throw new Error(`${file} does not hold SESSION_SECRET and VIGIL_ENCRYPTION_KEY; delete it to generate new ones.`);
    }
    return { file, created: false, values: { SESSION_SECRET: stored.SESSION_SECRET, VIGIL_ENCRYPTION_KEY: stored.VIGIL_ENCRYPTION_KEY } };
  }
  const values = {
    SESSION_SECRET: crypto.randomBytes(32).toString("base64url"),
    VIGIL_ENCRYPTION_KEY: crypto.randomBytes(32).toString("base64"),
  };
  fs.mkdirSync(dir, { recursive: true });
  // "wx": of two first starts at once only one writes; the other reads what it wrote.
  try {
    fs.writeFileSync(file, `${JSON.stringify(values, null, 2)}\n`, { mode: 0o600, flag: "wx" });
  } catch (error) {
    if (error.code === "EEXIST") return localSecrets(dir);
    throw error;
  }
  return { file, created: true, values };
}
