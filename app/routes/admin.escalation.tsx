import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { When } from "~/components/case/format";
import type { Option } from "~/components/escalation/policy-editor";
import { PolicyEditor } from "~/components/escalation/policy-editor";
import type { PolicyVersionRow } from "~/components/escalation/policy-history";
import { PolicyHistory } from "~/components/escalation/policy-history";
import { PolicyTable } from "~/components/escalation/policy-table";
import type { PolicyEditOutcome } from "~/models/escalation/escalation-policy-edit.server";
import { editPolicy } from "~/models/escalation/escalation-policy-edit.server";
import { listPolicyVersions } from "~/models/escalation/escalation-policy.server";
import type { PolicyDraft } from "~/models/escalation/policy-form";
import { draftOf, readPolicyForm } from "~/models/escalation/policy-form";
import { listRules, ruleTitle } from "~/models/intake/rules.server";
import styles from "~/styles/policy-editor.css";
import { requirePermission, userActor } from "~/utils/auth.server";
import { requestContext } from "~/utils/context.server";
import { readProtectedForm } from "~/utils/csrf.server";
import { ROLES, ROLE_LABELS } from "~/utils/permissions";

// The escalation policy: tiers, who may act on each, SLA minutes per priority band, rules
// that skip tiers and the warning point, edited as a form. Publishing writes a new
// immutable version; running cases keep theirs (docs/decisions/0012).

export const links: LinksFunction = () => [{ rel: "stylesheet", href: styles }];

type LoaderData = { versions: PolicyVersionRow[]; draft: PolicyDraft; roles: Option[]; rules: Option[] };

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "manage:escalation");
  const [versions, rules] = await Promise.all([listPolicyVersions(), listRules()]);
  const current = versions.find((v) => v.current);
  const empty = { tiers: [], skipRules: [], warnAtPercent: 80 };
  return Response.json({
    versions: versions.map((v) => ({ version: v.version, current: v.current, note: v.note, createdAt: v.createdAt.toISOString(), createdBy: v.createdBy, definition: v.definition })),
    draft: draftOf(current?.definition ?? empty, current?.version ?? null),
    roles: ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] })),
    rules: rules.map((r) => ({ value: r.code, label: `${ruleTitle(r)} (${r.code})` })),
  } satisfies LoaderData);
}

const STATUS = { draft: 200, invalid: 400 } as const;

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = await requirePermission(request, "manage:escalation");
  const form = await readProtectedForm(request);
  const outcome = await editPolicy(readPolicyForm(form), { actor: userActor(admin), requestId: requestContext(context).requestId });
  if (outcome.status === "published") return redirect(`/admin/escalation?published=${outcome.version}`);
  return Response.json(outcome, { status: STATUS[outcome.status] });
}

type Reply = Exclude<PolicyEditOutcome, { status: "published" }>;

export default function EscalationPolicyPage() {
  const { versions, draft, roles, rules } = useLoaderData<LoaderData>();
  const reply = useActionData<Reply>();
  const [search] = useSearchParams();
  const current = versions.find((v) => v.current);
  const published = search.get("published");
  const shown = reply?.draft ?? draft;
  // A new answer (or a new current version) mounts a fresh form, so each field shows what the server sent back.
  const formKey = `${current?.version ?? 0}:${JSON.stringify(reply ?? null)}`;
  return (
    <>
      <h1>Escalation policy</h1>
      {published && !reply ? (
        <p role="status" className="notice success">
          Published version {published}. New cases run under it; open cases keep the version they started under.
        </p>
      ) : null}
      {current ? (
        <section aria-labelledby="current-policy">
          <h2 id="current-policy">
            Current: version {current.version}
          </h2>
          <p>
            Published <When iso={current.createdAt} /> by {current.createdBy?.name ?? "Vigil (installed default)"}.
          </p>
          <PolicyTable definition={current.definition} />
        </section>
      ) : (
        <p>No policy yet: cases have no deadlines until one is published.</p>
      )}
      <h2 id="edit-policy">Edit the policy</h2>
      <PolicyEditor
        key={formKey}
        draft={shown}
        errors={reply?.status === "invalid" ? reply.errors : {}}
        message={reply?.status === "invalid" ? reply.message : null}
        focus={reply?.status === "draft" ? reply.focus : null}
        roles={roles}
        rules={rules}
        nextVersion={(current?.version ?? 0) + 1}
      />
      <h2>Version history</h2>
      <PolicyHistory versions={versions} />
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Escalation policy · Vigil" }];

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
