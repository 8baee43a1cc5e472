import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { When } from "~/components/case/format";
import { CsrfInput } from "~/components/csrf-input";
import { CheckboxGroup, Field } from "~/components/form-field";
import { WEBHOOK_EVENT_LABELS, WEBHOOK_EVENTS } from "~/models/messages/webhook-events";
import { createWebhook, listWebhooksWithAttempts, rotateWebhookSecret, setWebhookActive, WebhookInput } from "~/models/messages/webhooks.server";
import { requirePermission, userActor } from "~/utils/auth.server";
import { requestContext } from "~/utils/context.server";
import { readProtectedForm } from "~/utils/csrf.server";

// Outgoing webhooks for pages and breaches (Slack or Discord compatible), their signing
// secrets (shown once, when made or rotated; sealed at rest), and every delivery attempt.

const Change = z.object({ intent: z.enum(["enable", "disable", "rotate"]), id: z.string().min(1) });

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "manage:webhooks");
  const hooks = await listWebhooksWithAttempts();
  return Response.json({
    hooks: hooks.map((h) => ({
      id: h.id,
      name: h.name,
      url: h.url,
      events: h.events,
      active: h.active,
      pending: h.pending,
      attempts: h.attempts.map((a) => ({ id: a.id, attempt: a.attempt, at: a.at.toISOString(), httpStatus: a.httpStatus, ok: a.ok, error: a.error, durationMs: a.durationMs, kind: a.message.kind, status: a.message.status })),
    })),
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = await requirePermission(request, "manage:webhooks");
  const form = await readProtectedForm(request);
  const actor = userActor(admin);
  const { requestId } = requestContext(context);
  if (form.get("intent") === "create") {
    const parsed = WebhookInput.safeParse({ name: form.get("name"), url: form.get("url"), events: form.getAll("events") });
    if (!parsed.success) return Response.json({ ok: false, fieldErrors: z.flattenError(parsed.error).fieldErrors }, { status: 400 });
    const hook = await createWebhook(parsed.data, actor, requestId);
    // The only responses that ever carry a secret; the database keeps it sealed.
    return Response.json({ ok: true, message: `Added “${hook.name}”.`, secret: { name: hook.name, value: hook.secret } } satisfies Reply, { status: 201, headers: NO_STORE });
  }
  const change = Change.safeParse(Object.fromEntries(form));
  if (!change.success) return Response.json({ ok: false, message: "Choose a webhook." } satisfies Reply, { status: 400 });
  if (change.data.intent === "rotate") {
    const hook = await rotateWebhookSecret(change.data.id, actor, requestId);
    if (!hook) return Response.json({ ok: false, message: "There is no such webhook." } satisfies Reply, { status: 404 });
    const message = `New secret for “${hook.name}”: messages are signed with it from now on.`;
    return Response.json({ ok: true, message, secret: { name: hook.name, value: hook.secret } } satisfies Reply, { headers: NO_STORE });
  }
  await setWebhookActive(change.data.id, change.data.intent === "enable", actor, requestId);
  return Response.json({ ok: true, message: change.data.intent === "enable" ? "Enabled." : "Disabled." } satisfies Reply);
}

const NO_STORE = { "Cache-Control": "no-store" };

type Hook = {
  id: string;
  name: string;
  url: string;
  events: string[];
  active: boolean;
  pending: number;
  attempts: { id: string; attempt: number; at: string; httpStatus: number | null; ok: boolean; error: string | null; durationMs: number; kind: string; status: string }[];
};
type Reply = { ok: boolean; message?: string; secret?: { name: string; value: string }; fieldErrors?: Record<string, string[] | undefined> };

export default function Webhooks() {
  const { hooks } = useLoaderData<{ hooks: Hook[] }>();
  const reply = useActionData<Reply>();
  return (
    <>
      <h1>Webhooks</h1>
      <p className="hint">
        Pages and missed deadlines are posted as JSON with <code>text</code> (Slack) and <code>content</code> (Discord), signed in the{" "}
        <code>X-Vigil-Signature: sha256=…</code> header: HMAC-SHA256 of the raw body under the webhook&apos;s secret.
      </p>
      {reply?.message ? <p role="status">{reply.message}</p> : null}
      {reply?.secret ? (
        <div className="notice success">
          <p>
            The signing secret of “{reply.secret.name}”. Copy it into the receiver now: it won&apos;t be shown again, and Vigil keeps it encrypted.
          </p>
          <Field label="Signing secret" type="text" readOnly value={reply.secret.value} />
        </div>
      ) : null}
      {hooks.map((h) => (
        <section key={h.id} aria-label={h.name}>
          <h2>
            {h.name} {h.active ? null : <span className="badge">disabled</span>}
          </h2>
          <p>
            <code>{h.url}</code> · {h.events.join(", ")} · {h.pending} waiting
          </p>
          <Form method="post">
            <CsrfInput />
            <input type="hidden" name="id" value={h.id} />
            <button type="submit" name="intent" value={h.active ? "disable" : "enable"}>
              {h.active ? "Disable" : "Enable"}
            </button>
          </Form>
          <details>
            <summary>Rotate the signing secret…</summary>
            <Form method="post">
              <CsrfInput />
              <input type="hidden" name="id" value={h.id} />
              <p>Messages are signed with the new secret from now on; the receiver refuses them until it has the new one.</p>
              <button type="submit" name="intent" value="rotate" aria-label={`Rotate the secret of ${h.name}`}>
                Rotate secret
              </button>
            </Form>
          </details>
          <table className="stack">
            <caption>Delivery attempts</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Message</th>
                <th scope="col">Attempt</th>
                <th scope="col">Result</th>
                <th scope="col">Time</th>
              </tr>
            </thead>
            <tbody>
              {h.attempts.map((a) => (
                <tr key={a.id}>
                  <td data-label="When">
                    <When iso={a.at} />
                  </td>
                  <td data-label="Message">
                    {a.kind} ({a.status})
                  </td>
                  <td data-label="Attempt">{a.attempt}</td>
                  <td data-label="Result">{a.ok ? `delivered (${a.httpStatus})` : (a.error ?? "failed")}</td>
                  <td data-label="Time">{a.durationMs} ms</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
      <h2>Add a webhook</h2>
      <Form method="post" key={reply?.ok ? reply.message : "new"}>
        <CsrfInput />
        <input type="hidden" name="intent" value="create" />
        <Field label="Name" name="name" required errors={reply?.fieldErrors?.name} />
        <Field label="URL" name="url" type="url" required errors={reply?.fieldErrors?.url} />
        <CheckboxGroup legend="Events" name="events" options={WEBHOOK_EVENTS.map((e) => ({ value: e, label: WEBHOOK_EVENT_LABELS[e] }))} defaultValues={["page", "breach"]} errors={reply?.fieldErrors?.events} />
        <button type="submit">Add webhook</button>
      </Form>
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Webhooks · Vigil" }];

// A page that may carry a new secret must not be kept by any cache or the back button.
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
