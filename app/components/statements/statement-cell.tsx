import { Form, useLocation } from "@remix-run/react";
import { useEffect, useState } from "react";
import { When } from "~/components/case/format";
import { CsrfInput } from "~/components/csrf-input";
import type { ChosenCell } from "~/models/statements/statement-matrix.server";
import { CELL_STATES } from "~/models/statements/statement-words";

// The chosen cell in full: drafted from its template (the fallback language named), its
// text, lint, chain and approvals, and the moves this person may make. Every form names the
// version it was read at, so a move on a text that changed meanwhile is refused.

export type TypedValues = { subject?: string; body?: string; note?: string };

export function ChosenCellPanel({ cell, canDraft, canApprove, typed }: { cell: ChosenCell; canDraft: boolean; canApprove: boolean; typed: TypedValues | null }) {
  const s = cell.statement;
  const title = `${cell.stageLabel} · ${cell.audienceLabel} · ${cell.channelLabel} · ${cell.language}`;
  if (!s) {
    return (
      <section id="chosen" aria-labelledby="chosen-h" className="chosen-cell">
        <h2 id="chosen-h">{title}</h2>
        <p>Nothing drafted in this cell.</p>
        {canDraft ? (
          <Form method="post" className="inline-form">
            <CsrfInput />
            <input type="hidden" name="intent" value="draft" />
            <input type="hidden" name="stage" value={cell.stage} />
            <input type="hidden" name="audience" value={cell.audience} />
            <input type="hidden" name="channel" value={cell.channel} />
            <input type="hidden" name="language" value={cell.language} />
            <button type="submit">Draft from the template</button>
          </Form>
        ) : null}
      </section>
    );
  }
  const hidden = (
    <>
      <CsrfInput />
      <input type="hidden" name="ref" value={s.ref} />
      <input type="hidden" name="version" value={s.version} />
    </>
  );
  const editable = canDraft && (s.state === "draft" || s.state === "awaiting" || s.state === "approved");
  return (
    <section id="chosen" aria-labelledby="chosen-h" className="chosen-cell">
      <h2 id="chosen-h">{title}</h2>
      <dl className="statement-facts">
        <dt>Statement</dt>
        <dd>
          {s.ref} (number {s.sequence} in this cell), {CELL_STATES[s.state].toLowerCase()}
          {s.publishedAt ? (
            <>
              , published <When iso={s.publishedAt} />
            </>
          ) : null}
        </dd>
        <dt>Drafted by</dt>
        <dd>{s.author}</dd>
        <dt>From the template</dt>
        <dd>
          {s.template}, {s.templateLanguage ?? "?"}
          {s.templateLanguage && s.templateLanguage !== cell.language ? <strong className="fallback"> (fallback: the template has no {cell.language} text)</strong> : null}
        </dd>
        <dt>Approval chain</dt>
        <dd>{s.chain}</dd>
        <dt>Approvals</dt>
        <dd>{s.approvals.length === 0 ? "none yet" : s.approvals.map((a) => `${a.name} (${a.role})`).join(", ")}</dd>
        <dt>Text's SHA-256</dt>
        <dd className="hash">{s.hash}</dd>
      </dl>
      <div className="statement-text" aria-label="The statement's text">
        {s.subject ? <p className="statement-subject">{s.subject}</p> : null}
        <p>{s.body}</p>
      </div>
      {s.issues.length > 0 ? (
        <ul className="lint-issues" aria-label="What the lint found">
          {s.issues.map((i) => (
            <li key={`${i.field}-${i.code}-${i.message}`}>
              {i.field}: {i.message}
            </li>
          ))}
        </ul>
      ) : (
        <p className="hint">The lint finds nothing.</p>
      )}
      <div className="statement-moves">
        {canDraft && s.actions.includes("SUBMIT") ? (
          <Form method="post" className="inline-form">
            {hidden}
            <button type="submit" name="intent" value="submit">
              Submit for approval
            </button>
          </Form>
        ) : null}
        {canApprove && s.actions.includes("APPROVE") ? (
          <Form method="post" className="inline-form">
            {hidden}
            <input type="hidden" name="hash" value={s.hash} />
            <button type="submit" name="intent" value="approve">
              Approve this text
            </button>
          </Form>
        ) : null}
        {canApprove && s.actions.includes("REJECT") ? (
          <Form method="post" className="inline-form">
            {hidden}
            <label>
              Why send it back
              <input name="note" defaultValue={typed?.note ?? ""} />
            </label>
            <button type="submit" name="intent" value="reject">
              Send back
            </button>
          </Form>
        ) : null}
        {canDraft && s.actions.includes("PUBLISH") ? (
          <Form method="post" className="inline-form">
            {hidden}
            <button type="submit" name="intent" value="publish">
              Publish
            </button>
          </Form>
        ) : null}
      </div>
      {editable ? <EditText cell={cell} statement={s} typed={typed} /> : null}
    </section>
  );
}

/**
 * Editing keeps the version the person started typing on: when the page follows someone
 * else's change meanwhile, saving is refused as a conflict (keeping what was typed) rather
 * than writing over the text they changed. Their own next move starts afresh.
 */
function EditText({ cell, statement: s, typed }: { cell: ChosenCell; statement: NonNullable<ChosenCell["statement"]>; typed: TypedValues | null }) {
  const location = useLocation();
  const [base, setBase] = useState<number | null>(null);
  useEffect(() => setBase(null), [location.key, s.ref]);
  return (
    <details open={!!typed?.body}>
      <summary>Edit the text{s.approvals.length > 0 || s.state === "awaiting" ? " (it goes back for approval)" : ""}</summary>
      <Form method="post" className="statement-edit" onChange={() => setBase((b) => b ?? s.version)}>
        <CsrfInput />
        <input type="hidden" name="ref" value={s.ref} />
        <input type="hidden" name="version" value={base ?? s.version} />
        {cell.channel === "email" ? (
          <label>
            Subject
            <input name="subject" defaultValue={typed?.subject ?? s.subject ?? ""} />
          </label>
        ) : null}
        <label>
          Text
          <textarea name="body" rows={5} defaultValue={typed?.body ?? s.body} />
        </label>
        <button type="submit" name="intent" value="edit">
          Save the text
        </button>
      </Form>
    </details>
  );
}
