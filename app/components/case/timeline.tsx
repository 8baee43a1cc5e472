import type { CasePage } from "~/models/cases/case-view.server";
import { isRole, ROLE_LABELS } from "~/utils/permissions";
import { When } from "./format";

// What happened to the case, oldest first, from the audit log: who, in which role,
// what, why and when. Reports' arrivals are in it; reporters' identities are not.

export function Timeline({ timeline }: { timeline: CasePage["timeline"] }) {
  const { entries, total } = timeline;
  return (
    <section aria-labelledby="timeline-heading">
      <h2 id="timeline-heading">Timeline</h2>
      {total > entries.length ? <p className="hint">Showing the latest {entries.length} of {total} entries.</p> : null}
      <ol className="timeline">
        {entries.map((e) => (
          <li key={e.seq}>
            <div className="timeline-head">
              <When iso={e.at} /> · <strong>{e.what}</strong>
              {e.detail ? <> ({e.detail})</> : null}
            </div>
            <div>
              by {e.who}
              {e.role ? <> as {e.role.split(",").map((r) => (isRole(r) ? ROLE_LABELS[r] : r.replace(/_/g, " "))).join(", ")}</> : null}
            </div>
            {e.reason ? <blockquote className="pre-wrap">{e.reason}</blockquote> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
