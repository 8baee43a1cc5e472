import { Link } from "@remix-run/react";
import type { AuthorHistory as History, StrikeKind } from "~/models/cases/author-history.server";
import { When, plural, stateLabel } from "./format";

// The author's record: a strike ladder summary, the enforcement actions behind it, and
// the other cases about the same author with their state and outcome.

// In ladder order, mildest first.
const STRIKE_WORDS: Record<StrikeKind, [string, string]> = {
  warn: ["warning", "warnings"],
  mute: ["mute", "mutes"],
  suspend: ["suspension", "suspensions"],
  ban: ["ban", "bans"],
};

const KIND_LABELS: Record<string, string> = {
  remove_content: "Content removed",
  warn: "Warned",
  mute: "Muted",
  suspend: "Suspended",
  ban: "Banned",
  dismiss: "Dismissed",
};

function StrikeLadder({ strikes }: { strikes: History["strikes"] }) {
  return (
    <>
      <ol className="strike-ladder" aria-label="Strike ladder">
        {(Object.keys(STRIKE_WORDS) as StrikeKind[]).map((kind) => (
          <li key={kind} data-reached={strikes.counts[kind] > 0 || undefined}>
            {plural(strikes.counts[kind], ...STRIKE_WORDS[kind])}
          </li>
        ))}
      </ol>
      <p>
        {strikes.highest ? `Highest step reached: ${STRIKE_WORDS[strikes.highest][0]}.` : "No strikes on record."}{" "}
        {strikes.removals > 0 ? `${plural(strikes.removals, "post", "posts")} removed.` : null}
      </p>
    </>
  );
}

export function AuthorHistory({ history }: { history: History | null }) {
  return (
    <section aria-labelledby="history-heading">
      <h2 id="history-heading">Author history</h2>
      {!history ? (
        <p className="hint">The reports name no author.</p>
      ) : (
        <>
          <p>
            Author <strong dir="auto">{history.handle}</strong>
          </p>
          <StrikeLadder strikes={history.strikes} />
          <h3>Enforcement actions ({history.enforcementCount})</h3>
          {history.enforcements.length === 0 ? (
            <p className="hint">None.</p>
          ) : (
            <table className="stack">
              <thead>
                <tr>
                  <th scope="col">When</th>
                  <th scope="col">Action</th>
                  <th scope="col">Rule</th>
                  <th scope="col">Case</th>
                  <th scope="col">By</th>
                  <th scope="col">Reason</th>
                </tr>
              </thead>
              <tbody>
                {history.enforcements.map((e) => (
                  <tr key={e.id}>
                    <td data-label="When">
                      <When iso={e.createdAt} />
                    </td>
                    <td data-label="Action">{KIND_LABELS[e.kind] ?? e.kind}</td>
                    <td data-label="Rule">
                      <code>{e.ruleCode}</code>
                    </td>
                    <td data-label="Case">{e.thisCase ? "this case" : <Link to={`/cases/${e.caseRef}`}>{e.caseRef}</Link>}</td>
                    <td data-label="By">{e.approvedBy ? `${e.by}, approved by ${e.approvedBy}` : e.by}</td>
                    <td data-label="Reason" className="pre-wrap">{e.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <h3>Other cases about this author ({history.caseCount})</h3>
          {history.cases.length === 0 ? (
            <p className="hint">None.</p>
          ) : (
            <table className="stack">
              <thead>
                <tr>
                  <th scope="col">Case</th>
                  <th scope="col">Opened</th>
                  <th scope="col">Rule</th>
                  <th scope="col">State</th>
                  <th scope="col">Outcome</th>
                </tr>
              </thead>
              <tbody>
                {history.cases.map((c) => (
                  <tr key={c.ref}>
                    <td data-label="Case">
                      <Link to={`/cases/${c.ref}`} className="mono">
                        {c.ref}
                      </Link>
                    </td>
                    <td data-label="Opened">
                      <When iso={c.createdAt} />
                    </td>
                    <td data-label="Rule">
                      <code>{c.ruleCode}</code>
                    </td>
                    <td data-label="State">{stateLabel(c.state)}</td>
                    <td data-label="Outcome">{c.outcome ? `${KIND_LABELS[c.outcome.action] ?? c.outcome.action}${c.outcome.reason ? `: ${c.outcome.reason}` : ""}` : "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
