import type { Tx } from "~/utils/db.server";
import { prisma } from "~/utils/db.server";
import { DEFAULT_LOCALE, listRules, ruleTitle } from "./rules.server";

// Reports: what the public form needs to show, the receipt a member sees, and the
// report rows intake writes.

/** Languages offered for the reported text; any valid language tag is accepted too. */
export const TEXT_LANGUAGES = [
  "en", "ar", "cs", "da", "de", "el", "es", "fi", "fr", "he", "hi", "hu", "id", "it", "ja", "ko",
  "lt", "lv", "nl", "no", "pl", "pt", "ro", "ru", "sk", "sv", "th", "tr", "uk", "vi", "zh",
] as const;

/** A language tag in canonical form ("EN-us" → "en-US"), or null if it is not one. */
export function canonicalLanguage(tag: string): string | null {
  if (!/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$/.test(tag) || tag.length > 35) return null;
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? null;
  } catch {
    return null;
  }
}

/** `?lang=` first, then Accept-Language by weight; the first one some rule is written in. */
export function negotiateLocale(request: Request, available: Set<string>): string {
  const url = new URL(request.url);
  const wanted = (request.headers.get("Accept-Language") ?? "")
    .split(",")
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(";");
      const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find(Boolean);
      return { tag: tag.trim(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((x) => x.tag && x.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index)
    .map((x) => x.tag);
  for (const candidate of [url.searchParams.get("lang") ?? "", ...wanted]) {
    const tag = canonicalLanguage(candidate);
    if (tag && (available.has(tag) || available.has(tag.split("-")[0]))) return tag;
  }
  return DEFAULT_LOCALE;
}

function languageNames(locale: string) {
  let names: Intl.DisplayNames;
  try {
    names = new Intl.DisplayNames([locale, DEFAULT_LOCALE], { type: "language" });
  } catch {
    names = new Intl.DisplayNames([DEFAULT_LOCALE], { type: "language" });
  }
  return TEXT_LANGUAGES.map((code) => ({ code, name: names.of(code) ?? code })).sort((a, b) =>
    a.name.localeCompare(b.name, locale),
  );
}

/** The rule titles and language names of the public form, in the member's language. */
export async function reportFormOptions(locale: string) {
  const rules = await listRules();
  return {
    locale,
    rules: rules.map((rule) => ({ code: rule.code, title: ruleTitle(rule, locale) })),
    languages: languageNames(locale),
  };
}

/** What the confirmation page may show about a report: its reference and when it came. */
export async function getReportReceipt(ref: string) {
  return prisma.report.findUnique({ where: { ref }, select: { ref: true, receivedAt: true } });
}

/** Who sent a report, as far as Vigil can tell; null for an anonymous report. */
export type ReporterIdentity =
  | { apiKeyId: string; reporterId: string }
  | { apiKeyId: string; reporterHandle: string }
  | { contact: string }
  | null;

/** Whether this reporter has no earlier report in the case; every anonymous report counts. */
export async function isNewReporter(tx: Tx, caseId: string, identity: ReporterIdentity): Promise<boolean> {
  if (!identity) return true;
  const where =
    "contact" in identity
      ? { caseId, apiKeyId: null, reporterContact: identity.contact }
      : "reporterId" in identity
        ? { caseId, apiKeyId: identity.apiKeyId, reporterId: identity.reporterId }
        : { caseId, apiKeyId: identity.apiKeyId, reporterId: null, reporterHandle: identity.reporterHandle };
  return (await tx.report.findFirst({ where, select: { id: true } })) === null;
}

export type NewReport = {
  ref: string;
  caseId: string;
  source: string;
  apiKeyId: string | null;
  idempotencyKey: string | null;
  reporterId: string | null;
  reporterHandle: string | null;
  reporterContact: string | null;
  subjectType: string;
  subjectId: string;
  subjectUrl: string | null;
  authorHandle: string | null;
  text: string | null;
  language: string | null;
  ruleCode: string;
  note: string | null;
  screen: string;
  occurredAt: Date | null;
  receivedAt: Date;
};

export async function createReport(tx: Tx, data: NewReport) {
  return tx.report.create({ data, select: { id: true, ref: true } });
}
