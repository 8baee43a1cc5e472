import { Form, useFetcher, useRouteLoaderData } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { CsrfInput } from "~/components/csrf-input";
import { Field, FieldErrors, SelectField, TextareaField } from "~/components/form-field";
import type { CheckView } from "~/models/playbooks/playbook-editor.server";
import type { EditorValues } from "~/forms/playbook";
import { crisisTypeLabel } from "~/models/playbooks/playbook-words";
import type { RootData } from "~/root";
import { SOURCE_ID } from "./findings-list";

// The playbook's text and what can be done with it, in one form that works without
// JavaScript: Check (findings and the diagram, nothing saved), Save as a new draft, and
// Rehearse on a virtual clock with the facts and scenario below. With JavaScript the text
// is checked as the author types, a moment after they stop.

type Props = {
  values: EditorValues;
  errors: Record<string, string[]>;
  canDraft: boolean;
  plan: CheckView["plan"];
  /** A check made while typing, for the findings beside the editor. */
  onLiveCheck: (check: CheckView | null) => void;
};

type LiveReply = { check: CheckView | null };
const CHECK_DELAY_MS = 700;

export function PlaybookEditor({ values, errors, canDraft, plan, onLiveCheck }: Props) {
  const live = useFetcher<LiveReply>();
  const csrf = useRouteLoaderData<RootData>("root")?.csrf ?? "";
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  // Once the form is sent, a check still on its way answers for text that is no longer current.
  const superseded = useRef(false);
  useEffect(() => {
    if (live.state === "idle" && live.data && !superseded.current) onLiveCheck(live.data.check);
  }, [live.state, live.data, onLiveCheck]);
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);
  const checkSoon = (source: string) => {
    if (timer.current) clearTimeout(timer.current);
    superseded.current = false;
    timer.current = setTimeout(() => live.submit({ csrf, intent: "check", source }, { method: "post" }), CHECK_DELAY_MS);
  };
  const sent = () => {
    if (timer.current) clearTimeout(timer.current);
    superseded.current = true;
    onLiveCheck(null);
  };
  const r = values.rehearsal;
  const options = (list: readonly string[] | undefined, current: string) => [...new Set([...(list ?? []), ...(current ? [current] : [])])];

  return (
    <Form method="post" className="playbook-editor" onSubmit={sent}>
      <CsrfInput />
      <TextareaField
        id={SOURCE_ID}
        className="playbook-source"
        label="Playbook (YAML)"
        name="source"
        defaultValue={values.source}
        readOnly={!canDraft}
        rows={24}
        spellCheck={false}
        autoCapitalize="off"
        autoComplete="off"
        hint={canDraft ? "Check shows the findings by line without saving; Save keeps the text as the next version, a draft." : "You may read, check and rehearse this playbook; drafting needs the permission “draft:playbook”."}
        errors={errors.source}
        onChange={(event) => checkSoon(event.currentTarget.value)}
      />
      {canDraft ? <Field label="What changed (optional)" type="text" name="note" defaultValue={values.note} maxLength={500} errors={errors.note} /> : null}
      <div className="playbook-actions">
        <button type="submit" name="intent" value="check" className="secondary">
          Check
        </button>
        {canDraft ? (
          <button type="submit" name="intent" value="save">
            Save as new draft
          </button>
        ) : null}
      </div>

      <fieldset className="rehearsal-settings">
        <legend>Rehearse on a virtual clock</legend>
        <p className="hint">Runs the text above as a crisis, with nobody paged and nothing sent or saved.</p>
        <div className="rehearsal-facts">
          <SelectField label="Crisis type" name="type" defaultValue={r.type} errors={errors["rehearsal.type"]}>
            {options(plan?.crisisTypes, r.type).map((t) => (
              <option key={t} value={t}>
                {crisisTypeLabel(t)}
              </option>
            ))}
          </SelectField>
          <SelectField label="Severity" name="severity" defaultValue={r.severity} errors={errors["rehearsal.severity"]}>
            {options(plan?.levels, r.severity).map((l) => (
              <option key={l} value={l}>
                {l}
              </option>
            ))}
          </SelectField>
          <Field label="Linked cases" type="text" name="linkedCases" inputMode="numeric" defaultValue={r.linkedCases} errors={errors["rehearsal.linkedCases"]} />
          <Field label="Run for" type="text" name="horizon" defaultValue={r.horizon} hint="For example 72h or 7d." errors={errors["rehearsal.horizon"]} />
        </div>
        <fieldset>
          <legend>Everyone the actions below do not name</legend>
          <label className="choice">
            <input type="radio" name="policy" value="half-deadline" defaultChecked={r.policy !== "never"} /> acts at half of each deadline (five minutes where there is none)
          </label>
          <label className="choice">
            <input type="radio" name="policy" value="never" defaultChecked={r.policy === "never"} /> does nothing
          </label>
          <FieldErrors errors={errors["rehearsal.policy"]} />
        </fieldset>
        {plan && plan.steps.length > 0 ? (
          <fieldset>
            <legend>Nobody acts on</legend>
            <ul className="never-steps">
              {plan.steps.map((s) => (
                <li key={s.id}>
                  <label className="choice">
                    <input type="checkbox" name="never" value={s.id} defaultChecked={r.never.includes(s.id)} /> {s.title}
                  </label>
                </li>
              ))}
            </ul>
            <FieldErrors errors={errors["rehearsal.never"]} />
          </fieldset>
        ) : null}
        <TextareaField
          label="Timed actions (optional)"
          name="actions"
          className="rehearsal-actions"
          defaultValue={r.actions}
          rows={3}
          spellCheck={false}
          hint="One a line: a time from the declaration, who, and what, e.g. “+5m commander acknowledges” or “+12m responder completes confirm_scope answer=spreading”."
          errors={errors["rehearsal.actions"]}
        />
        <div className="playbook-actions">
          <button type="submit" name="intent" value="rehearse" className="secondary">
            Rehearse
          </button>
        </div>
      </fieldset>
    </Form>
  );
}
