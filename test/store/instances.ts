import { execFileSync, spawn, spawnSync } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { decode } from "turbo-stream";
import { isAlive } from "../setup/runs";

// Starting real Vigil server processes (scripts/server.mjs) for the multi-instance
// test and the ingest benchmark: build if stale, migrate and seed once, then N
// processes on ephemeral loopback ports sharing one database.

export const root = path.resolve(import.meta.dirname, "../..");
export const DEMO_API_KEY = "vigil_demo_ingest_key";
export const DEMO_PASSWORD = "vigil-demo";

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

/**
 * Builds the app (as `npm start` does) when build/index.js is missing or older than the
 * sources. Test files running side by side take turns: one builds, the others wait for
 * it and find the build fresh.
 */
export function buildIfStale() {
  const buildFile = path.join(root, "build/index.js");
  const fresh = () => {
    const sources = Math.max(newestMtime(path.join(root, "app")), newestMtime(path.join(root, "machines")));
    return fs.existsSync(buildFile) && fs.statSync(buildFile).mtimeMs >= sources;
  };
  if (fresh()) return;
  withLock(path.join(root, "data/build.lock"), () => {
    if (fresh()) return;
    // The servers run in production mode; a build made under NODE_ENV=test would not.
    const result = spawnSync(process.execPath, [path.join(root, "scripts/build.mjs")], {
      cwd: root,
      env: { ...process.env, NODE_ENV: "production" },
      encoding: "utf8",
    });
    if (result.status !== 0) throw new Error(`The build failed:\n${result.stdout}${result.stderr}`);
  });
}

/** Runs `work` holding a lock directory; one left by a process that died is taken over. */
function withLock(dir: string, work: () => void) {
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  const wait = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    try {
      fs.mkdirSync(dir);
      fs.writeFileSync(path.join(dir, "pid"), String(process.pid));
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const holder = Number(fs.readFileSync(path.join(dir, "pid"), { encoding: "utf8", flag: "a+" }));
      const abandoned = holder ? !isAlive(holder) : Date.now() - fs.statSync(dir).mtimeMs > 30_000;
      if (abandoned) fs.rmSync(dir, { recursive: true, force: true });
      else Atomics.wait(wait, 0, 0, 200);
    }
  }
  try {
    work();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Migrates the database at `url`, and seeds the demo data into it unless `seed` is false. */
export function setupDatabase(url: string, { seed = true } = {}) {
  execFileSync(process.execPath, [path.join(root, "scripts/setup.mjs"), "--quiet", seed ? "--demo" : "--no-seed"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url },
    stdio: ["ignore", "ignore", "inherit"],
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export type Instance = { name: string; base: string; proc: ChildProcess; output: () => string; stop(signal?: NodeJS.Signals): Promise<void> };

/** Starts `node scripts/server.mjs` on a free port and waits for /healthz (at `env.HOST` when given). */
export async function startInstance(name: string, url: string, env: Record<string, string> = {}): Promise<Instance> {
  const port = await freePort();
  // As docs/deploy.md runs an instance (and `npm start` does): with a 64 MB young generation.
  const proc = spawn(process.execPath, ["--max-semi-space-size=64", path.join(root, "scripts/server.mjs")], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: "production",
      SESSION_SECRET: "vigil-instances-secret-0123456789",
      VIGIL_ENCRYPTION_KEY: "dmlnaWwtaW5zdGFuY2VzLWtleS0wMTIzNDU2Nzg5YWI=",
      DATABASE_URL: url,
      PORT: String(port),
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  proc.stdout?.on("data", (d: Buffer) => (log = (log + d.toString()).slice(-20_000)));
  proc.stderr?.on("data", (d: Buffer) => (log = (log + d.toString()).slice(-20_000)));
  const exited = new Promise<void>((resolve) => proc.once("exit", () => resolve()));
  const base = `http://${env.HOST ?? "127.0.0.1"}:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`Instance ${name} exited: ${log}`);
    const ok = await fetch(`${base}/healthz`).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`Instance ${name} did not become healthy: ${log}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    name,
    base,
    proc,
    output: () => log,
    async stop(signal = "SIGTERM") {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      proc.kill(signal);
      const timeout = setTimeout(() => proc.kill("SIGKILL"), 6_000);
      await exited;
      clearTimeout(timeout);
    },
  };
}

/** A signed-in browser-less client: session and CSRF cookies plus the form token. */
export type Session = { cookie: string; csrf: string };

function cookiesFrom(response: Response): Record<string, string> {
  const out: Record<string, string> = {};
  for (const header of response.headers.getSetCookie()) {
    const [pair] = header.split(";");
    const eq = pair.indexOf("=");
    out[pair.slice(0, eq).trim()] = pair.slice(eq + 1).trim();
  }
  return out;
}

/** The form token a page gives a client sending `cookie` (it belongs to the session, if any). */
export async function formTokenFrom(base: string, cookie: string): Promise<string> {
  const html = await (await fetch(`${base}/report`, { headers: { cookie } })).text();
  const csrf = /name="csrf"[^>]*value="([^"]+)"/.exec(html)?.[1] ?? /value="([^"]+)"[^>]*name="csrf"/.exec(html)?.[1];
  if (!csrf) throw new Error("The page gave no CSRF token.");
  return csrf;
}

export async function signIn(base: string, email: string): Promise<Session> {
  const page = await fetch(`${base}/login`);
  const html = await page.text();
  const csrfCookie = cookiesFrom(page).vigil_csrf;
  const csrf = /name="csrf"[^>]*value="([^"]+)"/.exec(html)?.[1] ?? /value="([^"]+)"[^>]*name="csrf"/.exec(html)?.[1];
  if (!csrfCookie || !csrf) throw new Error("The login page gave no CSRF cookie or token.");
  const response = await fetch(`${base}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { cookie: `vigil_csrf=${csrfCookie}`, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, password: DEMO_PASSWORD, csrf }),
  });
  if (response.status !== 302) throw new Error(`Sign-in as ${email} answered ${response.status}.`);
  const session = Object.entries(cookiesFrom(response))
    .map(([k, v]) => `${k}=${v}`)
    .join("; ");
  const cookie = `vigil_csrf=${csrfCookie}; ${session}`;
  // Signed in, forms carry the new session's token, as the next page shows.
  return { cookie, csrf: await formTokenFrom(base, cookie) };
}

/**
 * Posts a protected form as a Remix data request (single fetch: `<path>.data`) and gives
 * the action's answer: its status, and its data as JSON (`null` for a redirect, which
 * single fetch answers with 202 and where to go).
 */
export async function postForm(base: string, pathname: string, session: Session, fields: Record<string, string>) {
  const response = await fetch(`${base}${pathname}.data`, {
    method: "POST",
    redirect: "manual",
    headers: { cookie: session.cookie, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ ...fields, csrf: session.csrf }),
  });
  return { status: response.status, json: () => decodeActionData(response) };
}

/** The action's data from a single-fetch answer, or null when it redirected. */
export async function decodeActionData(response: Response): Promise<unknown> {
  if (!response.body) return null;
  const decoded = await decode(response.body);
  await decoded.done;
  const value = decoded.value as { data?: unknown; error?: unknown; redirect?: string };
  if (response.status === 202 && typeof value.redirect === "string") return null;
  if ("error" in value) return value.error;
  return value.data;
}

export function reportBody(i: number, tag: string) {
  return {
    source: "member",
    subject: { type: "content", id: `${tag}-post-${i}`, text: `Report ${i} from ${tag}` },
    ruleCode: "spam",
    reporter: { id: `${tag}-member-${i % 50}` },
  };
}
