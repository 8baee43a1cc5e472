import { Form, useNavigation } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf-input";
import type { SummaryError } from "~/components/error-summary";
import { ErrorSummary } from "~/components/error-summary";
import { Field, SelectField, TextareaField } from "~/components/form-field";
import type { PublicCopy } from "~/i18n/public";

// The public report form's fields, in the member's language. It posts to the page's own
// address, so a language chosen with `?lang=` carries through a failed submit.

export const REPORT_FIELDS = ["subject", "subjectType", "ruleCode", "text", "language", "note", "contact"] as const;
export type ReportField = (typeof REPORT_FIELDS)[number];
export type ReportValues = Record<ReportField, string>;
export type ReportFormReply = { formError?: string; fieldErrors?: Partial<Record<ReportField, string[]>>; values: ReportValues };

const fieldId = (name: ReportField) => `report-${name}`;

type Options = { rules: { code: string; title: string }[]; languages: { code: string; name: string }[]; maxText: string };

/** What stopped the report, first on the page: each field's error links to the field. */
export function ReportErrorSummary({ copy, reply }: { copy: PublicCopy; reply: ReportFormReply | undefined }) {
  const errors: SummaryError[] = REPORT_FIELDS.flatMap((name) =>
    (reply?.fieldErrors?.[name] ?? []).map((message) => ({ fieldId: fieldId(name), message }))
  );
  if (!reply || (!reply.formError && errors.length === 0)) return null;
  return (
    <ErrorSummary title={copy.form.notSent} lead={copy.form.checkFields} message={reply.formError} errors={errors} submission={reply} />
  );
}

export function ReportForm({ copy, options, reply }: { copy: PublicCopy; options: Options; reply: ReportFormReply | undefined }) {
  const values = reply?.values;
  const errors = reply?.fieldErrors;
  const sending = useNavigation().state === "submitting";
  const t = copy.form;
  return (
    <Form method="post" className="stack">
      <CsrfInput />
      <Field
        id={fieldId("subject")}
        label={t.subject}
        name="subject"
        type="text"
        required
        autoComplete="off"
        hint={t.subjectHint}
        defaultValue={values?.subject}
        errors={errors?.subject}
      />
      <SelectField
        id={fieldId("subjectType")}
        label={t.subjectType}
        name="subjectType"
        defaultValue={values?.subjectType || "content"}
        errors={errors?.subjectType}
      >
        <option value="content">{t.content}</option>
        <option value="account">{t.account}</option>
      </SelectField>
      <SelectField
        id={fieldId("ruleCode")}
        label={t.rule}
        name="ruleCode"
        required
        defaultValue={values?.ruleCode ?? ""}
        errors={errors?.ruleCode}
      >
        <option value="">{t.chooseRule}</option>
        {options.rules.map((rule) => (
          <option key={rule.code} value={rule.code}>
            {rule.title}
          </option>
        ))}
      </SelectField>
      <TextareaField
        id={fieldId("text")}
        label={t.text}
        name="text"
        rows={6}
        hint={t.textHint(options.maxText)}
        defaultValue={values?.text}
        errors={errors?.text}
      />
      <SelectField
        id={fieldId("language")}
        label={t.language}
        name="language"
        defaultValue={values?.language ?? ""}
        errors={errors?.language}
      >
        <option value="">{t.notSure}</option>
        {options.languages.map((l) => (
          <option key={l.code} value={l.code}>
            {l.name}
          </option>
        ))}
      </SelectField>
      <TextareaField id={fieldId("note")} label={t.note} name="note" rows={3} defaultValue={values?.note} errors={errors?.note} />
      <Field
        id={fieldId("contact")}
        label={t.contact}
        name="contact"
        type="text"
        autoComplete="email"
        hint={t.contactHint}
        defaultValue={values?.contact}
        errors={errors?.contact}
      />
      <div>
        <button type="submit" disabled={sending}>
          {sending ? t.sending : t.send}
        </button>
      </div>
    </Form>
  );
}
