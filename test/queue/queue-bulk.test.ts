import { beforeEach, describe, expect, it } from "vitest";
import { action } from "~/routes/queue.bulk";
import { prisma } from "~/utils/db.server";
import { resetDb } from "../db";
import { seedDemo } from "../factories/demo";
import type { Browser } from "../http";
import { loginAs, postForm, respond, routeArgs } from "../http";
import type { OpenCase } from "./helpers";
import { act, openCase } from "./helpers";

type Reply = { summary?: string; error?: string; results: { caseId: string; ref: string | null; status: string; message: string }[] };

async function bulk(browser: Browser, fields: Record<string, string | string[]>) {
  const res = await respond(() => action(routeArgs(postForm("/queue/bulk", fields, browser))));
  return { status: res.status, reply: (await res.json()) as Reply };
}

const version = async (c: OpenCase) => (await prisma.case.findUniqueOrThrow({ where: { id: c.id } })).version;
const ticked = async (...cases: OpenCase[]) => Promise.all(cases.map(async (c) => `${c.id}:${await version(c)}`));
const stateOf = async (c: OpenCase) => prisma.case.findUniqueOrThrow({ where: { id: c.id } });
const userId = async (email: string) => (await prisma.user.findUniqueOrThrow({ where: { email } })).id;

describe("bulk actions on the queue", () => {
  beforeEach(async () => {
    await resetDb();
    await seedDemo();
  });

  describe("dismiss as spam", () => {
    it("claims and dismisses each case, and reports the one someone else holds as refused", async () => {
      const [fresh, mine, theirs] = [await openCase(), await openCase(), await openCase()];
      await act(mine.id, "moderator@example.com", { type: "CLAIM" });
      await act(theirs.id, "senior@example.com", { type: "CLAIM" });
      const mo = await loginAs("moderator@example.com");

      const { status, reply } = await bulk(mo, { intent: "dismiss_spam", confirm: "yes", case: await ticked(fresh, mine, theirs) });
      expect(status).toBe(200);
      expect(reply.summary).toBe("Dismissed as spam: 2 of 3 cases done.");
      expect(reply.results).toEqual([
        { caseId: fresh.id, ref: fresh.ref, status: "applied", message: "Dismissed as spam." },
        { caseId: mine.id, ref: mine.ref, status: "applied", message: "Dismissed as spam." },
        { caseId: theirs.id, ref: theirs.ref, status: "refused", message: expect.stringMatching(/^This case is held by Sen Senior \(senior@example\.com\) until /) },
      ]);
      for (const c of [fresh, mine]) {
        const row = await stateOf(c);
        expect(row).toMatchObject({ state: "dismissed", isOpen: false, assigneeId: null });
        expect(JSON.parse(row.resolution!)).toMatchObject({ action: "dismiss", reason: "Spam (bulk)", by: mo.user.id });
      }
      expect(await stateOf(theirs)).toMatchObject({ state: "in_review", assigneeId: await userId("senior@example.com") });
      // Each event went through the write path: one audit entry per claim and per dismissal.
      const actions = await prisma.auditEntry.findMany({ where: { actorLabel: "moderator@example.com" }, orderBy: { seq: "asc" } });
      expect(actions.map((a) => [a.subjectId, a.action])).toEqual([
        [mine.id, "case.claim"],
        [fresh.id, "case.claim"],
        [fresh.id, "case.dismiss"],
        [mine.id, "case.dismiss"],
      ]);
      expect(actions.filter((a) => a.action === "case.dismiss").every((a) => a.reason === "Spam (bulk)")).toBe(true);
    });

    it("reports a conflict when a case changed after the moderator saw it", async () => {
      const c = await openCase();
      const seen = await ticked(c);
      await act(c.id, "senior@example.com", { type: "CLAIM" });
      await act(c.id, "senior@example.com", { type: "RELEASE" });
      const { reply } = await bulk(await loginAs("moderator@example.com"), { intent: "dismiss_spam", confirm: "yes", case: seen });
      expect(reply.results[0]).toMatchObject({ status: "conflict", message: expect.stringContaining("This case changed while you were looking at it") });
      expect((await stateOf(c)).state).toBe("new");
    });

    it("answers forbidden for each case when the user may not work cases", async () => {
      const c = await openCase();
      const { reply } = await bulk(await loginAs("leadership@example.com"), { intent: "dismiss_spam", confirm: "yes", case: await ticked(c) });
      expect(reply.results).toEqual([{ caseId: c.id, ref: c.ref, status: "forbidden", message: "You need the permission “work:case” to do this." }]);
      expect((await stateOf(c)).state).toBe("new");
    });

    it("asks for a selection instead of acting on nothing", async () => {
      const { status, reply } = await bulk(await loginAs("moderator@example.com"), { intent: "dismiss_spam" });
      expect(status).toBe(400);
      expect(reply.error).toBe("Tick at least one case first.");
    });
  });

  describe("assign", () => {
    it("hands new cases to the chosen moderator with a running claim", async () => {
      const [a, b] = [await openCase(), await openCase()];
      const lead = await loginAs("lead@example.com");
      const mo = await userId("moderator@example.com");
      const { reply } = await bulk(lead, { intent: "assign", assigneeId: mo, case: await ticked(a, b) });
      expect(reply.summary).toBe("Assigned to Mo Moderator: 2 of 2 cases done.");
      for (const c of [a, b]) {
        const row = await stateOf(c);
        expect(row).toMatchObject({ state: "in_review", assigneeId: mo });
        expect(row.claimExpiresAt!.getTime()).toBeGreaterThan(Date.now());
        expect(await prisma.timer.count({ where: { caseId: c.id, kind: "claim_expiry", status: "pending" } })).toBe(1);
        const audit = await prisma.auditEntry.findFirstOrThrow({ where: { subjectId: c.id, action: "case.assign" } });
        expect(audit.actorLabel).toBe("lead@example.com");
        expect(JSON.parse(audit.after!)).toMatchObject({ state: "in_review", assigneeId: mo });
      }
    });

    it("keeps escalated cases with seniors and reports why a case was refused", async () => {
      const [fresh, escalated, held] = [await openCase(), await openCase(), await openCase()];
      await act(escalated.id, "moderator@example.com", { type: "CLAIM" });
      await act(escalated.id, "moderator@example.com", { type: "ESCALATE", reason: "possible threat" });
      await act(held.id, "lead@example.com", { type: "CLAIM" });
      const other = await userId("moderator@example.com");

      const byModerator = await bulk(await loginAs("moderator@example.com"), { intent: "assign", assigneeId: await userId("lead@example.com"), case: await ticked(escalated) });
      expect(byModerator.reply.results[0]).toMatchObject({ status: "refused", message: "Only senior moderators and trust & safety leads assign escalated cases." });

      const senior = await loginAs("senior@example.com");
      const toModerator = await bulk(senior, { intent: "assign", assigneeId: other, case: await ticked(fresh, escalated, held) });
      expect(toModerator.reply.results.map((r) => [r.ref, r.status, r.message])).toEqual([
        [fresh.ref, "applied", "Assigned to Mo Moderator."],
        [escalated.ref, "refused", "Escalated cases go to senior moderators and trust & safety leads; Mo Moderator (moderator@example.com) is neither."],
        [held.ref, "refused", expect.stringMatching(/^This case is held by Lee Lead \(lead@example\.com\) until /)],
      ]);

      const toLead = await bulk(senior, { intent: "assign", assigneeId: await userId("lead@example.com"), case: await ticked(escalated) });
      expect(toLead.reply.results[0].status).toBe("applied");
      expect(await stateOf(escalated)).toMatchObject({ state: "in_review", assigneeId: await userId("lead@example.com") });
    });

    it("refuses to assign to someone who cannot work cases, or to nobody", async () => {
      const c = await openCase();
      const lead = await loginAs("lead@example.com");
      const toAdmin = await bulk(lead, { intent: "assign", assigneeId: await userId("admin@example.com"), case: await ticked(c) });
      expect(toAdmin).toMatchObject({ status: 400, reply: { error: "That person cannot be assigned cases." } });
      const toNobody = await bulk(lead, { intent: "assign", assigneeId: "", case: await ticked(c) });
      expect(toNobody).toMatchObject({ status: 400, reply: { error: "Choose who to assign the cases to." } });
      expect((await stateOf(c)).state).toBe("new");
    });
  });
});
