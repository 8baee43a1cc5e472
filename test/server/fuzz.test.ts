import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_API_KEY, root, signIn } from "../store/instances";
import type { ManifestRoute } from "./fuzz-inputs";
import { CURSORS, DATES, NUMBERS, formFieldNames, fullPath, generator, headerSafe, intents, serverRoutes } from "./fuzz-inputs";
import type { Served } from "./serve";
import { anonymousSession, serveDemo, withDb } from "./serve";

// Nothing a client sends answers 5xx. Every route the server has (read from the route
// manifest it serves, so a new route is covered without touching this file), with every
// method, as an anonymous browser and as a signed-in user holding every role with a
// valid CSRF token, gets naughty strings in its path parameters, query, body and headers
// (Origin, Content-Type, cursors, dates). The strings are a fixed sample of the Big List
// of Naughty Strings: the same requests on every run, about six hundred of them.

const SEED = 0x5eed_10;
type Identity = { name: "anonymous" | "signed-in"; cookie: string; csrf: string };
type Sent = { method: string; url: string; headers: Record<string, string>; body: string; status: number; answer: string };

// Requests per route: [method, how many per identity]. The methods that take no part in
// Vigil's pages are sent once per route, by each identity in turn.
const METHODS: [string, number][] = [
  ["GET", 3],
  ["POST", 5],
  ["HEAD", 0.5],
  ["PUT", 0.5],
  ["PATCH", 0.5],
  ["DELETE", 0.5],
  ["OPTIONS", 0.5],
];

let served: Served;
let routes: Record<string, ManifestRoute>;
const real: Record<string, string[]> = {};

beforeAll(async () => {
  // Limits a fuzzer would hit at once would hide everything behind them with 429s.
  served = await serveDemo("fuzz", { API_RATE_LIMIT_PER_KEY: "100000", API_RATE_LIMIT_PER_IP: "100000" });
  withDb(served.dbFile, (db) => {
    // The signed-in user holds every role, so every permission's code runs.
    const admin = db.prepare(`SELECT "id" FROM "User" WHERE "email" = 'admin@example.com'`).get() as { id: string };
    const insert = db.prepare(`INSERT OR IGNORE INTO "UserRole" ("userId", "role") VALUES (?, ?)`);
    for (const role of ["moderator", "senior_moderator", "trust_safety_lead", "crisis_responder", "crisis_commander", "comms_lead", "leadership"]) {
      insert.run(admin.id, role);
    }
    const column = (sql: string) => (db.prepare(sql).all() as { v: string }[]).map((r) => r.v);
    // Real values beside the naughty ones, so actions get past "no such case" too.
    real.ref = [...column(`SELECT "ref" AS v FROM "Case" LIMIT 2`), ...column(`SELECT "ref" AS v FROM "Report" LIMIT 1`)];
    real.code = column(`SELECT "code" AS v FROM "Rule" LIMIT 2`);
    real.key = column(`SELECT "key" AS v FROM "Template" LIMIT 2`);
    real.id = column(`SELECT "id" AS v FROM "User" WHERE "email" <> 'admin@example.com' LIMIT 2`);
    real.caseId = column(`SELECT "id" AS v FROM "Case" LIMIT 2`);
  });
  routes = await serverRoutes(served.base);
}, 180_000);

afterAll(async () => {
  await served?.stop();
});

/** Every route that takes forms (an action, not the API), with its parameters filled with real values. */
function formRoutes(): { id: string; path: string }[] {
  return Object.values(routes)
    .filter((r) => r.hasAction && !fullPath(routes, r.id).startsWith("api/"))
    .map((r) => ({ id: r.id, path: `/${fullPath(routes, r.id).replace(/:(\w+)/g, (_m, name: string) => encodeURIComponent(real[name]?.[0] ?? "x"))}` }));
}

const auditCount = () => withDb(served.dbFile, (db) => (db.prepare(`SELECT count(*) AS n FROM "AuditEntry"`).get() as { n: number }).n);

