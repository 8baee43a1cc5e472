import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { CsrfInput } from "~/components/csrf-input";
import { TemplateEditor } from "~/components/templates/template-editor";
import { VersionList } from "~/components/templates/version-list";
import { VersionDiff } from "~/components/templates/version-diff";
import { caseValues } from "~/models/messages/messages.server";
import { parseRef } from "~/models/cases/refs";
import { reporterViewFor } from "~/models/cases/reporter-identity";
import type { LintIssue } from "~/models/templates/template-lint";
import { CHANNEL_LABELS, PURPOSES, SAMPLE_VALUES, isChannel, isPurpose } from "~/models/templates/template-purposes";
import type { Variants } from "~/models/templates/template-render";
import type { TemplatePage } from "~/models/templates/templates.server";
import { moveVersion, saveDraft, templatePage } from "~/models/templates/templates.server";
import { requirePermission, userActor } from "~/utils/auth.server";
import { requestContext } from "~/utils/context.server";
import { readProtectedForm } from "~/utils/csrf.server";
import type { Permission } from "~/utils/permissions";
import { can } from "~/utils/permissions";
import templateStyles from "~/styles/templates.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: templateStyles }];

// One template: its versions, the editor for the selected one with live preview and
// lint beside the text, the diff from the version before, and the lifecycle buttons.

const ActionSchema = z.object({
  intent: z.enum(["save", "submit", "approve", "reject", "retire"]),
  version: z.coerce.number().int().positive().optional(),
  note: z.string().trim().max(500).optional(),
});

type LoaderData = {
  template: TemplatePage;
  selected: number;
  values: Record<string, string | number>;
  valuesFrom: string;
  caseRef: string;
  can: { edit: boolean; approve: boolean };
  viewerId: string;
};
type ActionData = { ok: boolean; message: string; issues?: LintIssue[] };

const notFound = () => Response.json({ message: "There is no template with this key." }, { status: 404, statusText: "Not Found" });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:template");
  const template = await templatePage(params.key ?? "");
  if (!template || !isPurpose(template.purpose) || !isChannel(template.channel)) throw notFound();
  const url = new URL(request.url);
  const asked = Number(url.searchParams.get("version"));
  const selected = template.versions.find((v) => v.version === asked)?.version ?? template.versions[0]?.version ?? 0;
  const caseRef = parseRef(url.searchParams.get("case") ?? "", "case") ?? "";
  const audience = PURPOSES[template.purpose].audience;
  const real = caseRef && audience !== "public" ? await caseValues(caseRef, audience, template.defaultLanguage, reporterViewFor(user.roles)) : null;
  return Response.json({
    template,
    selected,
    values: { ...SAMPLE_VALUES, ...real },
    valuesFrom: real ? `case ${caseRef}` : "sample data",
    caseRef,
    can: { edit: can(user.roles, "edit:template"), approve: can(user.roles, "approve:template") },
    viewerId: user.id,
  } satisfies LoaderData);
}

function readVariants(form: FormData): Variants {
  const variants: Variants = {};
  for (const language of form.getAll("language").map(String)) {
    const subject = form.get(`subject.${language}`);
    variants[language] = { ...(subject === null ? {} : { subject: String(subject) }), body: String(form.get(`body.${language}`) ?? "") };
  }
  return variants;
}

