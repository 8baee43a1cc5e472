import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { compareLocales, languageName, listRules } from "~/models/intake/rules.server";
import { requirePermission } from "~/utils/auth.server";

type LoaderData = {
  /** Every locale any rule is translated into, the default first. */
  locales: { code: string; name: string }[];
  rules: { code: string; severity: number; titles: Record<string, string> }[];
};

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "manage:rules");
  const rules = await listRules();
  const locales = [...new Set(rules.flatMap((r) => r.translations.map((t) => t.locale)))].sort(compareLocales);
  return Response.json({
    locales: locales.map((code) => ({ code, name: languageName(code) })),
    rules: rules.map((r) => ({
      code: r.code,
      severity: r.severity,
      titles: Object.fromEntries(r.translations.map((t) => [t.locale, t.title])),
    })),
  } satisfies LoaderData);
}

export default function RulesIndex() {
  const { locales, rules } = useLoaderData<LoaderData>();
  return (
    <>
      <h1>Community rules</h1>
      <p className="hint">
        Severity runs from 1 (minor) to 5 (most severe) and feeds case priority and escalation. Open a rule to edit its
        severity and translations.
      </p>
      <table className="stack wide">
        <caption className="hint">{rules.length} rules, most severe first</caption>
        <thead>
          <tr>
            <th scope="col">Code</th>
            <th scope="col">Severity</th>
            {locales.map((l) => (
              <th key={l.code} scope="col">
                <abbr title={l.name}>{l.code}</abbr>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rules.map((r) => (
            <tr key={r.code}>
              <th scope="row">
                <Link to={r.code} aria-label={`Edit rule ${r.code}`}>
                  <code>{r.code}</code>
                </Link>
              </th>
              <td data-label="Severity">{r.severity}</td>
              {locales.map(({ code, name }) =>
                r.titles[code] ? (
                  <td key={code} lang={code} data-label={name}>
                    {r.titles[code]}
                  </td>
                ) : (
                  <td key={code} className="hint" data-label={name}>
                    missing
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Community rules · Vigil" }];

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
