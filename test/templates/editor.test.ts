import { beforeEach, describe, expect, it } from "vitest";
import { action as templateAction, loader as templateLoader } from "~/routes/templates.$key";
import { action as libraryAction } from "~/routes/templates._index";
import { prisma } from "~/utils/db.server";
import { resetDb } from "../db";
import { seedDemo } from "../factories/demo";
import type { Browser } from "../http";
import { getRequest, loginAs, postForm, respond, routeArgs } from "../http";

const post = (browser: Browser, key: string, fields: Record<string, string | string[]>) =>
  respond(() => templateAction(routeArgs(postForm(`/templates/${key}`, fields, browser), { key })));

describe("the template editor", () => {
  beforeEach(async () => {
    await resetDb();
    await seedDemo();
  });

  it("creates a draft, saves every language as a new version, and shows lint beside each text", async () => {
    const admin = await loginAs("admin@example.com");
    const created = await respond(() =>
      libraryAction(routeArgs(postForm("/templates", { key: "apology.in_app.v2", purpose: "apology", channel: "in_app", defaultLanguage: "en", body: "Sorry about case {{case.ref}}." }, admin))),
    );
    expect(created.headers.get("Location")).toBe("/templates/apology.in_app.v2");

    const saved = await post(admin, "apology.in_app.v2", {
      intent: "save",
      note: "Polish and Italian",
      language: ["en", "pl", "it"],
      "body.en": "Sorry about case {{case.ref}}.",
      "body.pl": "Przepraszamy, {{case.ref}}, chuj.",
      "body.it": "Ci scusiamo per {{case.ref}}, stronzo. {{reporter.name}}",
    });
    expect(await saved.json()).toEqual({ ok: true, message: "Saved as a new draft: version 2." });

    const refused = await post(admin, "apology.in_app.v2", { intent: "submit", version: "2" });
    expect(refused.status).toBe(422);
    const body = await refused.json();
    expect(body.issues.map((i: { language: string; code: string }) => `${i.language}:${i.code}`)).toEqual(["pl:profanity", "it:unknown_variable", "it:profanity"]);

    const page = await (await respond(() => templateLoader(routeArgs(getRequest("/templates/apology.in_app.v2", admin), { key: "apology.in_app.v2" })))).json();
    expect(page.template.versions.map((v: { version: number; status: string; issues: unknown[] }) => [v.version, v.status, v.issues.length])).toEqual([
      [2, "draft", 3],
      [1, "draft", 0],
    ]);
    expect(await prisma.templateVersion.count()).toBe(2);
    expect(await prisma.auditEntry.findMany({ where: { subjectType: "template" }, select: { action: true, reason: true } })).toEqual([
      { action: "template.created", reason: null },
      { action: "template.edited", reason: "Polish and Italian" },
    ]);
  });

  it("answers 403 to a moderator who tries to edit", async () => {
    const mo = await loginAs("moderator@example.com");
    expect((await respond(() => libraryAction(routeArgs(postForm("/templates", { key: "x.y.z" }, mo))))).status).toBe(403);
  });
});
