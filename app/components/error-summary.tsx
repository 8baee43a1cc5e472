import { useEffect, useId, useRef } from "react";

// What went wrong with a form, at its top, each field's error linking to the field. It is
// an alert, so it is read out without JavaScript too; with JavaScript, focus moves to it
// after each failed submit, so keyboard and screen-reader users start where the problem is.

export type SummaryError = { fieldId: string; message: string };

export function ErrorSummary({
  title,
  lead,
  message,
  errors,
  submission,
}: {
  title: string;
  lead?: string;
  /** A message about the whole form, instead of or beside field errors. */
  message?: string | null;
  errors: readonly SummaryError[];
  /** Changes with each failed submit (the action's answer), so focus moves every time. */
  submission: unknown;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const titleId = useId();
  useEffect(() => {
    ref.current?.focus();
  }, [submission]);
  return (
    <div ref={ref} className="notice error error-summary" role="alert" tabIndex={-1} aria-labelledby={titleId}>
      <h2 id={titleId}>{title}</h2>
      {message ? <p>{message}</p> : null}
      {errors.length > 0 ? (
        <>
          {lead ? <p>{lead}</p> : null}
          <ul>
            {errors.map((e) => (
              <li key={`${e.fieldId}:${e.message}`}>
                <a href={`#${e.fieldId}`}>{e.message}</a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
