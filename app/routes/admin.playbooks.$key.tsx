import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import type { ShouldRevalidateFunction } from "@remix-run/react";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useCallback, useState } from "react";
import { z } from "zod";
import { CsrfInput } from "~/components/csrf-input";
import { Statechart } from "~/components/diagram/statechart";
import { FormError } from "~/components/form-field";
import { FindingsList } from "~/components/playbooks/findings-list";
import { PlaybookChanges } from "~/components/playbooks/playbook-changes";
import { PlaybookEditor } from "~/components/playbooks/playbook-editor";
import { RehearsalResult } from "~/components/playbooks/rehearsal-result";
import { VersionTable } from "~/components/playbooks/version-table";
import { publishVersion, saveDraft } from "~/models/playbooks/playbook-commands.server";
import type { CheckView } from "~/models/playbooks/playbook-editor.server";
import { checkText, rehearseText } from "~/models/playbooks/playbook-editor.server";
import type { EditorValues } from "~/forms/playbook";
import { CheckSchema, EditorSchema, errorsByField, PublishSchema, readEditorForm } from "~/forms/playbook";
import type { Rehearsal } from "~/models/playbooks/playbook-rehearsal";
import { defaultRehearsal } from "~/models/playbooks/playbook-rehearsal";
import type { PlaybookPage } from "~/models/playbooks/playbook-views.server";
import { playbookPage } from "~/models/playbooks/playbook-views.server";
import { requirePermission, userActor } from "~/utils/auth.server";
import { requestContext } from "~/utils/context.server";
import { readProtectedForm } from "~/utils/csrf.server";
import type { Permission } from "~/utils/permissions";
import { can } from "~/utils/permissions";
import diagramStyles from "~/styles/diagram.css";
import playbookStyles from "~/styles/playbooks.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: diagramStyles },
  { rel: "stylesheet", href: playbookStyles },
];

// One playbook: its versions, the selected version's text in an editor with the findings
// by line, its compiled diagram, a rehearsal on the virtual clock, publishing, and what
// changed from another version. Every form works without JavaScript.

const PageQuery = z.object({
  version: z.coerce.number().int().positive().max(1_000_000).optional().catch(undefined),
  from: z.coerce.number().int().positive().max(1_000_000).optional().catch(undefined),
  done: z.enum(["saved", "imported", "created", "published"]).optional().catch(undefined),
});

type LoaderData = { page: PlaybookPage; done: string | null; can: { draft: boolean; publish: boolean } };
type ActionData = {
  ok: boolean;
  message: string | null;
  values: EditorValues | null;
  errors: Record<string, string[]>;
  check: CheckView | null;
  rehearsal: Rehearsal | null;
};

const notFound = () => Response.json({ message: "There is no playbook with this key." }, { status: 404, statusText: "Not Found" });
const DONE = { saved: "Saved as version {v}, a draft.", imported: "Imported as version {v}, a draft.", created: "Imported as a new playbook: version {v}, a draft.", published: "Published version {v}: a crisis declared from now on runs it." };

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:playbook");
  const query = PageQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
  const page = await playbookPage(params.key ?? "", query);
  if (!page) throw notFound();
  return Response.json({
    page,
    done: query.done ? DONE[query.done].replace("{v}", String(page.selected.version)) : null,
    can: { draft: can(user.roles, "draft:playbook"), publish: can(user.roles, "publish:playbook") },
  } satisfies LoaderData);
}

const IntentSchema = z.enum(["check", "rehearse", "save", "publish"]);
const INTENT_PERMISSIONS = { check: "read:playbook", rehearse: "read:playbook", save: "draft:playbook", publish: "publish:playbook" } as const satisfies Record<z.infer<typeof IntentSchema>, Permission>;

const reply = (data: Partial<ActionData>, status = 200) =>
  Response.json({ ok: status < 400, message: null, values: null, errors: {}, check: null, rehearsal: null, ...data } satisfies ActionData, { status });

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "read:playbook");
  const form = await readProtectedForm(request);
  const key = params.key ?? "";
  const actor = userActor(user) as Extract<ReturnType<typeof userActor>, { kind: "user" }>;
  const requestId = requestContext(context).requestId;
  const intent = IntentSchema.safeParse(form.get("intent"));
  if (!intent.success) return reply({ message: "Choose Check, Save, Rehearse or Publish." }, 400);
  // Each intent names its own permission; the models check it again.
  const needed = INTENT_PERMISSIONS[intent.data];
  if (!can(user.roles, needed)) return reply({ message: `You need the permission “${needed}” to do this.` }, 403);

  if (intent.data === "publish") {
    const parsed = PublishSchema.safeParse(Object.fromEntries(form));
    if (!parsed.success) return reply({ message: "Choose a version to publish." }, 400);
    const outcome = await publishVersion(key, parsed.data.version, actor, requestId);
    if (outcome.status === "ok") return redirect(`/admin/playbooks/${key}?version=${outcome.value.version}&done=published`);
    // Refused for its errors: the page shows the draft's findings, checked again as it loads.
    return reply({ message: outcome.message }, { forbidden: 403, not_found: 404, refused: 409, invalid: 422 }[outcome.status]);
  }

  const values = readEditorForm(form);
  if (values.intent === "check") {
    const parsed = CheckSchema.safeParse(values);
    if (!parsed.success) return reply({ message: "Some fields need attention.", values, errors: errorsByField(parsed.error) }, 400);
    return reply({ values, check: await checkText(parsed.data.source) });
  }
  const parsed = EditorSchema.safeParse(values);
  if (!parsed.success) return reply({ message: "Some fields need attention.", values, errors: errorsByField(parsed.error) }, 400);
  const { source, note, rehearsal } = parsed.data;
  if (parsed.data.intent === "rehearse") {
    const run = await rehearseText(source, rehearsal);
    if (!run.rehearsal) return reply({ message: "A rehearsal needs a playbook that compiles: fix the errors that stop it first.", values, check: run.check }, 422);
    if (!run.rehearsal.ok) return reply({ message: "The rehearsal's settings need attention.", values, check: run.check, errors: prefixed(run.rehearsal.errors) }, 400);
    return reply({ values, check: run.check, rehearsal: run.rehearsal.rehearsal });
  }
  const outcome = await saveDraft({ source, note, key, via: "editor" }, actor, requestId);
  if (outcome.status === "ok") return redirect(`/admin/playbooks/${key}?version=${outcome.value.version}&done=saved`);
  const status = { forbidden: 403, not_found: 404, refused: 409, invalid: 422 }[outcome.status];
  return reply({ message: outcome.message, values, check: outcome.status === "invalid" ? await checkText(source) : null }, status);
}

