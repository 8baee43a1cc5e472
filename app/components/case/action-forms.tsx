import { Form } from "@remix-run/react";
import type { KeyboardEvent, ReactNode } from "react";
import { useRef } from "react";
import { CsrfInput } from "~/components/csrf-input";
import { SelectField, TextareaField } from "~/components/form-field";
import type { CasePage } from "~/models/cases/case-view.server";
import type { CaseActionReply, PageEvent } from "~/forms/case-action";
import { ACTION_LABELS, REASON_MAX, REASON_MIN } from "~/forms/case-action";
import { When } from "./format";

// One small form per triage event. Each posts to the page's action with the CSRF token,
// its intent (the event type) and the case version the page was rendered with, so a
// change made meanwhile by someone else answers a conflict instead of being overwritten.

/** The id of the form for `intent` and of its first field: what the keyboard shortcuts reach for. */
export const formId = (intent: PageEvent) => `form-${intent}`;
export const fieldId = (intent: PageEvent, field: string) => `${intent}-${field}`;

type FormProps = { c: CasePage; reply: CaseActionReply | undefined };

/** The reply's values and errors, only for the form that sent it. */
function echo(intent: PageEvent, reply: CaseActionReply | undefined) {
  const mine = reply?.intent === intent ? reply : undefined;
  return { values: mine?.values ?? {}, errors: mine?.fieldErrors ?? {} };
}

function EventForm({
  intent,
  c,
  label,
  children,
  onKeyDown,
}: {
  intent: PageEvent;
  c: CasePage;
  label: string;
  children: ReactNode;
  onKeyDown?: (event: KeyboardEvent<HTMLFormElement>) => void;
}) {
  return (
    <Form method="post" id={formId(intent)} aria-label={label} className="action-form" onKeyDown={onKeyDown}>
      <CsrfInput />
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="version" value={c.version} />
      {children}
    </Form>
  );
}

function ReasonField({ intent, label, reply, hint }: { intent: PageEvent; label: string; reply: CaseActionReply | undefined; hint?: string }) {
  const { values, errors } = echo(intent, reply);
  return (
    <TextareaField
      id={fieldId(intent, "reason")}
      label={label}
      name="reason"
      required
      minLength={REASON_MIN}
      maxLength={REASON_MAX}
      rows={3}
      hint={hint}
      defaultValue={values.reason}
      errors={errors.reason}
    />
  );
}

/** A form that is only a button: claim, release, information received, approve, close. */
export function ButtonForm({ intent, c, label, button, className }: { intent: PageEvent; c: CasePage; label: string; button: string; className?: string }) {
  return (
    <EventForm intent={intent} c={c} label={label}>
      <button type="submit" id={fieldId(intent, "submit")} className={className}>
        {button}
      </button>
    </EventForm>
  );
}

/** A form with a reason: request information, dismiss, escalate, reject a ban, reopen. */
export function ReasonForm({
  intent,
  c,
  reply,
  label,
  reasonLabel,
  button,
  hint,
  className,
}: FormProps & { intent: PageEvent; label: string; reasonLabel: string; button: string; hint?: string; className?: string }) {
  return (
    <EventForm intent={intent} c={c} label={label}>
      <ReasonField intent={intent} label={reasonLabel} reply={reply} hint={hint} />
      <button type="submit" className={className}>
        {button}
      </button>
    </EventForm>
  );
}

/** Takes a dismissal back while its window is open: the case returns to review, held by the viewer. */
export function UndoDismissForm({ c, until }: { c: CasePage; until: string }) {
  return (
    <EventForm intent="UNDO_DISMISS" c={c} label="Undo dismissal">
      <p className="hint" id={fieldId("UNDO_DISMISS", "hint")}>
        Until <When iso={until} /> the dismissal can be taken back: the case returns to review, held by you.
      </p>
      <button type="submit" id={fieldId("UNDO_DISMISS", "submit")} aria-describedby={fieldId("UNDO_DISMISS", "hint")}>
        Undo dismissal
      </button>
    </EventForm>
  );
}

export function AssignForm({ c, reply }: FormProps) {
  const { values, errors } = echo("ASSIGN", reply);
  return (
    <EventForm intent="ASSIGN" c={c} label="Assign">
      <SelectField id={fieldId("ASSIGN", "assigneeId")} label="Assign to" name="assigneeId" required defaultValue={values.assigneeId ?? ""} errors={errors.assigneeId}>
        <option value="" disabled>
          Choose a person
        </option>
        {c.workers.map((w) => (
          <option key={w.id} value={w.id}>
            {w.name} ({w.email}){w.senior ? ", senior" : ""}
          </option>
        ))}
      </SelectField>
      <button type="submit" className="secondary">
        Assign
      </button>
    </EventForm>
  );
}

/** Enforcement: action, rule, reason. Shift+Enter anywhere in the form acts and opens the next case. */
export function ActForm({ c, reply }: FormProps) {
  const { values, errors } = echo("ACT", reply);
  const next = useRef<HTMLButtonElement>(null);
  const onKeyDown = (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.key !== "Enter" || !event.shiftKey || event.nativeEvent.isComposing) return;
    event.preventDefault();
    event.currentTarget.requestSubmit(next.current);
  };
  return (
    <EventForm intent="ACT" c={c} label="Act" onKeyDown={onKeyDown}>
      <SelectField id={fieldId("ACT", "action")} label="Action" name="action" required defaultValue={values.action ?? ""} errors={errors.action}>
        <option value="" disabled>
          Choose an action
        </option>
        {Object.entries(ACTION_LABELS).map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </SelectField>
      <SelectField id={fieldId("ACT", "ruleCode")} label="Rule" name="ruleCode" required defaultValue={values.ruleCode ?? c.ruleCode} errors={errors.ruleCode}>
        {c.rules.map((r) => (
          <option key={r.code} value={r.code}>
            {r.title} ({r.code})
          </option>
        ))}
      </SelectField>
      <ReasonField intent="ACT" label="Reason" reply={reply} hint="Shown in the audit log and to the author. Shift+Enter acts and opens the next case." />
      <div className="buttons">
        <button type="submit">Act</button>
        <button type="submit" name="next" value="1" className="secondary" ref={next}>
          Act and go to next
        </button>
      </div>
    </EventForm>
  );
}
