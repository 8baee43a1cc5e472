import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { REPORTER_HIDDEN, REPORTER_VARIABLE_NAMES, reporterValues } from "~/models/cases/reporter-identity";
import { PURPOSES } from "~/models/templates/template-purposes";
import type { Variants } from "~/models/templates/template-render";
import { loader as caseLoader } from "~/routes/cases.$ref";
import { loader as caseMessagesLoader } from "~/routes/cases.$ref_.messages";
import { loader as logLoader } from "~/routes/messages";
import { loader as templateLoader } from "~/routes/templates.$key";
import { isSqlite, prisma } from "~/utils/db.server";
import { ROLES, can } from "~/utils/permissions";
import { resetDb } from "../db";
import { reportSubject } from "../factories/cases";
import { DEMO_USERS, seedDemo } from "../factories/demo";
import { TEMPLATE_APPROVER, TEMPLATE_AUTHOR, seedTemplates } from "../factories/templates";
import type { Browser } from "../http";
import { getRequest, loginAs, respond, routeArgs } from "../http";
import { sendFromCase } from "./helpers";

// A reporter's identity reaches only people with read:reporter-identity: not through a
// template preview, a proposed message, or the message log, whatever the template says.

const tag = crypto.randomBytes(4).toString("hex");
const CANARY = { id: `member-canary-${tag}`, handle: `@canary_${tag}`, contact: `canary-${tag}@example.org` };
const secrets = Object.values(CANARY);
const TEMPLATE = "thank_you.in_app.by_name";

/** An approved template that names the reporter, as the lifecycle leaves one. */
async function approvedTemplate(key: string, variants: Variants) {
  const author = await prisma.user.findUniqueOrThrow({ where: { email: TEMPLATE_AUTHOR } });
  const approver = await prisma.user.findUniqueOrThrow({ where: { email: TEMPLATE_APPROVER } });
  const at = new Date();
  await prisma.template.create({
    data: {
      ...{ key, purpose: "thank_you", channel: "in_app", defaultLanguage: "en" },
      versions: { create: { version: 1, status: "approved", variants: JSON.stringify(variants), authorId: author.id, submittedAt: at, approvedById: approver.id, approvedAt: at } },
    },
  });
}

const emailOf = (role: string) => DEMO_USERS.find((u) => (u.roles as readonly string[]).includes(role))!.email;
const withoutPermission = ROLES.filter((role) => !can([role], "read:reporter-identity"));
const withPermission = ROLES.filter((role) => can([role], "read:reporter-identity"));

async function load(run: () => unknown) {
  const res = await respond(run);
  return { status: res.status, text: await res.text() };
}

/** Everything a person is sent about the case: the case page, its messages, the log, a preview with the case. */
async function whatTheySee(who: Browser, ref: string) {
  return [
    await load(() => caseLoader(routeArgs(getRequest(`/cases/${ref}`, who), { ref }))),
    await load(() => caseMessagesLoader(routeArgs(getRequest(`/cases/${ref}/messages`, who), { ref }))),
    await load(() => logLoader(routeArgs(getRequest("/messages", who)))),
    await load(() => logLoader(routeArgs(getRequest(`/messages?case=${ref}`, who)))),
    await load(() => templateLoader(routeArgs(getRequest(`/templates/${TEMPLATE}?case=${ref}`, who), { key: TEMPLATE }))),
  ];
}

