import { beforeEach, describe, expect, it } from "vitest";
import { loader as caseMessagesLoader, action as sendAction } from "~/routes/cases.$ref_.messages";
import type { CaseMessagesData } from "~/forms/composer";
import { loader as logLoader } from "~/routes/messages";
import { action as templateAction, loader as templateLoader } from "~/routes/templates.$key";
import { loader as libraryLoader } from "~/routes/templates._index";
import { prisma } from "~/utils/db.server";
import { resetDb } from "../db";
import { reportSubject } from "../factories/cases";
import { seedDemo } from "../factories/demo";
import { seedTemplates } from "../factories/templates";
import { getRequest, loginAs, postForm, respond, routeArgs } from "../http";
import { REPORTER, polishCaseRemoved } from "./helpers";

describe("messages from templates", () => {
  beforeEach(async () => {
    await resetDb();
    await seedDemo();
    await seedTemplates();
  });

  it("proposes the outcome in the reporter's language and logs the sent message with key, version and language", async () => {
    const c = await polishCaseRemoved();
    const report = await prisma.report.findFirstOrThrow({ where: { caseId: c.id } });
    const mo = await loginAs("moderator@example.com");
    const page = (await (await respond(() => caseMessagesLoader(routeArgs(getRequest(`/cases/${c.ref}/messages`, mo), { ref: c.ref })))).json()) as CaseMessagesData;
    const first = page.proposals.find((p) => p.recipientKey === report.ref);
    expect(first).toMatchObject({ templateKey: "outcome_reporter.in_app", version: 1, rendered: { language: "pl" } });
    const title = (await prisma.ruleTranslation.findFirstOrThrow({ where: { rule: { code: "respect" }, locale: "pl" } })).title;
    expect(first?.rendered.body).toBe(`Dziękujemy za zgłoszenie. Sprawdziliśmy sprawę ${c.ref} w ramach zasady „${title}”. Wynik: usunięcie treści.`);
    expect(page.proposals.find((p) => p.recipientKey === "author")?.templateKey).toMatch(/^content_removed\./);

    const res = await respond(() => sendAction(routeArgs(postForm(`/cases/${c.ref}/messages`, { choice: `${report.ref}|outcome_reporter.in_app|pl` }, mo), { ref: c.ref })));
    expect(await res.json()).toEqual({ ok: true, message: "Sent outcome_reporter.in_app version 1 in pl." });
    const log = await (await respond(() => logLoader(routeArgs(getRequest("/messages", mo))))).json();
    expect(log.messages).toEqual([
      expect.objectContaining({ caseRef: c.ref, templateKey: "outcome_reporter.in_app", templateVersion: 1, language: "pl", channel: "in_app", recipientKind: "reporter", recipient: report.ref, sentBy: "moderator@example.com" }),
    ]);
    const outbox = await prisma.outboxMessage.findFirstOrThrow({ where: { kind: "message.in_app" } });
    expect(JSON.parse(outbox.payload)).toMatchObject({ recipient: { kind: "reporter", address: REPORTER.contact, reportRef: report.ref }, language: "pl" });
    expect(await prisma.auditEntry.findFirst({ where: { action: "message.sent" } })).toMatchObject({ actorLabel: "moderator@example.com", role: "moderator" });
  });

  it("falls back to the template's default language, with the rule's title in that language too", async () => {
    const c = await reportSubject({ subject: { type: "content", id: "post-br-1", authorHandle: "@joao", text: "Vocês são idiotas.", language: "pt-BR" } });
    const mo = await loginAs("moderator@example.com");
    const page = (await (await respond(() => caseMessagesLoader(routeArgs(getRequest(`/cases/${c.ref}/messages`, mo), { ref: c.ref })))).json()) as CaseMessagesData;
    const ack = page.proposals.find((p) => p.templateKey === "acknowledge_reporter.in_app");
    const title = (await prisma.ruleTranslation.findFirstOrThrow({ where: { rule: { code: "respect" }, locale: "en" } })).title;
    expect(ack?.rendered).toEqual({ language: "en", subject: null, body: `Thank you for your report. We are reviewing it under “${title}” as case ${c.ref} and will tell you the outcome.` });
  });

  it("never puts the reporter's identity in what the author receives", async () => {
    const c = await polishCaseRemoved();
    const mo = await loginAs("moderator@example.com");
    for (const key of ["content_removed.email", "content_removed.in_app", "warning.in_app"]) {
      const res = await respond(() => sendAction(routeArgs(postForm(`/cases/${c.ref}/messages`, { choice: `author|${key}|` }, mo), { ref: c.ref })));
      expect(res.status).toBe(200);
    }
    const toAuthor = await prisma.message.findMany({ where: { recipientKind: "author" } });
    expect(toAuthor).toHaveLength(3);
    const outbox = await prisma.outboxMessage.findMany({ where: { id: { in: toAuthor.map((m) => m.outboxId!) } } });
    for (const text of [...toAuthor.map((m) => `${m.subject} ${m.body} ${m.recipient}`), ...outbox.map((o) => o.payload)]) {
      expect(text).toContain("@marek_k");
      for (const secret of [REPORTER.handle, REPORTER.contact, "zofia"]) expect(text).not.toContain(secret);
    }
    expect(toAuthor[0].language).toBe("pl");
    // A reporter's template cannot be aimed at the author.
    const wrong = await respond(() => sendAction(routeArgs(postForm(`/cases/${c.ref}/messages`, { choice: "author|outcome_reporter.in_app|" }, mo), { ref: c.ref })));
    expect(wrong.status).toBe(409);
  });

  it("checks permissions per role on every template and message route", async () => {
    const c = await polishCaseRemoved();
    const as = async (email: string) => loginAs(email);
    const library = async (email: string) => (await respond(async () => libraryLoader(routeArgs(getRequest("/templates", await as(email)))))).status;
    const send = async (email: string) =>
      (await respond(async () => sendAction(routeArgs(postForm(`/cases/${c.ref}/messages`, { choice: "author|content_removed.in_app|" }, await as(email)), { ref: c.ref })))).status;
    const approve = async (email: string) =>
      (await respond(async () => templateAction(routeArgs(postForm("/templates/ban.in_app", { intent: "approve", version: "1" }, await as(email)), { key: "ban.in_app" })))).status;
    expect(await library("leadership@example.com")).toBe(200);
    expect(await library("moderator@example.com")).toBe(200);
    expect(await send("comms@example.com")).toBe(403);
    expect(await send("leadership@example.com")).toBe(403);
    expect(await send("senior@example.com")).toBe(200);
    // Seeded versions are approved already: a comms lead is allowed to try and is refused; others are forbidden.
    expect(await approve("comms@example.com")).toBe(409);
    expect(await approve("moderator@example.com")).toBe(403);
    expect(await approve("admin@example.com")).toBe(403);
    const editor = await respond(async () => templateLoader(routeArgs(getRequest("/templates/ban.in_app?case=" + c.ref, await as("comms@example.com")), { key: "ban.in_app" })));
    expect(await editor.json()).toMatchObject({ valuesFrom: `case ${c.ref}`, can: { edit: true, approve: true }, values: { "author.handle": "@marek_k" } });
  });
});
