import { beforeEach, describe, expect, it } from "vitest";
import type { CaseMessagesData } from "~/forms/composer";
import { createTemplate, moveVersion } from "~/models/templates/templates.server";
import { action as sendAction, loader } from "~/routes/cases.$ref_.messages";
import { prisma } from "~/utils/db.server";
import { sendEvent } from "../case-page/helpers";
import { resetDb } from "../db";
import { reportSubject, userByEmail } from "../factories/cases";
import { seedDemo } from "../factories/demo";
import { seedTemplates } from "../factories/templates";
import type { Browser } from "../http";
import { getRequest, loginAs, postForm, respond, routeArgs } from "../http";
import { REPORTER } from "./helpers";

// The reply composer offers only what the case can fill, the server refuses the rest, and
// each preview shows the text as sent beside the same text in the moderator's language.

async function composer(browser: Browser, ref: string, acceptLanguage?: string) {
  const headers: Record<string, string> = acceptLanguage ? { "Accept-Language": acceptLanguage } : {};
  const res = await respond(() => loader(routeArgs(getRequest(`/cases/${ref}/messages`, browser, headers), { ref })));
  expect(res.status).toBe(200);
  return (await res.json()) as CaseMessagesData;
}

async function send(browser: Browser, ref: string, choice: string) {
  const res = await respond(() => sendAction(routeArgs(postForm(`/cases/${ref}/messages`, { choice }, browser), { ref })));
  return { status: res.status, reply: (await res.json()) as { ok: boolean; message: string } };
}

const polishPost = (id = "post-pl-composer") =>
  reportSubject({
    subject: { type: "content", id, authorHandle: "@marek_k", text: "Jesteś idiotą.", language: "pl" },
    reporter: { handle: REPORTER.handle, contact: REPORTER.contact },
  });

const keysFor = (data: CaseMessagesData, recipientKey: string) => data.proposals.filter((p) => p.recipientKey === recipientKey).map((p) => p.templateKey);

