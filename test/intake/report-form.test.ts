import { beforeEach, describe, expect, it } from "vitest";
import { REPORT_FORM_LIMIT, action, loader } from "~/routes/report";
import { loader as receiptLoader } from "~/routes/report_.sent";
import { prisma } from "~/utils/db.server";
import { resetDb } from "../db";
import { seedDemo } from "../factories/demo";
import { BASE, call, formRequest } from "./helpers";

const valid = { subject: "https://community.example/p/1", subjectType: "content", ruleCode: "respect" };

async function submit(fields: Record<string, string>, options: Parameters<typeof formRequest>[2] = {}, clientIp?: string) {
  return call(action, formRequest("/report", fields, options), {}, clientIp);
}

describe("the public report form", () => {
  beforeEach(async () => {
    await resetDb();
    await seedDemo();
  });

  it("lists the rules with titles in the member's language, falling back to English", async () => {
    const respect = await prisma.rule.findUniqueOrThrow({ where: { code: "respect" } });
    await prisma.ruleTranslation.upsert({
      where: { ruleId_locale: { ruleId: respect.id, locale: "pl" } },
      update: { title: "Szacunek w rozmowie" },
      create: { ruleId: respect.id, locale: "pl", title: "Szacunek w rozmowie", description: "Bez obelg." },
    });
    const titleIn = async (path: string, acceptLanguage?: string) => {
      const headers = acceptLanguage ? { "Accept-Language": acceptLanguage } : undefined;
      const data = await (await call(loader, new Request(`${BASE}${path}`, { headers }))).json();
      return data.rules.find((r: { code: string }) => r.code === "respect").title;
    };
    expect(await titleIn("/report")).toBe("Respectful communication");
    expect(await titleIn("/report?lang=pl")).toBe("Szacunek w rozmowie");
    expect(await titleIn("/report", "xh-ZA,pl;q=0.8,en;q=0.5")).toBe("Szacunek w rozmowie");
    expect(await titleIn("/report?lang=en", "pl")).toBe("Respectful communication");
    expect(await titleIn("/report?lang=xx-<script>", "xh")).toBe("Respectful communication");
  });

  it("records a report and redirects to a receipt with a reference the member can quote", async () => {
    const text = "  You people are worthless.\r\n\r\n  Leave. ";
    const res = await submit({ ...valid, text, language: "en", note: "Aimed at new members", contact: " me@example.com " });
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get("Location") ?? "", BASE);
    expect(location.pathname).toBe("/report/sent");
    const ref = location.searchParams.get("ref") ?? "";

    const report = await prisma.report.findUniqueOrThrow({ where: { ref } });
    expect(report).toMatchObject({
      source: "form",
      apiKeyId: null,
      text,
      language: "en",
      note: "Aimed at new members",
      reporterContact: "me@example.com",
      subjectUrl: valid.subject,
    });
    const audit = await prisma.auditEntry.findMany({ orderBy: { seq: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["report.received", "case.created"]);
    expect(audit.every((a) => a.actorLabel === "member (public report form)" && a.actorId === null)).toBe(true);

    const receipt = await call(receiptLoader, new Request(location));
    expect(await receipt.json()).toEqual({ ref, receivedAt: report.receivedAt.toISOString() });
  });

  it("answers 404 on the receipt page for a reference that does not exist", async () => {
    expect((await call(receiptLoader, new Request(`${BASE}/report/sent?ref=R-22222222`))).status).toBe(404);
    expect((await call(receiptLoader, new Request(`${BASE}/report/sent?ref=<b>`))).status).toBe(404);
  });

  it("answers 400 with field errors and keeps everything typed", async () => {
    const typed = { subject: "   ", subjectType: "content", ruleCode: "", text: " exact\ntext ", language: "", note: "n", contact: "c" };
    const res = await submit(typed);
    expect(res.status).toBe(400);
    const data = await res.json();
    expect(Object.keys(data.fieldErrors).sort()).toEqual(["ruleCode", "subject"]);
    expect(data.values).toEqual(typed);
    expect(await prisma.report.count()).toBe(0);
  });

  it("refuses a text longer than 20,000 characters with a clear message", async () => {
    const res = await submit({ ...valid, text: "x".repeat(20_001) });
    expect(res.status).toBe(400);
    const data = await res.json();
    expect(data.fieldErrors.text[0]).toMatch(/longer than 20,000 characters/);
    expect(data.values.text).toHaveLength(20_001);
  });

  it("answers 400 for a rule that does not exist, keeping the values", async () => {
    const res = await submit({ ...valid, ruleCode: "gone" });
    expect(res.status).toBe(400);
    const data = await res.json();
    expect(data.fieldErrors.ruleCode).toHaveLength(1);
    expect(data.values.ruleCode).toBe("gone");
    expect(await prisma.case.count()).toBe(0);
  });

  it("limits reports per address with a 429 page that says when to try again", async () => {
    for (let i = 0; i < REPORT_FORM_LIMIT.perIp; i++) {
      expect((await submit({ ...valid, subject: `post-${i}` }, {}, "192.0.2.50")).status).toBe(302);
    }
    const res = await submit({ ...valid, subject: "one-too-many", note: "kept" }, {}, "192.0.2.50");
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("Retry-After"))).toBeGreaterThan(0);
    const data = await res.json();
    expect(data.formError).toMatch(/try again in \d+ minutes?/);
    expect(data.values.note).toBe("kept");
    expect(await prisma.report.count()).toBe(REPORT_FORM_LIMIT.perIp);
    expect((await submit(valid, {}, "192.0.2.51")).status).toBe(302);
  });

  it("refuses a post without a valid CSRF token, or from another site, recording nothing", async () => {
    expect((await submit(valid, { csrf: "missing" })).status).toBe(403);
    expect((await submit(valid, { csrf: "wrong" })).status).toBe(403);
    const crossSite = formRequest("/report", valid);
    crossSite.headers.set("Origin", "https://evil.example");
    expect((await call(action, crossSite)).status).toBe(403);
    expect(await prisma.report.count()).toBe(0);
  });

  it("answers 400, not 500, to a body that is not a form, and 413 to one announced as huge", async () => {
    const json = new Request(`${BASE}/report`, { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" });
    expect((await call(action, json)).status).toBe(400);
    const huge = formRequest("/report", valid);
    huge.headers.set("Content-Length", String(2 * 1024 * 1024));
    expect((await call(action, huge)).status).toBe(413);
  });
});
