import { negotiateLocale } from "~/models/intake/reports.server";
import type { PublicLocale } from "./index";
import { PUBLIC_LOCALES, isPublicLocale } from "./index";

/**
 * The language of the public pages for this request: `?lang=` (the switcher), then
 * Accept-Language by weight, then English. A regional tag reads its base language
 * ("pl-PL" is Polish).
 */
export function publicLocale(request: Request): PublicLocale {
  const tag = negotiateLocale(request, new Set(PUBLIC_LOCALES));
  if (isPublicLocale(tag)) return tag;
  const base = tag.split("-")[0];
  return isPublicLocale(base) ? base : "en";
}
