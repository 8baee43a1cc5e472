import { DISMISS_UNDO_MINUTES } from "@machines/triage";
import { beforeEach, describe, expect, it } from "vitest";
import { applyCaseEvent } from "~/models/cases/case-events.server";
import { action } from "~/routes/queue.bulk";
import { prisma } from "~/utils/db.server";
import { resetDb } from "../db";
import { seedDemo } from "../factories/demo";
import type { Browser } from "../http";
import { loginAs, postForm, respond, routeArgs } from "../http";
import type { OpenCase } from "./helpers";
import { act, openCase } from "./helpers";

// "Dismiss as spam" on the queue asks first, and for a few minutes afterwards offers an
// undo that takes each case back through the write path to where it was.

type Result = { caseId: string; ref: string | null; status: string; message: string };
type Reply = {
  intent: string | null;
  summary?: string;
  error?: string;
  results?: Result[];
  confirm?: { cases: { caseId: string; version?: number; ref: string }[] };
  undo?: { until: string; cases: { caseId: string; version: number; release: boolean }[] } | null;
};

async function bulk(browser: Browser, fields: Record<string, string | string[]>) {
  const res = await respond(() => action(routeArgs(postForm("/queue/bulk", fields, browser))));
  return { status: res.status, reply: (await res.json()) as Reply };
}

const rowOf = (c: OpenCase) => prisma.case.findUniqueOrThrow({ where: { id: c.id } });
const ticked = async (...cases: OpenCase[]) => Promise.all(cases.map(async (c) => `${c.id}:${(await rowOf(c)).version}`));
const caseActions = () => prisma.auditEntry.findMany({ where: { subjectType: "Case", actorLabel: { not: "system" }, action: { not: "case.created" } }, orderBy: { seq: "asc" } });

/** The fields of the undo form the dismissal's answer carries. */
function undoForm(undo: NonNullable<Reply["undo"]>) {
  return { intent: "undo_dismiss", case: undo.cases.map((c) => `${c.caseId}:${c.version}`), release: undo.cases.filter((c) => c.release).map((c) => c.caseId) };
}

