import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_API_KEY, signIn } from "../store/instances";
import type { Served } from "./serve";
import { serveDemo } from "./serve";

// The security headers every answer of the real server carries: pages, their data, the
// API and static files. Browsers act on them; a missing one is only seen in an attack.

let served: Served;
let cookie: string;

beforeAll(async () => {
  served = await serveDemo("headers");
  cookie = (await signIn(served.base, "senior@example.com")).cookie;
}, 180_000);

afterAll(async () => {
  await served?.stop();
});

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${served.base}${path}`, { headers: { Cookie: cookie, ...headers }, redirect: "manual" });

/** The nonce the policy allows scripts with, failing when the policy has none or allows more. */
function policyNonce(response: Response): string {
  const policy = response.headers.get("Content-Security-Policy") ?? "";
  const directives = Object.fromEntries(policy.split(";").map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
  expect(directives["default-src"]).toEqual(["'self'"]);
  expect(directives["object-src"]).toEqual(["'none'"]);
  expect(directives["base-uri"]).toEqual(["'none'"]);
  expect(directives["frame-ancestors"]).toEqual(["'none'"]);
  expect(directives["form-action"]).toEqual(["'self'"]);
  const scripts = directives["script-src"] ?? [];
  // No 'unsafe-inline', no 'unsafe-eval', no other site: our files and this answer's nonce only.
  expect(scripts.filter((s: string) => !s.startsWith("'nonce-"))).toEqual(["'self'"]);
  const nonce = /^'nonce-([A-Za-z0-9+/=]{16,})'$/.exec(scripts.find((s: string) => s.startsWith("'nonce-")) ?? "")?.[1];
  expect(nonce).toBeDefined();
  return nonce!;
}

function expectCommonHeaders(response: Response) {
  expect(response.headers.get("X-Content-Type-Options")).toBe("nosniff");
  expect(response.headers.get("X-Frame-Options")).toBe("DENY");
  expect(response.headers.get("Referrer-Policy")).toBe("same-origin");
  expect(response.headers.get("Cross-Origin-Opener-Policy")).toBe("same-origin");
  expect(response.headers.get("Strict-Transport-Security")).toMatch(/^max-age=\d+/);
  expect(response.headers.get("X-Powered-By")).toBeNull();
  policyNonce(response);
}

describe("security headers", () => {
  it("on a page: a policy whose fresh nonce every inline script carries, and no caching", async () => {
    const first = await get("/queue");
    expect(first.status).toBe(200);
    expectCommonHeaders(first);
    expect(first.headers.get("Cache-Control")).toBe("no-store");
    const nonce = policyNonce(first);
    const html = await first.text();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts.length).toBeGreaterThan(1);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
    // Each answer has its own.
    expect(policyNonce(await get("/queue"))).not.toBe(nonce);
  });

  it("on a page that shows reporters' identity to this role, and on its data", async () => {
    const ref = /\/cases\/(C-[2-9A-HJKMNP-TV-Z]{8})/.exec(await (await get("/queue")).text())?.[1];
    expect(ref).toBeDefined();
    for (const path of [`/cases/${ref}`, `/cases/${ref}.data`]) {
      const res = await get(path);
      expect(res.status, path).toBe(200);
      expectCommonHeaders(res);
      expect(res.headers.get("Cache-Control"), path).toBe("no-store");
    }
  });

  it("on loader data", async () => {
    const res = await get("/queue.data");
    expect(res.status).toBe(200);
    expectCommonHeaders(res);
    expect(res.headers.get("Cache-Control")).toBe("no-store");
  });

  it("on API answers, taken and refused", async () => {
    const ok = await get("/api/v1/rules", { Authorization: `Bearer ${DEMO_API_KEY}` });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("Content-Type")).toMatch(/^application\/json/);
    expectCommonHeaders(ok);
    expect(ok.headers.get("Cache-Control")).toBe("no-store");
    const refused = await get("/api/v1/rules");
    expect(refused.status).toBe(401);
    expectCommonHeaders(refused);
  });

  it("on static assets, which stay cacheable", async () => {
    const html = await (await fetch(`${served.base}/login`)).text();
    const asset = /\/build\/entry\.client-[A-Za-z0-9]+\.js/.exec(html)?.[0];
    expect(asset).toBeDefined();
    const res = await get(asset!);
    expect(res.status).toBe(200);
    expectCommonHeaders(res);
    expect(res.headers.get("Cache-Control")).toBe("public, max-age=31536000, immutable");
  });

  it("on answers that never reach a route: an unknown address and a refused cross-site form", async () => {
    const missing = await get("/no-such-page");
    expect(missing.status).toBe(404);
    expectCommonHeaders(missing);
    const refused = await fetch(`${served.base}/logout`, { method: "POST", headers: { Cookie: cookie, Origin: "https://evil.example" } });
    expect(refused.status).toBe(403);
    expectCommonHeaders(refused);
    expect(refused.headers.get("Cache-Control")).toBe("no-store");
  });
});
