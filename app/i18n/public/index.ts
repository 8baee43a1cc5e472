import { de } from "./de";
import type { PublicCopy } from "./en";
import { en } from "./en";
import { es } from "./es";
import { it } from "./it";
import { lv } from "./lv";
import { pl } from "./pl";
import { zh } from "./zh";

// The pages members see without an account (/report and its receipt), in the languages
// the community rules are seeded in, so a member reads the form and the rule titles in
// one language. One catalogue per language; English is the reference.

export type { PublicCopy } from "./en";

const CATALOGUES = { en, pl, it, lv, zh, de, es } satisfies Record<string, PublicCopy>;
export type PublicLocale = keyof typeof CATALOGUES;
export const PUBLIC_LOCALES = Object.keys(CATALOGUES) as PublicLocale[];

export function isPublicLocale(value: string | null | undefined): value is PublicLocale {
  return !!value && Object.hasOwn(CATALOGUES, value);
}

export function publicCopy(locale: string | null | undefined): PublicCopy {
  return isPublicLocale(locale) ? CATALOGUES[locale] : en;
}

/** A route's `handle` on a public page: the page speaks the member's language. */
export type PublicPageHandle = { publicPage: true };

/** `path` in the language chosen with the switcher, when one was chosen (`?lang=`). */
export function withChosenLanguage(path: string, search: string): string {
  const chosen = new URLSearchParams(search).get("lang");
  if (!isPublicLocale(chosen)) return path;
  return `${path}${path.includes("?") ? "&" : "?"}lang=${chosen}`;
}
