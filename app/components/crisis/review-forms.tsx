import { Form } from "@remix-run/react";
import { When } from "~/components/case/format";
import { CsrfInput } from "~/components/csrf-input";
import { Field, TextareaField } from "~/components/form-field";
import type { ReviewView } from "~/models/crises/crisis-review-view.server";

// The review's forms: what the team writes (a draft), sending it for sign-off or back, and
// the sign-off (action items: action-items.tsx). Plain forms: they work without JavaScript
// and by keyboard.
// A failed submit comes back with what was typed (`values`) and the error by field.

export type Failed = { intent: string; values: Record<string, string>; errors: Record<string, string[]> } | null;
type Review = NonNullable<ReviewView["review"]>;

export const typed = (failed: Failed, intent: string, field: string, fallback: string) => (failed?.intent === intent ? (failed.values[field] ?? fallback) : fallback);
export const errorsOf = (failed: Failed, intent: string, field: string) => (failed?.intent === intent ? failed.errors[field] : undefined);

const PARTS = [
  { name: "whatHappened", label: "What happened", hint: "The story of the crisis, in order, as the team saw it." },
  { name: "wentWell", label: "What went well", hint: "What to keep doing." },
  { name: "toChange", label: "What to change", hint: "What to do differently; each change worth doing is an action item below." },
] as const;

export function ReviewText({ review, version, canWrite, failed }: { review: Review; version: number; canWrite: boolean; failed: Failed }) {
  if (!canWrite || review.status !== "draft") {
    return (
      <div className="review-text">
        {PARTS.map((p) => (
          <section key={p.name} aria-labelledby={`review-${p.name}-heading`}>
            <h3 id={`review-${p.name}-heading`}>{p.label}</h3>
            <p className="prose">{review[p.name] || <span className="hint">Not written.</span>}</p>
          </section>
        ))}
      </div>
    );
  }
  return (
    <Form method="post" className="stack" aria-label="Write the review" key={JSON.stringify(failed)}>
      <CsrfInput />
      <input type="hidden" name="intent" value="write" />
      <input type="hidden" name="version" value={version} />
      {PARTS.map((p) => (
        <TextareaField key={p.name} label={p.label} hint={p.hint} id={`review-${p.name}`} name={p.name} rows={6} defaultValue={typed(failed, "write", p.name, review[p.name])} errors={errorsOf(failed, "write", p.name)} />
      ))}
      <button type="submit">Save the review</button>
    </Form>
  );
}

export function ReviewStatusForms({ review, version, can }: { review: Review; version: number; can: { write: boolean; signOff: boolean } }) {
  if (review.status === "completed") {
    return review.signedOff ? (
      <p>
        Signed off by {review.signedOff.by}, <When iso={review.signedOff.at} />
        {review.signedOff.note ? `: ${review.signedOff.note}` : "."}
      </p>
    ) : null;
  }
  if (review.status === "draft") {
    return can.write ? (
      <Form method="post" className="inline-form" aria-label="Send for sign-off">
        <CsrfInput />
        <input type="hidden" name="intent" value="submit" />
        <input type="hidden" name="version" value={version} />
        <button type="submit">Send for sign-off</button>
      </Form>
    ) : (
      <p className="hint">The team is writing the review.</p>
    );
  }
  return (
    <>
      <p>
        Sent for sign-off {review.submittedAt ? <When iso={review.submittedAt} /> : null}. A trust &amp; safety lead or leadership signs it off; that closes the crisis.
      </p>
      {can.signOff ? (
        <Form method="post" className="stack" aria-label="Sign off">
          <CsrfInput />
          <input type="hidden" name="intent" value="sign-off" />
          <input type="hidden" name="version" value={version} />
          <Field label="Note with the sign-off (optional)" id="review-sign-off-note" name="note" />
          <button type="submit">Sign off and close the crisis</button>
        </Form>
      ) : null}
      {can.write ? (
        <Form method="post" className="inline-form" aria-label="Send back to draft">
          <CsrfInput />
          <input type="hidden" name="intent" value="reopen" />
          <label>
            Why it goes back (optional)
            <input name="note" maxLength={2000} />
          </label>
          <button type="submit" className="secondary">
            Send back to draft
          </button>
        </Form>
      ) : null}
    </>
  );
}