const prefixed = (errors: Record<string, string[] | undefined>) => Object.fromEntries(Object.entries(errors).map(([k, v]) => [`rehearsal.${k}`, v ?? []]));

// A check while typing changes nothing: the page's data stays as it is.
export const shouldRevalidate: ShouldRevalidateFunction = ({ formData, defaultShouldRevalidate }) =>
  formData?.get("intent") === "check" || formData?.get("intent") === "rehearse" ? false : defaultShouldRevalidate;

export default function PlaybookScreen() {
  const { page, done, can: allowed } = useLoaderData<LoaderData>();
  const answer = useActionData<ActionData>();
  const [live, setLive] = useState<CheckView | null>(null);
  const onLiveCheck = useCallback((check: CheckView | null) => setLive(check), []);
  const { selected } = page;
  const check = live ?? answer?.check ?? selected.check;
  const values: EditorValues = answer?.values ?? { source: selected.source, note: "", rehearsal: defaultRehearsal(selected.check.plan) };
  const superseded = selected.status === "draft" && page.publishedVersion !== null && page.publishedVersion > selected.version;
  const publishable = allowed.publish && selected.status === "draft" && !superseded;

  return (
    <div className="playbook-page">
      <p>
        <Link to="/admin/playbooks">All playbooks</Link>
      </p>
      <h1>
        {page.title} <span className="mono hint">{page.key}</span>
      </h1>
      <p>{page.publishedVersion !== null ? `Version ${page.publishedVersion} is published: a crisis declared now runs it, and keeps it to the end.` : "No version is published yet."}</p>
      {done && !answer ? (
        <p role="status" className="notice success">
          {done}
        </p>
      ) : null}
      {answer && !answer.ok ? <FormError message={answer.message} /> : null}
      <VersionTable playbookKey={page.key} versions={page.versions} selected={selected.version} />

      <h2>
        Version {selected.version} <span className={`badge status-${selected.status}`}>{selected.status}</span>
      </h2>
      {superseded ? <p className="hint">Version {page.publishedVersion}, newer than this draft, is published: to publish this text, save it as a new draft.</p> : null}
      {publishable ? (
        <Form method="post" className="publish-form">
          <CsrfInput />
          <input type="hidden" name="version" value={selected.version} />
          <button type="submit" name="intent" value="publish">
            Publish version {selected.version}
          </button>
          <span className="hint"> Checked again first; refused if it has any error.</span>
        </Form>
      ) : null}
      <div className="playbook-workspace">
        <PlaybookEditor key={`${selected.version}`} values={values} errors={answer?.errors ?? {}} canDraft={allowed.draft} plan={check.plan ?? selected.check.plan} onLiveCheck={onLiveCheck} />
        <FindingsList check={check} heading={live || answer?.check ? "Findings in the text above" : selected.checkedNow ? `Findings in version ${selected.version}` : `Findings recorded when version ${selected.version} was published`} live={Boolean(live)} />
      </div>
      {answer?.rehearsal ? <RehearsalResult rehearsal={answer.rehearsal} /> : null}
      <section aria-labelledby="diagram-heading">
        <h2 id="diagram-heading">Diagram</h2>
        {check.diagram ? (
          <Statechart layout={check.diagram} id="playbook-diagram" caption="Dashed arrows are deadlines and waits, with their durations; each box says who acts and what its deadline does." />
        ) : (
          <p>The diagram needs a playbook that compiles: fix the errors first.</p>
        )}
      </section>
      {page.compare ? <PlaybookChanges from={page.compare.from} to={page.compare.to} changes={page.compare.changes} versions={page.versions.map((v) => v.version)} /> : null}
    </div>
  );
}

export const meta: MetaFunction = ({ params }) => [{ title: `Playbook ${params.key ?? ""} · Vigil` }];

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
