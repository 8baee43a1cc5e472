import { When } from "~/components/case/format";
import type { ReviewView } from "~/models/crises/crisis-review-view.server";

// The facts Vigil read from a crisis's timeline for its review: the timings from the first
// linked report, updates on time against those promised, pages and their acknowledgements,
// tasks done late, and statements with their approval times. Lists, not tables, so they
// read in order and fit a phone.

export function ReviewFacts({ facts }: { facts: ReviewView["facts"] }) {
  return (
    <>
      <p>
        Counted from {facts.start.what}, <When iso={facts.start.at} />.
      </p>
      <ul className="review-timings" aria-label="Timings">
        {facts.timings.map((t) => (
          <li key={t.key} aria-label={t.label}>
            <strong>{t.label}</strong>{" "}
            {t.at ? (
              <>
                after {t.after} (<When iso={t.at} />)
              </>
            ) : (
              <span className="hint">{t.missing}</span>
            )}
          </li>
        ))}
        <li aria-label="Updates on time">
          <strong>Updates published on time</strong> {facts.updates.due === 0 ? <span className="hint">no update was due</span> : `${facts.updates.onTime} of ${facts.updates.due} promised`}
        </li>
      </ul>

      <h3>Pages</h3>
      {facts.pages.length === 0 ? (
        <p>No pages.</p>
      ) : (
        <ul className="review-list" aria-label="Pages">
          {facts.pages.map((p, i) => (
            <li key={i}>
              <When iso={p.at} />: the {p.who}, {p.why}.{" "}
              {p.acknowledgedAt ? (
                <>
                  Acknowledged by {p.acknowledgedBy} after {p.after}.
                </>
              ) : (
                <span className="hint">Not acknowledged.</span>
              )}
            </li>
          ))}
        </ul>
      )}

      <h3>Tasks done late</h3>
      {facts.lateTasks.length === 0 ? (
        <p>None.</p>
      ) : (
        <ul className="review-list" aria-label="Tasks done late">
          {facts.lateTasks.map((t, i) => (
            <li key={i}>
              {t.title}: due <When iso={t.dueAt} />, {t.doneAt ? `done ${t.late} late` : `still open, ${t.late} late`}.
            </li>
          ))}
        </ul>
      )}

      <h3>Statements and approvals</h3>
      {facts.statements.length === 0 ? (
        <p>No statements.</p>
      ) : (
        <ul className="review-list" aria-label="Statements">
          {facts.statements.map((s, i) => (
            <li key={i}>
              {s.label}: put up for approval <When iso={s.submittedAt} />,{" "}
              {s.approvedAt ? (
                <>
                  approved after {s.took}.
                </>
              ) : (
                "not approved."
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
