import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPORT_FORM_LIMIT } from "~/routes/report";
import type { Instance } from "../store/instances";
import { DEMO_API_KEY, DEMO_PASSWORD, buildIfStale, freePort, root, setupDatabase, startInstance } from "../store/instances";

// The real server (scripts/server.mjs) behind a pretend load balancer: with TRUST_PROXY
// as a hop count or as a list of proxies, clients with different X-Forwarded-For get
// limits of their own (on the report form, and on the ingest API, whose reports the server
// answers before Express) and X-Forwarded-Proto: https makes cookies Secure; from a proxy
// not on the list neither header is believed. HOST chooses the address it listens on.
// Each server has its own SQLite copy of one seeded database, so this runs only in the
// sqlite project (test/vitest.config.ts).

type Headers = Record<string, string>;
const API_LIMIT_PER_IP = 3;

describe("the server behind a proxy", () => {
  let dir: string;
  let template: string;
  const running: Instance[] = [];

  beforeAll(() => {
    buildIfStale();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "vigil-proxy-"));
    template = path.join(dir, "template.db");
    setupDatabase(`file:${template}`);
  }, 300_000);

  afterAll(async () => {
    await Promise.all(running.map((instance) => instance.stop()));
    fs.rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  function databaseCopy(name: string): string {
    const file = path.join(dir, `${name}.db`);
    for (const suffix of ["", "-wal", "-shm"]) {
      if (fs.existsSync(template + suffix)) fs.copyFileSync(template + suffix, file + suffix);
    }
    return `file:${file}`;
  }

  async function serve(name: string, env: Record<string, string>): Promise<string> {
    const instance = await startInstance(name, databaseCopy(name), env);
    running.push(instance);
    return instance.base;
  }

  /** A browser's first visit to a page with a form: its CSRF cookie and token. */
  async function visit(base: string, pathname: string, headers: Headers = {}) {
    const page = await fetch(`${base}${pathname}`, { headers });
    const setCookies = page.headers.getSetCookie();
    const csrfCookie = setCookies.find((c) => c.startsWith("vigil_csrf="));
    const csrf = /name="csrf"[^>]*value="([^"]+)"/.exec(await page.text())?.[1];
    if (!csrfCookie || !csrf) throw new Error(`${pathname} gave no CSRF cookie or token.`);
    return { cookie: csrfCookie.split(";")[0], csrf, setCookie: csrfCookie };
  }

  /** The public report form sent as a browser without JavaScript sends it. */
  async function report(base: string, headers: Headers, subject: string) {
    const { cookie, csrf } = await visit(base, "/report", headers);
    return fetch(`${base}/report`, {
      method: "POST",
      redirect: "manual",
      headers: { ...headers, cookie, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrf, subject, subjectType: "content", ruleCode: "spam" }),
    });
  }

  async function signIn(base: string, headers: Headers) {
    const { cookie, csrf, setCookie } = await visit(base, "/login", headers);
    const response = await fetch(`${base}/login`, {
      method: "POST",
      redirect: "manual",
      headers: { ...headers, cookie, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrf, email: "moderator@example.com", password: DEMO_PASSWORD }),
    });
    expect(response.status).toBe(302);
    const session = response.headers.getSetCookie().find((c) => c.startsWith("vigil_session="));
    return { csrfCookie: setCookie, session: session ?? "" };
  }

  const from = (address: string): Headers => ({ "X-Forwarded-For": address });

  /** A platform's report to the ingest API, at the address platforms post to. */
  function apiReport(base: string, headers: Headers, subject: string) {
    return fetch(`${base}/api/v1/reports`, {
      method: "POST",
      headers: { ...headers, authorization: `Bearer ${DEMO_API_KEY}`, "content-type": "application/json" },
      body: JSON.stringify({ source: "platform", subject: { type: "content", id: subject }, ruleCode: "spam" }),
    });
  }

  /** Fills one client's report-form limit, then checks the next post is refused and another client's is not. */
  async function expectLimitsPerClient(base: string, first: Headers, second: Headers) {
    for (let i = 0; i < REPORT_FORM_LIMIT.perIp; i++) expect((await report(base, first, `post-a-${i}`)).status).toBe(302);
    const refused = await report(base, first, "post-a-over");
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(await refused.text()).toMatch(/please try again in \d+ minutes?/);
    expect((await report(base, second, "post-b")).status).toBe(302);
  }

  async function expectSecureOverHttps(base: string) {
    const https = await signIn(base, { "X-Forwarded-Proto": "https", ...from("198.51.100.30") });
    expect(https.csrfCookie).toMatch(/; Secure/);
    expect(https.session).toMatch(/; Secure/);
    const http = await signIn(base, from("198.51.100.31"));
    expect(http.csrfCookie).not.toMatch(/Secure/);
    expect(http.session).not.toMatch(/Secure/);
  }

  describe("TRUST_PROXY=1 (one load balancer in front)", () => {
    let base: string;
    beforeAll(async () => {
      base = await serve("hops", { TRUST_PROXY: "1", API_RATE_LIMIT_PER_IP: String(API_LIMIT_PER_IP) });
    }, 60_000);

    it("gives the ingest API's clients limits of their own by the address the balancer saw", async () => {
      for (let i = 0; i < API_LIMIT_PER_IP; i++) expect((await apiReport(base, from("198.51.100.41"), `api-a-${i}`)).status).toBe(201);
      const refused = await apiReport(base, from("198.51.100.41"), "api-a-over");
      expect(refused.status).toBe(429);
      expect((await refused.json()).error.code).toBe("rate_limited");
      expect((await apiReport(base, from("203.0.113.9, 198.51.100.41"), "api-a-spoofed")).status).toBe(429);
      expect((await apiReport(base, from("198.51.100.42"), "api-b")).status).toBe(201);
    });

    it("gives clients with different X-Forwarded-For limits of their own, and the 429 says when to come back", async () => {
      await expectLimitsPerClient(base, from("198.51.100.1"), from("198.51.100.2"));
      // Only the address the balancer added counts: a client cannot start afresh by adding its own.
      expect((await report(base, from("203.0.113.9, 198.51.100.1"), "post-a-spoofed")).status).toBe(429);
    });

    it("sets Secure cookies when the balancer says the visit came over HTTPS", async () => {
      await expectSecureOverHttps(base);
    });
  });

  describe("TRUST_PROXY as a list of proxies", () => {
    let base: string;
    beforeAll(async () => {
      base = await serve("list", { TRUST_PROXY: "127.0.0.0/8, ::1" });
    }, 60_000);

    it("gives clients with different X-Forwarded-For limits of their own", async () => {
      await expectLimitsPerClient(base, from("198.51.100.3"), from("198.51.100.4"));
    });

    it("sets Secure cookies when a listed proxy says the visit came over HTTPS", async () => {
      await expectSecureOverHttps(base);
    });
  });

  describe("a proxy not on the list", () => {
    let base: string;
    beforeAll(async () => {
      base = await serve("elsewhere", { TRUST_PROXY: "10.0.0.0/8" });
    }, 60_000);

    it("is not believed: its clients share one limit and its HTTPS claim sets no Secure cookie", async () => {
      for (let i = 0; i < REPORT_FORM_LIMIT.perIp; i++) expect((await report(base, from(`198.51.100.${i}`), `post-${i}`)).status).toBe(302);
      expect((await report(base, from("198.51.100.99"), "post-over")).status).toBe(429);
      const https = await signIn(base, { "X-Forwarded-Proto": "https" });
      expect(https.session).toMatch(/^vigil_session=/);
      expect(https.session).not.toMatch(/Secure/);
    });
  });

  it("refuses to start with a TRUST_PROXY it cannot read, and says why", async () => {
    const port = await freePort();
    const started = spawnSync(process.execPath, [path.join(root, "scripts/server.mjs")], {
      cwd: root,
      env: {
        ...process.env,
        NODE_ENV: "production",
        SESSION_SECRET: "vigil-instances-secret-0123456789",
        VIGIL_ENCRYPTION_KEY: "dmlnaWwtaW5zdGFuY2VzLWtleS0wMTIzNDU2Nzg5YWI=",
        DATABASE_URL: databaseCopy("unreadable"),
        PORT: String(port),
        TRUST_PROXY: "true",
      },
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(started.status).toBe(1);
    expect(started.stderr).toContain('Vigil cannot start: TRUST_PROXY: "true" is neither a hop count nor an address');
  });

  it("listens only on the address HOST names", async () => {
    const base = await serve("host", { HOST: "127.0.0.2" });
    expect((await fetch(`${base}/healthz`)).ok).toBe(true);
    await expect(fetch(base.replace("127.0.0.2", "127.0.0.1") + "/healthz")).rejects.toThrow();
    expect(running.at(-1)!.output()).toContain(`Vigil is listening on ${base}`);
  });
});
