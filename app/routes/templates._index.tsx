import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { CsrfInput } from "~/components/csrf-input";
import { Field, SelectField, TextareaField } from "~/components/form-field";
import { CHANNELS, CHANNEL_LABELS, PURPOSES, PURPOSE_KEYS } from "~/models/templates/template-purposes";
import { createTemplate, listTemplates } from "~/models/templates/templates.server";
import { requirePermission, userActor } from "~/utils/auth.server";
import { requestContext } from "~/utils/context.server";
import { readProtectedForm } from "~/utils/csrf.server";
import { can } from "~/utils/permissions";
import templateStyles from "~/styles/templates.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: templateStyles }];

// The template library: every template with its latest and approved versions, and a
// form to start a new one (its first version is a draft with the default language).

const NewTemplateSchema = z.object({
  key: z.string().trim().regex(/^[a-z0-9_.-]{3,80}$/, "Use 3–80 lower-case letters, digits, dots, dashes or underscores."),
  purpose: z.enum(PURPOSE_KEYS as [string, ...string[]]),
  channel: z.enum(CHANNELS),
  defaultLanguage: z.string().trim().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, "Use a language code such as en or pt-BR."),
  body: z.string().max(5000),
});

type ActionData = { errors: Record<string, string[]>; message?: string };
type Row = { key: string; purpose: string; channel: string; languages: string[]; latest: { version: number; status: string } | null; approved: number | null };
type LoaderData = { templates: Row[]; canEdit: boolean };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:template");
  const templates = (await listTemplates()).map((t): Row => ({
    key: t.key,
    purpose: t.purpose,
    channel: t.channel,
    languages: t.languages,
    latest: t.latest ? { version: t.latest.version, status: t.latest.status } : null,
    approved: t.approved?.version ?? null,
  }));
  return Response.json({ templates, canEdit: can(user.roles, "edit:template") } satisfies LoaderData);
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "edit:template");
  const form = await readProtectedForm(request);
  const parsed = NewTemplateSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return Response.json({ errors: z.flattenError(parsed.error).fieldErrors } satisfies ActionData, { status: 400 });
  const { key, purpose, channel, defaultLanguage, body } = parsed.data;
  const actor = userActor(user) as Extract<ReturnType<typeof userActor>, { kind: "user" }>;
  const outcome = await createTemplate(
    { key, purpose: purpose as (typeof PURPOSE_KEYS)[number], channel, defaultLanguage, variants: { [defaultLanguage]: { body, ...(channel === "email" ? { subject: "" } : {}) } } },
    actor,
    requestContext(context).requestId,
  );
  if (outcome.status !== "ok") return Response.json({ errors: {}, message: "message" in outcome ? outcome.message : "" } satisfies ActionData, { status: 409 });
  return redirect(`/templates/${key}`);
}

export default function TemplateLibrary() {
  const { templates, canEdit } = useLoaderData<LoaderData>();
  const reply = useActionData<ActionData>();
  return (
    <div>
      <h1>Response templates</h1>
      <p>
        <Link to="/messages">Message log</Link>
      </p>
      <table className="stack">
        <thead>
          <tr>
            <th scope="col">Key</th>
            <th scope="col">Purpose</th>
            <th scope="col">Channel</th>
            <th scope="col">Languages</th>
            <th scope="col">Latest</th>
            <th scope="col">Approved</th>
          </tr>
        </thead>
        <tbody>
          {templates.map((t) => (
            <tr key={t.key}>
              <td data-label="Key">
                <Link to={`/templates/${t.key}`}>{t.key}</Link>
              </td>
              <td data-label="Purpose">{PURPOSES[t.purpose as keyof typeof PURPOSES]?.label ?? t.purpose}</td>
              <td data-label="Channel">{CHANNEL_LABELS[t.channel as keyof typeof CHANNEL_LABELS] ?? t.channel}</td>
              <td data-label="Languages">{t.languages.join(", ")}</td>
              <td data-label="Latest">{t.latest ? `v${t.latest.version} ${t.latest.status.replace("_", " ")}` : "—"}</td>
              <td data-label="Approved">{t.approved ? `v${t.approved}` : "none"}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {canEdit ? (
        <Form method="post">
          <h2>New template</h2>
          <CsrfInput />
          {reply?.message ? <p className="field-error">{reply.message}</p> : null}
          <Field label="Key" name="key" errors={reply?.errors.key} hint="For example outcome_reporter.in_app.v2" />
          <SelectField label="Purpose" name="purpose" errors={reply?.errors.purpose}>
            {PURPOSE_KEYS.map((p) => (
              <option key={p} value={p}>
                {PURPOSES[p].label}
              </option>
            ))}
          </SelectField>
          <SelectField label="Channel" name="channel" errors={reply?.errors.channel}>
            {CHANNELS.map((c) => (
              <option key={c} value={c}>
                {CHANNEL_LABELS[c]}
              </option>
            ))}
          </SelectField>
          <Field label="Default language" name="defaultLanguage" defaultValue="en" errors={reply?.errors.defaultLanguage} />
          <TextareaField label="Text in the default language" name="body" rows={4} errors={reply?.errors.body} hint="Use {{case.ref}}-style variables; add other languages in the editor." />
          <button type="submit">Create draft</button>
        </Form>
      ) : null}
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Response templates · Vigil" }];

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
