import { beforeEach, describe, expect, it } from "vitest";
import { draftCell, moveStatement } from "~/models/statements/statement-commands.server";
import { createWebhook } from "~/models/messages/webhooks.server";
import { textHash } from "~/models/statements/statement-text";
import { prisma } from "~/utils/db.server";
import { userByEmail } from "../factories/cases";
import { DEMO_CRISIS_REF, seedCrises } from "../factories/crises";
import { seedWithPlaybooks } from "../playbooks/helpers";

// Statements through the one write path on both stores: drafted from the approved template,
// approved by each link of the chain the playbook names (distinct people, never the author),
// sent back by an edit, published through the outbox and the webhook, superseded by the
// cell's next statement, each step audited with the text's hash.

beforeEach(async () => {
  await seedWithPlaybooks();
  await seedCrises();
});

const people = async () => ({
  comms: await userByEmail("comms@example.com"),
  commander: await userByEmail("commander@example.com"),
  lead: await userByEmail("lead@example.com"),
});

async function drafted(cell: { stage?: "holding" | "update"; audience: string; channel: string; language: string }) {
  const { comms } = await people();
  const outcome = await draftCell({ crisisRef: DEMO_CRISIS_REF, stage: cell.stage ?? "holding", ...cell, actor: comms });
  if (outcome.status !== "applied") throw new Error(outcome.message);
  return prisma.statement.findUniqueOrThrow({ where: { ref: outcome.ref } });
}

