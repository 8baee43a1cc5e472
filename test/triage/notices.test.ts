import { beforeEach, describe, expect, it } from "vitest";
import { applyCaseEvent } from "~/models/cases/case-events.server";
import { prisma } from "~/utils/db.server";
import { resetDb } from "../db";
import { seedDemo } from "../factories/demo";
import { reportSubject, userByEmail } from "../factories/cases";

// What the triage machine asks the server to tell people, as each person finds it in their inbox.

beforeEach(async () => {
  await resetDb();
  await seedDemo();
});

const noticesOf = (userId: string, caseId: string, kinds = ["resolved", "reopened"]) =>
  prisma.notification.findMany({ where: { userId, caseId, kind: { in: kinds } }, orderBy: { createdAt: "asc" } });

const applied = async (input: Parameters<typeof applyCaseEvent>[0]) => {
  const outcome = await applyCaseEvent(input);
  expect(outcome.status).toBe("applied");
  return outcome;
};

describe("triage notices", () => {
  it("tells the proposer when the second person approves their ban, and no one else", async () => {
    const c = await reportSubject();
    const [mo, senior, lead] = await Promise.all(["moderator", "senior", "lead"].map((n) => userByEmail(`${n}@example.com`)));
    await applied({ caseId: c.id, event: { type: "CLAIM" }, actor: mo });
    await applied({ caseId: c.id, event: { type: "ACT", action: "ban", ruleCode: "respect", reason: "Repeated abuse" }, actor: mo });
    await applied({ caseId: c.id, event: { type: "APPROVE" }, actor: senior });

    expect(await noticesOf(mo.id, c.id)).toEqual([
      expect.objectContaining({ kind: "resolved", title: `${c.ref}: senior@example.com approved the ban you proposed`, body: "Repeated abuse" }),
    ]);
    expect(await noticesOf(senior.id, c.id)).toEqual([]);
    expect(await noticesOf(lead.id, c.id)).toEqual([]);
  });

  it("tells whoever escalated a case how it ended", async () => {
    const c = await reportSubject();
    const [mo, senior] = await Promise.all(["moderator", "senior"].map((n) => userByEmail(`${n}@example.com`)));
    await applied({ caseId: c.id, event: { type: "CLAIM" }, actor: mo });
    await applied({ caseId: c.id, event: { type: "ESCALATE", reason: "Looks coordinated" }, actor: mo });
    await applied({ caseId: c.id, event: { type: "CLAIM" }, actor: senior });
    await applied({ caseId: c.id, event: { type: "ACT", action: "warn", ruleCode: "respect", reason: "First offence" }, actor: senior });

    expect(await noticesOf(mo.id, c.id)).toEqual([
      expect.objectContaining({ kind: "resolved", title: `${c.ref}, which you escalated, was resolved by senior@example.com: author warned`, body: "First offence" }),
    ]);
    expect(await noticesOf(senior.id, c.id)).toEqual([]);
  });

  it("tells nobody when a moderator resolves a case they took from the queue themselves", async () => {
    const c = await reportSubject();
    const mo = await userByEmail("moderator@example.com");
    await applied({ caseId: c.id, event: { type: "CLAIM" }, actor: mo });
    await applied({ caseId: c.id, event: { type: "DISMISS", reason: "Not a personal attack" }, actor: mo });
    expect(await prisma.notification.count({ where: { caseId: c.id } })).toBe(0);
  });

  it("tells whoever decided a case when a new report brings it back", async () => {
    const c = await reportSubject({ subjectId: "post-77", ruleCode: "spam" });
    const mo = await userByEmail("moderator@example.com");
    await applied({ caseId: c.id, event: { type: "CLAIM" }, actor: mo });
    await applied({ caseId: c.id, event: { type: "DISMISS", reason: "Not spam" }, actor: mo });

    const again = await reportSubject({ subjectId: "post-77", ruleCode: "threats" });
    expect(again).toMatchObject({ id: c.id, state: "new" });
    expect(await noticesOf(mo.id, c.id)).toEqual([
      expect.objectContaining({ kind: "reopened", title: `${c.ref}, which you resolved (dismissed), came back: a new report under threats` }),
    ]);
  });

  it("tells whoever decided a case when a senior reopens it, with the senior's reason", async () => {
    const c = await reportSubject();
    const [mo, lead] = await Promise.all(["moderator", "lead"].map((n) => userByEmail(`${n}@example.com`)));
    await applied({ caseId: c.id, event: { type: "CLAIM" }, actor: mo });
    await applied({ caseId: c.id, event: { type: "ACT", action: "mute", ruleCode: "respect", reason: "Insults" }, actor: mo });
    await applied({ caseId: c.id, event: { type: "REOPEN", reason: "The author appealed with context" }, actor: lead });

    expect(await noticesOf(mo.id, c.id, ["reopened"])).toEqual([
      expect.objectContaining({
        title: `${c.ref}, which you resolved (author muted), came back: reopened by lead@example.com`,
        body: "The author appealed with context",
      }),
    ]);
    expect(await noticesOf(lead.id, c.id)).toEqual([]);
  });
});
