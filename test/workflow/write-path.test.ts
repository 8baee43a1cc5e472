import { beforeEach, describe, expect, it } from "vitest";
import { applyCaseEvent } from "~/models/cases/case-events.server";
import { caseSubject } from "~/models/cases/case-subject.server";
import { escalationSubject } from "~/models/escalation/escalation-subject.server";
import type { EffectHandlers } from "~/models/workflow/subject-kind";
import { verifyAuditChain } from "~/models/audit/audit-verify.server";
import { applySubjectEvent } from "~/models/workflow/write-path.server";
import { prisma } from "~/utils/db.server";
import { resetDb } from "../db";
import { reportSubject, userByEmail } from "../factories/cases";
import { seedDemo } from "../factories/demo";

// The one write path (docs/decisions/0021), as callers meet it: a stale version is answered
// with the name of whoever changed the subject, and a failure in any effect handler leaves
// nothing behind: no snapshot, audit entry, timer, notice, outbox row or enforcement record.

beforeEach(async () => {
  await resetDb();
  await seedDemo();
});

/** Everything a change could have written. */
async function everything(caseId: string) {
  const [row, escalation, audit, timers, notices, outbox, enforcement] = await Promise.all([
    prisma.case.findUniqueOrThrow({ where: { id: caseId } }),
    prisma.caseEscalation.findUnique({ where: { caseId } }),
    prisma.auditEntry.count(),
    prisma.timer.findMany({ where: { caseId }, orderBy: { id: "asc" }, select: { id: true, kind: true, status: true, dueAt: true } }),
    prisma.notification.count(),
    prisma.outboxMessage.count(),
    prisma.enforcementAction.count(),
  ]);
  return { row, escalation, audit, timers, notices, outbox, enforcement };
}

class HandlerFailed extends Error {}

function failing<H extends Record<string, unknown>>(handlers: H, kind: keyof H): H {
  return {
    ...handlers,
    [kind]: async () => {
      throw new HandlerFailed(`the ${String(kind)} handler failed`);
    },
  };
}

