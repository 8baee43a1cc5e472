import { beforeEach, describe, expect, it } from "vitest";
import { resetPresence } from "~/models/cases/presence.server";
import { action } from "~/routes/cases.$ref";
import { prisma } from "~/utils/db.server";
import { resetDb } from "../db";
import { reportSubject } from "../factories/cases";
import { seedDemo } from "../factories/demo";
import { loginAs, postForm, respond, routeArgs } from "../http";
import { caseRow, pageAs, sendEvent, submit } from "./helpers";

const REASON = "Personal attack on another member.";

describe("the case page's forms", () => {
  beforeEach(async () => {
    await resetDb();
    await seedDemo();
    resetPresence();
  });

  it("claims the case and sends the browser back to the page", async () => {
    const c = await reportSubject();
    const mo = await loginAs("moderator@example.com");
    const res = await submit(mo, c.ref, { intent: "CLAIM" });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(`/cases/${c.ref}`);
    expect(await caseRow(c.ref)).toMatchObject({ state: "in_review", assigneeId: mo.user.id, version: c.version + 1 });
    const page = await pageAs(mo, c.ref);
    expect(page.allowed).toContain("ACT");
  });

  it("removes content under a rule with a reason: the case is actioned and the enforcement recorded", async () => {
    const c = await reportSubject();
    const mo = await loginAs("moderator@example.com");
    await submit(mo, c.ref, { intent: "CLAIM" });
    const res = await submit(mo, c.ref, { intent: "ACT", action: "remove_content", ruleCode: "respect", reason: REASON });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(`/cases/${c.ref}`);
    expect(await caseRow(c.ref)).toMatchObject({ state: "actioned", assigneeId: null, isOpen: false });
    const enforcements = await prisma.enforcementAction.findMany({ where: { caseId: c.id } });
    expect(enforcements).toEqual([
      expect.objectContaining({ kind: "remove_content", targetType: "content", ruleCode: "respect", reason: REASON, actorId: mo.user.id, authorHandle: "@author" }),
    ]);
    const audit = await prisma.auditEntry.findFirstOrThrow({ where: { subjectId: c.id, action: "case.act" } });
    expect(audit).toMatchObject({ actorLabel: "moderator@example.com", role: "moderator", reason: REASON });
  });

  it("answers 409 for a page that is out of date, naming who changed the case, keeping what was typed and changing nothing", async () => {
    const c = await reportSubject();
    const mo = await loginAs("moderator@example.com");
    await submit(mo, c.ref, { intent: "CLAIM" });
    const seen = await pageAs(mo, c.ref);
    // Meanwhile: released in another tab, and a senior moderator takes the case.
    await sendEvent(c.id, "moderator@example.com", { type: "RELEASE" });
    await sendEvent(c.id, "senior@example.com", { type: "CLAIM" });
    const before = await caseRow(c.ref);

    const typed = { intent: "ACT", action: "warn", ruleCode: "respect", reason: REASON };
    const res = await submit(mo, c.ref, { ...typed, version: String(seen.version) });
    expect(res.status).toBe(409);
    const reply = await res.json();
    expect(reply).toMatchObject({ status: "conflict", intent: "ACT", values: typed });
    expect(reply.message).toBe("This case changed while you were looking at it: senior@example.com (claim). It is now in review.");
    expect(reply.lastChange).toMatchObject({ by: "senior@example.com", action: "case.claim" });

    expect(await caseRow(c.ref)).toEqual(before);
    expect(await prisma.enforcementAction.count()).toBe(0);
    // The page shown with the answer is the latest: held by the senior, nothing for the moderator to do.
    const latest = await pageAs(mo, c.ref);
    expect(latest).toMatchObject({ version: before.version, allowed: [], holder: { name: "Sen Senior", you: false } });
  });

  it("refuses a reason that is too short with 400 and the error beside the field, keeping what was typed", async () => {
    const c = await reportSubject();
    const mo = await loginAs("moderator@example.com");
    await submit(mo, c.ref, { intent: "CLAIM" });
    const before = await caseRow(c.ref);
    const res = await submit(mo, c.ref, { intent: "DISMISS", reason: " no " });
    expect(res.status).toBe(400);
    const reply = await res.json();
    expect(reply).toMatchObject({ status: "invalid", intent: "DISMISS", values: { intent: "DISMISS", reason: " no " } });
    expect(reply.fieldErrors).toEqual({ reason: ["Give a reason of at least 3 characters."] });
    expect(await caseRow(c.ref)).toEqual(before);
  });

  it("refuses an action outside the list and a rule that does not exist", async () => {
    const c = await reportSubject();
    const mo = await loginAs("moderator@example.com");
    await submit(mo, c.ref, { intent: "CLAIM" });
    const res = await submit(mo, c.ref, { intent: "ACT", action: "shadowban", ruleCode: "no-such-rule", reason: REASON });
    expect(res.status).toBe(400);
    const { fieldErrors } = await res.json();
    expect(fieldErrors).toEqual({ action: ["Choose an action."], ruleCode: ["Choose one of the community rules."] });
    expect((await caseRow(c.ref)).state).toBe("in_review");
  });

  it("refuses a form without its CSRF token with 403", async () => {
    const c = await reportSubject();
    const res = await submit(await loginAs("moderator@example.com"), c.ref, { intent: "CLAIM" }, { csrf: null });
    expect(res.status).toBe(403);
    expect(await caseRow(c.ref)).toMatchObject({ state: "new", assigneeId: null, version: c.version });
  });

  it("answers 409 with the write path's message when the machine refuses (the case is held by someone else)", async () => {
    const c = await reportSubject();
    await sendEvent(c.id, "senior@example.com", { type: "CLAIM" });
    const res = await submit(await loginAs("moderator@example.com"), c.ref, { intent: "CLAIM" });
    expect(res.status).toBe(409);
    const reply = await res.json();
    expect(reply.status).toBe("refused");
    expect(reply.message).toMatch(/^This case is held by Sen Senior \(senior@example\.com\) until /);
  });

  it("takes a ban through a proposal and a senior's approval", async () => {
    const c = await reportSubject({ ruleCode: "threats" });
    const mo = await loginAs("moderator@example.com");
    const sen = await loginAs("senior@example.com");
    await submit(mo, c.ref, { intent: "CLAIM" });
    expect((await submit(mo, c.ref, { intent: "ACT", action: "ban", ruleCode: "threats", reason: "Threatened to hurt a member." })).status).toBe(302);
    expect(await caseRow(c.ref)).toMatchObject({ state: "awaiting_approval", assigneeId: mo.user.id });
    expect(await prisma.enforcementAction.count()).toBe(0);

    // Approving bans takes a senior's permission.
    const own = await submit(mo, c.ref, { intent: "APPROVE" });
    expect(own.status).toBe(403);
    expect((await own.json()).message).toBe("You need the permission “approve:ban” to do this.");

    const res = await submit(sen, c.ref, { intent: "APPROVE" });
    expect(res.status).toBe(302);
    expect(await caseRow(c.ref)).toMatchObject({ state: "actioned" });
    expect(await prisma.enforcementAction.findMany()).toEqual([
      expect.objectContaining({ kind: "ban", targetType: "account", ruleCode: "threats", actorId: mo.user.id, approvedById: sen.user.id }),
    ]);
  });

  it("rejects a proposed ban with a reason: the proposer keeps the case", async () => {
    const c = await reportSubject();
    const mo = await loginAs("moderator@example.com");
    await submit(mo, c.ref, { intent: "CLAIM" });
    await submit(mo, c.ref, { intent: "ACT", action: "ban", ruleCode: "respect", reason: "Rude once." });
    const res = await submit(await loginAs("lead@example.com"), c.ref, { intent: "REJECT", reason: "A warning is enough for a first offence." });
    expect(res.status).toBe(302);
    expect(await caseRow(c.ref)).toMatchObject({ state: "in_review", assigneeId: mo.user.id });
  });

  it("acts and goes to the highest-priority open case the moderator may claim, or back to the queue", async () => {
    const current = await reportSubject({ ruleCode: "spam" });
    const low = await reportSubject({ ruleCode: "spam" });
    const next = await reportSubject({ ruleCode: "hate" });
    // Higher, but not for this moderator: one is held, one waits in the senior queue.
    const held = await reportSubject({ ruleCode: "threats" });
    await sendEvent(held.id, "senior@example.com", { type: "CLAIM" });
    const escalated = await reportSubject({ ruleCode: "illegal" });
    await sendEvent(escalated.id, "lead@example.com", { type: "CLAIM" });
    await sendEvent(escalated.id, "lead@example.com", { type: "ESCALATE", reason: "Needs a lead's eyes." });

    const mo = await loginAs("moderator@example.com");
    await submit(mo, current.ref, { intent: "CLAIM" });
    const res = await submit(mo, current.ref, { intent: "ACT", action: "remove_content", ruleCode: "spam", reason: "Link farm.", next: "1" });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(`/cases/${next.ref}`);
    expect((await caseRow(current.ref)).state).toBe("actioned");
    // The next case is opened, not claimed.
    expect((await caseRow(next.ref)).assigneeId).toBeNull();

    for (const other of [next, low]) await sendEvent(other.id, "senior@example.com", { type: "CLAIM" });
    const last = await reportSubject({ ruleCode: "spam" });
    await submit(mo, last.ref, { intent: "CLAIM" });
    const none = await submit(mo, last.ref, { intent: "ACT", action: "warn", ruleCode: "spam", reason: "Link farm.", next: "1" });
    expect(none.headers.get("Location")).toBe("/queue");
  });

  it("answers 403 naming the permission to leadership, who may read the case but not work it", async () => {
    const c = await reportSubject();
    const res = await submit(await loginAs("leadership@example.com"), c.ref, { intent: "CLAIM" });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ status: "forbidden", message: "You need the permission “work:case” to do this." });
    expect(await caseRow(c.ref)).toMatchObject({ state: "new", version: c.version });
  });

  it("answers 400 for a form that names no action of the page, and 404 for an unknown case", async () => {
    const c = await reportSubject();
    const mo = await loginAs("moderator@example.com");
    const res = await submit(mo, c.ref, { intent: "CLAIM_EXPIRED" });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ status: "invalid", intent: null, message: "Choose one of the actions on the page." });
    const missing = await respond(() => action(routeArgs(postForm("/cases/C-22222222", { intent: "CLAIM", version: "1" }, mo), { ref: "C-22222222" })));
    expect(missing.status).toBe(404);
  });
});