describe("the reply composer", () => {
  beforeEach(async () => {
    await resetDb();
    await seedDemo();
    await seedTemplates();
  });

  it("does not offer the outcome before the case has one, and says why", async () => {
    const c = await polishPost();
    const report = await prisma.report.findFirstOrThrow({ where: { caseId: c.id } });
    const data = await composer(await loginAs("moderator@example.com"), c.ref);
    const offered = keysFor(data, report.ref);
    expect(offered).toContain("acknowledge_reporter.in_app");
    expect(offered.filter((k) => k.startsWith("outcome_reporter."))).toEqual([]);
    expect(data.unavailable.filter((u) => u.recipientKey === report.ref)).toEqual([
      { recipientKey: report.ref, templateKey: "outcome_reporter.in_app", missing: ["outcome.label"], needs: "the case's outcome, and the case has none yet" },
      { recipientKey: report.ref, templateKey: "outcome_reporter.email", missing: ["outcome.label"], needs: "the case's outcome, and the case has none yet" },
    ]);
    // No offered text has an empty slot where a value should be.
    for (const p of data.proposals) expect(p.rendered.body, p.templateKey).not.toMatch(/: \.|„”|“”/);
  });

  it("refuses to send an outcome the case does not have, with a clear error, and sends nothing", async () => {
    const c = await polishPost();
    const report = await prisma.report.findFirstOrThrow({ where: { caseId: c.id } });
    const mo = await loginAs("moderator@example.com");
    const { status, reply } = await send(mo, c.ref, `${report.ref}|outcome_reporter.in_app|pl`);
    expect(status).toBe(409);
    expect(reply).toEqual({ ok: false, message: "“outcome_reporter.in_app” needs the case's outcome, and the case has none yet. Nothing was sent." });
    expect(await prisma.message.count()).toBe(0);
    expect(await prisma.outboxMessage.count({ where: { kind: { startsWith: "message." } } })).toBe(0);
    expect(await prisma.auditEntry.count({ where: { action: "message.sent" } })).toBe(0);
  });

  it("offers the outcome once the case is decided, and sends it", async () => {
    const c = await polishPost();
    const report = await prisma.report.findFirstOrThrow({ where: { caseId: c.id } });
    await sendEvent(c.id, "moderator@example.com", { type: "CLAIM" });
    await sendEvent(c.id, "moderator@example.com", { type: "DISMISS", reason: "Not a personal attack." });
    const mo = await loginAs("moderator@example.com");
    const data = await composer(mo, c.ref);
    expect(keysFor(data, report.ref)[0]).toBe("outcome_reporter.in_app");
    expect(data.unavailable).toEqual([]);
    expect(data.proposals.find((p) => p.templateKey === "outcome_reporter.in_app")?.rendered.body).toMatch(/Wynik: brak naruszenia\.$/);
    expect((await send(mo, c.ref, `${report.ref}|outcome_reporter.in_app|pl`)).status).toBe(200);
  });

  it("shows each preview in the reporter's language beside the moderator's, from Accept-Language", async () => {
    const c = await polishPost();
    const mo = await loginAs("moderator@example.com");
    const english = await composer(mo, c.ref, "en-GB,en;q=0.9");
    const ack = english.proposals.find((p) => p.templateKey === "acknowledge_reporter.in_app")!;
    expect(english.viewerLanguage).toBe("en-GB");
    expect(ack.rendered.language).toBe("pl");
    expect(ack.rendered.body).toMatch(/^Dziękujemy/);
    expect(ack.inViewerLanguage).toMatchObject({ language: "en", body: expect.stringMatching(/^Thank you for your report\. .*case C-/) });
    // The rule's title is in the viewer's language too.
    const title = (await prisma.ruleTranslation.findFirstOrThrow({ where: { rule: { code: "respect" }, locale: "en" } })).title;
    expect(ack.inViewerLanguage?.body).toContain(title);
    expect(english.languageNames).toMatchObject({ pl: "Polish", en: "English" });

    const italian = await composer(mo, c.ref, "de-DE, it;q=0.8");
    expect(italian.proposals.find((p) => p.templateKey === "acknowledge_reporter.in_app")?.inViewerLanguage?.language).toBe("it");
    // A Polish moderator reads the Polish text once.
    const polish = await composer(mo, c.ref, "pl");
    expect(polish.proposals.every((p) => p.inViewerLanguage === null)).toBe(true);
  });

  it("offers a template that greets the reporter by handle only to a reporter who gave one", async () => {
    const admin = await userByEmail("admin@example.com");
    const variants = { en: { body: "Thank you, {{reporter.handle}}." } };
    expect((await createTemplate({ key: "thank_you.by_name", purpose: "thank_you", channel: "in_app", defaultLanguage: "en", variants }, admin)).status).toBe("ok");
    await moveVersion("thank_you.by_name", 1, "submit", admin);
    await moveVersion("thank_you.by_name", 1, "approve", await userByEmail("comms@example.com"));
    const named = await polishPost("post-named");
    const anonymous = await reportSubject({ subject: { type: "content", id: "post-anon", authorHandle: "@marek_k", text: "Jesteś idiotą.", language: "pl" } });
    const [namedReport, anonymousReport] = await Promise.all([named, anonymous].map((c) => prisma.report.findFirstOrThrow({ where: { caseId: c.id } })));
    const mo = await loginAs("moderator@example.com");

    expect(keysFor(await composer(mo, named.ref), namedReport.ref)).toContain("thank_you.by_name");
    const data = await composer(mo, anonymous.ref);
    expect(keysFor(data, anonymousReport.ref)).not.toContain("thank_you.by_name");
    expect(data.unavailable).toContainEqual(expect.objectContaining({ templateKey: "thank_you.by_name", missing: ["reporter.handle"] }));
    const { status, reply } = await send(mo, anonymous.ref, `${anonymousReport.ref}|thank_you.by_name|`);
    expect(status).toBe(409);
    expect(reply.message).toBe("“thank_you.by_name” needs the reporter's handle, and this reporter gave none. Nothing was sent.");
    expect(await prisma.message.count()).toBe(0);
  });
});
