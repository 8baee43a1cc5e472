import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { When } from "~/components/case/format";
import { CsrfInput } from "~/components/csrf-input";
import { TextareaField } from "~/components/form-field";
import { PolicyTable } from "~/components/escalation/policy-table";
import type { PolicyDefinition } from "~/models/escalation-policy.server";
import { listPolicyVersions, parsePolicyEdit, publishPolicyVersion } from "~/models/escalation-policy.server";
import { requirePermission, userActor } from "~/utils/auth.server";
import { requestContext } from "~/utils/context.server";
import { readProtectedForm } from "~/utils/csrf.server";

// The escalation policy: tiers, roles, SLA minutes per priority band and rules that skip
// tiers. An edit publishes a new immutable version; running cases keep theirs.

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "manage:escalation");
  const versions = await listPolicyVersions();
  return Response.json({ versions: versions.map((v) => ({ version: v.version, current: v.current, note: v.note, createdAt: v.createdAt.toISOString(), definition: v.definition })) });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = await requirePermission(request, "manage:escalation");
  const form = await readProtectedForm(request);
  const parsed = parsePolicyEdit(String(form.get("definition") ?? ""));
  const note = String(form.get("note") ?? "").trim();
  if (!parsed.ok) return Response.json({ ok: false, errors: parsed.errors, definition: String(form.get("definition") ?? "") }, { status: 400 });
  if (!note) return Response.json({ ok: false, errors: ["Say why the policy changes."], definition: String(form.get("definition") ?? "") }, { status: 400 });
  const version = await publishPolicyVersion({ definition: parsed.definition, note, actor: userActor(admin), requestId: requestContext(context).requestId });
  return Response.json({ ok: true, message: `Published version ${version.version}. New cases run under it; open cases keep their version.` });
}

type Version = { version: number; current: boolean; note: string | null; createdAt: string; definition: PolicyDefinition };
type Reply = { ok: true; message: string } | { ok: false; errors: string[]; definition: string };

export default function EscalationPolicyPage() {
  const { versions } = useLoaderData<{ versions: Version[] }>();
  const reply = useActionData<Reply>();
  const current = versions.find((v) => v.current);
  return (
    <>
      <h1>Escalation policy</h1>
      {reply?.ok ? <p role="status">{reply.message}</p> : null}
      {current ? (
        <>
          <p>
            Version {current.version}, published <When iso={current.createdAt} />.
          </p>
          <PolicyTable definition={current.definition} />
        </>
      ) : (
        <p>No policy yet.</p>
      )}
      <h2>Publish a new version</h2>
      <Form method="post">
        <CsrfInput />
        {reply && !reply.ok ? (
          <ul role="alert" className="errors">
            {reply.errors.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        ) : null}
        <TextareaField
          label="Policy (JSON: tiers, skipRules, warnAtPercent)"
          name="definition"
          rows={24}
          className="mono"
          defaultValue={reply && !reply.ok ? reply.definition : JSON.stringify(current?.definition ?? {}, null, 2)}
        />
        <TextareaField label="Why it changes" name="note" rows={2} required />
        <button type="submit">Publish version</button>
      </Form>
      <h2>Versions</h2>
      <ol reversed>
        {versions.map((v) => (
          <li key={v.version}>
            Version {v.version} · <When iso={v.createdAt} /> · {v.note ?? ""} {v.current ? "(current)" : null}
          </li>
        ))}
      </ol>
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Escalation policy · Vigil" }];

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
