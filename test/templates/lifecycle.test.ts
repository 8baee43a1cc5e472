import { beforeEach, describe, expect, it } from "vitest";
import { applyCaseEvent } from "~/models/cases/case-events.server";
import { createTemplate, moveVersion, saveDraft } from "~/models/templates/templates.server";
import { sendMessage } from "~/models/messages/messages.server";
import { prisma } from "~/utils/db.server";
import { resetDb } from "../db";
import { reportSubject, userByEmail } from "../factories/cases";
import { seedDemo } from "../factories/demo";

const CLEAN = { en: { body: "Thanks, case {{case.ref}}: {{outcome.label}}." }, pl: { body: "Dziękujemy, sprawa {{case.ref}}: {{outcome.label}}." } };

describe("the template lifecycle", () => {
  beforeEach(async () => {
    await resetDb();
    await seedDemo();
  });

  async function drafted(variants = CLEAN) {
    const admin = await userByEmail("admin@example.com");
    const created = await createTemplate({ key: "outcome.custom", purpose: "outcome_reporter", channel: "in_app", defaultLanguage: "en", variants }, admin);
    expect(created.status).toBe("ok");
    return admin;
  }

  it("goes draft → in review → approved, by a comms lead who is not the author, audited each step", async () => {
    const admin = await drafted();
    const comms = await userByEmail("comms@example.com");
    expect(await moveVersion("outcome.custom", 1, "approve", comms)).toMatchObject({ status: "refused" });
    expect(await moveVersion("outcome.custom", 1, "submit", admin)).toMatchObject({ status: "ok", value: { status: "in_review" } });
    expect(await moveVersion("outcome.custom", 1, "approve", admin)).toMatchObject({ status: "forbidden" });
    expect(await moveVersion("outcome.custom", 1, "approve", comms)).toMatchObject({ status: "ok", value: { status: "approved", approvedById: comms.id } });
    const audit = await prisma.auditEntry.findMany({ where: { subjectType: "template", subjectId: "outcome.custom" }, orderBy: { seq: "asc" } });
    expect(audit.map((a) => [a.action, a.actorLabel, a.role])).toEqual([
      ["template.created", "admin@example.com", "admin"],
      ["template.submitted", "admin@example.com", "admin"],
      ["template.approved", "comms@example.com", "comms_lead"],
    ]);
  });

  it("refuses approval by the version's author, even a comms lead", async () => {
    const comms = await userByEmail("comms@example.com");
    await createTemplate({ key: "outcome.own", purpose: "outcome_reporter", channel: "in_app", defaultLanguage: "en", variants: CLEAN }, comms);
    await moveVersion("outcome.own", 1, "submit", comms);
    const outcome = await moveVersion("outcome.own", 1, "approve", comms);
    expect(outcome).toMatchObject({ status: "refused", message: expect.stringContaining("other than its author") });
    expect(await prisma.templateVersion.findFirstOrThrow({ where: { template: { key: "outcome.own" } } })).toMatchObject({ status: "in_review" });
  });

  it("blocks submission while lint finds issues", async () => {
    const admin = await drafted({ en: { body: "Case {{case.ref}} closed." }, pl: { body: "Sprawa {{case.ref}}, kurwa." } });
    const outcome = await moveVersion("outcome.custom", 1, "submit", admin);
    expect(outcome.status).toBe("lint");
    if (outcome.status === "lint") expect(outcome.issues.map((i) => `${i.language}:${i.code}`)).toEqual(["en:missing_variable", "pl:profanity", "pl:missing_variable"]);
  });

  it("keeps every version: an edit is a new draft, approving it retires the one approved before", async () => {
    const admin = await drafted();
    const comms = await userByEmail("comms@example.com");
    await moveVersion("outcome.custom", 1, "submit", admin);
    await moveVersion("outcome.custom", 1, "approve", comms);
    expect(await saveDraft("outcome.custom", { ...CLEAN, it: { body: "Grazie, caso {{case.ref}}: {{outcome.label}}." } }, admin)).toMatchObject({ status: "ok", value: { version: 2, status: "draft" } });
    await moveVersion("outcome.custom", 2, "submit", admin);
    await moveVersion("outcome.custom", 2, "approve", comms);
    const versions = await prisma.templateVersion.findMany({ where: { template: { key: "outcome.custom" } }, orderBy: { version: "asc" } });
    expect(versions.map((v) => [v.version, v.status])).toEqual([[1, "retired"], [2, "approved"]]);
    expect(JSON.parse(versions[0].variants)).toEqual(CLEAN);
  });

  it("sends only an approved version", async () => {
    const admin = await drafted();
    const c = await reportSubject();
    const report = await prisma.report.findFirstOrThrow({ where: { caseId: c.id } });
    const mo = await userByEmail("moderator@example.com");
    // An outcome message needs an outcome: the case is decided first.
    for (const event of [{ type: "CLAIM" }, { type: "DISMISS", reason: "No rule broken." }] as const) {
      expect((await applyCaseEvent({ caseId: c.id, event, actor: mo })).status).toBe("applied");
    }
    const send = () => sendMessage({ caseRef: c.ref, templateKey: "outcome.custom", recipientKey: report.ref }, mo);
    expect(await send()).toMatchObject({ status: "refused", message: expect.stringContaining("only approved templates can be sent") });
    await moveVersion("outcome.custom", 1, "submit", admin);
    expect(await send()).toMatchObject({ status: "refused" });
    await moveVersion("outcome.custom", 1, "approve", await userByEmail("comms@example.com"));
    expect(await send()).toMatchObject({ status: "sent", version: 1, language: "en" });
    expect(await prisma.message.count()).toBe(1);
  });

  it("lets only editors draft and only comms leads approve", async () => {
    const mo = await userByEmail("moderator@example.com");
    expect(await createTemplate({ key: "x", purpose: "thank_you", channel: "in_app", defaultLanguage: "en", variants: CLEAN }, mo)).toMatchObject({ status: "forbidden" });
    const admin = await drafted();
    await moveVersion("outcome.custom", 1, "submit", admin);
    for (const email of ["moderator@example.com", "senior@example.com", "leadership@example.com", "admin@example.com"]) {
      expect(await moveVersion("outcome.custom", 1, "approve", await userByEmail(email))).toMatchObject({ status: "forbidden" });
    }
    const comms = await userByEmail("comms@example.com");
    expect(await sendMessage({ caseRef: "C-NONE", templateKey: "outcome.custom", recipientKey: "author" }, comms)).toMatchObject({ status: "forbidden" });
  });
});
