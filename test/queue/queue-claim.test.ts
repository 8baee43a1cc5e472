import { beforeEach, describe, expect, it } from "vitest";
import { action } from "~/routes/queue";
import { prisma } from "~/utils/db.server";
import { resetDb } from "../db";
import { seedDemo } from "../factories/demo";
import type { Browser } from "../http";
import { anonymous, loginAs, postForm, respond, routeArgs } from "../http";
import type { OpenCase } from "./helpers";
import { openCase } from "./helpers";

const claim = (c: OpenCase, browser: Browser, extra: Record<string, string> = {}, options: { csrf?: string | null } = {}) =>
  respond(() => action(routeArgs(postForm("/queue?state=new", { intent: "claim", caseId: c.id, ...extra }, browser, options))));

describe("claiming from the queue", () => {
  let c: OpenCase;
  beforeEach(async () => {
    await resetDb();
    await seedDemo();
    c = await openCase();
  });

  it("gives the case to the moderator through the write path, with an expiry and an audit entry", async () => {
    const mo = await loginAs("moderator@example.com");
    const res = await claim(c, mo);
    expect(res.status).toBe(200);
    const reply = await res.json();
    const row = await prisma.case.findUniqueOrThrow({ where: { id: c.id } });
    expect(row).toMatchObject({ state: "in_review", assigneeId: mo.user.id });
    expect(reply).toEqual({ intent: "claim", status: "applied", ref: c.ref, message: `You hold case ${c.ref} until ${row.claimExpiresAt!.toISOString().slice(11, 16)} UTC.` });
    expect(await prisma.timer.count({ where: { caseId: c.id, kind: "claim_expiry", status: "pending" } })).toBe(1);
    const audit = await prisma.auditEntry.findFirst({ where: { subjectId: c.id, action: "case.claim" } });
    expect(audit).toMatchObject({ actorLabel: "moderator@example.com" });
  });

  it("refuses a second moderator with a 409 naming who holds the case and until when", async () => {
    await claim(c, await loginAs("senior@example.com"));
    const res = await claim(c, await loginAs("moderator@example.com"));
    expect(res.status).toBe(409);
    const { message, status } = await res.json();
    const row = await prisma.case.findUniqueOrThrow({ where: { id: c.id } });
    expect(status).toBe("refused");
    expect(message).toBe(`This case is held by Sen Senior (senior@example.com) until ${row.claimExpiresAt!.toISOString().slice(11, 16)} UTC.`);
    expect(row.assigneeId).not.toBeNull();
    expect((await prisma.user.findUniqueOrThrow({ where: { id: row.assigneeId! } })).email).toBe("senior@example.com");
  });

  it("opens the case after claiming when asked to (claim and open)", async () => {
    const res = await claim(c, await loginAs("moderator@example.com"), { open: "1" });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(`/cases/${c.ref}`);
  });

  it("answers forbidden to leadership, who may read the queue but not work cases", async () => {
    const res = await claim(c, await loginAs("leadership@example.com"));
    expect(res.status).toBe(403);
    expect((await res.json()).message).toBe("You need the permission “work:case” to do this.");
    expect((await prisma.case.findUniqueOrThrow({ where: { id: c.id } })).state).toBe("new");
  });

  it("refuses a claim without the form's CSRF token, and sends anonymous visitors to sign in", async () => {
    const res = await claim(c, await loginAs("moderator@example.com"), {}, { csrf: null });
    expect(res.status).toBe(403);
    const anon = await claim(c, anonymous());
    expect(anon.status).toBe(302);
    expect(anon.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
    expect((await prisma.case.findUniqueOrThrow({ where: { id: c.id } })).state).toBe("new");
  });

  it("answers 404 for a case that does not exist and 400 for a form without one", async () => {
    const mo = await loginAs("moderator@example.com");
    expect((await claim({ id: "no-such-case", ref: "C-NONE" }, mo)).status).toBe(404);
    const res = await respond(() => action(routeArgs(postForm("/queue", { intent: "claim" }, mo))));
    expect(res.status).toBe(400);
  });
});
