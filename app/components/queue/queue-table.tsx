import { SlaCell } from "~/components/escalation/queue-sla";
import type { FetcherWithComponents } from "@remix-run/react";
import { CrisisBadge } from "~/components/crisis/crisis-badges";
import { Link } from "@remix-run/react";
import { CaseGist } from "~/components/case-gist";
import { CsrfInput } from "~/components/csrf-input";
import { BAND_LABELS, clock, stateLabel, waited } from "./format";
import type { QueueCase, QueueData } from "./types";

// The queue's rows. The ref link is what j/k focus; the row shows the selection. Each
// checkbox belongs to the bulk form (form="queue-bulk"), each Claim button to its own
// small form, so no form is nested in another.

export const BULK_FORM_ID = "queue-bulk";

type Props = {
  data: QueueData;
  selectedRef: string | null;
  onSelect: (ref: string) => void;
  linkRef: (ref: string, el: HTMLAnchorElement | null) => void;
  claim: FetcherWithComponents<unknown>;
};

function Holder({ c, viewerId }: { c: QueueCase; viewerId: string }) {
  if (!c.holder) return <>—</>;
  const until = c.claimExpiresAt ? (
    <>
      {" "}
      until <time dateTime={c.claimExpiresAt}>{clock(c.claimExpiresAt)}</time>
    </>
  ) : null;
  return (
    <>
      {c.holder.id === viewerId ? <strong>You</strong> : c.holder.name}
      {until}
    </>
  );
}

function Viewers({ c, viewerId }: { c: QueueCase; viewerId: string }) {
  if (c.viewers.length === 0) return <>—</>;
  return <>{c.viewers.map((v) => (v.id === viewerId ? "you" : v.name)).join(", ")}</>;
}

export function QueueTable({ data, selectedRef, onSelect, linkRef, claim }: Props) {
  const { cases, viewer, now } = data;
  const columns = viewer.canWork ? 11 : 9;
  return (
    <table className="queue-table">
      <caption className="hint">
        {data.counts.total} {data.counts.total === 1 ? "case matches" : "cases match"} ·{" "}
        {data.filters.sort === "age" ? "waiting longest first" : "highest priority first"}
        {data.filters.after ? " · a later page" : ""}
      </caption>
      <thead>
        <tr>
          {viewer.canWork ? (
            <th scope="col">
              <span className="visually-hidden">Select</span>
            </th>
          ) : null}
          <th scope="col">Case</th>
          <th scope="col">State</th>
          <th scope="col">Rule</th>
          <th scope="col">Language</th>
          <th scope="col">Priority</th>
          <th scope="col">Reports</th>
          <th scope="col">Waiting</th>
          <th scope="col">Held by</th>
          <th scope="col">Viewing now</th>
          {viewer.canWork ? <th scope="col">Actions</th> : null}
        </tr>
      </thead>
      <tbody>
        {cases.length === 0 ? (
          <tr>
            <td colSpan={columns}>{data.filters.after ? "No more cases." : "No open cases match these filters."}</td>
          </tr>
        ) : null}
        {cases.map((c) => (
          <tr key={c.id} className="queue-row" data-selected={c.ref === selectedRef || undefined} onFocusCapture={() => onSelect(c.ref)}>
            {viewer.canWork ? (
              <td className="select">
                <input type="checkbox" id={`select-${c.id}`} name="case" value={`${c.id}:${c.version}`} form={BULK_FORM_ID} aria-label={`Select ${c.ref}`} />
              </td>
            ) : null}
            <td data-label="Case">
              <Link to={`/cases/${c.ref}`} className="mono" ref={(el) => linkRef(c.ref, el)}>
                {c.ref}
              </Link>
              {c.crises.map((ref) => (
                <CrisisBadge key={ref} crisisRef={ref} />
              ))}
              <CaseGist subject={c.subject} snippet={c.snippet} />
            </td>
            <td data-label="State">
              <span className="badge">{stateLabel(c.state)}</span>
            </td>
            <td data-label="Rule">
              <code>{c.ruleCode}</code>
            </td>
            <td data-label="Language">{c.language ?? "—"}</td>
            <td data-label="Priority">
              {c.priority} <span className={`band band-${c.band}`}>{BAND_LABELS[c.band]}</span>
            </td>
            <td data-label="Reports">{c.reportCount}</td>
            <td data-label="Waiting">
              {/* Two labelled pieces: how long the case has waited, and its next SLA deadline. */}
              <div>
                Waited{" "}
                <time dateTime={c.createdAt} title={`First reported ${c.createdAt.slice(0, 16).replace("T", " ")} UTC`}>
                  {waited(c.createdAt, now)}
                </time>
              </div>
              <SlaCell c={c} now={now} />
            </td>
            <td data-label="Held by">
              <Holder c={c} viewerId={viewer.id} />
            </td>
            <td data-label="Viewing now">
              <Viewers c={c} viewerId={viewer.id} />
            </td>
            {viewer.canWork ? (
              <td className="actions">
                {c.claimable ? (
                  <claim.Form method="post" className="inline-form">
                    <CsrfInput />
                    <input type="hidden" name="intent" value="claim" />
                    <input type="hidden" name="caseId" value={c.id} />
                    <button type="submit" className="secondary">
                      Claim<span className="visually-hidden"> {c.ref}</span>
                    </button>
                  </claim.Form>
                ) : null}
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
