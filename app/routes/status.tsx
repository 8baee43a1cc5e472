import type { HeadersFunction, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData, useLocation } from "@remix-run/react";
import { LanguageSwitcher } from "~/components/public/language-switcher";
import type { PublicLocale, PublicPageHandle } from "~/i18n/public";
import { publicCopy } from "~/i18n/public";
import { publicLocale } from "~/i18n/public/locale.server";
import type { StatusNotice } from "~/models/statements/status-page.server";
import { statusNotices } from "~/models/statements/status-page.server";
import type { RootData } from "~/root";
import statusStyles from "~/styles/status.css";

// The public status page: no sign-in, no JavaScript needed. The crisis team's published
// notices in the reader's language (Accept-Language, or the switcher's `?lang=`), the
// fallback named when their language has none, newest update first, each with its time and
// the next promised update. Times are written on the server, in UTC, in the reader's language.

export const handle: PublicPageHandle = { publicPage: true };
export const links: LinksFunction = () => [{ rel: "stylesheet", href: statusStyles }];

type Shown = StatusNotice & { sinceText: string; nextText: string | null; updates: (StatusNotice["updates"][number] & { atText: string; languageName: string })[] };
type LoaderData = { locale: PublicLocale; notices: Shown[] };

export function formatUtc(iso: string, locale: string) {
  return `${new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }).format(new Date(iso))} UTC`;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const locale = publicLocale(request);
  const notices = (await statusNotices(locale)).map((n) => ({
    ...n,
    sinceText: formatUtc(n.since, locale),
    nextText: n.nextUpdateDueAt ? formatUtc(n.nextUpdateDueAt, locale) : null,
    updates: n.updates.map((u) => ({ ...u, atText: formatUtc(u.at, locale), languageName: publicCopy(u.language).name })),
  }));
  return Response.json({ locale, notices } satisfies LoaderData, { headers: { Vary: "Accept-Language, Cookie" } });
}

export const headers: HeadersFunction = ({ loaderHeaders }) => ({ Vary: loaderHeaders.get("Vary") ?? "Accept-Language" });

export default function StatusPage() {
  const { locale, notices } = useLoaderData<LoaderData>();
  const { search } = useLocation();
  const copy = publicCopy(locale).status;
  const lang = new URLSearchParams(search).get("lang");
  return (
    <section className="status-page">
      <LanguageSwitcher locale={locale} />
      <h1>{copy.heading}</h1>
      <p>{copy.intro}</p>
      {notices.length === 0 ? <p className="status-none">{copy.none}</p> : null}
      {notices.map((notice) => (
        <article key={notice.anchor} id={notice.anchor} className={notice.ongoing ? "status-notice ongoing" : "status-notice"} aria-labelledby={`${notice.anchor}-h`}>
          <h2 id={`${notice.anchor}-h`}>{notice.ongoing ? copy.ongoing : copy.resolved}</h2>
          <p className="status-meta">
            {copy.since} <time dateTime={notice.since}>{notice.sinceText}</time>
            {notice.nextText ? (
              <>
                {" · "}
                {copy.nextUpdate} <time dateTime={notice.nextUpdateDueAt!}>{notice.nextText}</time>
              </>
            ) : null}
          </p>
          <ol className="status-updates">
            {notice.updates.map((u) => (
              <li key={u.entryId} lang={u.language}>
                <h3>
                  <span lang={locale}>{copy.stages[u.stage]}</span> · <time dateTime={u.at}>{u.atText}</time>
                </h3>
                <p>{u.text}</p>
                {u.fallback ? (
                  <p className="status-fallback" lang={locale}>
                    {copy.fallback} {u.languageName}.
                  </p>
                ) : null}
              </li>
            ))}
          </ol>
        </article>
      ))}
      <p>
        <a href={`/status.atom${lang ? `?lang=${encodeURIComponent(lang)}` : ""}`} type="application/atom+xml">
          {copy.feed}
        </a>
      </p>
    </section>
  );
}

export const meta: MetaFunction = ({ matches }) => {
  const root = matches.find((m) => m.id === "root")?.data as RootData | undefined;
  return [{ title: publicCopy(root?.locale).status.title }, { tagName: "link", rel: "alternate", type: "application/atom+xml", href: "/status.atom" }];
};

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
