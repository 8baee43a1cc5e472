import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { z } from "zod";
import { MessageLog } from "~/components/templates/message-log";
import { MessageLogFiltersForm, messageLogHref } from "~/components/templates/message-log-filters";
import type { MessageLogFilters, MessageLogView } from "~/models/messages/message-log.server";
import { loadMessageLog, parseMessageLogFilters } from "~/models/messages/message-log.server";
import type { RetryOutcome } from "~/models/messages/message-retry.server";
import { retryDelivery } from "~/models/messages/message-retry.server";
import { reporterViewFor } from "~/models/cases/reporter-identity";
import { requirePermission, userActor } from "~/utils/auth.server";
import { requestContext } from "~/utils/context.server";
import { readProtectedForm } from "~/utils/csrf.server";
import { messageDeliveryEndpoint } from "~/utils/env.server";
import { can } from "~/utils/permissions";
import templateStyles from "~/styles/templates.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: templateStyles }];

// Every message sent, newest first, in keyset pages: template key, version, language and
// where its delivery stands, filtered by case, channel, language, template and delivery.

export type MessageLogData = MessageLogView & { filters: MessageLogFilters; endpointConfigured: boolean; canRetry: boolean };

const RetryForm = z.object({ intent: z.literal("retry"), messageId: z.string().min(1).max(64) });
const STATUS: Record<RetryOutcome["status"] | "invalid", number> = { queued: 200, refused: 409, forbidden: 403, not_found: 404, invalid: 400 };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:case");
  const filters = parseMessageLogFilters(new URL(request.url).searchParams);
  const endpointConfigured = messageDeliveryEndpoint() !== null;
  const canRetry = can(user.roles, "send:message");
  const log = await loadMessageLog(filters, endpointConfigured, reporterViewFor(user.roles));
  return Response.json({ ...log, filters, endpointConfigured, canRetry } satisfies MessageLogData);
}

/** "Retry delivery" on a failed message. */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "send:message");
  const parsed = RetryForm.safeParse(Object.fromEntries(await readProtectedForm(request)));
  if (!parsed.success) return Response.json({ status: "invalid", message: "Choose a message to try again." }, { status: STATUS.invalid });
  const outcome = await retryDelivery(parsed.data.messageId, userActor(user), requestContext(context).requestId);
  return Response.json(outcome, { status: STATUS[outcome.status] });
}

function EmptyLog({ filters }: { filters: MessageLogFilters }) {
  const { older, newer, ...chosen } = filters;
  if (older || newer) {
    return (
      <p>
        No messages on this page. <Link to={messageLogHref(chosen)}>Newest messages</Link>
      </p>
    );
  }
  if (Object.keys(chosen).length > 0) {
    return (
      <p>
        No messages match these filters. <Link to="/messages">Show all messages</Link>
      </p>
    );
  }
  return <p>No messages sent yet. Messages sent from a case page appear here.</p>;
}

export default function MessageLogPage() {
  const data = useLoaderData<MessageLogData>();
  const retried = useActionData<{ status: string; message: string }>();
  const { search } = useLocation();
  const { older: _older, newer: _newer, ...chosen } = data.filters;
  return (
    <div>
      <h1>Message log</h1>
      <p>
        Every message sent to a reporter or an author, newest first. <Link to="/templates">Templates</Link>
      </p>
      {data.endpointConfigured ? null : (
        <p className="notice" role="note">
          No delivery endpoint is configured (<code>MESSAGE_DELIVERY_URL</code>): messages are kept queued and go out once one is.
        </p>
      )}
      <MessageLogFiltersForm key={search} filters={chosen} options={data.options} />
      {retried ? (
        <p role={retried.status === "queued" ? "status" : "alert"} className={`notice ${retried.status === "queued" ? "success" : "error"}`}>
          {retried.message}
        </p>
      ) : null}
      <MessageLog messages={data.messages} caption="Messages sent, newest first" canRetry={data.canRetry} empty={<EmptyLog filters={data.filters} />} />
      <nav className="pager" aria-label="Pages">
        {data.newer ? <Link to={messageLogHref(chosen)}>Newest</Link> : null}
        {data.newer ? (
          <Link to={messageLogHref(chosen, { newer: data.newer })} rel="prev">
            Newer
          </Link>
        ) : null}
        {data.older ? (
          <Link to={messageLogHref(chosen, { older: data.older })} rel="next">
            Older
          </Link>
        ) : null}
      </nav>
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Message log · Vigil" }];

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