describe("dismissing as spam from the queue", () => {
  beforeEach(async () => {
    await resetDb();
    await seedDemo();
  });

  it("asks first, naming the cases, and changes nothing until confirmed", async () => {
    const [a, b] = [await openCase(), await openCase()];
    const mo = await loginAs("moderator@example.com");
    const before = await caseActions();

    const { status, reply } = await bulk(mo, { intent: "dismiss_spam", case: await ticked(a, b) });
    expect(status).toBe(200);
    expect(reply.confirm?.cases).toEqual([
      { caseId: a.id, version: (await rowOf(a)).version, ref: a.ref },
      { caseId: b.id, version: (await rowOf(b)).version, ref: b.ref },
    ]);
    expect(reply.results).toBeUndefined();
    for (const c of [a, b]) expect(await rowOf(c)).toMatchObject({ state: "new", assigneeId: null, isOpen: true });
    expect(await caseActions()).toEqual(before);

    const confirmed = await bulk(mo, { intent: "dismiss_spam", confirm: "yes", case: await ticked(a, b) });
    expect(confirmed.reply.summary).toBe("Dismissed as spam: 2 of 2 cases done.");
    for (const c of [a, b]) expect((await rowOf(c)).state).toBe("dismissed");
  });

  it("refuses a confirmation that is not exactly “yes”, changing nothing", async () => {
    const c = await openCase();
    const { status, reply } = await bulk(await loginAs("moderator@example.com"), { intent: "dismiss_spam", confirm: "sure", case: await ticked(c) });
    expect(status).toBe(400);
    expect(reply.error).toBeTruthy();
    expect((await rowOf(c)).state).toBe("new");
  });

  it("offers an undo for ten minutes that puts each case back where it was, audited", async () => {
    const [fresh, mine] = [await openCase(), await openCase()];
    await act(mine.id, "moderator@example.com", { type: "CLAIM" });
    const mo = await loginAs("moderator@example.com");
    const started = Date.now();
    const { reply } = await bulk(mo, { intent: "dismiss_spam", confirm: "yes", case: await ticked(fresh, mine) });

    const undo = reply.undo!;
    expect(undo.cases).toEqual([
      { caseId: fresh.id, version: (await rowOf(fresh)).version, release: true },
      { caseId: mine.id, version: (await rowOf(mine)).version, release: false },
    ]);
    const window = Date.parse(undo.until) - started;
    expect(window).toBeGreaterThanOrEqual(DISMISS_UNDO_MINUTES * 60_000);
    expect(window).toBeLessThan((DISMISS_UNDO_MINUTES + 1) * 60_000);

    const undone = await bulk(mo, undoForm(undo));
    expect(undone.status).toBe(200);
    expect(undone.reply.summary).toBe("Dismissal undone: 2 of 2 cases done.");
    expect(undone.reply.results).toEqual([
      { caseId: fresh.id, ref: fresh.ref, status: "applied", message: "Dismissal undone: back in the queue." },
      { caseId: mine.id, ref: mine.ref, status: "applied", message: "Dismissal undone: back in review, held by you." },
    ]);
    // The case the bulk claimed is in the queue again, unheld; the one the moderator held is theirs again.
    expect(await rowOf(fresh)).toMatchObject({ state: "new", assigneeId: null, isOpen: true, resolution: null });
    const held = await rowOf(mine);
    expect(held).toMatchObject({ state: "in_review", assigneeId: mo.user.id, isOpen: true, resolution: null });
    expect(held.claimExpiresAt!.getTime()).toBeGreaterThan(Date.now());
    expect(await prisma.timer.count({ where: { caseId: mine.id, kind: "claim_expiry", status: "pending" } })).toBe(1);

    const trail = await prisma.auditEntry.findMany({ where: { subjectId: fresh.id, actorLabel: "moderator@example.com" }, orderBy: { seq: "asc" } });
    expect(trail.map((e) => e.action)).toEqual(["case.claim", "case.dismiss", "case.undo_dismiss", "case.release"]);
    expect(JSON.parse(trail[2].before!)).toMatchObject({ state: "dismissed" });
    expect(JSON.parse(trail[2].after!)).toMatchObject({ state: "in_review", assigneeId: mo.user.id });
    expect(trail[2]).toMatchObject({ role: "moderator", reason: null });
  });

  it("refuses an undo once the ten minutes are over, saying so, and the case stays dismissed", async () => {
    const c = await openCase();
    await act(c.id, "moderator@example.com", { type: "CLAIM" });
    const mo = await loginAs("moderator@example.com");
    const longAgo = new Date(Date.now() - (DISMISS_UNDO_MINUTES + 1) * 60_000);
    const dismissed = await applyCaseEvent({ caseId: c.id, event: { type: "DISMISS", reason: "Spam (bulk)" }, actor: { kind: "user", ...mo.user }, at: longAgo });
    expect(dismissed.status).toBe("applied");
    const before = await rowOf(c);

    const { reply } = await bulk(mo, { intent: "undo_dismiss", case: await ticked(c), release: [c.id] });
    expect(reply.summary).toBe("Dismissal undone: 0 of 1 case done.");
    expect(reply.results).toEqual([
      {
        caseId: c.id,
        ref: c.ref,
        status: "refused",
        message: `The ${DISMISS_UNDO_MINUTES} minutes to undo this dismissal ended at ${new Date(longAgo.getTime() + DISMISS_UNDO_MINUTES * 60_000).toISOString().slice(11, 16)} UTC. A senior moderator can still reopen the case.`,
      },
    ]);
    expect(await rowOf(c)).toEqual(before);
  });

  it("lets only those who may work the case undo it: not leadership, and not a moderator on an escalated case", async () => {
    const [plain, escalated] = [await openCase(), await openCase()];
    await act(escalated.id, "moderator@example.com", { type: "CLAIM" });
    await act(escalated.id, "moderator@example.com", { type: "ESCALATE", reason: "possible threat" });
    const senior = await loginAs("senior@example.com");
    const { reply } = await bulk(senior, { intent: "dismiss_spam", confirm: "yes", case: await ticked(plain, escalated) });
    const form = undoForm(reply.undo!);

    const byLeadership = await bulk(await loginAs("leadership@example.com"), form);
    expect(byLeadership.reply.results!.map((r) => r.status)).toEqual(["forbidden", "forbidden"]);
    const byModerator = await bulk(await loginAs("moderator@example.com"), form);
    expect(byModerator.reply.results!.map((r) => [r.ref, r.status])).toEqual([
      [plain.ref, "applied"],
      [escalated.ref, "refused"],
    ]);
    expect((await rowOf(escalated)).state).toBe("dismissed");
    // The senior who dismissed it can; it goes back to the senior queue.
    const bySenior = await bulk(senior, { ...form, case: await ticked(escalated) });
    expect(bySenior.reply.results![0]).toMatchObject({ status: "applied", message: "Dismissal undone: back in the queue." });
    expect(await rowOf(escalated)).toMatchObject({ state: "escalated", assigneeId: null });
  });

  it("answers a conflict for a case that changed after the dismissal, and changes nothing", async () => {
    const c = await openCase();
    const mo = await loginAs("moderator@example.com");
    const { reply } = await bulk(mo, { intent: "dismiss_spam", confirm: "yes", case: await ticked(c) });
    await act(c.id, "moderator@example.com", { type: "CLOSE" });
    const before = await rowOf(c);
    const undone = await bulk(mo, undoForm(reply.undo!));
    expect(undone.reply.results![0]).toMatchObject({ status: "conflict", message: expect.stringContaining("This case changed while you were looking at it") });
    expect(await rowOf(c)).toEqual(before);
  });

  it("refuses an undo without the versions the dismissal left", async () => {
    const c = await openCase();
    const { status, reply } = await bulk(await loginAs("moderator@example.com"), { intent: "undo_dismiss", case: [c.id] });
    expect(status).toBe(400);
    expect(reply.error).toBe("The undo lost track of the cases' versions. Undo them from each case's page.");
  });
});