describe("the requests a security review answered with 500", () => {
  it("refuses a form sent from another site, or with an Origin that is no origin, with 403 despite a valid token", async () => {
    const session = await signIn(served.base, "admin@example.com");
    const before = auditCount();
    const forms = formRoutes();
    expect(forms.length).toBeGreaterThan(15);
    for (const { path: page } of forms) {
      for (const origin of ["https://evil.example", "http://[::1", "null", "not an origin", `${served.base}.evil.example`]) {
        for (const url of [page, `${page}.data`]) {
          const res = await fetch(`${served.base}${url}`, {
            method: "POST",
            redirect: "manual",
            headers: { Cookie: session.cookie, Origin: origin, "Content-Type": "application/x-www-form-urlencoded" },
            body: new URLSearchParams({ csrf: session.csrf, intent: "claim" }),
          });
          expect(res.status, `${url} from ${origin}`).toBe(403);
          expect(await res.text()).toBe("Cross-site request refused: Vigil takes forms only from its own pages.");
        }
      }
    }
    expect(auditCount()).toBe(before);
    // The same form from Vigil's own page goes through.
    const own = await fetch(`${served.base}/inbox`, {
      method: "POST",
      redirect: "manual",
      headers: { Cookie: session.cookie, Origin: served.base, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrf: session.csrf, intent: "read-all" }),
    });
    expect(own.status).toBe(302);
  });

  it("answers 400 to a JSON body on every form route, signed in or not, saying what to send", async () => {
    const session = await signIn(served.base, "admin@example.com");
    const anonymous = await anonymousSession(served.base);
    const before = auditCount();
    const json = (cookie: string, csrf: string) => ({
      method: "POST",
      redirect: "manual" as const,
      headers: { Cookie: cookie, Origin: served.base, "Content-Type": "application/json" },
      body: JSON.stringify({ csrf, email: "admin@example.com", password: "vigil-demo", intent: "claim" }),
    });
    const message = "This address takes a form (application/x-www-form-urlencoded or multipart/form-data); send the page's form.";
    for (const { path: page } of formRoutes()) {
      const doc = await fetch(`${served.base}${page}`, json(session.cookie, session.csrf));
      expect(doc.status, page).toBe(400);
      // A page shows it in its error boundary (HTML-escaped); an endpoint without a page sends the JSON.
      expect((await doc.text()).replaceAll("&#x27;", "'")).toContain(message);
      if (!doc.headers.get("Content-Type")?.startsWith("text/html")) continue;
      const data = await fetch(`${served.base}${page}.data`, json(session.cookie, session.csrf));
      expect(data.status, `${page}.data`).toBe(400);
      expect(await data.text()).toContain(message);
    }
    // Anonymous, to the sign-in form: no session, and no stack in the answer.
    for (const url of ["/login", "/login.data"]) {
      const res = await fetch(`${served.base}${url}`, json(anonymous.cookie, anonymous.csrf));
      expect(res.status, url).toBe(400);
      expect(res.headers.getSetCookie().some((c) => c.startsWith("vigil_session="))).toBe(false);
      expect(await res.text()).not.toMatch(/\n\s+at /);
    }
    expect(auditCount()).toBe(before);
  });

  it("answers the ?_data= of Remix before single fetch with 400, not a 500", async () => {
    const anonymous = await anonymousSession(served.base);
    for (const init of [{}, { method: "POST", headers: { Cookie: anonymous.cookie, "Content-Type": "application/json" }, body: "{}" }]) {
      const res = await fetch(`${served.base}/login?_data=routes%2Flogin`, { redirect: "manual", ...init });
      expect(res.status).toBe(400);
      expect(await res.text()).toBe("Bad request: page data is at <path>.data; the _data parameter is not used.");
    }
  });

  it("answers 400 with the reason to an audit date past the last one Vigil can store", async () => {
    const session = await signIn(served.base, "admin@example.com");
    const res = await fetch(`${served.base}/audit?from=9999-12-31T23:59&to=9999-12-31T23:59`, { headers: { Cookie: session.cookie } });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("Use a date before 31 December 9999.");
  });

  it("opens the queue's first page for a crafted cursor, as for any unknown value in the address", async () => {
    const session = await signIn(served.base, "admin@example.com");
    const firstPage = await (await fetch(`${served.base}/queue`, { headers: { Cookie: session.cookie } })).text();
    const firstRef = /C-[2-9A-HJKMNP-TV-Z]{8}/.exec(firstPage)?.[0];
    expect(firstRef).toBeDefined();
    for (const after of CURSORS) {
      for (const sort of ["priority", "age"]) {
        const res = await fetch(`${served.base}/queue.data?sort=${sort}&after=${encodeURIComponent(after)}`, { headers: { Cookie: session.cookie } });
        expect(res.status, after).toBe(200);
        expect(await res.text()).toContain(firstRef);
      }
    }
  });

  it("answers 400 naming ruleCode when it is not valid Unicode", async () => {
    const res = await fetch(`${served.base}/api/v1/reports`, {
      method: "POST",
      headers: { Authorization: `Bearer ${DEMO_API_KEY}`, "Content-Type": "application/json" },
      body: '{"source":"member","subject":{"type":"content","id":"p"},"ruleCode":"\\ud800"}',
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error.issues).toEqual([{ path: "ruleCode", message: "must be valid Unicode (it contains an unpaired surrogate)" }]);
  });
});

