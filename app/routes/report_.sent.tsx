import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useLocation, useRouteLoaderData } from "@remix-run/react";
import { LanguageSwitcher } from "~/components/public/language-switcher";
import type { PublicPageHandle } from "~/i18n/public";
import { publicCopy, withChosenLanguage } from "~/i18n/public";
import { publicLocale } from "~/i18n/public/locale.server";
import { parseRef } from "~/models/cases/refs";
import { getReportReceipt } from "~/models/intake/reports.server";
import type { RootData } from "~/root";

// The receipt after the public form: the reference a member can quote. It shows
// nothing else about the report, so a guessed reference reveals nothing. Its language
// is the root loader's choice for the request, as on the form.

export const handle: PublicPageHandle = { publicPage: true };

export async function loader({ request }: LoaderFunctionArgs) {
  const ref = parseRef(new URL(request.url).searchParams.get("ref") ?? "", "report");
  const receipt = ref ? await getReportReceipt(ref) : null;
  if (!receipt) {
    const message = publicCopy(publicLocale(request)).receipt.notFound;
    throw Response.json({ message }, { status: 404, statusText: "Not Found" });
  }
  return Response.json({ ref: receipt.ref, receivedAt: receipt.receivedAt.toISOString() });
}

export default function ReportSentPage() {
  const { ref, receivedAt } = useLoaderData<{ ref: string; receivedAt: string }>();
  const locale = useRouteLoaderData<RootData>("root")?.locale ?? "en";
  const { search } = useLocation();
  const t = publicCopy(locale).receipt;
  return (
    <section>
      <LanguageSwitcher locale={locale} />
      <h1>{t.heading}</h1>
      <div role="status" className="notice success">
        <p>
          {t.referenceBefore}
          <strong className="mono">{ref}</strong>
          {t.referenceAfter}
        </p>
        <p className="hint">
          {t.received} <time dateTime={receivedAt}>{receivedAt.slice(0, 16).replace("T", " ")} UTC</time>.
        </p>
      </div>
      <p>{t.next}</p>
      <p>
        <Link to={withChosenLanguage("/report", search)}>{t.another}</Link>
      </p>
    </section>
  );
}

export const meta: MetaFunction = ({ matches }) => {
  const root = matches.find((m) => m.id === "root")?.data as RootData | undefined;
  return [{ title: publicCopy(root?.locale).receipt.title }];
};

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
