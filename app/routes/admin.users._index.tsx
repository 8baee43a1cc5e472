import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { CsrfInput } from "~/components/csrf-input";
import { CheckboxGroup, Field, FormError } from "~/components/form-field";
import { createUser, listUsers } from "~/models/accounts/users.server";
import { requirePermission, userActor } from "~/utils/auth.server";
import { requestContext } from "~/utils/context.server";
import { readProtectedForm } from "~/utils/csrf.server";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, generatePassword } from "~/utils/password.server";
import { ROLES, ROLE_LABELS, isRole } from "~/utils/permissions";

const CreateUserSchema = z.object({
  email: z.string().trim().max(254).pipe(z.email("Enter a valid email address.")),
  name: z.string().trim().min(1, "Enter a name.").max(100, "Keep the name under 100 characters."),
  // Empty means "generate one": shown once on the next page, like an API key.
  password: z.union([
    z.literal(""),
    z
      .string()
      .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters, or leave it empty to generate one.`)
      .max(MAX_PASSWORD_LENGTH, `Use at most ${MAX_PASSWORD_LENGTH} characters.`),
  ]),
  roles: z.array(z.enum(ROLES, "Choose roles from the list.")),
});

type LoaderData = {
  minPasswordLength: number;
  users: { id: string; email: string; name: string; roles: string[]; createdAt: string; disabled: boolean }[];
};

type ActionData =
  | { ok: true; created: { id: string; email: string; name: string }; generatedPassword: string | null }
  | {
      ok: false;
      formError?: string;
      fieldErrors?: Partial<Record<"email" | "name" | "password" | "roles", string[]>>;
      values: { email: string; name: string; roles: string[] };
    };

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "manage:users");
  const users = await listUsers();
  return Response.json({
    minPasswordLength: MIN_PASSWORD_LENGTH,
    users: users.map((u) => ({
      id: u.id,
      email: u.email,
      name: u.name,
      roles: u.roles.map((r) => r.role).sort(),
      createdAt: u.createdAt.toISOString(),
      disabled: u.disabledAt !== null,
    })),
  } satisfies LoaderData);
}

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = await requirePermission(request, "manage:users");
  const form = await readProtectedForm(request);
  const roles = form.getAll("roles").map(String);
  const values = { email: String(form.get("email") ?? ""), name: String(form.get("name") ?? ""), roles };
  const parsed = CreateUserSchema.safeParse({ ...values, password: form.get("password") ?? "", roles });
  if (!parsed.success) {
    const fieldErrors = z.flattenError(parsed.error).fieldErrors;
    return Response.json({ ok: false, fieldErrors, values } satisfies ActionData, { status: 400 });
  }
  const generatedPassword = parsed.data.password === "" ? generatePassword() : null;
  const result = await createUser(
    { ...parsed.data, password: generatedPassword ?? parsed.data.password },
    { actor: userActor(admin), requestId: requestContext(context).requestId },
  );
  if (!result.ok) {
    return Response.json({ ...result, values } satisfies ActionData, { status: 400 });
  }
  return Response.json({ ok: true, created: result.value, generatedPassword } satisfies ActionData, { status: 201 });
}

const roleLabel = (role: string) => (isRole(role) ? ROLE_LABELS[role] : role);
const ROLE_OPTIONS = ROLES.map((value) => ({ value, label: ROLE_LABELS[value] }));

export default function UsersPage() {
  const { users, minPasswordLength } = useLoaderData<LoaderData>();
  const actionData = useActionData<ActionData>();
  const failed = actionData && !actionData.ok ? actionData : null;
  return (
    <>
      <h1>Users</h1>
      {actionData?.ok ? (
        <div role="status" className="notice success">
          <p>
            Added <Link to={`/admin/users/${actionData.created.id}`}>{actionData.created.name}</Link> (
            {actionData.created.email}).
          </p>
          {actionData.generatedPassword ? (
            <p>
              Their initial password is <code>{actionData.generatedPassword}</code>. Pass it on securely: it
              won&apos;t be shown again.
            </p>
          ) : null}
        </div>
      ) : null}
      <table className="stack">
        <caption className="hint">{users.length === 1 ? "1 user" : `${users.length} users`}</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Roles</th>
            <th scope="col">Status</th>
            <th scope="col">Created</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id}>
              <td data-label="Name">
                <Link to={`/admin/users/${u.id}`}>{u.name}</Link>
              </td>
              <td data-label="Email">{u.email}</td>
              <td data-label="Roles">{u.roles.length ? u.roles.map(roleLabel).join(", ") : <span className="hint">No roles</span>}</td>
              <td data-label="Status">{u.disabled ? <span className="badge">Disabled</span> : "Active"}</td>
              <td data-label="Created">
                <time dateTime={u.createdAt}>{u.createdAt.slice(0, 10)}</time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2 id="add-user">Add a user</h2>
      <FormError message={failed?.formError} />
      <Form method="post" className="stack" aria-labelledby="add-user" key={actionData?.ok ? actionData.created.id : "new"}>
        <CsrfInput />
        <Field label="Email" name="email" type="email" required autoComplete="off" defaultValue={failed?.values.email} errors={failed?.fieldErrors?.email} />
        <Field label="Name" name="name" type="text" required autoComplete="off" defaultValue={failed?.values.name} errors={failed?.fieldErrors?.name} />
        <Field
          label="Initial password"
          name="password"
          type="password"
          autoComplete="new-password"
          hint={`At least ${minPasswordLength} characters. Leave empty to generate one.`}
          errors={failed?.fieldErrors?.password}
        />
        <CheckboxGroup legend="Roles" name="roles" options={ROLE_OPTIONS} defaultValues={failed?.values.roles} errors={failed?.fieldErrors?.roles} />
        <div>
          <button type="submit">Add user</button>
        </div>
      </Form>
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Users · Vigil" }];

// The page may carry a generated password: keep it out of caches and history.
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
