import { beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "~/models/accounts/actor";
import { verifyAuditChain } from "~/models/audit/audit-verify.server";
import { getRuleByCode, updateRule } from "~/models/intake/rules.server";
import { prisma } from "~/utils/db.server";
import { resetDb } from "../db";
import { seedRules } from "../factories/demo";

const admin: Actor = { kind: "user", id: "admin-1", email: "ada@example.com", roles: ["admin"] };

function translationsOf(rule: NonNullable<Awaited<ReturnType<typeof getRuleByCode>>>) {
  return Object.fromEntries(rule.translations.map((t) => [t.locale, { title: t.title, description: t.description }]));
}

describe("updateRule", () => {
  beforeEach(async () => {
    await resetDb();
    await seedRules();
  });

  it("changes severity and translations, adds a locale, and audits only what changed", async () => {
    const before = translationsOf((await getRuleByCode("spam"))!);
    const result = await updateRule(
      admin,
      "spam",
      {
        severity: 2,
        translations: [
          { locale: "en", ...before.en },
          { locale: "pl", title: "Bez spamu", description: before.pl.description },
          { locale: "pt-BR", title: "Sem spam nem autopromoção", description: "Nada de publicidade não solicitada." },
        ],
      },
      "req-rules-1",
    );
    expect(result?.changed).toBe(true);

    const rule = (await getRuleByCode("spam"))!;
    expect(rule.severity).toBe(2);
    const after = translationsOf(rule);
    expect(after.pl.title).toBe("Bez spamu");
    expect(after["pt-BR"].title).toBe("Sem spam nem autopromoção");
    expect(after.it).toEqual(before.it);

    const entry = await prisma.auditEntry.findFirstOrThrow({ where: { action: "rule.updated" } });
    expect(entry).toMatchObject({ subjectType: "rule", subjectId: "spam", actorLabel: "ada@example.com", role: "admin", requestId: "req-rules-1" });
    expect(JSON.parse(entry.before!)).toEqual({
      severity: 1,
      translations: { pl: before.pl, "pt-BR": null },
    });
    expect(JSON.parse(entry.after!)).toEqual({
      severity: 2,
      translations: {
        pl: { title: "Bez spamu", description: before.pl.description },
        "pt-BR": { title: "Sem spam nem autopromoção", description: "Nada de publicidade não solicitada." },
      },
    });
    expect(await verifyAuditChain(prisma)).toEqual({ ok: true, count: 1 });
  });

  it("writes and audits nothing when nothing changed", async () => {
    const rule = (await getRuleByCode("hate"))!;
    const result = await updateRule(admin, "hate", { severity: rule.severity, translations: rule.translations }, null);
    expect(result?.changed).toBe(false);
    expect(await prisma.auditEntry.count()).toBe(0);
  });

  it("answers null for a rule that does not exist", async () => {
    expect(await updateRule(admin, "no_such_rule", { severity: 3, translations: [] }, null)).toBeNull();
    expect(await prisma.auditEntry.count()).toBe(0);
  });
});
