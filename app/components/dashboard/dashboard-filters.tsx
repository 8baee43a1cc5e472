import { Form, Link } from "@remix-run/react";
import type { SummaryError } from "~/components/error-summary";
import { ErrorSummary } from "~/components/error-summary";
import { Field, SelectField } from "~/components/form-field";
import type { DashboardView } from "~/models/dashboard/dashboard.server";

// The view's period and filters as a GET form: the choice lands in the URL, so a view can
// be shared, and the form works without JavaScript. "Dates" reads the two date fields.

const fieldId = (name: string) => `dashboard-${name}`;

export function DashboardFilters({ view }: { view: Pick<DashboardView, "values" | "errors" | "options"> }) {
  const { values, errors, options } = view;
  const summary: SummaryError[] = Object.entries(errors).map(([field, message]) => ({ fieldId: fieldId(field), message: message! }));
  const err = (field: keyof typeof errors) => (errors[field] ? [errors[field]!] : undefined);
  return (
    <>
      {summary.length ? (
        <ErrorSummary title="Some of this view could not be shown" lead="These parts of the address were left out; the figures below ignore them." errors={summary} submission={values} />
      ) : null}
      <Form method="get" className="filters dashboard-filters" aria-label="What the dashboard shows">
        <SelectField id={fieldId("period")} label="Period" name="period" defaultValue={values.period || "7d"} errors={err("period")}>
          {options.periods.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </SelectField>
        <Field id={fieldId("from")} label="First day (for dates)" name="from" type="date" defaultValue={values.from} errors={err("from")} />
        <Field id={fieldId("to")} label="Last day (for dates)" name="to" type="date" defaultValue={values.to} errors={err("to")} />
        <SelectField id={fieldId("rule")} label="Rule" name="rule" defaultValue={values.rule} errors={err("rule")}>
          <option value="">Every rule</option>
          {options.rules.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </SelectField>
        <SelectField id={fieldId("language")} label="Language" name="language" defaultValue={values.language} errors={err("language")}>
          <option value="">Every language</option>
          {options.languages.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </SelectField>
        <SelectField id={fieldId("source")} label="Source" name="source" defaultValue={values.source} errors={err("source")}>
          <option value="">Every source</option>
          {options.sources.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </SelectField>
        <button type="submit">Show</button>
        <Link to="/dashboard">Last 7 days, everything</Link>
      </Form>
    </>
  );
}
