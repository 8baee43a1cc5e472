import type { CasePage, CaseReportView } from "~/models/cases/case-view.server";
import { ContentSnapshot } from "./content-snapshot";
import { When } from "./format";

// Every report on the case. Reporter identity arrives only for viewers with
// read:reporter-identity (the server strips it otherwise).

function Reporter({ reporter }: { reporter: CaseReportView["reporter"] }) {
  if (!reporter) return <em>Reporter hidden</em>;
  const parts = [reporter.handle, reporter.id && `id ${reporter.id}`, reporter.contact].filter(Boolean);
  return <>{parts.length ? parts.join(" · ") : "Anonymous"}</>;
}

function Report({ r, c }: { r: CaseReportView; c: CasePage }) {
  return (
    <article className="report" aria-labelledby={`report-${r.id}`}>
      <h3 id={`report-${r.id}`} className="mono">
        {r.ref}
      </h3>
      <dl className="facts">
        <dt>Received</dt>
        <dd>
          <When iso={r.receivedAt} />
        </dd>
        {r.occurredAt ? (
          <>
            <dt>Happened</dt>
            <dd>
              <When iso={r.occurredAt} />
            </dd>
          </>
        ) : null}
        <dt>Source</dt>
        <dd>{r.source === "form" ? "Public report form" : `API (${r.source})`}</dd>
        <dt>Reporter</dt>
        <dd>
          <Reporter reporter={r.reporter} />
        </dd>
        <dt>Rule</dt>
        <dd>
          {r.ruleTitle} (<code>{r.ruleCode}</code>)
        </dd>
        {r.subjectId !== c.subjectId ? (
          <>
            <dt>Subject as reported</dt>
            <dd>
              <code>{r.subjectId}</code>
            </dd>
          </>
        ) : null}
        {r.authorHandle !== null && r.authorHandle !== c.authorHandle ? (
          <>
            <dt>Author as reported</dt>
            <dd>{r.authorHandle}</dd>
          </>
        ) : null}
        {r.note !== null ? (
          <>
            <dt>Note</dt>
            <dd className="pre-wrap" lang={r.language ?? undefined} dir="auto">
              {r.note}
            </dd>
          </>
        ) : null}
      </dl>
      {r.text !== null && r.text !== c.text ? (
        <>
          <h4>Text as this reporter saw it</h4>
          <ContentSnapshot text={r.text} lang={r.language} />
        </>
      ) : null}
    </article>
  );
}

export function ReportsList({ c }: { c: CasePage }) {
  return (
    <section aria-labelledby="reports-heading">
      <h2 id="reports-heading">Reports ({c.reports.length})</h2>
      {c.viewer.canSeeReporters ? null : <p className="hint">Reporter identity is shown only to senior moderators and trust &amp; safety leads.</p>}
      {c.reports.map((r) => (
        <Report key={r.id} r={r} c={c} />
      ))}
    </section>
  );
}
