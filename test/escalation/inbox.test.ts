import { beforeEach, describe, expect, it } from "vitest";
import { applyCaseEvent } from "~/models/cases/case-events.server";
import { fireCaseTimer } from "~/models/cases/case-timers.server";
import { applyEscalationCommand } from "~/models/escalation/escalation-commands.server";
import type { InboxMatter } from "~/models/messages/inbox.server";
import { action as inboxAction, loader as inboxLoader } from "~/routes/inbox";
import { createScheduler } from "~/services/scheduler.server";
import { prisma } from "~/utils/db.server";
import { resetDb } from "../db";
import { reportSubject, userByEmail } from "../factories/cases";
import { seedDemo } from "../factories/demo";
import type { Browser } from "../http";
import { getRequest, loginAs, postForm, respond, routeArgs } from "../http";

// A notice that asks for something shows as done in everyone's inbox once someone has
// done it, with who and when; until then it stays an open action.

beforeEach(async () => {
  await resetDb();
  await seedDemo();
});

type Item = { id: string; kind: string; caseRef: string; title: string; acknowledgeable: boolean; matter: InboxMatter };

async function inboxOf(browser: Browser, caseRef: string): Promise<Item[]> {
  const res = await respond(() => inboxLoader(routeArgs(getRequest("/inbox", browser))));
  return ((await res.json()) as { items: Item[] }).items.filter((n) => n.caseRef === caseRef);
}

const hhmm = (d: Date) => `${d.toISOString().slice(11, 16)} UTC`;
const auditAt = async (caseId: string, action: string) => (await prisma.auditEntry.findFirstOrThrow({ where: { subjectId: caseId, action } })).at;

async function breachFirstResponse(caseId: string) {
  const due = (await prisma.case.findUniqueOrThrow({ where: { id: caseId } })).firstResponseDueAt!;
  const scheduler = createScheduler({ fire: fireCaseTimer, instanceId: "inbox", onError: (e) => console.error(e) });
  while ((await scheduler.tick(new Date(due.getTime() + 60_000))) > 0);
}

async function atSeniorTier() {
  const c = await reportSubject();
  const mo = await userByEmail("moderator@example.com");
  await applyCaseEvent({ caseId: c.id, event: { type: "CLAIM" }, actor: mo });
  await applyCaseEvent({ caseId: c.id, event: { type: "ESCALATE", reason: "Part of a pile-on." }, actor: mo });
  return c;
}

describe("the inbox", () => {
  it("shows an escalation one senior acknowledged as done for everyone it went to", async () => {
    const c = await atSeniorTier();
    const senior = await loginAs("senior@example.com");
    const lead = await loginAs("lead@example.com");
    for (const browser of [senior, lead]) {
      expect(await inboxOf(browser, c.ref)).toMatchObject([{ kind: "escalated", acknowledgeable: true, matter: { status: "open" } }]);
    }

    const [notice] = await inboxOf(senior, c.ref);
    await respond(() => inboxAction(routeArgs(postForm("/inbox", { intent: "acknowledge", id: notice.id }, senior))));
    const done = { status: "done", summary: `Acknowledged by Sen Senior at ${hhmm(await auditAt(c.id, "escalation.acknowledge"))}` };
    for (const browser of [senior, lead]) {
      expect(await inboxOf(browser, c.ref)).toMatchObject([{ kind: "escalated", acknowledgeable: false, matter: done }]);
    }
  });

  it("keeps a page open through a missed deadline at the top tier, and shows it done once the escalation is resolved", async () => {
    const c = await reportSubject({ ruleCode: "self_harm", subject: { type: "content", id: "post-inbox-1", text: "I can't go on." } });
    const responder = await loginAs("responder@example.com");
    await breachFirstResponse(c.id);
    const paged = (await inboxOf(responder, c.ref)).find((n) => n.kind === "paged");
    // Nobody has acknowledged it yet: the breach is news, not an answer.
    expect(paged).toMatchObject({ acknowledgeable: true, matter: { status: "open" } });

    await applyEscalationCommand({ caseId: c.id, type: "RESOLVE", note: "Reached the member; safe.", actor: await userByEmail("commander@example.com") });
    expect((await inboxOf(responder, c.ref)).find((n) => n.kind === "paged")).toMatchObject({
      acknowledgeable: false,
      matter: { status: "done", summary: `Resolved by Cora Commander at ${hhmm(await auditAt(c.id, "escalation.resolve"))}` },
    });
  });

  it("shows a tier's notice as done once the case climbed past it, and the next tier's as open", async () => {
    const c = await atSeniorTier();
    await breachFirstResponse(c.id);
    const lead = await loginAs("lead@example.com");
    const notices = await inboxOf(lead, c.ref);
    const entered = notices.filter((n) => n.kind === "escalated");
    expect(entered.map((n) => [n.title, n.matter])).toEqual([
      [`${c.ref} escalated to Trust & safety lead`, { status: "open" }],
      [`${c.ref} escalated to Senior moderator`, { status: "done", summary: `Deadline missed: climbed to Trust & safety lead at ${hhmm(await auditAt(c.id, "escalation.breach"))}` }],
    ]);
    // Notices that ask for nothing stay notices.
    expect(notices.filter((n) => n.kind === "sla_breached").map((n) => n.matter)).toEqual([{ status: "notice" }]);
  });

  it("shows a ban proposal as done for every approver once one approved it, and names who rejected another", async () => {
    const mo = await userByEmail("moderator@example.com");
    const senior = await userByEmail("senior@example.com");
    const approved = await reportSubject({ ruleCode: "hate" });
    const rejected = await reportSubject({ ruleCode: "hate" });
    for (const c of [approved, rejected]) {
      await applyCaseEvent({ caseId: c.id, event: { type: "CLAIM" }, actor: mo });
      await applyCaseEvent({ caseId: c.id, event: { type: "ACT", action: "ban", ruleCode: "hate", reason: "Slurs after two warnings." }, actor: mo });
    }
    const lead = await loginAs("lead@example.com");
    expect(await inboxOf(lead, approved.ref)).toMatchObject([{ kind: "approval_requested", matter: { status: "open" } }]);

    await applyCaseEvent({ caseId: approved.id, event: { type: "APPROVE" }, actor: senior });
    await applyCaseEvent({ caseId: rejected.id, event: { type: "REJECT", reason: "Not a ban yet: mute first." }, actor: senior });
    for (const browser of [lead, await loginAs("senior@example.com")]) {
      expect(await inboxOf(browser, approved.ref)).toMatchObject([
        { kind: "approval_requested", matter: { status: "done", summary: `Approved by Sen Senior at ${hhmm(await auditAt(approved.id, "case.approve"))}` } },
      ]);
      expect(await inboxOf(browser, rejected.ref)).toMatchObject([
        { kind: "approval_requested", matter: { status: "done", summary: `Rejected by Sen Senior at ${hhmm(await auditAt(rejected.id, "case.reject"))}` } },
      ]);
    }
  });
});
