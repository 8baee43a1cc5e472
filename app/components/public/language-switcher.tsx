import { Link, useLocation } from "@remix-run/react";
import type { PublicLocale } from "~/i18n/public";
import { PUBLIC_LOCALES, publicCopy } from "~/i18n/public";

// Plain links, so the choice works without JavaScript: the same page with `?lang=`,
// keeping the rest of the address (the receipt's reference). Each language is named in
// itself and marked with its language for screen readers.

export function LanguageSwitcher({ locale }: { locale: PublicLocale }) {
  const { pathname, search } = useLocation();
  const href = (lang: string) => {
    const params = new URLSearchParams(search);
    params.set("lang", lang);
    return `${pathname}?${params}`;
  };
  return (
    <nav className="language-switcher" aria-label={publicCopy(locale).languages}>
      <ul>
        {PUBLIC_LOCALES.map((lang) => (
          <li key={lang} lang={lang}>
            {lang === locale ? (
              <strong aria-current="true">{publicCopy(lang).name}</strong>
            ) : (
              <Link to={href(lang)} hrefLang={lang}>
                {publicCopy(lang).name}
              </Link>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}
