import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import type { Instance } from "../store/instances";
import { buildIfStale, setupDatabase, startInstance } from "../store/instances";

// One real Vigil server (scripts/server.mjs, production mode, the real build) on a fresh
// SQLite file seeded with the demo data, for the tests that speak HTTP to it.

export type Served = { instance: Instance; base: string; dbFile: string; stop(): Promise<void> };

export async function serveDemo(name: string, env: Record<string, string> = {}): Promise<Served> {
  buildIfStale();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `vigil-${name}-`));
  const dbFile = path.join(dir, "vigil.db");
  setupDatabase(`file:${dbFile}`);
  const instance = await startInstance(name, `file:${dbFile}`, env);
  return {
    instance,
    base: instance.base,
    dbFile,
    async stop() {
      await instance.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Runs SQL on the served database beside the server (SQLite allows one writer at a time; WAL lets readers on). */
export function withDb<T>(dbFile: string, work: (db: Database.Database) => T): T {
  const db = new Database(dbFile);
  db.pragma("busy_timeout = 5000");
  try {
    return work(db);
  } finally {
    db.close();
  }
}

/** A Set-Cookie list as the one Cookie header a browser would send back. */
export function cookieHeader(response: Response, keep: Record<string, string> = {}): string {
  const jar = { ...keep };
  for (const header of response.headers.getSetCookie()) {
    const [pair] = header.split(";");
    const eq = pair.indexOf("=");
    jar[pair.slice(0, eq).trim()] = pair.slice(eq + 1).trim();
  }
  return Object.entries(jar)
    .map(([k, v]) => `${k}=${v}`)
    .join("; ");
}

/** A browser without a session: the CSRF cookie and form token the sign-in page hands out. */
export async function anonymousSession(base: string): Promise<{ cookie: string; csrf: string }> {
  const page = await fetch(`${base}/login`);
  const html = await page.text();
  const csrf = /name="csrf"[^>]*value="([^"]+)"/.exec(html)?.[1];
  if (!csrf) throw new Error("The sign-in page has no CSRF token.");
  return { cookie: cookieHeader(page), csrf };
}
