import type { FetcherWithComponents } from "@remix-run/react";
import { Link } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf-input";
import { ConfirmDismissal, UndoDismissal } from "./bulk-dismissal";
import { BULK_FORM_ID } from "./queue-table";
import type { BulkReply, QueueData } from "./types";

// Bulk actions on the cases ticked in the table: each case goes through the write path
// on its own, and the result table says what happened to each one. Dismissing asks first.

export function BulkActionsForm({ data, bulk, search }: { data: QueueData; bulk: FetcherWithComponents<unknown>; search: string }) {
  const busy = bulk.state !== "idle";
  return (
    <bulk.Form method="post" action={`/queue/bulk${search}`} id={BULK_FORM_ID} className="queue-bulk" aria-describedby="bulk-hint">
      <CsrfInput />
      <p id="bulk-hint" className="hint">
        Tick cases (or press <kbd>x</kbd> on the selected row), then act on all of them.
      </p>
      <button type="submit" name="intent" value="dismiss_spam" className="danger" disabled={busy}>
        Dismiss as spam…
      </button>
      <span className="assign">
        <label htmlFor="bulk-assignee">Assign to</label>
        <select id="bulk-assignee" name="assigneeId" defaultValue="">
          <option value="">Choose a case worker</option>
          {data.workers.map((w) => (
            <option key={w.id} value={w.id}>
              {w.name} ({w.email}){w.senior ? ", senior" : ""}
            </option>
          ))}
        </select>
        <button type="submit" name="intent" value="assign" disabled={busy}>
          Assign
        </button>
      </span>
      {data.viewer.canLink && data.crises.length > 0 ? (
        <span className="assign">
          <label htmlFor="bulk-crisis">Link to crisis</label>
          <select id="bulk-crisis" name="crisis" defaultValue="">
            <option value="">Choose an active crisis</option>
            {data.crises.map((c) => (
              <option key={c.ref} value={c.ref}>
                {c.ref} ({c.severity}): {c.title}
              </option>
            ))}
          </select>
          <button type="submit" name="intent" value="link_crisis" disabled={busy}>
            Link
          </button>
        </span>
      ) : null}
    </bulk.Form>
  );
}

const STATUS_WORDS: Record<string, string> = {
  applied: "Done",
  refused: "Refused",
  conflict: "Changed meanwhile",
  forbidden: "Not allowed",
  not_found: "Not found",
};

/** What a bulk action answered: an error, the dismissal's confirmation, or a table of what happened to each case. */
export function BulkResults({ reply, fetcher }: { reply: BulkReply | undefined; fetcher?: FetcherWithComponents<unknown> }) {
  if (!reply) return null;
  if (reply.error !== undefined) {
    return (
      <p role="alert" className="notice error">
        {reply.error}
      </p>
    );
  }
  if (reply.confirm) return <ConfirmDismissal key={reply.confirm.cases.map((c) => c.caseId).join()} reply={reply} fetcher={fetcher} />;
  return (
    <section aria-labelledby="bulk-results" className="notice">
      <h2 id="bulk-results" role="status">
        {reply.summary}
      </h2>
      <table className="stack">
        <thead>
          <tr>
            <th scope="col">Case</th>
            <th scope="col">Result</th>
            <th scope="col">Details</th>
          </tr>
        </thead>
        <tbody>
          {reply.results.map((r) => (
            <tr key={r.caseId}>
              <td data-label="Case">{r.ref ? <Link to={`/cases/${r.ref}`}>{r.ref}</Link> : <code>{r.caseId}</code>}</td>
              <td data-label="Result">{STATUS_WORDS[r.status] ?? r.status}</td>
              <td data-label="Details">{r.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {reply.undo ? <UndoDismissal undo={reply.undo} fetcher={fetcher} /> : null}
    </section>
  );
}
