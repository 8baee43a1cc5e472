import { beforeEach, describe, expect, it } from "vitest";
import { recordReport } from "~/models/intake/intake.server";
import { loader as caseLoader } from "~/routes/cases.$ref";
import { loader as queueLoader } from "~/routes/queue";
import { loader } from "~/routes/search";
import { prisma } from "~/utils/db.server";
import { resetDb } from "../db";
import { seedDemo } from "../factories/demo";
import type { Browser } from "../http";
import { getRequest, loginAs, respond, routeArgs } from "../http";

// /search?q= (the nav box), /cases/R-… and the queue row's gist, as a browser meets them.

async function report(id: string, authorHandle: string, text = "You are all idiots.") {
  const outcome = await recordReport(
    { source: "form", subject: { type: "content", id, authorHandle, text, language: "en" }, ruleCode: "respect" },
    { actor: { kind: "member" } },
  );
  if (outcome.kind !== "accepted") throw new Error(outcome.kind);
  return outcome.body;
}

const search = (q: string, browser?: Browser) =>
  respond(() => loader(routeArgs(getRequest(`/search?${new URLSearchParams({ q })}`, browser))));

describe("/search", () => {
  let mo: Browser;
  beforeEach(async () => {
    await resetDb();
    await seedDemo();
    mo = await loginAs("moderator@example.com");
  });

  it("opens the case straight away when one case matches", async () => {
    const { caseRef, reportRef } = await report("https://community.example/p/1", "@alice");
    for (const q of [caseRef, reportRef, "https://community.example/p/1/", "alice"]) {
      const res = await search(q, mo);
      expect(res.status, q).toBe(302);
      expect(res.headers.get("Location")).toBe(`/cases/${caseRef}`);
    }
  });

  it("lists several matches with reference, state, subject and a line of text", async () => {
    const first = await report("post-1", "@bob", "First <b>post</b>\nwith two lines");
    const second = await report("post-2", "@Bob");
    const res = await search("@bob", mo);
    expect(res.status).toBe(200);
    const data = await res.json();
    expect(data.q).toBe("@bob");
    expect(data.hits.map((h: { ref: string }) => h.ref).sort()).toEqual([first.caseRef, second.caseRef].sort());
    expect(data.hits.find((h: { ref: string }) => h.ref === first.caseRef)).toMatchObject({
      state: "new",
      subject: { author: "@bob", where: "post-1" },
      snippet: "First <b>post</b> with two lines",
      matches: ["author handle"],
    });
  });

  it("says when nothing matches and keeps the query", async () => {
    await report("post-1", "@carol");
    const res = await search("  @nobody-here ", mo);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ q: "@nobody-here", error: null, hits: [], more: false });
  });

  it("answers 400 with a clear message, not 500, to a query no one could quote", async () => {
    for (const q of ["a\u0000b", "x".repeat(2049)]) {
      const res = await search(q, mo);
      expect(res.status).toBe(400);
      expect((await res.json()).error).toMatch(/characters/);
    }
    // Bytes that are no UTF-8 (a lone surrogate's, a stray 0xFF) arrive as U+FFFD: searched, found nowhere.
    for (const raw of ["%ED%A0%80", "%FF", "%C0%80"]) {
      const res = await respond(() => loader(routeArgs(getRequest(`/search?q=${raw}`, mo))));
      expect(res.status).toBe(200);
      expect((await res.json()).hits).toEqual([]);
    }
  });

  it("asks for sign-in first, and refuses a user without read:case", async () => {
    const anonymous = await search("C-22222222");
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
    await prisma.user.create({ data: { email: "nobody@example.com", name: "No Role", passwordHash: "x" } });
    expect((await search("C-22222222", await loginAs("nobody@example.com"))).status).toBe(403);
  });
});

describe("/cases/R-…", () => {
  beforeEach(async () => {
    await resetDb();
    await seedDemo();
  });

  it("leads from a report's reference to its case, for those who may read cases", async () => {
    const { caseRef, reportRef } = await report("post-9", "@dave");
    const mo = await loginAs("moderator@example.com");
    const res = await respond(() => caseLoader(routeArgs(getRequest(`/cases/${reportRef}`, mo), { ref: reportRef.toLowerCase() })));
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(`/cases/${caseRef}`);
    const missing = await respond(() => caseLoader(routeArgs(getRequest("/cases/R-22222222", mo), { ref: "R-22222222" })));
    expect(missing.status).toBe(404);
    const anonymous = await respond(() => caseLoader(routeArgs(getRequest(`/cases/${reportRef}`), { ref: reportRef })));
    expect(anonymous.headers.get("Location")).toMatch(/^\/login/);
  });
});

describe("the queue's rows", () => {
  beforeEach(async () => {
    await resetDb();
    await seedDemo();
  });

  it("show the subject and one line of the reported text", async () => {
    const { caseRef } = await report("https://community.example/p/5", "@erin", `  Line one\n\nline two ${"long ".repeat(100)}`);
    const mo = await loginAs("moderator@example.com");
    const res = await respond(() => queueLoader(routeArgs(getRequest("/queue", mo))));
    const row = (await res.json()).cases.find((c: { ref: string }) => c.ref === caseRef);
    expect(row.subject).toEqual({ author: "@erin", where: "https://community.example/p/5" });
    expect(row.snippet).toMatch(/^Line one line two long long .*…$/);
    expect(Array.from(row.snippet as string)).toHaveLength(141);
  });
});
