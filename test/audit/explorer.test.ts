import { beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "~/models/accounts/actor";
import { appendAudit } from "~/models/audit/audit.server";
import type { AuditInput } from "~/models/audit/audit.server";
import { action, loader } from "~/routes/audit";
import { prisma } from "~/utils/db.server";
import { resetDb } from "../db";
import { reportSubject } from "../factories/cases";
import { seedDemo } from "../factories/demo";
import type { Browser } from "../http";
import { getRequest, loginAs, postForm, respond, routeArgs } from "../http";

const context = { requestId: "req-audit-test" };

type Page = {
  entries: { seq: number; actorLabel: string; action: string; subjectId: string; subject: string }[];
  newerAfter: number | null;
  olderBefore: number | null;
  errors: Record<string, string[]> | null;
  values: Record<string, string>;
  actions: string[];
};

async function page(who: Browser, query = ""): Promise<Page> {
  const res = await respond(() => loader(routeArgs(getRequest(`/audit${query}`, who), {}, context)));
  return res.json();
}

function append(input: Partial<AuditInput> & { action: string }) {
  return prisma.$transaction((tx) =>
    appendAudit(tx, { actor: { kind: "system", name: "scheduler" }, subjectType: "case", subjectId: "c1", ...input }),
  );
}

beforeEach(async () => {
  await resetDb();
  await seedDemo();
});

describe("/audit loader", () => {
  let leadership: Browser;
  beforeEach(async () => {
    leadership = await loginAs("leadership@example.com");
  });

  it("sends anonymous visitors to the login page", async () => {
    const res = await respond(() => loader(routeArgs(getRequest("/audit?actor=x"), {}, context)));
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/login?redirectTo=%2Faudit%3Factor%3Dx");
  });

  it("refuses a moderator with 403 naming read:audit", async () => {
    const moderator = await loginAs("moderator@example.com");
    const res = await respond(() => loader(routeArgs(getRequest("/audit", moderator), {}, context)));
    expect(res.status).toBe(403);
    expect((await res.json()).message).toContain("read:audit");
  });

  it.each([["leadership"], ["admin"], ["lead"]])("lets %s@example.com read the log", async (name) => {
    await append({ action: "case.claimed" });
    const who = await loginAs(`${name}@example.com`);
    const result = await page(who);
    expect(result.entries.map((e) => e.action)).toEqual(["case.claimed"]);
  });

  it("pages newest first, 50 at a time, by seq", async () => {
    for (let i = 1; i <= 120; i++) await append({ action: "case.claimed", subjectId: `c${i}` });

    const first = await page(leadership);
    expect(first.entries).toHaveLength(50);
    expect(first.entries[0].seq).toBe(120);
    expect(first.entries.at(-1)!.seq).toBe(71);
    expect(first.newerAfter).toBeNull();
    expect(first.olderBefore).toBe(71);

    const second = await page(leadership, `?before=${first.olderBefore}`);
    expect(second.entries.map((e) => e.seq)).toEqual(Array.from({ length: 50 }, (_, i) => 70 - i));

    const last = await page(leadership, `?before=${second.olderBefore}`);
    expect(last.entries.map((e) => e.seq)).toEqual(Array.from({ length: 20 }, (_, i) => 20 - i));
    expect(last.olderBefore).toBeNull();
    expect(last.newerAfter).toBe(20);

    const back = await page(leadership, `?after=${last.newerAfter}`);
    expect(back.entries.map((e) => e.seq)).toEqual(second.entries.map((e) => e.seq));
    expect(back.newerAfter).toBe(70);
  });

  it("filters by actor, action, subject and time, and keeps paging within the filter", async () => {
    const mo: Actor = { kind: "user", id: "u1", email: "mo@example.com", roles: ["moderator"] };
    const ada: Actor = { kind: "user", id: "u2", email: "ada@example.com", roles: ["admin"] };
    await append({ actor: mo, action: "case.claimed", subjectId: "c1", at: new Date("2026-03-01T09:00:00Z") });
    await append({ actor: ada, action: "rule.updated", subjectType: "rule", subjectId: "spam", at: new Date("2026-03-01T10:00:30Z") });
    await append({ actor: mo, action: "case.dismissed", subjectId: "c1", at: new Date("2026-03-02T08:00:00Z") });
    await append({ actor: mo, action: "case.claimed", subjectId: "c2", at: new Date("2026-03-03T08:00:00Z") });

    const seqs = async (query: string) => (await page(leadership, query)).entries.map((e) => e.seq);
    expect(await seqs("?actor=mo%40")).toEqual([4, 3, 1]);
    expect(await seqs("?action=case.claimed")).toEqual([4, 1]);
    expect(await seqs("?subjectType=case&subjectId=c1")).toEqual([3, 1]);
    expect(await seqs("?subjectType=rule")).toEqual([2]);
    // "To" includes the whole minute it names.
    expect(await seqs("?from=2026-03-01T10:00&to=2026-03-02T08:00")).toEqual([3, 2]);
    expect(await seqs("?actor=mo&action=case.claimed&before=4")).toEqual([1]);

    const all = await page(leadership);
    expect(all.actions).toEqual(["case.claimed", "case.dismissed", "rule.updated"]);
  });

  it("names each subject by its reference or name, and takes a case's reference as the subject filter", async () => {
    const c = await reportSubject();
    const report = await prisma.report.findFirstOrThrow({ where: { caseId: c.id } });
    const moderator = await prisma.user.findUniqueOrThrow({ where: { email: "moderator@example.com" } });
    await append({ action: "user.updated", subjectType: "user", subjectId: moderator.id });
    await append({ action: "rule.updated", subjectType: "rule", subjectId: "respect" });

    const all = await page(leadership);
    const subjects = all.entries.map((e) => e.subject);
    expect(subjects).toEqual(expect.arrayContaining([`Case ${c.ref}`, `Report ${report.ref}`, "User Mo Moderator (moderator@example.com)", "Rule respect"]));
    expect(subjects.join(" ")).not.toMatch(/\bc[a-z0-9]{24}\b/);

    const filtered = await page(leadership, `?subjectId=${c.ref.toLowerCase()}`);
    expect(filtered.entries.map((e) => e.action)).toEqual(["case.created"]);
    expect(filtered.values.subjectId).toBe(c.ref.toLowerCase());
  });

  it("answers 400 with field errors and the typed values for a bad filter", async () => {
    await append({ action: "case.claimed" });
    const res = await respond(() => loader(routeArgs(getRequest("/audit?actor=mo&from=2026-03-05T10:00&to=2026-03-01T10:00", leadership), {}, context)));
    expect(res.status).toBe(400);
    const body = (await res.json()) as Page;
    expect(body.errors?.to?.[0]).toMatch(/must not be before/);
    expect(body.values).toMatchObject({ actor: "mo", from: "2026-03-05T10:00", to: "2026-03-01T10:00" });
    expect(body.entries).toEqual([]);
  });
});

describe("/audit integrity check", () => {
  beforeEach(async () => {
    for (let i = 1; i <= 5; i++) await append({ action: "case.claimed", subjectId: `c${i}` });
  });

  async function check(who: Browser, options: { csrf?: null } = {}) {
    return respond(() => action(routeArgs(postForm("/audit", { intent: "verify" }, who, options), {}, context)));
  }

  it("reports a passing check and then audits it", async () => {
    const leader = await loginAs("leadership@example.com");
    const res = await check(leader);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ check: { ok: true, count: 5 } });

    const entry = await prisma.auditEntry.findUniqueOrThrow({ where: { seq: 6 } });
    expect(entry).toMatchObject({
      action: "audit.verified",
      actorLabel: "leadership@example.com",
      role: "leadership",
      requestId: "req-audit-test",
      subjectType: "audit",
    });
    expect(JSON.parse(entry.after!)).toEqual({ ok: true, count: 5 });
  });

  it("names the tampered entry and still audits the check", async () => {
    await prisma.$executeRawUnsafe(`UPDATE "AuditEntry" SET "reason" = 'edited' WHERE "seq" = 3`);
    const admin = await loginAs("admin@example.com");
    const body = await (await check(admin)).json();
    expect(body.check).toMatchObject({ ok: false, count: 2, firstBad: { seq: 3 } });
    expect(body.check.firstBad.reason).toContain("entry 3 was altered");
    expect(await prisma.auditEntry.count({ where: { action: "audit.verified" } })).toBe(1);
  });

  it("refuses a trust & safety lead, who may read but not verify", async () => {
    const lead = await loginAs("lead@example.com");
    const res = await check(lead);
    expect(res.status).toBe(403);
    expect((await res.json()).message).toContain("verify:audit");
    expect(await prisma.auditEntry.count()).toBe(5);
  });

  it("refuses a form without its CSRF token", async () => {
    const leader = await loginAs("leadership@example.com");
    const res = await check(leader, { csrf: null });
    expect(res.status).toBe(403);
    expect(await prisma.auditEntry.count()).toBe(5);
  });
});
