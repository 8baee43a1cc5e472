import { beforeEach, describe, expect, it } from "vitest";
import { loader as listLoader } from "~/routes/cases._index";
import { loader as caseLoader } from "~/routes/cases.$ref";
import { recordReport } from "~/models/intake/intake.server";
import { prisma } from "~/utils/db.server";
import { hashPassword } from "~/utils/password.server";
import { resetDb } from "../db";
import { seedDemo } from "../factories/demo";
import { call, pageRequest } from "./helpers";

async function report(id: string, ruleCode = "spam", reporter?: { contact?: string; id?: string; handle?: string }) {
  const outcome = await recordReport(
    { source: "form", subject: { type: "content", id, text: `text of ${id}`, language: "en" }, ruleCode, reporter },
    { actor: { kind: "member" } },
  );
  if (outcome.kind !== "accepted") throw new Error(outcome.kind);
  return outcome.body;
}

describe("/cases", () => {
  beforeEach(async () => {
    await resetDb();
    await seedDemo();
  });

  it("sends a visitor who is not signed in to the login page", async () => {
    const res = await call(listLoader, await pageRequest("/cases?sort=priority"));
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(`/login?redirectTo=${encodeURIComponent("/cases?sort=priority")}`);
  });

  it("lets moderators and crisis responders read the list, and refuses a user without read:case", async () => {
    await report("p1");
    for (const email of ["moderator@example.com", "responder@example.com"]) {
      const res = await call(listLoader, await pageRequest("/cases", email));
      expect(res.status).toBe(200);
      const data = await res.json();
      expect(data.cases).toHaveLength(1);
      expect(data.cases[0]).toMatchObject({ state: "new", ruleCode: "spam", reportCount: 1, language: "en" });
    }
    await prisma.user.create({ data: { email: "nobody@example.com", name: "No Role", passwordHash: await hashPassword("x") } });
    expect((await call(listLoader, await pageRequest("/cases", "nobody@example.com"))).status).toBe(403);
  });

  it("lists newest first or by priority, a page at a time", async () => {
    const minor = await report("minor", "spam");
    await report("severe", "respect");
    for (let i = 0; i < 25; i++) await report(`filler-${i}`, "spam");
    const newest = await (await call(listLoader, await pageRequest("/cases", "moderator@example.com"))).json();
    expect(newest.cases).toHaveLength(25);
    expect(newest.cases[0].ref).not.toBe(minor.caseRef);
    expect(newest.hasNext).toBe(true);
    const second = await (await call(listLoader, await pageRequest("/cases?page=2", "moderator@example.com"))).json();
    expect(second.cases.map((c: { ref: string }) => c.ref)).toEqual(expect.arrayContaining([minor.caseRef]));
    expect(second).toMatchObject({ hasNext: false, hasPrevious: true });

    const byPriority = await (await call(listLoader, await pageRequest("/cases?sort=priority", "moderator@example.com"))).json();
    expect(byPriority.cases[0].ruleCode).toBe("respect");
    const priorities = byPriority.cases.map((c: { priority: number }) => c.priority);
    expect(priorities).toEqual([...priorities].sort((a, b) => b - a));
    expect((await call(listLoader, await pageRequest("/cases?page=-4&sort=<x>", "moderator@example.com"))).status).toBe(200);
  });
});

describe("/cases/:ref", () => {
  beforeEach(async () => {
    await resetDb();
    await seedDemo();
  });

  it("shows the case, every report and the priority breakdown", async () => {
    const first = await report("shared", "spam", { contact: "alice@example.com" });
    await report("shared", "respect", { contact: "bob@example.com" });
    const res = await call(caseLoader, await pageRequest(`/cases/${first.caseRef}`, "moderator@example.com"), { ref: first.caseRef });
    expect(res.status).toBe(200);
    const data = await res.json();
    expect(data).toMatchObject({ ref: first.caseRef, state: "new", ruleCode: "respect", text: "text of shared", language: "en" });
    expect(data.ruleTitle).toBe("Respectful communication");
    expect(data.reports).toHaveLength(2);
    expect(data.breakdown.map((f: { factor: string }) => f.factor)).toEqual(["severity", "reports", "reporters", "screen"]);
    expect(data).not.toHaveProperty("subjectKey");
  });

  it("hides reporter identity from a moderator and shows it to a senior moderator", async () => {
    const { caseRef } = await report("who", "spam", { contact: "alice@example.com" });
    const asModerator = await (await call(caseLoader, await pageRequest(`/cases/${caseRef}`, "moderator@example.com"), { ref: caseRef })).json();
    expect(asModerator.reports[0].reporter).toBeNull();
    expect(JSON.stringify(asModerator)).not.toContain("alice@example.com");

    const asSenior = await (await call(caseLoader, await pageRequest(`/cases/${caseRef}`, "senior@example.com"), { ref: caseRef })).json();
    expect(asSenior.reports[0].reporter).toEqual({ id: null, handle: null, contact: "alice@example.com" });
  });

  it("answers 404 for an unknown or malformed reference, and accepts one typed in lower case", async () => {
    const { caseRef } = await report("x");
    for (const ref of ["C-22222222", "nonsense", "R-22222222"]) {
      const res = await call(caseLoader, await pageRequest(`/cases/${ref}`, "moderator@example.com"), { ref });
      expect(res.status).toBe(404);
    }
    const lower = caseRef.toLowerCase();
    expect((await call(caseLoader, await pageRequest(`/cases/${lower}`, "moderator@example.com"), { ref: lower })).status).toBe(200);
  });

  it("requires read:case", async () => {
    const { caseRef } = await report("x");
    expect((await call(caseLoader, await pageRequest(`/cases/${caseRef}`), { ref: caseRef })).status).toBe(302);
  });
});