describe("fuzzing every route and method with naughty strings", () => {
  it("knows every route module in app/routes", () => {
    const files = fs
      .readdirSync(path.join(root, "app/routes"))
      .filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f))
      .map((f) => `routes/${f.replace(/\.tsx?$/, "")}`);
    expect(files.length).toBeGreaterThan(20);
    expect(files.filter((id) => !routes[id])).toEqual([]);
  });

  it("answers every request below 500", async () => {
    const gen = generator(SEED);
    const fields = formFieldNames();
    const intentValues = intents();
    const { base } = served;
    const signInAgain = async (): Promise<Identity> => ({ name: "signed-in", ...(await signIn(base, "admin@example.com")) });
    const identities: Identity[] = [{ name: "anonymous", ...(await anonymousSession(base)) }, await signInAgain()];
    const failures: Sent[] = [];
    let sent = 0;

    const param = (name: string) => {
      const pool = real[name] ?? [];
      if (pool.length > 0 && gen.chance(0.4)) return encodeURIComponent(gen.pick(pool));
      if (gen.chance(0.1)) return gen.pick(["%E0%A4%A", "%00", "..%2F..", "%", "%C0%AF", "%FF%FE"]);
      const s = gen.naughty();
      return s === "" ? "%20" : encodeURIComponent(s);
    };
    const fieldValue = (name: string) => {
      if (name === "intent") return gen.pick(intentValues);
      if ((name === "caseId" || name === "caseIds" || name === "id") && gen.chance(0.4)) return gen.pick([...real.caseId, ...real.id]);
      if (/version|seq|Percent|after|before|page/i.test(name) && gen.chance(0.5)) return gen.pick(NUMBERS);
      if (/^(from|to|due)$/.test(name) && gen.chance(0.5)) return gen.pick(DATES);
      return gen.naughty();
    };
    const queryString = () => {
      const query = new URLSearchParams();
      const count = Math.floor(gen.next() * 5);
      for (let i = 0; i < count; i++) {
        const name = gen.pick([...fields, "after", "before", "from", "to", "sort", "redirectTo", "case", "lang", "ref", "_routes", "_data", "index"]);
        if (name === "after" && gen.chance(0.6)) query.append(name, gen.pick(CURSORS));
        else if ((name === "from" || name === "to") && gen.chance(0.6)) query.append(name, gen.pick(DATES));
        else if (gen.chance(0.2)) query.append(name, gen.pick(NUMBERS));
        else query.append(name, gen.naughty());
      }
      const text = query.toString();
      return text ? `?${text}` : "";
    };
    const body = (identity: Identity, headers: Record<string, string>): BodyInit | undefined => {
      const form: [string, string][] = [];
      const csrf = gen.chance(0.85) ? identity.csrf : gen.pick(["", gen.naughty(), identity.csrf.slice(1)]);
      if (gen.chance(0.95)) form.push(["csrf", csrf]);
      form.push(["intent", fieldValue("intent")]);
      const count = 2 + Math.floor(gen.next() * 5);
      for (let i = 0; i < count; i++) {
        const name = gen.pick(fields);
        form.push([name, fieldValue(name)]);
      }
      const kind = gen.next();
      if (kind < 0.4) {
        headers["Content-Type"] = "application/x-www-form-urlencoded";
        return new URLSearchParams(form).toString();
      }
      if (kind < 0.55) {
        const data = new FormData();
        for (const [k, v] of form) data.append(k, v);
        return data;
      }
      if (kind < 0.7) {
        headers["Content-Type"] = gen.pick(["application/json", "application/json; charset=utf-8"]);
        return JSON.stringify(Object.fromEntries(form.map(([k, v]) => [k, gen.chance(0.2) ? { $gt: v } : v])));
      }
      if (kind < 0.75) {
        headers["Content-Type"] = gen.pick(["text/plain", "application/xml", "text/xml", "application/octet-stream"]);
        return gen.naughty();
      }
      if (kind < 0.85) {
        headers["Content-Type"] = headerSafe(gen.naughty()) || "x/y";
        return new URLSearchParams(form).toString();
      }
      if (kind < 0.9) {
        headers["Content-Type"] = "multipart/form-data; boundary=vigil";
        return `--vigil\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n${identity.csrf}\r\n--vigil\r\nContent-Disposition: form-data; name="${gen.naughty()}"`;
      }
      if (kind < 0.95) {
        headers["Content-Type"] = "application/x-www-form-urlencoded";
        return `${gen.pick(["%E0%A4%A", "%%", "a=%ZZ", "=&=&", ""])}&csrf=${encodeURIComponent(identity.csrf)}&${gen.naughty()}`;
      }
      return undefined;
    };

    let turn = 0;
    for (const route of Object.values(routes)) {
      if (route.id === "root") continue;
      const pattern = fullPath(routes, route.id);
      const isApi = pattern.startsWith("api/");
      for (const [method, perIdentity] of METHODS) {
        const whoseTurn = turn++ % identities.length;
        for (let who = 0; who < identities.length; who++) {
          const samples = perIdentity >= 1 ? perIdentity : who === whoseTurn ? 1 : 0;
          for (let n = 0; n < samples; n++) {
            const identity = identities[who];
            let pathname = `/${pattern.replace(/:(\w+)/g, (_m, name: string) => param(name))}`;
            // Documents and single-fetch data requests, which take different paths through Remix.
            if (!isApi && gen.chance(0.4)) pathname = pathname === "/" ? "/_root.data" : `${pathname.replace(/\/$/, "")}.data`;
            const query = method === "GET" || gen.chance(0.3) ? queryString() : route.index && gen.chance(0.5) ? "?index" : "";
            const headers: Record<string, string> = { Cookie: identity.cookie };
            if (gen.chance(0.05)) headers.Cookie = `vigil_session=${encodeURIComponent(gen.naughty())}; ${identity.cookie}`;
            const origin = gen.next();
            if (origin < 0.3) headers.Origin = base;
            else if (origin < 0.4) headers.Origin = "https://evil.example";
            else if (origin < 0.45) headers.Origin = "null";
            else if (origin < 0.55) headers.Origin = gen.pick(["http://[::1", "://", "http://", "localhost", "http://a b"]);
            else if (origin < 0.6) headers.Origin = headerSafe(gen.naughty());
            if (gen.chance(0.03)) headers["X-Forwarded-Host"] = headerSafe(gen.naughty()) || "evil.example";
            if (gen.chance(0.2)) headers["Accept-Language"] = headerSafe(gen.naughty());
            if (isApi) {
              headers.Authorization = gen.chance(0.7) ? `Bearer ${DEMO_API_KEY}` : `Bearer ${headerSafe(gen.naughty())}`;
              if (gen.chance(0.3)) headers["Idempotency-Key"] = headerSafe(gen.naughty());
            }
            const payload = method === "GET" || method === "HEAD" ? undefined : body(identity, headers);
            const url = `${base}${pathname}${query}`;
            const controller = new AbortController();
            let response: Response;
            try {
              response = await fetch(url, { method, headers, body: payload, redirect: "manual", signal: AbortSignal.any([controller.signal, AbortSignal.timeout(10_000)]) });
            } catch (error) {
              throw new Error(`${method} ${url} could not be sent: ${error instanceof Error ? error.message : String(error)}`);
            }
            sent++;
            // An event stream stays open: its status and headers are the answer.
            const answer = response.headers.get("Content-Type")?.startsWith("text/event-stream") ? (controller.abort(), "") : await response.text();
            if (response.status >= 500) {
              failures.push({ method, url, headers, body: typeof payload === "string" ? payload.slice(0, 300) : String(payload), status: response.status, answer: answer.slice(0, 300) });
            }
            // A sign-out (or a naughty cookie the server cleared) ends the session: sign in again.
            if (identity.name === "signed-in" && response.headers.getSetCookie().some((c) => /^vigil_session=;|^vigil_session=[^;]*;.*Max-Age=0/i.test(c))) {
              identities[who] = await signInAgain();
            }
          }
        }
      }
    }
    console.log(`fuzz: ${sent} requests over ${Object.keys(routes).length - 1} routes, ${failures.length} answered 5xx`);
    expect(failures).toEqual([]);
  }, 240_000);
});
