import { prisma } from "~/utils/db.server";

export const DEFAULT_LOCALE = "en";

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
