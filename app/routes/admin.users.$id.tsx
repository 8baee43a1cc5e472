import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { CsrfInput } from "~/components/csrf-input";
import { CheckboxGroup, FormError } from "~/components/form-field";
import { getUser, setUserDisabled, setUserRoles } from "~/models/accounts/users.server";
import { requirePermission, userActor } from "~/utils/auth.server";
import { requestContext } from "~/utils/context.server";
import { readProtectedForm } from "~/utils/csrf.server";
import { ROLES, ROLE_LABELS } from "~/utils/permissions";

const UserChangeSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("roles"), roles: z.array(z.enum(ROLES, "Choose roles from the list.")) }),
  z.object({ intent: z.literal("disable") }),
  z.object({ intent: z.literal("enable") }),
]);

type LoaderData = {
  user: { id: string; email: string; name: string; roles: string[]; createdAt: string; disabled: boolean; sessions: number };
  isSelf: boolean;
};

type ActionData =
  | { ok: true; message: string }
  | { ok: false; formError?: string; fieldErrors?: { roles?: string[] }; values: { roles: string[] } };

function notFound() {
  return Response.json({ message: "There is no user with this id." }, { status: 404, statusText: "Not Found" });
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const admin = await requirePermission(request, "manage:users");
  const user = await getUser(params.id ?? "");
  if (!user) throw notFound();
  return Response.json({
    user: {
      id: user.id,
      email: user.email,
      name: user.name,
      roles: user.roles.map((r) => r.role).sort(),
      createdAt: user.createdAt.toISOString(),
      disabled: user.disabledAt !== null,
      sessions: user._count.sessions,
    },
    isSelf: user.id === admin.id,
  } satisfies LoaderData);
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const admin = await requirePermission(request, "manage:users");
  const form = await readProtectedForm(request);
  const userId = params.id ?? "";
  if (!(await getUser(userId))) throw notFound();
  const values = { roles: form.getAll("roles").map(String) };
  const parsed = UserChangeSchema.safeParse({ intent: form.get("intent"), roles: values.roles });
  if (!parsed.success) {
    const fieldErrors: Partial<Record<string, string[]>> = z.flattenError(parsed.error).fieldErrors;
    const formError = fieldErrors.roles ? undefined : "Choose what to change.";
    return Response.json({ ok: false, formError, fieldErrors: { roles: fieldErrors.roles }, values } satisfies ActionData, { status: 400 });
  }
  const ctx = { actor: userActor(admin), requestId: requestContext(context).requestId };
  const change = parsed.data;
  if (change.intent === "roles") {
    const result = await setUserRoles(userId, change.roles, ctx);
    if (!result.ok) return Response.json({ ...result, values } satisfies ActionData, { status: 400 });
    return Response.json({ ok: true, message: result.value.changed ? "Roles saved." : "No changes to save." } satisfies ActionData);
  }
  const result = await setUserDisabled(userId, change.intent === "disable", ctx);
  if (!result.ok) return Response.json({ ...result, values } satisfies ActionData, { status: 400 });
  const message = change.intent === "disable" ? "Account disabled; its sessions have ended." : "Account enabled.";
  return Response.json({ ok: true, message } satisfies ActionData);
}

const ROLE_OPTIONS = ROLES.map((value) => ({ value, label: ROLE_LABELS[value] }));

export default function UserPage() {
  const { user, isSelf } = useLoaderData<LoaderData>();
  const actionData = useActionData<ActionData>();
  const failed = actionData && !actionData.ok ? actionData : null;
  return (
    <>
      <p>
        <Link to="/admin/users">All users</Link>
      </p>
      <h1>{user.name}</h1>
      <dl>
        <dt>Email</dt>
        <dd>
          {user.email} · <Link to={`/audit?actor=${encodeURIComponent(user.email)}`}>what they did, in the audit log</Link>
        </dd>
        <dt>Status</dt>
        <dd>{user.disabled ? "Disabled" : "Active"}</dd>
        <dt>Created</dt>
        <dd>
          <time dateTime={user.createdAt}>{user.createdAt.slice(0, 10)}</time>
        </dd>
        <dt>Signed-in sessions</dt>
        <dd>{user.sessions}</dd>
      </dl>
      {actionData?.ok ? (
        <p role="status" className="notice success">
          {actionData.message}
        </p>
      ) : null}
      <FormError message={failed?.formError} />

      <h2 id="roles">Roles</h2>
      <Form method="post" className="stack" aria-labelledby="roles" key={user.roles.join()}>
        <CsrfInput />
        <CheckboxGroup
          legend={`Roles of ${user.name}`}
          name="roles"
          options={ROLE_OPTIONS}
          defaultValues={failed?.values.roles ?? user.roles}
          hint={isSelf ? "You cannot remove your own admin role." : undefined}
          errors={failed?.fieldErrors?.roles}
        />
        <div>
          <button type="submit" name="intent" value="roles">
            Save roles
          </button>
        </div>
      </Form>

      <h2 id="access">Access</h2>
      {user.disabled ? (
        <Form method="post" aria-labelledby="access">
          <CsrfInput />
          <p>This account is disabled: it cannot sign in.</p>
          <button type="submit" name="intent" value="enable">
            Enable account
          </button>
        </Form>
      ) : isSelf ? (
        <p className="hint">You cannot disable your own account.</p>
      ) : (
        <Form method="post" aria-labelledby="access">
          <CsrfInput />
          <p>Disabling ends every session at once; the account keeps its roles and history.</p>
          <button type="submit" name="intent" value="disable" className="danger">
            Disable account
          </button>
        </Form>
      )}
    </>
  );
}

export const meta: MetaFunction = ({ data }) => [
  { title: `${(data as LoaderData | undefined)?.user.name ?? "User"} · Vigil` },
];

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
