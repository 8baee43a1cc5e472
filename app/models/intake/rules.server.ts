import { prisma } from "~/utils/db.server";
import type { Actor } from "../accounts/actor";
import { appendAudit } from "../audit/audit.server";

export const DEFAULT_LOCALE = "en";

/** A locale's name in English for headings, e.g. "Polish" for pl; the code itself if unknown. */
export function languageName(locale: string): string {
  try {
    return new Intl.DisplayNames([DEFAULT_LOCALE], { type: "language", fallback: "none" }).of(locale) ?? locale;
  } catch {
    return locale;
  }
}

/** Orders locales for display: the default first, then by code. */
export function compareLocales(a: string, b: string): number {
  if (a === b) return 0;
  return a === DEFAULT_LOCALE ? -1 : b === DEFAULT_LOCALE ? 1 : a.localeCompare(b);
}

/** Every rule with all its translations, most severe first. */
export async function listRules() {
  return prisma.rule.findMany({ include: { translations: true }, orderBy: [{ severity: "desc" }, { code: "asc" }] });
}

export async function getRuleByCode(code: string) {
  return prisma.rule.findUnique({ where: { code }, include: { translations: true } });
}

/** The title in `locale`, falling back to its base language, then English. */
export function ruleTitle(rule: { code: string; translations: { locale: string; title: string }[] }, locale = DEFAULT_LOCALE) {
  const base = locale.split("-")[0];
  const t =
    rule.translations.find((x) => x.locale === locale) ??
    rule.translations.find((x) => x.locale === base) ??
    rule.translations.find((x) => x.locale === DEFAULT_LOCALE) ??
    rule.translations[0];
  return t?.title ?? rule.code;
}

export type RuleTranslationInput = { locale: string; title: string; description: string };
export type RuleChange = { severity: number; translations: RuleTranslationInput[] };

type TranslationText = { title: string; description: string };
type RuleDiff = { severity?: number; translations?: Record<string, TranslationText | null> };

/**
 * Sets a rule's severity and creates or replaces the given translations (others are
 * kept), audited as `rule.updated` with only what changed before and after. Returns
 * null when there is no such rule, and writes nothing when nothing changed.
 */
export async function updateRule(actor: Actor, code: string, change: RuleChange, requestId: string | null) {
  return prisma.$transaction(async (tx) => {
    const rule = await tx.rule.findUnique({ where: { code }, include: { translations: true } });
    if (!rule) return null;

    const before: RuleDiff = {};
    const after: RuleDiff = {};
    if (rule.severity !== change.severity) {
      before.severity = rule.severity;
      after.severity = change.severity;
    }
    const changed = change.translations.filter((t) => {
      const current = rule.translations.find((x) => x.locale === t.locale);
      return !current || current.title !== t.title || current.description !== t.description;
    });
    for (const t of changed) {
      const current = rule.translations.find((x) => x.locale === t.locale);
      (before.translations ??= {})[t.locale] = current ? { title: current.title, description: current.description } : null;
      (after.translations ??= {})[t.locale] = { title: t.title, description: t.description };
    }
    if (!after.severity && !after.translations) return { rule, changed: false };

    await tx.rule.update({ where: { id: rule.id }, data: { severity: change.severity } });
    for (const { locale, title, description } of changed) {
      await tx.ruleTranslation.upsert({
        where: { ruleId_locale: { ruleId: rule.id, locale } },
        create: { ruleId: rule.id, locale, title, description },
        update: { title, description },
      });
    }
    await appendAudit(tx, {
      actor,
      permission: "manage:rules",
      action: "rule.updated",
      subjectType: "rule",
      subjectId: code,
      before,
      after,
      requestId,
    });
    const updated = await tx.rule.findUniqueOrThrow({ where: { id: rule.id }, include: { translations: true } });
    return { rule: updated, changed: true };
  });
}
