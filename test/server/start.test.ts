import { execFile, spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseEnv } from "~/utils/env.server";
import { localSecrets, wantsDemoData } from "../../scripts/first-start.mjs";
import { buildIfStale, freePort, root } from "../store/instances";

// `npm start` as a newcomer or an operator runs it: production mode, a quiet console,
// demo data only where it belongs, and no error's insides sent to a client.

/** The environment of a shell with nothing of Vigil's set: no NODE_ENV, no test settings. */
function shellEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== "NODE_ENV" && !k.startsWith("VIGIL_") && k !== "DATABASE_URL"));
  return { ...env, ...extra } as NodeJS.ProcessEnv;
}

describe("npm start on a fresh database", () => {
  let dir: string;
  let dbFile: string;
  let proc: ChildProcess;
  let output = "";
  let base: string;

  const waiting: { text: string; resolve: () => void; reject: (e: Error) => void }[] = [];
  const heard = (chunk: Buffer) => {
    output += chunk.toString();
    for (const w of waiting.filter((w) => output.includes(w.text))) {
      waiting.splice(waiting.indexOf(w), 1);
      w.resolve();
    }
  };
  /** Resolves once the server's output contains `text`. */
  const printed = (text: string) =>
    new Promise<void>((resolve, reject) => {
      if (output.includes(text)) return resolve();
      if (proc.exitCode !== null) return reject(new Error(`npm start exited:\n${output}`));
      waiting.push({ text, resolve, reject });
    });

  beforeAll(async () => {
    buildIfStale();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "vigil-start-"));
    dbFile = path.join(dir, "vigil.db");
    const port = await freePort();
    base = `http://localhost:${port}`;
    proc = spawn(process.execPath, [path.join(root, "scripts/start.mjs"), "--demo"], {
      cwd: root,
      env: shellEnv({
        PORT: String(port),
        DATABASE_URL: `file:${dbFile}`,
        SESSION_SECRET: "vigil-start-test-secret-0123456789",
        VIGIL_ENCRYPTION_KEY: "dmlnaWwtc3RhcnQtdGVzdC1rZXktMDEyMzQ1Njc4OWE=",
      }),
      stdio: ["ignore", "pipe", "pipe"],
    });
    proc.stdout?.on("data", heard);
    proc.stderr?.on("data", heard);
    proc.once("exit", () => waiting.splice(0).forEach((w) => w.reject(new Error(`npm start exited:\n${output}`))));
    await printed(`Vigil is listening on http://localhost:${port}`);
  }, 180_000);

  afterAll(async () => {
    if (proc && proc.exitCode === null) {
      const exited = new Promise((resolve) => proc.once("exit", resolve));
      proc.kill("SIGTERM");
      await exited;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("prints what was done and where Vigil listens, nothing else", () => {
    const lines = output.trim().split("\n");
    expect(lines).toEqual([
      expect.stringMatching(/^Applied \d+ migrations to .*vigil\.db \(\d{4}_\w+ is the latest\)\.$/),
      expect.stringMatching(/^Seeded \d+ users, \d+ rules, the demo API key, \d+ demo cases, \d+ approved templates, \d+ published playbooks and \d+ demo crisis\.$/),
      "Demo data: sign in as admin@example.com (or any role in the README) with the password vigil-demo.",
      expect.stringMatching(/^Vigil is listening on http:\/\/localhost:\d+$/),
    ]);
  });

  it("logs nothing for a page that does not exist, and logs a failure once, sending the client none of it", async () => {
    for (const url of ["/no-such-page", "/no-such-page.data", "/cases/C-2222222X/nothing"]) {
      expect((await fetch(`${base}${url}`)).status, url).toBe(404);
    }
    // Something breaks inside: the rules table is gone.
    const db = new Database(dbFile);
    db.exec(`ALTER TABLE "Rule" RENAME TO "RuleGone"`);
    db.close();
    const data = await fetch(`${base}/report.data`);
    expect(data.status).toBe(500);
    const page = await fetch(`${base}/report`);
    expect(page.status).toBe(500);
    for (const body of [await data.text(), await page.text()]) {
      expect(body).not.toMatch(/does not exist|main\.Rule|prisma|\n\s+at |\.js:\d+/i);
    }
    expect(await (await fetch(`${base}/report`)).text()).toContain("Something went wrong");
    await printed("The table `main.Rule` does not exist in the current database.");
    expect(output).not.toMatch(/No route matches|No routes matched|ErrorResponse/);
  });
});

describe("first start", () => {
  const run = promisify(execFile);

  it("seeds demo data into the embedded default database, or when asked; never into a database a deployment names", () => {
    expect(wantsDemoData({ env: {}, argv: [] })).toBe(true);
    expect(wantsDemoData({ env: { DATABASE_URL: "" }, argv: [] })).toBe(true);
    expect(wantsDemoData({ env: { DATABASE_URL: "file:./data/vigil.db" }, argv: [] })).toBe(false);
    expect(wantsDemoData({ env: { DATABASE_URL: "postgresql://db/vigil", NODE_ENV: "development" }, argv: [] })).toBe(false);
    expect(wantsDemoData({ env: { DATABASE_URL: "postgresql://db/vigil" }, argv: ["--demo"] })).toBe(true);
    expect(wantsDemoData({ env: {}, argv: ["--no-seed"] })).toBe(false);
  });

  it("leaves a named database empty of people, in development mode too", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vigil-setup-"));
    try {
      const file = path.join(dir, "vigil.db");
      const { stdout, stderr } = await run(process.execPath, [path.join(root, "scripts/setup.mjs")], {
        cwd: root,
        env: shellEnv({ DATABASE_URL: `file:${file}`, NODE_ENV: "development" }),
      });
      expect(stderr).toBe("");
      expect(stdout.trim()).toMatch(/^Applied \d+ migrations to .*vigil\.db \(\d{4}_\w+ is the latest\)\.$/);
      const db = new Database(file, { readonly: true });
      expect(db.prepare(`SELECT count(*) AS n FROM "User"`).get()).toEqual({ n: 0 });
      db.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it("generates the embedded database's secrets once, readable by this user only, and keeps them", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vigil-secrets-"));
    try {
      const first = localSecrets(dir);
      expect(first.created).toBe(true);
      expect(fs.statSync(first.file).mode & 0o777).toBe(0o600);
      // What production mode demands of them.
      expect(() => parseEnv({ NODE_ENV: "production", ...first.values })).not.toThrow();
      const again = localSecrets(dir);
      expect(again).toEqual({ ...first, created: false });
      expect(localSecrets(fs.mkdtempSync(path.join(dir, "other-"))).values).not.toEqual(first.values);
      fs.writeFileSync(first.file, "{}");
      expect(() => localSecrets(dir)).toThrow(/does not hold SESSION_SECRET and VIGIL_ENCRYPTION_KEY; delete it/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
