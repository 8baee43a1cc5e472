import { DISMISS_UNDO_MINUTES } from "@machines/triage.types";
import type { FetcherWithComponents } from "@remix-run/react";
import { Form, Link, useLocation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { When, plural } from "~/components/case/format";
import { CsrfInput } from "~/components/csrf-input";
import type { BulkReply } from "./types";

// Dismissing cases as spam asks first and can be undone for a few minutes. Both steps are
// forms the server answers, so they work without JavaScript: the confirmation is the same
// post again with `confirm`. With JavaScript (a fetcher) the confirmation is a modal dialog.

type ConfirmReply = Extract<BulkReply, { confirm: object }>;
type Undo = NonNullable<Extract<BulkReply, { summary: string }>["undo"]>;

/** How many refs the confirmation names before it says "and n more". */
const LISTED = 20;

function useBulkAction() {
  const { search, pathname } = useLocation();
  // On /queue/bulk (no JavaScript) the filters ride along in the address too.
  return { action: `/queue/bulk${search}`, back: pathname === "/queue/bulk" ? `/queue${search}` : null };
}

export function ConfirmDismissal({ reply, fetcher }: { reply: ConfirmReply; fetcher?: FetcherWithComponents<unknown> }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const { action, back } = useBulkAction();
  const { cases } = reply.confirm;
  const modal = fetcher !== undefined;
  const busy = fetcher ? fetcher.state !== "idle" : false;
  const FormOf = fetcher ? fetcher.Form : Form;
  useEffect(() => {
    const el = dialog.current;
    if (!modal || !el || el.open) return;
    el.showModal();
    // The safe answer has the focus: Enter alone never dismisses cases.
    cancel.current?.focus();
  }, [modal, reply]);
  const count = plural(cases.length, "case", "cases");
  return (
    <dialog ref={dialog} open={modal ? undefined : true} className={modal ? "confirm-dialog" : "confirm-dialog inline"} aria-labelledby="confirm-dismiss-heading" aria-describedby="confirm-dismiss-text">
      <h2 id="confirm-dismiss-heading">Dismiss {count} as spam?</h2>
      <p id="confirm-dismiss-text">
        You claim each case and dismiss it as spam; it leaves the queue. You can undo this for {DISMISS_UNDO_MINUTES} minutes afterwards.
      </p>
      <ul className="confirm-refs">
        {cases.slice(0, LISTED).map((c) => (
          <li key={c.caseId} className="mono">
            {c.ref}
          </li>
        ))}
        {cases.length > LISTED ? <li>and {cases.length - LISTED} more</li> : null}
      </ul>
      <FormOf method="post" action={action} className="confirm-buttons">
        <CsrfInput />
        <input type="hidden" name="intent" value="dismiss_spam" />
        {cases.map((c) => (
          <input key={c.caseId} type="hidden" name="case" value={c.version === undefined ? c.caseId : `${c.caseId}:${c.version}`} />
        ))}
        <button type="submit" name="confirm" value="yes" className="danger" disabled={busy}>
          Yes, dismiss {count}
        </button>
        {modal ? (
          <button type="button" className="secondary" ref={cancel} onClick={() => dialog.current?.close()}>
            Cancel
          </button>
        ) : back ? (
          <Link to={back}>Cancel</Link>
        ) : null}
      </FormOf>
    </dialog>
  );
}

/** After a dismissal: one button that takes all of it back while the window is open. */
export function UndoDismissal({ undo, fetcher }: { undo: Undo; fetcher?: FetcherWithComponents<unknown> }) {
  const { action } = useBulkAction();
  const FormOf = fetcher ? fetcher.Form : Form;
  if (undo.cases.length === 0) return null;
  return (
    <FormOf method="post" action={action} className="undo-form">
      <CsrfInput />
      <input type="hidden" name="intent" value="undo_dismiss" />
      {undo.cases.map((c) => (
        <input key={c.caseId} type="hidden" name="case" value={`${c.caseId}:${c.version}`} />
      ))}
      {undo.cases
        .filter((c) => c.release)
        .map((c) => (
          <input key={c.caseId} type="hidden" name="release" value={c.caseId} />
        ))}
      <button type="submit" aria-describedby="undo-hint" disabled={fetcher ? fetcher.state !== "idle" : false}>
        Undo
      </button>{" "}
      <span id="undo-hint" className="hint">
        Until <When iso={undo.until} />: {undo.cases.length === 1 ? "the case goes" : "the cases go"} back to where {undo.cases.length === 1 ? "it was" : "they were"}.
      </span>
    </FormOf>
  );
}