const INTENT_PERMISSIONS = { save: "edit:template", submit: "edit:template", retire: "edit:template", approve: "approve:template", reject: "approve:template" } as const satisfies Record<string, Permission>;

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "read:template");
  const form = await readProtectedForm(request);
  const parsed = ActionSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return Response.json({ ok: false, message: "Choose one of the actions on the page." } satisfies ActionData, { status: 400 });
  const { intent, version, note } = parsed.data;
  // Each move names its own permission; the model checks it again.
  const needed = INTENT_PERMISSIONS[intent];
  if (!can(user.roles, needed)) return Response.json({ ok: false, message: `You need the permission “${needed}” to do this.` } satisfies ActionData, { status: 403 });
  const key = params.key ?? "";
  const requestId = requestContext(context).requestId;
  const actor = userActor(user) as Extract<ReturnType<typeof userActor>, { kind: "user" }>;
  const outcome =
    intent === "save" ? await saveDraft(key, readVariants(form), actor, note || null, requestId) : await moveVersion(key, version ?? 0, intent, actor, note || null, requestId);
  const status = { ok: 200, forbidden: 403, not_found: 404, refused: 409, lint: 422 }[outcome.status];
  if (outcome.status === "ok") {
    const done = { save: "Saved as a new draft", submit: "Submitted for review", approve: "Approved", reject: "Returned to draft", retire: "Retired" }[intent];
    return Response.json({ ok: true, message: `${done}: version ${outcome.value.version}.` } satisfies ActionData);
  }
  return Response.json({ ok: false, message: outcome.message, issues: outcome.status === "lint" ? outcome.issues : undefined } satisfies ActionData, { status });
}

export default function TemplateScreen() {
  const { template, selected, values, valuesFrom, caseRef, can: allowed, viewerId } = useLoaderData<LoaderData>();
  const reply = useActionData<ActionData>();
  const current = template.versions.find((v) => v.version === selected);
  const previous = template.versions.find((v) => v.version < selected);
  const purpose = PURPOSES[template.purpose as keyof typeof PURPOSES];
  const issues = reply?.issues ?? current?.issues ?? [];
  const lifecycle = (intent: string, label: string) => (
    <Form method="post" className="inline">
      <CsrfInput />
      <input type="hidden" name="version" value={selected} />
      <button type="submit" name="intent" value={intent}>
        {label}
      </button>
    </Form>
  );
  return (
    <div className="template-page">
      <p>
        <Link to="/templates">All templates</Link> · <Link to="/messages">Message log</Link>
      </p>
      <h1>
        Template <span className="mono">{template.key}</span>
      </h1>
      <p>
        {purpose.label} · {CHANNEL_LABELS[template.channel as keyof typeof CHANNEL_LABELS]} · default language {template.defaultLanguage} · variables{" "}
        {purpose.variables.map((v) => `{{${v}}}`).join(", ")}
      </p>
      {reply ? (
        <p role={reply.ok ? "status" : "alert"} className={reply.ok ? "notice" : "field-error"}>
          {reply.message}
        </p>
      ) : null}
      <VersionList versions={template.versions} selected={selected} caseRef={caseRef} />
      {current ? (
        <>
          <h2>
            Version {current.version} <span className={`badge status-${current.status}`}>{current.status.replace("_", " ")}</span>
          </h2>
          <p>
            Written by {current.author}
            {current.approver ? `, approved by ${current.approver}` : ""}. {current.note}
          </p>
          <div className="lifecycle">
            {allowed.edit && current.status === "draft" ? lifecycle("submit", "Submit for review") : null}
            {allowed.approve && current.status === "in_review" && current.authorId !== viewerId ? lifecycle("approve", "Approve") : null}
            {allowed.approve && current.status === "in_review" ? lifecycle("reject", "Return to draft") : null}
            {allowed.edit && current.status === "approved" ? lifecycle("retire", "Retire") : null}
          </div>
          <Form method="get" className="inline">
            <input type="hidden" name="version" value={selected} />
            <label htmlFor="case">Preview with a case</label> <input id="case" name="case" defaultValue={caseRef} placeholder="C-…" size={10} /> <button type="submit">Preview</button>
          </Form>
          <TemplateEditor
            key={`${current.version}-${valuesFrom}`}
            variants={current.variants}
            defaultLanguage={template.defaultLanguage}
            email={template.channel === "email"}
            issues={issues}
            values={values}
            valuesFrom={valuesFrom}
            canEdit={allowed.edit}
          />
          {previous ? <VersionDiff before={previous.variants} after={current.variants} from={previous.version} to={current.version} /> : null}
        </>
      ) : null}
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ params }) => [{ title: `Template ${params.key ?? ""} · Vigil` }];

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
