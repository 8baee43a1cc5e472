import { beforeEach, describe, expect, it } from "vitest";
import { action, loader } from "~/routes/api.v1.reports";
import { API_BODY_LIMIT_BYTES, API_RATE_LIMITS } from "~/models/accounts/api-errors.server";
import { hashApiKey } from "~/models/accounts/api-keys.server";
import { createDb, isSqlite, prisma } from "~/utils/db.server";
import { resetDb } from "../db";
import { DEMO_API_KEY, seedDemo } from "../factories/demo";
import { apiRequest, call, reportBody } from "./helpers";

async function post(body: unknown, headers: Record<string, string> = {}, key?: string | null) {
  return call(action, apiRequest("/api/v1/reports", { body, headers, key }));
}

async function counts() {
  const [reports, cases, audit, idempotency] = await Promise.all([
    prisma.report.count(),
    prisma.case.count(),
    prisma.auditEntry.count(),
    prisma.idempotencyRecord.count(),
  ]);
  return { reports, cases, audit, idempotency };
}

async function demoKeyId() {
  return (await prisma.apiKey.findUniqueOrThrow({ where: { hash: hashApiKey(DEMO_API_KEY) } })).id;
}

describe("POST /api/v1/reports", () => {
  beforeEach(async () => {
    await resetDb();
    await seedDemo();
  });

  it("answers 201 with the report and its new case, committed with its audit entries", async () => {
    const res = await post(
      reportBody("post-1", { note: "third time today", reporter: { id: "u-9", handle: "@nine" }, occurredAt: "2026-01-31T12:00:00+01:00" }, {
        url: "https://community.example/p/1",
        authorHandle: "@author",
        text: "You are all idiots",
        language: "EN-gb",
      }),
    );
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body).toEqual({
      reportId: expect.any(String),
      reportRef: expect.stringMatching(/^R-[2-9A-HJKMNP-TV-Z]{8}$/),
      caseId: expect.any(String),
      caseRef: expect.stringMatching(/^C-[2-9A-HJKMNP-TV-Z]{8}$/),
      duplicate: false,
    });

    const report = await prisma.report.findUniqueOrThrow({ where: { id: body.reportId } });
    expect(report).toMatchObject({
      ref: body.reportRef,
      caseId: body.caseId,
      source: "member",
      apiKeyId: await demoKeyId(),
      reporterId: "u-9",
      reporterHandle: "@nine",
      subjectId: "post-1",
      subjectUrl: "https://community.example/p/1",
      authorHandle: "@author",
      text: "You are all idiots",
      language: "en-GB",
      ruleCode: "respect",
      note: "third time today",
    });
    expect(report.occurredAt?.toISOString()).toBe("2026-01-31T11:00:00.000Z");
    expect(JSON.parse(report.screen)).toMatchObject({ hits: expect.any(Array) });

    const created = await prisma.case.findUniqueOrThrow({ where: { id: body.caseId } });
    expect(created).toMatchObject({
      ref: body.caseRef,
      subjectKey: "content:id:post-1",
      state: "new",
      machineVersion: 1,
      ruleCode: "respect",
      language: "en-GB",
      text: "You are all idiots",
      reportCount: 1,
      reporterCount: 1,
    });

    const audit = await prisma.auditEntry.findMany({ orderBy: { seq: "asc" } });
    expect(audit.map((a) => [a.action, a.subjectType, a.subjectId])).toEqual([
      ["report.received", "Report", body.reportId],
      ["case.created", "Case", body.caseId],
    ]);
    expect(audit.every((a) => a.actorLabel === "api-key:Demo platform ingest" && a.requestId)).toBe(true);
  });

  it("syncs every commit to disk, from the first one after the store is opened (SQLite synchronous=FULL, PostgreSQL synchronous_commit=on)", async () => {
    // A client opened as a restarted server opens it: nothing has been written through it yet.
    const fresh = createDb(process.env.DATABASE_URL!);
    try {
      if (isSqlite()) {
        const rows = await fresh.$queryRawUnsafe<{ synchronous: bigint | number }[]>("PRAGMA synchronous");
        expect(Number(rows[0].synchronous)).toBe(2);
      } else {
        const rows = await fresh.$queryRawUnsafe<{ synchronous_commit: string }[]>("SHOW synchronous_commit");
        expect(rows[0].synchronous_commit).toBe("on");
      }
    } finally {
      await fresh.$disconnect();
    }
  });

  it("answers the first result again for a repeated Idempotency-Key and records nothing more", async () => {
    const headers = { "Idempotency-Key": "retry-7f3a" };
    const first = await post(reportBody("post-2"), headers);
    const firstText = await first.text();
    const before = await counts();
    expect(before).toMatchObject({ reports: 1, idempotency: 1 });

    // Same content, other key order and spacing: still the same request.
    const again = await call(
      action,
      apiRequest("/api/v1/reports", {
        rawBody: `{ "ruleCode": "respect", "subject": {"id": "post-2", "type": "content"}, "source": "member" }`,
        headers: { ...headers, "Content-Type": "application/json" },
      }),
    );
    expect(again.status).toBe(first.status);
    expect(await again.text()).toBe(firstText);
    expect(again.headers.get("Idempotent-Replayed")).toBe("true");
    expect(await counts()).toEqual(before);
  });

  it("refuses an Idempotency-Key reused with a different body with 422, changing nothing", async () => {
    const headers = { "Idempotency-Key": "retry-1" };
    expect((await post(reportBody("post-3"), headers)).status).toBe(201);
    const before = await counts();
    const res = await post(reportBody("post-4"), headers);
    expect(res.status).toBe(422);
    expect((await res.json()).error.code).toBe("idempotency_key_reused");
    expect(await counts()).toEqual(before);
  });

  it("keeps Idempotency-Keys apart per API key", async () => {
    await prisma.apiKey.create({ data: { name: "Other platform", prefix: "vigil_othe", hash: hashApiKey("vigil_other_key") } });
    const headers = { "Idempotency-Key": "shared" };
    const a = await (await post(reportBody("post-5"), headers)).json();
    const res = await post(reportBody("post-5"), headers, "vigil_other_key");
    expect(res.status).toBe(201);
    const b = await res.json();
    expect(b.reportId).not.toBe(a.reportId);
    expect(b.duplicate).toBe(true);
  });

  it("answers 400 invalid_request with a path and message per problem, recording nothing", async () => {
    const res = await post({ source: "member", subject: { type: "post", id: "  " }, ruleCode: "" });
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(error.code).toBe("invalid_request");
    expect(error.message).toEqual(expect.any(String));
    const paths = error.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(expect.arrayContaining(["subject.type", "subject.id", "ruleCode"]));
    for (const issue of error.issues) expect(issue.message).toEqual(expect.any(String));
    expect(await counts()).toMatchObject({ reports: 0, cases: 0, audit: 0 });
  });

  it("says which required fields are missing", async () => {
    const res = await post({ source: "member", subject: { type: "content" } });
    expect((await res.json()).error.issues).toEqual([
      { path: "subject.id", message: "is required" },
      { path: "ruleCode", message: "is required" },
    ]);
  });

  it("names nested and type problems by path", async () => {
    const res = await post(
      reportBody("p", { source: "robot", reporter: { id: 5 }, occurredAt: "yesterday" }, { url: "javascript:alert(1)", language: "not a tag" }),
    );
    const paths = (await res.json()).error.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(expect.arrayContaining(["source", "reporter.id", "occurredAt", "subject.url", "subject.language"]));
  });

  it("accepts a text snapshot of exactly 20,000 characters and refuses one longer with a clear message", async () => {
    const ok = await post(reportBody("long", {}, { text: "a".repeat(20_000) }));
    expect(ok.status).toBe(201);
    const res = await post(reportBody("long", {}, { text: "a".repeat(20_001) }));
    expect(res.status).toBe(400);
    expect((await res.json()).error.issues).toEqual([{ path: "subject.text", message: "must be at most 20,000 characters" }]);
  });

  it("answers 400 malformed_json for bodies that are not JSON", async () => {
    for (const rawBody of ["{not json", "", "   ", new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])]) {
      const res = await call(action, apiRequest("/api/v1/reports", { rawBody, headers: { "Content-Type": "application/json" } }));
      expect(res.status).toBe(400);
      expect((await res.json()).error.code).toBe("malformed_json");
    }
  });

  it("answers 415 to a JSON report sent as anything but JSON, recording nothing", async () => {
    const json = JSON.stringify(reportBody("typed"));
    const sent: [string | null, BodyInit][] = [
      ["text/plain", json],
      ["text/plain;charset=UTF-8", json],
      ["application/xml", `<report><ruleCode>respect</ruleCode></report>`],
      ["text/xml", json],
      ["application/x-www-form-urlencoded", json],
      ["multipart/form-data; boundary=x", json],
      ["application/jsonp", json],
      ["", json],
      // No Content-Type at all: a body of bytes says nothing about its type.
      [null, new TextEncoder().encode(json)],
    ];
    for (const [type, rawBody] of sent) {
      const request = apiRequest("/api/v1/reports", { rawBody, headers: type === null ? {} : { "Content-Type": type } });
      if (type === null) expect(request.headers.get("Content-Type")).toBeNull();
      const res = await call(action, request);
      expect(res.status, String(type)).toBe(415);
      expect((await res.json()).error).toEqual({
        code: "unsupported_media_type",
        message: "Send the body as JSON, with the header “Content-Type: application/json”.",
      });
    }
    expect(await counts()).toMatchObject({ reports: 0, cases: 0, audit: 0 });
    // JSON by any of its names is taken, parameters and case aside.
    for (const type of ["application/json; charset=utf-8", "Application/JSON", "application/vnd.platform+json"]) {
      const res = await call(action, apiRequest("/api/v1/reports", { rawBody: json, headers: { "Content-Type": type } }));
      expect(res.status, type).toBe(201);
    }
  });

  it("answers 400 naming ruleCode when it is not valid Unicode, recording nothing", async () => {
    for (const code of ["\\ud800", "\\udfff", "a\\udc00b"]) {
      const rawBody = `{"source":"member","subject":{"type":"content","id":"p"},"ruleCode":"${code}"}`;
      const res = await call(action, apiRequest("/api/v1/reports", { rawBody, headers: { "Content-Type": "application/json" } }));
      expect(res.status, code).toBe(400);
      expect((await res.json()).error.issues).toEqual([{ path: "ruleCode", message: "must be valid Unicode (it contains an unpaired surrogate)" }]);
    }
    expect(await counts()).toMatchObject({ reports: 0, cases: 0, audit: 0 });
  });

  it("answers 422 unknown_rule for a rule code that does not exist", async () => {
    const res = await post(reportBody("post-6", { ruleCode: "no-such-rule" }));
    expect(res.status).toBe(422);
    expect((await res.json()).error.code).toBe("unknown_rule");
    expect(await counts()).toMatchObject({ reports: 0, cases: 0, audit: 0 });
  });

  it("answers 401 with WWW-Authenticate for a missing, unknown or revoked key", async () => {
    await prisma.apiKey.create({
      data: { name: "Old", prefix: "vigil_revo", hash: hashApiKey("vigil_revoked_key"), revokedAt: new Date() },
    });
    const requests = [
      apiRequest("/api/v1/reports", { body: reportBody("x"), key: null }),
      apiRequest("/api/v1/reports", { body: reportBody("x"), key: "vigil_wrong" }),
      apiRequest("/api/v1/reports", { body: reportBody("x"), key: "vigil_revoked_key" }),
      apiRequest("/api/v1/reports", { body: reportBody("x"), key: null, headers: { Authorization: "Basic abc" } }),
    ];
    for (const request of requests) {
      const res = await call(action, request);
      expect(res.status).toBe(401);
      expect(res.headers.get("WWW-Authenticate")).toMatch(/^Bearer/);
      expect((await res.json()).error.code).toBe("unauthorized");
    }
    expect(await prisma.report.count()).toBe(0);
  });

  it("answers 413 when Content-Length announces more than 64 KiB", async () => {
    const res = await post(reportBody("big"), { "Content-Length": String(API_BODY_LIMIT_BYTES + 1) });
    expect(res.status).toBe(413);
    expect((await res.json()).error.code).toBe("payload_too_large");
  });

  it("answers 413 when a chunked body without Content-Length grows past 64 KiB", async () => {
    const chunk = new TextEncoder().encode(" ".repeat(16 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent === 0) controller.enqueue(new TextEncoder().encode(JSON.stringify(reportBody("stream"))));
        controller.enqueue(chunk);
        sent += 1;
        if (sent > 5) controller.close();
      },
    });
    const request = apiRequest("/api/v1/reports", { rawBody: stream, headers: { "Content-Type": "application/json" } });
    expect(request.headers.get("Content-Length")).toBeNull();
    const res = await call(action, request);
    expect(res.status).toBe(413);
    expect(await prisma.report.count()).toBe(0);
  });

  it("answers 429 with Retry-After when a key has used its allowance", async () => {
    await prisma.rateLimit.create({
      data: { key: `api:key:${await demoKeyId()}`, windowStart: new Date(), count: API_RATE_LIMITS.perKey },
    });
    const res = await post(reportBody("limited"));
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect((await res.json()).error.code).toBe("rate_limited");
    expect(await prisma.report.count()).toBe(0);
  });

  it("answers 429 when one address sends too many requests, whatever the key", async () => {
    await prisma.rateLimit.create({ data: { key: "api:ip:203.0.113.7", windowStart: new Date(), count: API_RATE_LIMITS.perIp } });
    const res = await post(reportBody("limited"), {}, "vigil_guess");
    expect(res.status).toBe(429);
    expect(res.headers.get("Retry-After")).toMatch(/^\d+$/);
  });

  it("answers 405 with Allow: POST for other methods", async () => {
    const get = await call(loader, apiRequest("/api/v1/reports"));
    expect(get.status).toBe(405);
    expect(get.headers.get("Allow")).toBe("POST");
    for (const method of ["PUT", "PATCH", "DELETE"]) {
      const res = await call(action, apiRequest("/api/v1/reports", { method, body: reportBody("x") }));
      expect(res.status).toBe(405);
      expect((await res.json()).error.code).toBe("method_not_allowed");
    }
  });

  it("never answers 5xx to anything a client can send", async () => {
    const deep = "[".repeat(30_000) + "]".repeat(30_000);
    const bodies: string[] = [
      "null",
      "[]",
      "42",
      '"report"',
      "true",
      deep,
      `{"extra": ${deep}, "source": "member", "subject": {"type": "content", "id": "x"}, "ruleCode": "respect"}`,
      '{"__proto__": {"isAdmin": true}, "source": "member", "subject": {"type": "content", "id": "p"}, "ruleCode": "respect"}',
      '{"source": "member", "subject": {"type": "content", "id": "p", "text": "\\ud800"}, "ruleCode": "respect"}',
      '{"source": "member", "subject": {"type": "content", "id": "p", "text": "a\\u0000b"}, "ruleCode": "respect"}',
      '{"source": "member", "subject": {"type": "content", "id": 1e999}, "ruleCode": "respect"}',
      '{"source": "member", "subject": [], "ruleCode": {"$gt": ""}}',
      '{"source": "member", "subject": {"type": "content", "id": "p", "url": "http://[::1"}, "ruleCode": "respect"}',
      '{"source": "member", "subject": {"type": "account", "id": "@x"}, "ruleCode": "respect", "occurredAt": "2026-02-30T10:00:00Z"}',
      "\ufeff" + JSON.stringify(reportBody("bom")),
    ];
    for (const rawBody of bodies) {
      const res = await call(action, apiRequest("/api/v1/reports", { rawBody, headers: { "Content-Type": "application/json" } }));
      expect(res.status, rawBody.slice(0, 80)).toBeLessThan(500);
    }
    const odd = await call(
      action,
      apiRequest("/api/v1/reports", { body: reportBody("p"), headers: { "Idempotency-Key": "has space", "Content-Length": "abc" } }),
    );
    expect(odd.status).toBe(400);
  });
});