describe("the write path", () => {
  it("answers a stale version with who changed the case and what they did", async () => {
    const c = await reportSubject();
    const mo = await userByEmail("moderator@example.com");
    const senior = await userByEmail("senior@example.com");
    const seen = c.version;
    expect((await applyCaseEvent({ caseId: c.id, event: { type: "CLAIM" }, actor: senior, expectedVersion: seen })).status).toBe("applied");

    const late = await applyCaseEvent({ caseId: c.id, event: { type: "CLAIM" }, actor: mo, expectedVersion: seen });
    expect(late.status).toBe("conflict");
    if (late.status !== "conflict") return;
    expect(late.message).toContain("senior@example.com");
    expect(late.message).toContain("claim");
    expect(late.lastChange).toMatchObject({ action: "case.claim" });
    expect(late.latest).toMatchObject({ ref: c.ref, version: seen + 1, assigneeId: senior.id });
  });

  // One event per triage effect kind that emits it; each must roll back whole when its handler fails.
  const triageEffects: { effect: keyof typeof caseSubject.effects; prepare: string[]; event: Parameters<typeof applyCaseEvent>[0]["event"]; by: string }[] = [
    { effect: "timer.schedule", prepare: [], event: { type: "CLAIM" }, by: "moderator@example.com" },
    { effect: "timer.cancel", prepare: ["CLAIM"], event: { type: "RELEASE" }, by: "moderator@example.com" },
    { effect: "enforcement.record", prepare: ["CLAIM"], event: { type: "ACT", action: "remove_content", ruleCode: "respect", reason: "Insult." }, by: "moderator@example.com" },
    { effect: "notify", prepare: ["CLAIM"], event: { type: "ACT", action: "ban", ruleCode: "respect", reason: "Repeated insults." }, by: "moderator@example.com" },
  ];

  for (const { effect, prepare, event, by } of triageEffects) {
    it(`rolls a case change back whole when its ${effect} handler fails`, async () => {
      const c = await reportSubject();
      const actor = await userByEmail(by);
      for (const type of prepare) expect((await applyCaseEvent({ caseId: c.id, event: { type } as never, actor })).status).toBe("applied");
      // The same event goes through with every handler working: the failure below is the handler's alone.
      const before = await everything(c.id);
      const broken = { ...caseSubject, effects: failing(caseSubject.effects, effect) as EffectHandlers<never, never> as typeof caseSubject.effects };
      await expect(applySubjectEvent(broken, { id: c.id, event, actor })).rejects.toThrow(HandlerFailed);
      expect(await everything(c.id)).toEqual(before);

      const works = await applySubjectEvent(caseSubject, { id: c.id, event, actor });
      expect(works.status).toBe("applied");
      if (works.status === "applied") expect(works.effects.map((e) => e.type)).toContain(effect);
    });
  }

  const escalationEffects: { effect: keyof typeof escalationSubject.effects; prepare: { type: string; tier?: number; note: string; page?: boolean }[]; event: { type: string; note: string; tier?: number; page?: boolean; clock?: string } }[] = [
    { effect: "tier.entered", prepare: [], event: { type: "START", tier: 1, note: "Threat of violence.", page: true } },
    { effect: "tier.acknowledged", prepare: [{ type: "START", tier: 1, note: "Threat.", page: false }], event: { type: "ACKNOWLEDGE", note: "On it." } },
    { effect: "sla.breached", prepare: [{ type: "START", tier: 1, note: "Threat.", page: false }], event: { type: "BREACH", clock: "first_response", note: "Deadline passed." } },
    { effect: "escalation.resolved", prepare: [{ type: "START", tier: 1, note: "Threat.", page: false }], event: { type: "RESOLVE", note: "Handled." } },
  ];

  for (const { effect, prepare, event } of escalationEffects) {
    it(`rolls an escalation move back whole when its ${effect} handler fails`, async () => {
      const c = await reportSubject();
      const lead = await userByEmail("lead@example.com");
      const system = { kind: "system" as const, name: "scheduler" };
      const send = async (kind: typeof escalationSubject, body: typeof event) => {
        const caseRow = await prisma.case.findUniqueOrThrow({ where: { id: c.id } });
        const actor = body.type === "BREACH" || body.type === "START" ? system : lead;
        return applySubjectEvent(kind, { id: c.id, caseRow, event: body as never, actor });
      };
      for (const step of prepare) expect((await send(escalationSubject, step)).status).toBe("applied");
      const before = await everything(c.id);
      const broken = { ...escalationSubject, effects: failing(escalationSubject.effects, effect) as typeof escalationSubject.effects };
      await expect(send(broken, event)).rejects.toThrow(HandlerFailed);
      expect(await everything(c.id)).toEqual(before);

      const works = await send(escalationSubject, event);
      expect(works.status).toBe("applied");
      if (works.status === "applied") expect(works.effects.map((e) => e.type)).toContain(effect);
    });
  }

  // Most changes are written on the lane, without the client; one that needs the client there
  // starts again in a client transaction. Either way the change is written exactly once.
  it("writes a change that needs the client exactly once, whichever transaction it ends in", async () => {
    const mo = await userByEmail("moderator@example.com");
    for (let round = 0; round < 3; round++) {
      const c = await reportSubject();
      expect((await applyCaseEvent({ caseId: c.id, event: { type: "CLAIM" }, actor: mo })).status).toBe("applied");
      const before = await everything(c.id);
      const acted = await applyCaseEvent({ caseId: c.id, event: { type: "ACT", action: "remove_content", ruleCode: "respect", reason: "Insult." }, actor: mo });
      expect(acted.status).toBe("applied");
      const after = await everything(c.id);
      expect(after.audit - before.audit).toBe(1);
      expect(after.enforcement - before.enforcement).toBe(1);
      expect(after.row.version).toBe(before.row.version + 1);
    }
    expect(await verifyAuditChain(prisma)).toMatchObject({ ok: true });
  });

  it("keeps nothing of a lane attempt whose handler caught the client's refusal, and writes the change once with the client", async () => {
    const c = await reportSubject();
    const mo = await userByEmail("moderator@example.com");
    const schedule = caseSubject.effects["timer.schedule"];
    // A handler that swallows every failure of a client write: on the lane that write cannot
    // happen, so the lane's transaction must not commit without it.
    const swallowing = {
      ...caseSubject,
      effects: {
        ...caseSubject.effects,
        "timer.schedule": (async (tx, effect, applying) => {
          await schedule(tx, effect, applying);
          try {
            await tx.notification.create({ data: { userId: mo.id, kind: "test", caseId: c.id, caseRef: c.ref, title: "Claimed", body: "Claimed." } });
          } catch {
            // swallowed on purpose
          }
        }) as typeof schedule,
      },
    };
    const before = await everything(c.id);
    const claimed = await applySubjectEvent(swallowing, { id: c.id, event: { type: "CLAIM" }, actor: mo });
    expect(claimed.status).toBe("applied");
    const after = await everything(c.id);
    expect(after.notices - before.notices).toBe(1);
    expect(after.audit - before.audit).toBe(1);
    expect(after.timers.filter((t) => t.kind === "claim_expiry" && t.status === "pending")).toHaveLength(1);
    expect(await verifyAuditChain(prisma)).toMatchObject({ ok: true });
  });
});
