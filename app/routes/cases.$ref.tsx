import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { getCaseView } from "~/models/cases.server";
import { parseRef } from "~/models/refs";
import { requirePermission } from "~/utils/auth.server";
import { can } from "~/utils/permissions";

// The read-only case page: subject, content snapshot, every report, priority and why.
// Reporter identity leaves the server only for roles with read:reporter-identity.

type CaseView = NonNullable<Awaited<ReturnType<typeof getCaseView>>>;
type Dated<T, K extends keyof T> = Omit<T, K> & { [P in K]: string | Extract<T[P], null> };
type ReportView = Dated<CaseView["reports"][number], "receivedAt" | "occurredAt">;
type LoaderData = Dated<Omit<CaseView, "reports">, "createdAt" | "updatedAt" | "claimExpiresAt" | "firstResponseDueAt"> & {
  reports: ReportView[];
};

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:case");
  const ref = parseRef(params.ref ?? "", "case");
  const view = ref ? await getCaseView(ref, { canSeeReporters: can(user.roles, "read:reporter-identity") }) : null;
  if (!view) throw Response.json({ message: `There is no case “${params.ref ?? ""}”.` }, { status: 404, statusText: "Not Found" });
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  return Response.json({
    ...view,
    createdAt: view.createdAt.toISOString(),
    updatedAt: view.updatedAt.toISOString(),
    claimExpiresAt: iso(view.claimExpiresAt),
    firstResponseDueAt: iso(view.firstResponseDueAt),
    reports: view.reports.map((r) => ({ ...r, receivedAt: r.receivedAt.toISOString(), occurredAt: iso(r.occurredAt) })),
  } satisfies LoaderData);
}

function When({ iso }: { iso: string }) {
  return <time dateTime={iso}>{iso.slice(0, 16).replace("T", " ")} UTC</time>;
}

function Row({ term, children }: { term: string; children: ReactNode }) {
  return (
    <>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </>
  );
}

const HTTP_URL = /^https?:\/\//i;

function SubjectUrl({ url }: { url: string }) {
  // Only http(s) becomes a link: a reported "javascript:" address stays text.
  return HTTP_URL.test(url.trim()) ? (
    <a href={url.trim()} rel="noopener noreferrer nofollow" target="_blank">
      {url}
    </a>
  ) : (
    <code>{url}</code>
  );
}

function Snapshot({ text, lang }: { text: string; lang: string | null }) {
  return (
    <pre className="snapshot" lang={lang ?? undefined}>
      {text}
    </pre>
  );
}

function Reporter({ reporter }: { reporter: ReportView["reporter"] }) {
  if (!reporter) return <em>Reporter hidden</em>;
  const parts = [reporter.handle, reporter.id && `id ${reporter.id}`, reporter.contact].filter(Boolean);
  return <>{parts.length ? parts.join(" · ") : "Anonymous"}</>;
}

export default function CasePage() {
  const c = useLoaderData<LoaderData>();
  const address = c.subjectUrl ?? (HTTP_URL.test(c.subjectId.trim()) ? c.subjectId : null);
  return (
    <>
      <p>
        <Link to="/cases">All cases</Link>
      </p>
      <h1>
        Case <span className="mono">{c.ref}</span> <span className="badge">{c.state}</span>
      </h1>
      <dl>
        <Row term="State">{c.state}</Row>
        <Row term="Rule">
          {c.ruleTitle} (<code>{c.ruleCode}</code>)
        </Row>
        <Row term="Priority">{c.priority}</Row>
        <Row term="Reports">
          {c.reportCount} from {c.reporterCount} {c.reporterCount === 1 ? "reporter" : "reporters"}
        </Row>
        <Row term="Subject">
          {c.subjectType === "account" ? "Account" : "Content"} <code>{c.subjectId}</code>
        </Row>
        {address ? (
          <Row term="Address">
            <SubjectUrl url={address} />
          </Row>
        ) : null}
        {c.authorHandle !== null ? <Row term="Author">{c.authorHandle}</Row> : null}
        <Row term="Language">{c.language ?? "Not given"}</Row>
        <Row term="Created">
          <When iso={c.createdAt} />
        </Row>
        <Row term="Last report">
          <When iso={c.updatedAt} />
        </Row>
      </dl>

      <h2>Content snapshot</h2>
      {c.text !== null ? <Snapshot text={c.text} lang={c.language} /> : <p>No text was sent with the reports.</p>}

      <h2 id="priority">Priority {c.priority}</h2>
      <table aria-labelledby="priority">
        <thead>
          <tr>
            <th scope="col">Factor</th>
            <th scope="col">Value</th>
            <th scope="col">Points</th>
            <th scope="col">Why</th>
          </tr>
        </thead>
        <tbody>
          {c.breakdown.map((f) => (
            <tr key={f.factor}>
              <th scope="row">{f.factor}</th>
              <td>{f.value}</td>
              <td>{f.points}</td>
              <td>{f.explanation}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Total</th>
            <td />
            <td>{c.priority}</td>
            <td />
          </tr>
        </tfoot>
      </table>

      <h2>Reports ({c.reports.length})</h2>
      {c.reports.map((r) => (
        <article key={r.id} aria-labelledby={`report-${r.id}`}>
          <h3 id={`report-${r.id}`} className="mono">
            {r.ref}
          </h3>
          <dl>
            <Row term="Received">
              <When iso={r.receivedAt} />
            </Row>
            {r.occurredAt ? (
              <Row term="Happened">
                <When iso={r.occurredAt} />
              </Row>
            ) : null}
            <Row term="Source">{r.source === "form" ? "Public report form" : `API (${r.source})`}</Row>
            <Row term="Reporter">
              <Reporter reporter={r.reporter} />
            </Row>
            <Row term="Rule">
              {r.ruleTitle} (<code>{r.ruleCode}</code>)
            </Row>
            {r.subjectId !== c.subjectId ? (
              <Row term="Subject as reported">
                <code>{r.subjectId}</code>
              </Row>
            ) : null}
            {r.authorHandle !== null && r.authorHandle !== c.authorHandle ? <Row term="Author as reported">{r.authorHandle}</Row> : null}
            {r.note !== null ? (
              <Row term="Note">
                <span style={{ whiteSpace: "pre-wrap" }}>{r.note}</span>
              </Row>
            ) : null}
          </dl>
          {r.text !== null && r.text !== c.text ? (
            <>
              <h4>Text as this reporter saw it</h4>
              <Snapshot text={r.text} lang={r.language} />
            </>
          ) : null}
        </article>
      ))}
    </>
  );
}

export const meta: MetaFunction<typeof loader> = ({ params }) => [{ title: `Case ${params.ref ?? ""} · Vigil` }];

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