describe("reporters' identity in templates and messages", () => {
  let ref: string;
  let reportRef: string;

  beforeEach(async () => {
    await resetDb();
    await seedDemo();
    await seedTemplates();
    await approvedTemplate(TEMPLATE, { en: { body: "Thank you, {{reporter.handle}}, for reporting {{case.ref}}." } });
    const c = await reportSubject({ source: "member", ruleCode: "spam", reporter: CANARY });
    ref = c.ref;
    reportRef = (await prisma.report.findFirstOrThrow({ where: { caseId: c.id } })).ref;
  });

  it("every template variable about the reporter is decided in one place, and hidden there", () => {
    const offered = Object.values(PURPOSES).flatMap((p) => p.variables.filter((v) => v.startsWith("reporter.")));
    expect(new Set(REPORTER_VARIABLE_NAMES)).toEqual(new Set(offered));
    const report = { reporterId: CANARY.id, reporterHandle: CANARY.handle, reporterContact: CANARY.contact };
    expect(Object.values(reporterValues(report, "hidden"))).toEqual(REPORTER_VARIABLE_NAMES.map(() => REPORTER_HIDDEN));
    expect(reporterValues(report, "shown")).toEqual({ "reporter.handle": CANARY.handle });
  });

  it("previews and proposals name the reporter only to roles with read:reporter-identity", async () => {
    for (const role of withoutPermission) {
      const who = await loginAs(emailOf(role));
      const preview = JSON.parse((await load(() => templateLoader(routeArgs(getRequest(`/templates/${TEMPLATE}?case=${ref}`, who), { key: TEMPLATE })))).text);
      expect(preview.values["reporter.handle"], role).toBe(REPORTER_HIDDEN);
      expect(preview.valuesFrom).toBe(`case ${ref}`);
      for (const seen of await whatTheySee(who, ref)) for (const secret of secrets) expect(seen.text, `${role} saw ${secret}`).not.toContain(secret);
    }

    const senior = await loginAs(emailOf(withPermission[0]));
    const preview = JSON.parse((await load(() => templateLoader(routeArgs(getRequest(`/templates/${TEMPLATE}?case=${ref}`, senior), { key: TEMPLATE })))).text);
    expect(preview.values["reporter.handle"]).toBe(CANARY.handle);
    const page = JSON.parse((await load(() => caseMessagesLoader(routeArgs(getRequest(`/cases/${ref}/messages`, senior), { ref })))).text);
    expect(page.recipients.find((r: { key: string }) => r.key === reportRef).label).toBe(`Reporter ${CANARY.handle} (report ${reportRef})`);
    expect(page.proposals.find((p: { templateKey: string }) => p.templateKey === TEMPLATE).rendered.body).toBe(`Thank you, ${CANARY.handle}, for reporting ${ref}.`);

    const mo = await loginAs("moderator@example.com");
    const asModerator = JSON.parse((await load(() => caseMessagesLoader(routeArgs(getRequest(`/cases/${ref}/messages`, mo), { ref })))).text);
    expect(asModerator.proposals.find((p: { templateKey: string }) => p.templateKey === TEMPLATE).rendered.body).toBe(`Thank you, ${REPORTER_HIDDEN}, for reporting ${ref}.`);
  });

  it("delivers a sent message by name, and logs it by name only for roles with read:reporter-identity", async () => {
    await sendFromCase(await loginAs("moderator@example.com"), ref, reportRef, TEMPLATE);

    const message = await prisma.message.findFirstOrThrow({ include: { outbox: true } });
    expect(message.body).toBe(`Thank you, ${REPORTER_HIDDEN}, for reporting ${ref}.`);
    expect(JSON.parse(message.outbox!.payload)).toMatchObject({ body: `Thank you, ${CANARY.handle}, for reporting ${ref}.`, recipient: { kind: "reporter", reportRef } });

    for (const role of withoutPermission) {
      const who = await loginAs(emailOf(role));
      const log = JSON.parse((await load(() => logLoader(routeArgs(getRequest("/messages", who))))).text);
      expect(log.messages.map((m: { body: string }) => m.body), role).toEqual([`Thank you, ${REPORTER_HIDDEN}, for reporting ${ref}.`]);
      for (const seen of await whatTheySee(who, ref)) for (const secret of secrets) expect(seen.text, `${role} saw ${secret}`).not.toContain(secret);
    }
    for (const role of withPermission) {
      const who = await loginAs(emailOf(role));
      for (const query of ["", `?case=${ref}`]) {
        const log = JSON.parse((await load(() => logLoader(routeArgs(getRequest(`/messages${query}`, who))))).text);
        expect(log.messages.map((m: { body: string }) => m.body), role).toEqual([`Thank you, ${CANARY.handle}, for reporting ${ref}.`]);
      }
      const composer = JSON.parse((await load(() => caseMessagesLoader(routeArgs(getRequest(`/cases/${ref}/messages`, who), { ref })))).text);
      expect(composer.messages[0].body).toBe(`Thank you, ${CANARY.handle}, for reporting ${ref}.`);
    }
  });

  it("hides the reporter in messages logged before, once its migration has run", async () => {
    const at = new Date("2026-03-01T10:00:00.250Z");
    const delivered = { subject: `For ${CANARY.handle}`, body: `Thank you, ${CANARY.handle}, for reporting ${ref}.` };
    await prisma.message.create({
      data: {
        ...{ caseRef: ref, language: "en", channel: "email", createdAt: at, templateKey: "thank_you.email", templateVersion: 1, templateVersionId: "v1" },
        ...{ recipientKind: "reporter", recipient: reportRef, ...delivered },
        outbox: { create: { kind: "message.email", payload: JSON.stringify({ recipient: { kind: "reporter", address: CANARY.contact, reportRef }, ...delivered }), createdAt: at, nextAttemptAt: at } },
      },
    });
    const dir = path.resolve(import.meta.dirname, "../../prisma/migrations", isSqlite() ? "sqlite" : "postgresql");
    const folder = fs.readdirSync(dir).find((name) => name.endsWith("_reporter_hidden_in_message_log"))!;
    await prisma.$executeRawUnsafe(fs.readFileSync(path.join(dir, folder, "migration.sql"), "utf8"));

    const mo = await loginAs("moderator@example.com");
    const hidden = JSON.parse((await load(() => logLoader(routeArgs(getRequest("/messages", mo))))).text);
    expect(hidden.messages[0]).toMatchObject({ subject: `For ${REPORTER_HIDDEN}`, body: `Thank you, ${REPORTER_HIDDEN}, for reporting ${ref}.` });
    const senior = await loginAs(emailOf(withPermission[0]));
    const shown = JSON.parse((await load(() => logLoader(routeArgs(getRequest("/messages", senior))))).text);
    expect(shown.messages[0]).toMatchObject(delivered);
  });
});
