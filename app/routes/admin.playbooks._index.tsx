import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { When } from "~/components/case/format";
import { CsrfInput } from "~/components/csrf-input";
import { ErrorSummary } from "~/components/error-summary";
import { Field, TextareaField } from "~/components/form-field";
import { FindingsList } from "~/components/playbooks/findings-list";
import { saveDraft } from "~/models/playbooks/playbook-commands.server";
import type { CheckView } from "~/models/playbooks/playbook-editor.server";
import { checkText } from "~/models/playbooks/playbook-editor.server";
import { errorsByField, ImportSchema, SOURCE_LIMIT } from "~/forms/playbook";
import type { PlaybookRow } from "~/models/playbooks/playbook-views.server";
import { listPlaybooks } from "~/models/playbooks/playbook-views.server";
import { crisisTypeLabel } from "~/models/playbooks/playbook-words";
import { requirePermission, userActor } from "~/utils/auth.server";
import { requestContext } from "~/utils/context.server";
import { readProtectedForm } from "~/utils/csrf.server";
import { can } from "~/utils/permissions";
import playbookStyles from "~/styles/playbooks.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: playbookStyles }];

// Every crisis playbook with the version a new crisis starts with and the drafts after it;
// and importing one from a YAML file or pasted text, as the next version's draft (or a new
// playbook, when the text names a key Vigil does not have).

type LoaderData = { playbooks: PlaybookRow[]; canDraft: boolean };
type ActionData = { message: string; errors: Record<string, string[]>; values: { source: string; note: string }; check: CheckView | null };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:playbook");
  return Response.json({ playbooks: await listPlaybooks(), canDraft: can(user.roles, "draft:playbook") } satisfies LoaderData);
}

/** The text to import: the chosen file's, or else what was pasted. */
async function importedText(form: FormData): Promise<string | { error: string }> {
  const file = form.get("file");
  if (file instanceof File && file.size > 0) {
    if (file.size > SOURCE_LIMIT * 4) return { error: `The file is ${Math.round(file.size / 1024)} KB; a playbook fits in ${SOURCE_LIMIT / 1000} KB.` };
    return (await file.text()).replace(/^\uFEFF/, "");
  }
  const pasted = form.get("source");
  return typeof pasted === "string" ? pasted : "";
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "draft:playbook");
  const form = await readProtectedForm(request);
  const text = await importedText(form);
  const note = typeof form.get("note") === "string" ? String(form.get("note")) : "";
  const values = { source: typeof text === "string" ? text.replace(/\r\n/g, "\n") : "", note };
  if (typeof text !== "string") return Response.json({ message: text.error, errors: { file: [text.error] }, values, check: null } satisfies ActionData, { status: 400 });
  const parsed = ImportSchema.safeParse(values);
  if (!parsed.success) return Response.json({ message: "Choose a YAML file or paste the playbook.", errors: errorsByField(parsed.error), values, check: null } satisfies ActionData, { status: 400 });
  const actor = userActor(user) as Extract<ReturnType<typeof userActor>, { kind: "user" }>;
  const outcome = await saveDraft({ source: parsed.data.source, note: parsed.data.note || "Imported", via: "import" }, actor, requestContext(context).requestId);
  if (outcome.status === "ok") return redirect(`/admin/playbooks/${outcome.value.key}?version=${outcome.value.version}&done=${outcome.value.created ? "created" : "imported"}`);
  const status = { forbidden: 403, not_found: 404, refused: 409, invalid: 422 }[outcome.status];
  const check = outcome.status === "invalid" ? await checkText(parsed.data.source) : null;
  return Response.json({ message: outcome.message, errors: { source: [outcome.message] }, values, check } satisfies ActionData, { status });
}

export default function PlaybooksIndex() {
  const { playbooks, canDraft } = useLoaderData<LoaderData>();
  const failed = useActionData<ActionData>();
  return (
    <div className="playbook-page">
      <h1>Crisis playbooks</h1>
      <p className="hint">
        A playbook is the crisis team's plan, written as data: it is checked before it can be published, can be rehearsed on a virtual clock, and a crisis keeps the version it
        started with.
      </p>
      <table className="stack wide">
        <caption className="hint">{playbooks.length} playbooks</caption>
        <thead>
          <tr>
            <th scope="col">Playbook</th>
            <th scope="col">For</th>
            <th scope="col">Published</th>
            <th scope="col">Drafts after it</th>
            <th scope="col">Last saved</th>
          </tr>
        </thead>
        <tbody>
          {playbooks.map((p) => (
            <tr key={p.key}>
              <th scope="row">
                <Link to={p.key}>{p.title}</Link> <span className="mono hint">{p.key}</span>
              </th>
              <td data-label="For">{p.crisisTypes.map(crisisTypeLabel).join(", ")}</td>
              <td data-label="Published">{p.publishedVersion !== null ? `version ${p.publishedVersion}` : "not yet"}</td>
              <td data-label="Drafts after it">
                {p.drafts.length === 0
                  ? "none"
                  : p.drafts.map((d, i) => (
                      <span key={d.version}>
                        {i > 0 ? ", " : ""}
                        <Link to={`${p.key}?version=${d.version}`}>version {d.version}</Link>
                        {d.errors > 0 ? ` (${d.errors} ${d.errors === 1 ? "error" : "errors"})` : ""}
                      </span>
                    ))}
              </td>
              <td data-label="Last saved">
                <When iso={p.updatedAt} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      {canDraft ? (
        <section aria-labelledby="import-heading">
          <h2 id="import-heading">Import a playbook</h2>
          <p className="hint">
            A YAML file (as exported from a playbook's page) or the text pasted below. It becomes the next version's draft of the playbook its key names, or a new playbook.
          </p>
          {failed ? (
            <ErrorSummary
              title="Nothing was imported"
              message={failed.message}
              errors={failed.check?.findings.filter((f) => f.severity === "error").map((f) => ({ fieldId: "import-source", message: `${f.line !== null ? `Line ${f.line}: ` : ""}${f.message}` })) ?? []}
              submission={failed}
            />
          ) : null}
          <Form method="post" encType="multipart/form-data" className="stack import-form">
            <CsrfInput />
            <Field label="YAML file" name="file" type="file" accept=".yaml,.yml,text/yaml,application/yaml,text/plain" errors={failed?.errors.file} />
            <TextareaField
              id="import-source"
              className="playbook-source"
              label="Or paste the YAML"
              name="source"
              rows={10}
              spellCheck={false}
              defaultValue={failed?.values.source ?? ""}
              errors={failed?.errors.source}
            />
            <Field label="Note (optional)" type="text" name="note" defaultValue={failed?.values.note ?? ""} maxLength={500} errors={failed?.errors.note} />
            <div>
              <button type="submit">Import</button>
            </div>
          </Form>
          {failed?.check && failed.check.findings.length > 0 ? <FindingsList check={failed.check} heading="Findings in the imported text" sourceId="import-source" /> : null}
        </section>
      ) : null}
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Crisis playbooks · Vigil" }];

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
