import { beforeEach, describe, expect, it } from "vitest";
import { action as casesAction, loader as caseLoader } from "~/routes/api.v1.cases.$ref";
import { action as postReport } from "~/routes/api.v1.reports";
import { action as rulesAction, loader as rulesLoader } from "~/routes/api.v1.rules";
import { hashApiKey } from "~/models/accounts/api-keys.server";
import { prisma } from "~/utils/db.server";
import { resetDb } from "../db";
import { seedDemo } from "../factories/demo";
import { apiRequest, call, reportBody } from "./helpers";

describe("GET /api/v1/rules", () => {
  beforeEach(async () => {
    await resetDb();
    await seedDemo();
  });

  it("lists every rule with its severity and titles by language", async () => {
    const res = await call(rulesLoader, apiRequest("/api/v1/rules"));
    expect(res.status).toBe(200);
    const { rules } = await res.json();
    expect(rules).toHaveLength(await prisma.rule.count());
    expect(rules).toEqual(
      expect.arrayContaining([
        { code: "respect", severity: 2, titles: expect.objectContaining({ en: "Respectful communication" }) },
        { code: "spam", severity: 1, titles: expect.objectContaining({ en: expect.any(String) }) },
      ]),
    );
  });

  it("needs a key and answers 405 to other methods", async () => {
    const res = await call(rulesLoader, apiRequest("/api/v1/rules", { key: null }));
    expect(res.status).toBe(401);
    expect(res.headers.get("WWW-Authenticate")).toMatch(/^Bearer/);
    const post = await call(rulesAction, apiRequest("/api/v1/rules", { body: {} }));
    expect(post.status).toBe(405);
    expect(post.headers.get("Allow")).toBe("GET");
  });
});

describe("GET /api/v1/cases/:ref", () => {
  beforeEach(async () => {
    await resetDb();
    await seedDemo();
  });

  it("shows where a case stands to the key that reported it", async () => {
    const created = await (await call(postReport, apiRequest("/api/v1/reports", { body: reportBody("p1") }))).json();
    await call(postReport, apiRequest("/api/v1/reports", { body: reportBody("p1") }));
    const res = await call(caseLoader, apiRequest(`/api/v1/cases/${created.caseRef}`), { ref: created.caseRef });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toEqual({
      ref: created.caseRef,
      state: "new",
      priority: expect.any(Number),
      reports: 2,
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      updatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
  });

  it("answers 404 JSON for an unknown reference and for a case only another key reported", async () => {
    await prisma.apiKey.create({ data: { name: "Other", prefix: "vigil_othe", hash: hashApiKey("vigil_other_key") } });
    const created = await (await call(postReport, apiRequest("/api/v1/reports", { body: reportBody("p2") }))).json();
    for (const [ref, key] of [
      ["C-22222222", undefined],
      ["../../etc", undefined],
      [created.caseRef, "vigil_other_key"],
    ] as const) {
      const res = await call(caseLoader, apiRequest(`/api/v1/cases/${encodeURIComponent(ref)}`, { key }), { ref });
      expect(res.status).toBe(404);
      expect((await res.json()).error.code).toBe("not_found");
    }
  });

  it("needs a key and answers 405 to other methods", async () => {
    expect((await call(caseLoader, apiRequest("/api/v1/cases/C-22222222", { key: "vigil_nope" }), { ref: "C-22222222" })).status).toBe(401);
    expect((await call(casesAction, apiRequest("/api/v1/cases/C-22222222", { method: "DELETE" }), { ref: "C-22222222" })).status).toBe(405);
  });
});
