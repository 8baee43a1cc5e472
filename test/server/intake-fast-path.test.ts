import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_API_KEY } from "../store/instances";
import type { Served } from "./serve";
import { serveDemo, withDb } from "./serve";

// The HTTP server answers POST /api/v1/reports before Remix's router (docs/decisions/0026).
// Two real servers on two copies of the demo data, one as shipped and one with
// VIGIL_INTAKE_FAST_PATH=off (every report through Remix, as before), are sent the same
// requests a platform sends; every answer must be the same: status, every header but the
// date and the policy's per-answer nonce, and the body but for the new rows' ids.

type Answer = { status: number; headers: Record<string, string>; body: string };

let fast: Served;
let remix: Served;

beforeAll(async () => {
  [fast, remix] = [await serveDemo("intake-fast"), await serveDemo("intake-remix", { VIGIL_INTAKE_FAST_PATH: "off" })];
}, 180_000);

afterAll(async () => {
  await Promise.all([fast?.stop(), remix?.stop()]);
});

const valid = (id: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ source: "member", subject: { type: "content", id, text: `Report about ${id}` }, ruleCode: "spam", ...extra });

function request(body: BodyInit | null, headers: Record<string, string> = {}, method = "POST"): () => RequestInit {
  return () => ({ method, headers: { Authorization: `Bearer ${DEMO_API_KEY}`, "Content-Type": "application/json", ...headers }, body });
}

async function send(served: Served, init: RequestInit, path = "/api/v1/reports"): Promise<Answer> {
  const response = await fetch(`${served.base}${path}`, { ...init, redirect: "manual" });
  return { status: response.status, headers: Object.fromEntries(response.headers), body: await response.text() };
}

/**
 * A POST whose body is over the limit, sent with Node's client: it writes `chunks` and no
 * more, and reads the answer the server gives before the body ends (fetch would go on
 * writing into a connection the server closes).
 */
function sendUnfinished(served: Served, headers: Record<string, string>, chunks: string[]): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      `${served.base}/api/v1/reports`,
      { method: "POST", headers: { Authorization: `Bearer ${DEMO_API_KEY}`, "Content-Type": "application/json", ...headers } },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (body += chunk));
        res.on("end", () => {
          req.destroy();
          resolve({ status: res.statusCode ?? 0, headers: Object.fromEntries(Object.entries(res.headers).map(([k, v]) => [k, String(v)])), body });
        });
      },
    );
    req.on("error", reject);
    for (const chunk of chunks) req.write(chunk);
  });
}

/** An answer with what differs between any two answers put aside: the date, the nonce, new rows' ids and refs. */
function comparable(answer: Answer) {
  const { date, ...headers } = answer.headers;
  expect(date).toBeDefined();
  headers["content-security-policy"] = headers["content-security-policy"]?.replace(/'nonce-[^']+'/, "'nonce-*'");
  if (headers["retry-after"] && answer.status === 429) {
    // Seconds left in the rate limit's window, which the two servers opened a moment apart.
    expect(Number(headers["retry-after"])).toBeGreaterThan(0);
    headers["retry-after"] = "*";
  }
  const body = answer.body.replace(/"(reportId|caseId)":"[a-z0-9]{25}"/g, '"$1":"*"').replace(/"([RC])-[2-9A-HJKMNP-TV-Z]{8}"/g, '"$1-*"');
  return { status: answer.status, headers, body };
}

/** Sends the same request to both servers and expects the same answer; gives the fast path's. */
async function same(init: () => RequestInit, path?: string): Promise<Answer> {
  const a = await send(fast, init(), path);
  const b = await send(remix, init(), path);
  expect(comparable(a)).toEqual(comparable(b));
  return a;
}

const both = (sql: string, ...params: unknown[]) => {
  for (const served of [fast, remix]) expect(withDb(served.dbFile, (db) => db.prepare(sql).run(...params)).changes).toBeGreaterThan(0);
};
// The rows a report writes. Timers only of cases: each server's background work arms the
// crisis monitor's timer per time slot, so the two servers' own timers differ by when they ran.
const COUNTED = {
  Report: `SELECT count(*) AS n FROM "Report"`,
  Case: `SELECT count(*) AS n FROM "Case"`,
  AuditEntry: `SELECT count(*) AS n FROM "AuditEntry"`,
  IdempotencyRecord: `SELECT count(*) AS n FROM "IdempotencyRecord"`,
  Timer: `SELECT count(*) AS n FROM "Timer" WHERE "subjectType" = 'case'`,
};
const counts = (served: Served) =>
  withDb(served.dbFile, (db) => Object.fromEntries(Object.entries(COUNTED).map(([table, sql]) => [table, (db.prepare(sql).get() as { n: number }).n])));