describe("a crisis statement", () => {
  it("is drafted from the approved template in its language, filled with the crisis's title, under the chain of the playbook's step", async () => {
    const pl = await drafted({ audience: "public", channel: "email", language: "pl" });
    expect(pl).toMatchObject({ state: "drafted", templateKey: "holding_statement.email", templateLanguage: "pl", playbookStep: "holding_statement", sequence: 1 });
    expect(pl.subject).toBe("W sprawie: Member emails visible on public profiles");
    expect(JSON.parse(pl.chain)).toEqual({ roles: ["crisis_commander", "trust_safety_lead"], count: 2 });
    expect(pl.textHash).toBe(textHash({ subject: pl.subject, body: pl.body }));
    const audit = await prisma.auditEntry.findFirstOrThrow({ where: { subjectType: "Statement", subjectId: pl.id } });
    expect(audit.action).toBe("statement.draft");
    expect(JSON.parse(audit.after!)).toMatchObject({ hash: pl.textHash, crisis: DEMO_CRISIS_REF, state: "drafted" });
  });

  it("needs both links of the data leak's chain, never the author, and goes out by email through the outbox", async () => {
    const { comms, commander, lead } = await people();
    const st = await drafted({ audience: "public", channel: "email", language: "en" });
    expect((await moveStatement({ ref: st.ref, event: { type: "SUBMIT" }, actor: comms })).status).toBe("applied");
    // The comms lead holds no approving role, and may not approve their own text anyway.
    expect((await moveStatement({ ref: st.ref, event: { type: "APPROVE", hash: st.textHash }, actor: comms })).status).toBe("forbidden");
    expect((await moveStatement({ ref: st.ref, event: { type: "APPROVE", hash: st.textHash }, actor: commander })).status).toBe("applied");
    const early = await moveStatement({ ref: st.ref, event: { type: "PUBLISH" }, actor: comms });
    expect(early).toMatchObject({ status: "refused", message: expect.stringContaining("1 of 2 approvals") });
    const twice = await moveStatement({ ref: st.ref, event: { type: "APPROVE", hash: st.textHash }, actor: commander });
    expect(twice).toMatchObject({ status: "refused", message: expect.stringContaining("already") });
    expect((await moveStatement({ ref: st.ref, event: { type: "APPROVE", hash: st.textHash }, actor: lead })).status).toBe("applied");
    expect((await moveStatement({ ref: st.ref, event: { type: "PUBLISH" }, actor: comms })).status).toBe("applied");

    const row = await prisma.statement.findUniqueOrThrow({ where: { id: st.id } });
    expect(row.state).toBe("published");
    expect(JSON.parse(row.approvals).map((a: { by: string }) => a.by)).toEqual([commander.id, lead.id]);
    const message = await prisma.message.findFirstOrThrow({ where: { subjectType: "statement", subjectRef: st.ref }, include: { outbox: true } });
    expect(message).toMatchObject({ templateKey: "holding_statement.email", templateVersion: 1, language: "en", channel: "email", recipientKind: "public", subject: row.subject, body: row.body });
    expect(message.outbox?.kind).toBe("message.email");
    const actions = await prisma.auditEntry.findMany({ where: { subjectType: "Statement", subjectId: st.id }, orderBy: { seq: "asc" } });
    expect(actions.map((a) => a.action)).toEqual(["statement.draft", "statement.submit", "statement.approve", "statement.approve", "statement.publish"]);
    expect(actions.every((a) => JSON.parse(a.after!).hash === st.textHash)).toBe(true);
  });

  it("goes out in-app through the same outbox path as any in-app message to members, with its template version and language", async () => {
    const { comms, commander } = await people();
    const st = await drafted({ audience: "members", channel: "in_app", language: "pl" });
    expect(st).toMatchObject({ templateKey: "holding_statement.in_app", subject: null });
    await moveStatement({ ref: st.ref, event: { type: "SUBMIT" }, actor: comms });
    await moveStatement({ ref: st.ref, event: { type: "APPROVE", hash: st.textHash }, actor: commander });
    expect((await moveStatement({ ref: st.ref, event: { type: "PUBLISH" }, actor: comms })).status).toBe("applied");

    const message = await prisma.message.findFirstOrThrow({ where: { subjectType: "statement", subjectRef: st.ref }, include: { outbox: true } });
    expect(message).toMatchObject({ templateKey: "holding_statement.in_app", templateVersion: 1, language: "pl", channel: "in_app", recipientKind: "public", recipient: "in_app:members", subject: null, body: st.body, sentById: comms.id });
    expect(message.outbox).toMatchObject({ kind: "message.in_app", webhookId: null, status: "pending" });
    expect(JSON.parse(message.outbox!.payload)).toMatchObject({ channel: "in_app", recipient: { kind: "public" }, language: "pl", body: st.body, about: { type: "statement", ref: st.ref }, template: { key: "holding_statement.in_app", version: 1 } });
  });

  it("records on each message it sends who approved it, for staff only: the platform receives no approver", async () => {
    const { comms, commander, lead } = await people();
    const st = await drafted({ audience: "public", channel: "email", language: "en" });
    await moveStatement({ ref: st.ref, event: { type: "SUBMIT" }, actor: comms });
    await moveStatement({ ref: st.ref, event: { type: "APPROVE", hash: st.textHash }, actor: commander });
    await moveStatement({ ref: st.ref, event: { type: "APPROVE", hash: st.textHash }, actor: lead });
    expect((await moveStatement({ ref: st.ref, event: { type: "PUBLISH" }, actor: comms })).status).toBe("applied");

    const message = await prisma.message.findFirstOrThrow({ where: { subjectType: "statement", subjectRef: st.ref }, include: { outbox: true } });
    expect(JSON.parse(message.approvedByIds ?? "null")).toEqual([commander.id, lead.id]);
    for (const person of [commander, lead]) {
      expect(message.outbox!.payload).not.toContain(person.id);
      expect(message.outbox!.payload).not.toContain(person.email);
    }
  });

  it("goes back for approval when edited after an approval, and an approval of the old text is refused", async () => {
    const { comms, commander } = await people();
    const st = await drafted({ audience: "members", channel: "public_post", language: "en" });
    expect(JSON.parse(st.chain)).toEqual({ roles: ["crisis_commander", "trust_safety_lead"], count: 1 });
    await moveStatement({ ref: st.ref, event: { type: "SUBMIT" }, actor: comms });
    await moveStatement({ ref: st.ref, event: { type: "APPROVE", hash: st.textHash }, actor: commander });
    expect((await prisma.statement.findUniqueOrThrow({ where: { id: st.id } })).state).toBe("approved");
    const edited = await moveStatement({ ref: st.ref, event: { type: "EDIT", subject: null, body: `${st.body} More soon.` }, actor: comms });
    expect(edited.status).toBe("applied");
    const row = await prisma.statement.findUniqueOrThrow({ where: { id: st.id } });
    expect(row).toMatchObject({ state: "drafted", approvals: "[]" });
    await moveStatement({ ref: st.ref, event: { type: "SUBMIT" }, actor: comms });
    const stale = await moveStatement({ ref: st.ref, event: { type: "APPROVE", hash: st.textHash }, actor: commander });
    expect(stale).toMatchObject({ status: "refused", message: expect.stringContaining("The text changed") });
  });

  it("tells the social tool of a public post, promises the next update, and is superseded by its cell's next statement", async () => {
    const { comms, commander } = await people();
    const admin = await userByEmail("admin@example.com");
    await createWebhook({ name: "Social", url: "https://hooks.example.com/social", events: ["statement.published"], secret: "whsec_social_tool" }, admin);
    const at = new Date();
    const publish = async () => {
      const st = await drafted({ stage: "update", audience: "members", channel: "public_post", language: "en" });
      await moveStatement({ ref: st.ref, event: { type: "SUBMIT" }, actor: comms });
      await moveStatement({ ref: st.ref, event: { type: "APPROVE", hash: st.textHash }, actor: commander });
      const done = await moveStatement({ ref: st.ref, event: { type: "PUBLISH" }, actor: comms, at });
      expect(done.status).toBe("applied");
      return st;
    };
    const first = await publish();
    expect(first.body).toContain("Update 1 on the Member emails visible on public profiles");
    const crisis = await prisma.crisis.findUniqueOrThrow({ where: { ref: DEMO_CRISIS_REF } });
    expect(crisis.nextUpdateDueAt?.getTime()).toBe(at.getTime() + crisis.updateEveryMinutes * 60_000);
    const hooks = await prisma.outboxMessage.findMany({ where: { kind: "webhook.statement.published" } });
    expect(hooks).toHaveLength(1);
    expect(JSON.parse(hooks[0].payload).vigil).toMatchObject({ event: "statement.published", subject: { type: "statement", ref: first.ref }, post: first.body, language: "en" });
    expect(hooks[0].payload).not.toContain("Cora");

    const second = await publish();
    expect(second).toMatchObject({ sequence: 2 });
    expect(second.body).toContain("Update 2");
    expect(await prisma.statement.findUniqueOrThrow({ where: { id: first.id } })).toMatchObject({ state: "superseded" });
  });
});
