import { Form, Link } from "@remix-run/react";
import { When } from "~/components/case/format";
import { CsrfInput } from "~/components/csrf-input";
import type { ProposalView } from "~/models/crises/crisis-proposal-views.server";
import { CRISIS_SEVERITY_KEYS, CRISIS_TYPES } from "~/models/crises/crisis-words";

// The early-warning monitor's proposals: what spiked, a small chart of the count against the
// usual count for the same window (with the figures in words), the top cases, and accepting
// (declaring the crisis with them linked) or dismissing with a reason.

function RateChart({ count, baseline }: { count: number; baseline: number }) {
  const max = Math.max(count, baseline, 1);
  const width = (n: number) => Math.max(2, Math.round((n / max) * 200));
  return (
    <svg viewBox="0 0 320 44" width="320" height="44" role="img" aria-label={`${count} reports against a usual ${baseline}`} className="rate-chart">
      <text x="0" y="15" fontSize="12">
        Now
      </text>
      <rect x="70" y="4" width={width(count)} height="14" className="bar-now" />
      <text x="0" y="37" fontSize="12">
        Usual
      </text>
      <rect x="70" y="26" width={width(baseline)} height="14" className="bar-usual" />
    </svg>
  );
}

export function Proposals({ proposals }: { proposals: ProposalView[] }) {
  if (proposals.length === 0) return null;
  return (
    <section aria-labelledby="proposals-heading" id="proposals">
      <h2 id="proposals-heading">Proposed by the early-warning monitor</h2>
      <ul className="task-list" aria-label="Crisis proposals">
        {proposals.map((p) => (
          <li key={p.id} aria-label={`${p.count} ${p.what} in ${p.windowMinutes} minutes`}>
            <strong>
              {p.count} {p.what} in {p.windowMinutes} minutes
            </strong>{" "}
            <span className="hint">
              (usually {p.baseline}; seen <When iso={p.createdAt} />)
            </span>
            <div className="chart-box">
              <RateChart count={p.count} baseline={p.baseline} />
            </div>
            {p.cases.length > 0 ? (
              <ul aria-label="Top cases">
                {p.cases.map((c) => (
                  <li key={c.ref}>
                    <Link to={`/cases/${c.ref}`}>{c.ref}</Link> ({c.reports} reports){c.text ? <span className="hint"> {c.text}</span> : null}
                  </li>
                ))}
              </ul>
            ) : null}
            <Form method="post" className="inline-form">
              <CsrfInput />
              <input type="hidden" name="proposal" value={p.id} />
              <label>
                Type
                <select name="type" defaultValue={p.suggestedType}>
                  {Object.entries(CRISIS_TYPES).map(([key, label]) => (
                    <option key={key} value={key}>
                      {label}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                Severity
                <select name="severity" defaultValue="SEV2">
                  {CRISIS_SEVERITY_KEYS.map((s) => (
                    <option key={s}>{s}</option>
                  ))}
                </select>
              </label>
              <button type="submit" name="intent" value="accept-proposal">
                Accept: declare the crisis
              </button>
            </Form>
            <Form method="post" className="inline-form">
              <CsrfInput />
              <input type="hidden" name="proposal" value={p.id} />
              <label>
                Why it is not a crisis
                <input name="reason" maxLength={500} required />
              </label>
              <button type="submit" name="intent" value="dismiss-proposal" className="secondary">
                Dismiss
              </button>
            </Form>
          </li>
        ))}
      </ul>
    </section>
  );
}
