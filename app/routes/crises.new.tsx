import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useState } from "react";
import { CsrfInput } from "~/components/csrf-input";
import { ErrorSummary } from "~/components/error-summary";
import { Field, FieldErrors, SelectField, TextareaField } from "~/components/form-field";
import type { DeclareValues } from "~/forms/crisis";
import { DeclareSchema } from "~/forms/crisis";
import { errorsByField } from "~/forms/playbook";
import { parseRef } from "~/models/cases/refs";
import { declareFromForm } from "~/models/crises/crisis-room-commands.server";
import { caseFactsForCrisis, playbookChoices } from "~/models/crises/crisis-views.server";
import type { PlaybookChoice } from "~/models/crises/playbook-choice";
import { fits, suggestedPlaybook } from "~/models/crises/playbook-choice";
import type { CrisisSeverity } from "~/models/crises/crisis-words";
import { CRISIS_SEVERITIES, CRISIS_SEVERITY_KEYS, CRISIS_TYPES, isCrisisSeverity } from "~/models/crises/crisis-words";
import { requirePermission, userActor } from "~/utils/auth.server";
import { requestContext } from "~/utils/context.server";
import { readProtectedForm } from "~/utils/csrf.server";
import crisisStyles from "~/styles/crisis.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: crisisStyles }];

// Declaring a crisis by hand, or from a case (`?case=C-…`): its type, severity (each with
// what it means), title and what is known; the playbook suggested for the type and severity,
// which the person may change.

type LoaderData = { values: DeclareValues; choices: PlaybookChoice[]; caseRef: string | null };
type ActionData = { message: string; errors: Record<string, string[]>; values: DeclareValues };

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "declare:crisis");
  const caseRef = parseRef(new URL(request.url).searchParams.get("case") ?? "", "case");
  const facts = caseRef ? await caseFactsForCrisis(caseRef) : null;
  const values: DeclareValues = { type: facts?.type ?? "", severity: facts?.severity ?? "", title: facts?.title ?? "", known: facts?.known ?? "", playbook: "", case: facts ? caseRef! : "" };
  return Response.json({ values, choices: await playbookChoices(), caseRef: facts ? caseRef : null } satisfies LoaderData);
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "declare:crisis");
  const form = Object.fromEntries(await readProtectedForm(request));
  const values: DeclareValues = { type: "", severity: "", title: "", known: "", playbook: "", case: "", ...Object.fromEntries(Object.entries(form).map(([k, v]) => [k, String(v)])) };
  const parsed = DeclareSchema.safeParse(values);
  if (!parsed.success) return Response.json({ message: "The crisis was not declared.", errors: errorsByField(parsed.error), values } satisfies ActionData, { status: 400 });
  const data = parsed.data;
  const outcome = await declareFromForm({ ...data, severity: data.severity as CrisisSeverity }, userActor(user), requestContext(context).requestId);
  if (outcome.status === "applied") return redirect(`/crises/${outcome.ref}?done=${encodeURIComponent(outcome.message)}`);
  if (outcome.status === "invalid") return Response.json({ message: "The crisis was not declared.", errors: { [outcome.field]: [outcome.message] }, values } satisfies ActionData, { status: 422 });
  const status = { forbidden: 403, not_found: 404, conflict: 409, refused: 409 }[outcome.status];
  return Response.json({ message: outcome.message, errors: {}, values } satisfies ActionData, { status });
}

const FIELDS = ["type", "severity", "title", "known", "playbook", "case"];

export default function DeclareCrisis() {
  const loaded = useLoaderData<LoaderData>();
  const failed = useActionData<ActionData>();
  const values = failed?.values ?? loaded.values;
  const errors = failed?.errors ?? {};
  const [type, setType] = useState(values.type);
  const [severity, setSeverity] = useState(values.severity);
  const suggestion = isCrisisSeverity(severity) && type ? suggestedPlaybook(loaded.choices, type, severity) : null;
  return (
    <div className="crisis-page">
      <h1>Declare a crisis</h1>
      {loaded.caseRef ? <p>From case {loaded.caseRef}: it will be linked to the crisis, and its facts are filled in below.</p> : null}
      {failed ? (
        <ErrorSummary
          title={failed.message}
          errors={FIELDS.flatMap((f) => (errors[f] ?? []).map((message) => ({ fieldId: `crisis-${f}`, message })))}
          submission={failed}
        />
      ) : null}
      <Form method="post" className="stack">
        <CsrfInput />
        {values.case ? <input type="hidden" name="case" value={values.case} /> : null}
        <FieldErrors errors={errors.case} />
        <SelectField label="Type" id="crisis-type" name="type" defaultValue={values.type} errors={errors.type} onChange={(e) => setType(e.currentTarget.value)}>
          <option value="">Choose…</option>
          {Object.entries(CRISIS_TYPES).map(([key, label]) => (
            <option key={key} value={key}>
              {label}
            </option>
          ))}
        </SelectField>
        <fieldset className="severity-choice" aria-describedby={errors.severity ? "crisis-severity-error" : undefined}>
          <legend>Severity</legend>
          {CRISIS_SEVERITY_KEYS.map((s, i) => (
            <label key={s}>
              <input type="radio" name="severity" value={s} id={i === 0 ? "crisis-severity" : undefined} defaultChecked={values.severity === s} onChange={() => setSeverity(s)} />
              <span>
                <strong>{s}</strong>: {CRISIS_SEVERITIES[s].meaning} Updates every {CRISIS_SEVERITIES[s].updateMinutes} minutes.
              </span>
            </label>
          ))}
          <FieldErrors id="crisis-severity-error" errors={errors.severity} />
        </fieldset>
        <Field label="Title" id="crisis-title" name="title" defaultValue={values.title} errors={errors.title} maxLength={200} required />
        <TextareaField label="What is known" id="crisis-known" name="known" defaultValue={values.known} errors={errors.known} rows={5} hint="What happened, since when, who is affected. The room shows it to everyone." />
        <SelectField
          label="Playbook"
          id="crisis-playbook"
          name="playbook"
          defaultValue={values.playbook}
          errors={errors.playbook}
          hint={suggestion ? `Suggested for this type and severity: ${suggestion.title}.` : "The playbook written for the type and severity is used unless you choose another."}
        >
          <option value="">The one suggested for the type and severity</option>
          {loaded.choices.map((c) => (
            <option key={c.versionId} value={c.versionId}>
              {c.title} (version {c.version}){isCrisisSeverity(severity) && type && !fits(c, type, severity) ? ", not written for this crisis" : ""}
            </option>
          ))}
        </SelectField>
        <p>
          <button type="submit">Declare the crisis</button>
        </p>
      </Form>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Declare a crisis · Vigil" }];

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
