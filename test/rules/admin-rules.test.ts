import { beforeEach, describe, expect, it } from "vitest";
import { getRuleByCode } from "~/models/intake/rules.server";
import { action as editAction, loader as editLoader } from "~/routes/admin.rules.$code";
import { loader as indexLoader } from "~/routes/admin.rules._index";
import { prisma } from "~/utils/db.server";
import { resetDb } from "../db";
import { seedDemo } from "../factories/demo";
import type { Browser, FormFields } from "../http";
import { getRequest, loginAs, postForm, respond, routeArgs } from "../http";

const context = { requestId: "req-admin-rules" };

/** The edit form as the page renders it for `code`, with `changes` applied. */
async function ruleForm(code: string, changes: { severity?: string; titles?: Record<string, string>; add?: [string, string, string] } = {}) {
  const rule = (await getRuleByCode(code))!;
  const [newLocale, newTitle, newDescription] = changes.add ?? ["", "", ""];
  return {
    severity: changes.severity ?? String(rule.severity),
    locale: rule.translations.map((t) => t.locale),
    title: rule.translations.map((t) => changes.titles?.[t.locale] ?? t.title),
    description: rule.translations.map((t) => t.description),
    newLocale,
    newTitle,
    newDescription,
  };
}

function post(code: string, who: Browser, form: FormFields, options?: { csrf?: null }) {
  return respond(() => editAction(routeArgs(postForm(`/admin/rules/${code}`, form, who, options), { code }, context)));
}

describe("/admin/rules", () => {
  let admin: Browser;
  beforeEach(async () => {
    await resetDb();
    await seedDemo();
    admin = await loginAs("admin@example.com");
  });

  it("lists every rule with its severity and titles per language", async () => {
    const res = await respond(() => indexLoader(routeArgs(getRequest("/admin/rules", admin), {}, context)));
    const body = await res.json();
    expect(body.locales.map((l: { code: string }) => l.code)).toEqual(["en", "de", "es", "it", "lv", "pl", "zh"]);
    expect(body.locales[5]).toEqual({ code: "pl", name: "Polish" });
    expect(body.rules[0].severity).toBe(5);
    const spam = body.rules.find((r: { code: string }) => r.code === "spam");
    expect(spam).toMatchObject({ severity: 1, titles: { en: "No spam or self-promotion", pl: "Zakaz spamu i autopromocji" } });
  });

  it("refuses a moderator with 403 naming manage:rules, to read and to change", async () => {
    const moderator = await loginAs("moderator@example.com");
    const list = await respond(() => indexLoader(routeArgs(getRequest("/admin/rules", moderator), {}, context)));
    expect(list.status).toBe(403);
    expect((await list.json()).message).toContain("manage:rules");
    const edit = await respond(() => editLoader(routeArgs(getRequest("/admin/rules/spam", moderator), { code: "spam" }, context)));
    expect(edit.status).toBe(403);
    const change = await post("spam", moderator, await ruleForm("spam", { severity: "5" }));
    expect(change.status).toBe(403);
    expect((await getRuleByCode("spam"))!.severity).toBe(1);
    expect(await prisma.auditEntry.count()).toBe(0);
  });

  it("answers 404 for an unknown rule", async () => {
    const res = await respond(() => editLoader(routeArgs(getRequest("/admin/rules/nope", admin), { code: "nope" }, context)));
    expect(res.status).toBe(404);
  });

  it("saves severity, an edited title and a new translation, audited with the request id", async () => {
    const form = await ruleForm("off_topic", {
      severity: "2",
      titles: { de: "Bleib beim Thema" },
      add: ["pt-br", "Mantenha o foco no tema", "Publique conteúdo relacionado à comunidade e ao tópico."],
    });
    const res = await post("off_topic", admin, form);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, message: "Rule saved." });

    const rule = (await getRuleByCode("off_topic"))!;
    expect(rule.severity).toBe(2);
    expect(rule.translations.find((t) => t.locale === "de")?.title).toBe("Bleib beim Thema");
    expect(rule.translations.find((t) => t.locale === "pt-BR")?.title).toBe("Mantenha o foco no tema");

    const entry = await prisma.auditEntry.findFirstOrThrow({ where: { action: "rule.updated" } });
    expect(entry).toMatchObject({ subjectId: "off_topic", actorLabel: "admin@example.com", role: "admin", requestId: "req-admin-rules" });
    expect(Object.keys(JSON.parse(entry.after!).translations).sort()).toEqual(["de", "pt-BR"]);
  });

  it("keeps the typed values and names each bad field, saving nothing", async () => {
    const longTitle = "x".repeat(121);
    const form = await ruleForm("privacy", { severity: "9", titles: { en: "", it: longTitle }, add: ["portuguese!", "", ""] });
    const res = await post("privacy", admin, form);
    expect(res.status).toBe(400);
    const body = await res.json();
    const rule = (await getRuleByCode("privacy"))!;
    const index = (locale: string) => body.values.translations.findIndex((t: { locale: string }) => t.locale === locale);
    const added = rule.translations.length;
    expect(Object.keys(body.errors).sort()).toEqual(
      ["severity", `translations.${index("en")}.title`, `translations.${index("it")}.title`, `translations.${added}.locale`, `translations.${added}.title`].sort(),
    );
    expect(body.values.severity).toBe("9");
    expect(body.values.translations[index("it")].title).toBe(longTitle);
    expect(body.values.added.locale).toBe("portuguese!");
    expect(rule.severity).toBe(3);
    expect(await prisma.auditEntry.count()).toBe(0);
  });

  it("refuses a second translation for a locale the rule already has", async () => {
    const res = await post("spam", admin, await ruleForm("spam", { add: ["PL", "Bez spamu", ""] }));
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(Object.values(body.errors).flat()).toContain("This rule already has a pl translation; edit it above.");
  });

  it("refuses a form without its CSRF token", async () => {
    const res = await post("spam", admin, await ruleForm("spam", { severity: "4" }), { csrf: null });
    expect(res.status).toBe(403);
    expect((await getRuleByCode("spam"))!.severity).toBe(1);
  });
});
