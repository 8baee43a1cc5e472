import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { CsrfInput } from "~/components/csrf-input";
import { Field, FormError } from "~/components/form-field";
import { createApiKey, listApiKeys, revokeApiKey } from "~/models/accounts/api-keys.server";
import { requirePermission, userActor } from "~/utils/auth.server";
import { requestContext } from "~/utils/context.server";
import { readProtectedForm } from "~/utils/csrf.server";

const KeyChangeSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("create"),
    name: z
      .string()
      .trim()
      .min(1, "Name the key after the platform or integration that will use it.")
      .max(80, "Keep the name under 80 characters."),
  }),
  z.object({ intent: z.literal("revoke"), id: z.string().min(1, "Choose a key to revoke.") }),
]);

type KeyRow = { id: string; name: string; prefix: string; createdAt: string; lastUsedAt: string | null; revokedAt: string | null };
type LoaderData = { keys: KeyRow[] };

type ActionData =
  | { ok: true; created: { id: string; name: string; key: string } }
  | { ok: true; revoked: string }
  | { ok: false; formError?: string; fieldErrors?: { name?: string[] }; values: { name: string } };

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "manage:api-keys");
  const keys = await listApiKeys();
  return Response.json({
    keys: keys.map((k) => ({
      ...k,
      createdAt: k.createdAt.toISOString(),
      lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
      revokedAt: k.revokedAt?.toISOString() ?? null,
    })),
  } satisfies LoaderData);
}

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = await requirePermission(request, "manage:api-keys");
  const form = await readProtectedForm(request);
  const values = { name: String(form.get("name") ?? "") };
  const parsed = KeyChangeSchema.safeParse({ intent: form.get("intent"), name: values.name, id: form.get("id") ?? "" });
  if (!parsed.success) {
    const fieldErrors: Partial<Record<string, string[]>> = z.flattenError(parsed.error).fieldErrors;
    const formError = fieldErrors.name ? undefined : (fieldErrors.id?.[0] ?? "Choose what to do.");
    return Response.json({ ok: false, formError, fieldErrors: { name: fieldErrors.name }, values } satisfies ActionData, { status: 400 });
  }
  const ctx = { actor: userActor(admin), requestId: requestContext(context).requestId };
  if (parsed.data.intent === "create") {
    const { apiKey, key } = await createApiKey(parsed.data.name, ctx);
    // The only response that ever carries the key; the database keeps its hash.
    return Response.json({ ok: true, created: { id: apiKey.id, name: apiKey.name, key } } satisfies ActionData, {
      status: 201,
      headers: { "Cache-Control": "no-store" },
    });
  }
  const result = await revokeApiKey(parsed.data.id, ctx);
  if (!result.ok) return Response.json({ ok: false, formError: result.error, values } satisfies ActionData, { status: 400 });
  return Response.json({ ok: true, revoked: result.name } satisfies ActionData);
}

function When({ iso, empty = "Never" }: { iso: string | null; empty?: string }) {
  return iso ? <time dateTime={iso}>{iso.slice(0, 16).replace("T", " ")} UTC</time> : <>{empty}</>;
}

export default function ApiKeysPage() {
  const { keys } = useLoaderData<LoaderData>();
  const actionData = useActionData<ActionData>();
  const failed = actionData && !actionData.ok ? actionData : null;
  const created = actionData?.ok && "created" in actionData ? actionData.created : null;
  return (
    <>
      <h1>API keys</h1>
      <p className="hint">Platforms send reports to the ingest API with one of these keys as a Bearer token.</p>
      {created ? (
        <div role="status" className="notice success">
          <p>
            Created the key “{created.name}”. Copy it now: it won&apos;t be shown again, and Vigil keeps only a hash
            of it.
          </p>
          <Field label="New API key" type="text" readOnly value={created.key} />
        </div>
      ) : null}
      {actionData?.ok && "revoked" in actionData ? (
        <p role="status" className="notice success">
          Revoked the key “{actionData.revoked}”. Requests using it are refused from now on.
        </p>
      ) : null}
      <FormError message={failed?.formError} />

      <table className="stack">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Prefix</th>
            <th scope="col">Created</th>
            <th scope="col">Last used</th>
            <th scope="col">Status</th>
          </tr>
        </thead>
        <tbody>
          {keys.length === 0 ? (
            <tr>
              <td colSpan={5}>No API keys yet.</td>
            </tr>
          ) : null}
          {keys.map((k) => (
            <tr key={k.id}>
              <td data-label="Name">{k.name}</td>
              <td data-label="Prefix">
                <code>{k.prefix}…</code>
              </td>
              <td data-label="Created">
                <When iso={k.createdAt} />
              </td>
              <td data-label="Last used">
                <When iso={k.lastUsedAt} />
              </td>
              <td data-label="Status">
                {k.revokedAt ? (
                  <>
                    Revoked <When iso={k.revokedAt} />
                  </>
                ) : (
                  <details>
                    <summary>Active. Revoke…</summary>
                    <Form method="post">
                      <CsrfInput />
                      <input type="hidden" name="id" value={k.id} />
                      <p>Platforms using this key are refused at once. This cannot be undone.</p>
                      <button type="submit" name="intent" value="revoke" className="danger">
                        Revoke “{k.name}”
                      </button>
                    </Form>
                  </details>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2 id="create-key">Create a key</h2>
      <Form method="post" className="stack" aria-labelledby="create-key" key={created?.id ?? "new"}>
        <CsrfInput />
        <Field
          label="Key name"
          name="name"
          type="text"
          required
          autoComplete="off"
          hint="Who will use it, e.g. “Forum platform (production)”."
          defaultValue={failed?.values.name}
          errors={failed?.fieldErrors?.name}
        />
        <div>
          <button type="submit" name="intent" value="create">
            Create key
          </button>
        </div>
      </Form>
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "API keys · Vigil" }];

// A page that may carry a new key must not be kept by any cache or the back button.
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
