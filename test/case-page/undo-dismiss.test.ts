import { DISMISS_UNDO_MINUTES } from "@machines/triage";
import { beforeEach, describe, expect, it } from "vitest";
import { applyCaseEvent } from "~/models/cases/case-events.server";
import { resetPresence } from "~/models/cases/presence.server";
import { prisma } from "~/utils/db.server";
import { resetDb } from "../db";
import { reportSubject, userByEmail } from "../factories/cases";
import { seedDemo } from "../factories/demo";
import { loginAs } from "../http";
import { caseRow, pageAs, submit } from "./helpers";

// The case page offers "Undo dismissal" for ten minutes after a dismissal; it goes through
// the write path, is audited, and puts the case back in review with its deadlines as they were.

const pendingTimers = (caseId: string) =>
  prisma.timer.findMany({ where: { caseId, status: "pending" }, orderBy: { kind: "asc" }, select: { kind: true, dueAt: true } });

describe("undoing a dismissal from the case page", () => {
  beforeEach(async () => {
    await resetDb();
    await seedDemo();
    resetPresence();
  });

  it("is offered until ten minutes after the dismissal and returns the case to review, audited, with its deadlines", async () => {
    const c = await reportSubject();
    const mo = await loginAs("moderator@example.com");
    await submit(mo, c.ref, { intent: "CLAIM" });
    const working = await caseRow(c.ref);
    const deadlines = (await pendingTimers(c.id)).filter((t) => t.kind.startsWith("sla_"));
    expect(deadlines.map((t) => t.kind)).toContain("sla_resolution");

    expect((await submit(mo, c.ref, { intent: "DISMISS", reason: "Only spam links." })).status).toBe(302);
    const dismissed = await pageAs(mo, c.ref);
    expect(dismissed.state).toBe("dismissed");
    expect(dismissed.allowed).toContain("UNDO_DISMISS");
    expect(Date.parse(dismissed.outcome!.undoableUntil!) - Date.parse(dismissed.outcome!.at)).toBe(DISMISS_UNDO_MINUTES * 60_000);
    expect((await pendingTimers(c.id)).filter((t) => t.kind.startsWith("sla_"))).toEqual([]);

    const res = await submit(mo, c.ref, { intent: "UNDO_DISMISS" });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(`/cases/${c.ref}`);
    const back = await caseRow(c.ref);
    expect(back).toMatchObject({ state: "in_review", assigneeId: mo.user.id, isOpen: true, resolution: null });
    // The deadlines are the ones the case had, not a fresh round; the first response stays answered.
    expect(back.firstRespondedAt).toEqual(working.firstRespondedAt);
    expect(back.resolutionDueAt).toEqual(working.resolutionDueAt);
    const timers = await pendingTimers(c.id);
    expect(timers.filter((t) => t.kind.startsWith("sla_"))).toEqual(deadlines);
    expect(timers.map((t) => t.kind)).toContain("claim_expiry");

    const page = await pageAs(mo, c.ref);
    expect(page.allowed).toEqual(expect.arrayContaining(["ACT", "DISMISS", "RELEASE"]));
    expect(page.allowed).not.toContain("UNDO_DISMISS");
    expect(page.timeline.entries.map((e) => e.what).slice(-2)).toEqual(["Dismiss", "Undo dismissal"]);
    expect(page.timeline.entries.at(-1)).toMatchObject({ who: "Mo Moderator (moderator@example.com)", role: "moderator", detail: "dismissed → in review" });
  });

  it("is not offered after the window and is refused with a clear message, changing nothing", async () => {
    const c = await reportSubject();
    const mo = await loginAs("moderator@example.com");
    await submit(mo, c.ref, { intent: "CLAIM" });
    const longAgo = new Date(Date.now() - (DISMISS_UNDO_MINUTES + 5) * 60_000);
    const dismissal = await applyCaseEvent({ caseId: c.id, event: { type: "DISMISS", reason: "Only spam links." }, actor: await userByEmail("moderator@example.com"), at: longAgo });
    expect(dismissal.status).toBe("applied");
    const page = await pageAs(mo, c.ref);
    expect(page.allowed).not.toContain("UNDO_DISMISS");
    const before = await caseRow(c.ref);

    const res = await submit(mo, c.ref, { intent: "UNDO_DISMISS" });
    expect(res.status).toBe(409);
    const ended = new Date(longAgo.getTime() + DISMISS_UNDO_MINUTES * 60_000).toISOString().slice(11, 16);
    expect(await res.json()).toMatchObject({
      status: "refused",
      intent: "UNDO_DISMISS",
      message: `The ${DISMISS_UNDO_MINUTES} minutes to undo this dismissal ended at ${ended} UTC. A senior moderator can still reopen the case.`,
    });
    expect(await caseRow(c.ref)).toEqual(before);
  });

  it("is refused to those who may only read cases", async () => {
    const c = await reportSubject();
    const mo = await loginAs("moderator@example.com");
    await submit(mo, c.ref, { intent: "CLAIM" });
    await submit(mo, c.ref, { intent: "DISMISS", reason: "Only spam links." });
    const leadership = await loginAs("leadership@example.com");
    expect((await pageAs(leadership, c.ref)).allowed).toEqual([]);
    const res = await submit(leadership, c.ref, { intent: "UNDO_DISMISS" });
    expect(res.status).toBe(403);
    expect((await caseRow(c.ref)).state).toBe("dismissed");
  });
});