describe("POST /api/v1/reports before Remix's router", () => {
  it("accepts a report with 201, with the same headers and body, and stores the same rows with the request's own id", async () => {
    const before = counts(fast);
    expect(counts(remix)).toEqual(before);
    const taken = await same(request(valid("fast-1", { note: "again", reporter: { id: "m-1" }, occurredAt: "2026-01-31T12:00:00+01:00" })));
    expect(taken.status).toBe(201);
    expect(taken.headers["content-type"]).toBe("application/json; charset=utf-8");
    expect(taken.headers["cache-control"]).toBe("no-store");
    expect(taken.headers["x-content-type-options"]).toBe("nosniff");
    expect(taken.headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}'/);
    // A second report about the subject joins its case, through the client's path.
    expect(JSON.parse((await same(request(valid("fast-1")))).body).duplicate).toBe(true);
    // A body that starts with a byte order mark is taken as the route takes it.
    expect((await same(request(`\ufeff${valid("fast-bom")}`))).status).toBe(201);
    expect(counts(fast)).toEqual(counts(remix));
    expect(counts(fast).Report).toBe(before.Report + 3);
    // Each request has its own id in its audit entries.
    for (const served of [fast, remix]) {
      const ids = withDb(served.dbFile, (db) =>
        (
          db
            .prepare(`SELECT a."requestId" AS id FROM "AuditEntry" a JOIN "Report" r ON r."id" = a."subjectId" WHERE a."action" = 'report.received' AND r."subjectId" LIKE 'fast-%'`)
            .all() as { id: string }[]
        ).map((r) => r.id),
      );
      expect(ids).toHaveLength(3);
      for (const id of ids) expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(new Set(ids).size).toBe(3);
    }
  });

  it("refuses bodies that are not a valid report alike, naming each problem", async () => {
    const cases: [() => RequestInit, number][] = [
      [request(JSON.stringify({ source: "member", subject: { type: "content" } })), 400],
      [request(JSON.stringify({ source: "robot", subject: { type: "post", id: 7, url: "ftp://x" }, ruleCode: "", occurredAt: "yesterday" })), 400],
      [request('{"source":"member","subject":{"type":"content","id":"p"},"ruleCode":"\\ud800"}'), 400],
      [request(valid("long", { note: "n".repeat(2001) })), 400],
      [request("{not json"), 400],
      [request(""), 400],
      [request(new Uint8Array([0x7b, 0xff, 0x7d])), 400],
      [request("[".repeat(30_000) + "]".repeat(30_000)), 400],
      [request(valid("text"), { "Content-Type": "text/plain" }), 415],
      [request(valid("rule", { ruleCode: "no-such-rule" })), 422],
      [request(valid("idem"), { "Idempotency-Key": "has space" }), 400],
    ];
    const before = counts(fast);
    for (const [init, status] of cases) {
      const answer = await same(init);
      expect(answer.status, answer.body.slice(0, 200)).toBe(status);
      expect(JSON.parse(answer.body).error.code).toEqual(expect.any(String));
    }
    // Over 64 KiB: announced by Content-Length, or found while reading a chunked body.
    const over: [Record<string, string>, string[]][] = [
      [{ "Content-Length": "70000" }, [valid("big")]],
      [{}, [valid("stream"), ...Array.from({ length: 5 }, () => " ".repeat(16 * 1024))]],
    ];
    for (const [headers, chunks] of over) {
      const a = await sendUnfinished(fast, headers, chunks);
      const b = await sendUnfinished(remix, headers, chunks);
      expect(comparable(a)).toEqual(comparable(b));
      expect(a.status).toBe(413);
      expect(a.headers.connection).toBe("close");
    }
    expect(counts(fast)).toEqual(before);
    expect(counts(remix)).toEqual(before);
  });

  it("refuses a missing, unknown or malformed key with 401 alike", async () => {
    for (const authorization of [undefined, "Bearer vigil_wrong", "Basic abc"]) {
      const init = () => {
        const made = request(valid("nokey"))();
        const headers = { ...(made.headers as Record<string, string>) };
        if (authorization) headers.Authorization = authorization;
        else delete headers.Authorization;
        return { ...made, headers };
      };
      const answer = await same(init);
      expect(answer.status).toBe(401);
      expect(answer.headers["www-authenticate"]).toBe('Bearer realm="vigil"');
    }
  });

  it("replays an Idempotency-Key's answer and refuses its reuse with another body alike", async () => {
    const first = await same(request(valid("idem-1"), { "Idempotency-Key": "platform-77" }));
    expect(first.status).toBe(201);
    const again = await same(request(valid("idem-1"), { "Idempotency-Key": "platform-77" }));
    expect(again.status).toBe(201);
    expect(again.headers["idempotent-replayed"]).toBe("true");
    expect(again.body).toBe(first.body);
    expect((await same(request(valid("idem-2"), { "Idempotency-Key": "platform-77" }))).status).toBe(422);
  });

  it("answers 429 alike when a key's or an address's window is full, and takes reports again after", async () => {
    const now = new Date().toISOString().replace("Z", "+00:00");
    both(`INSERT OR REPLACE INTO "RateLimit" ("key", "windowStart", "count") SELECT 'api:key:' || "id", ?, 1000000 FROM "ApiKey"`, now);
    const byKey = await same(request(valid("limited")));
    expect(byKey.status).toBe(429);
    expect(JSON.parse(byKey.body).error.code).toBe("rate_limited");
    both(`DELETE FROM "RateLimit" WHERE "key" LIKE 'api:key:%'`);
    // The address's row, as the server names it (the requests so far made it).
    both(`UPDATE "RateLimit" SET "windowStart" = ?, "count" = 1000000 WHERE "key" LIKE 'api:ip:%'`, now);
    expect((await same(request(valid("limited")))).status).toBe(429);
    both(`DELETE FROM "RateLimit" WHERE "key" LIKE 'api:ip:%'`);
    expect((await same(request(valid("limited")))).status).toBe(201);
  });

  it("answers 503 alike while the audit log needs attention, recording nothing, and 201 once it is dealt with", async () => {
    // An entry written past the chain's head, as someone with access to the database could.
    both(`INSERT INTO "AuditEntry" ("seq", "at", "actorId", "actorLabel", "role", "action", "subjectType", "subjectId", "before", "after", "reason", "requestId", "prevHash", "hash")
      SELECT e."seq" + 1, e."at", e."actorId", e."actorLabel", e."role", e."action", e."subjectType", e."subjectId", e."before", e."after", 'slipped in', e."requestId", e."hash", 'slipped-' || e."hash"
      FROM "AuditEntry" e JOIN "AuditHead" h ON e."seq" = h."seq" WHERE h."id" = 1`);
    const before = counts(fast);
    const refused = await same(request(valid("blocked"), { "Idempotency-Key": "blocked-1" }));
    expect(refused.status).toBe(503);
    expect(refused.headers["retry-after"]).toBe("300");
    expect(JSON.parse(refused.body).error.code).toBe("audit_log_needs_attention");
    expect(counts(fast)).toEqual(before);
    both(`DELETE FROM "AuditEntry" WHERE "reason" = 'slipped in'`);
    expect((await same(request(valid("blocked"), { "Idempotency-Key": "blocked-1" }))).status).toBe(201);
  });

  it("leaves other methods and addresses to Remix, which answers them alike", async () => {
    expect((await same(request(null, {}, "GET"))).status).toBe(405);
    expect((await same(request(valid("put"), {}, "PUT"))).status).toBe(405);
    // Remix routes these to the same action; the fast path leaves them to it.
    for (const path of ["/api/v1/reports/", "/API/v1/Reports", "/api/v1/reports?via=platform", "/api/v1/reports?_data=routes%2Fapi.v1.reports"]) {
      await same(request(valid(`path-${path.length}`)), path);
    }
    expect(counts(fast)).toEqual(counts(remix));
  });
});
