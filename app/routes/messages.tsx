import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useLocation } from "@remix-run/react";
import { MessageLog } from "~/components/templates/message-log";
import { MessageLogFiltersForm, messageLogHref } from "~/components/templates/message-log-filters";
import type { MessageLogFilters, MessageLogView } from "~/models/message-log.server";
import { loadMessageLog, parseMessageLogFilters } from "~/models/message-log.server";
import { requirePermission } from "~/utils/auth.server";
import { messageDeliveryEndpoint } from "~/utils/env.server";
import templateStyles from "~/styles/templates.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: templateStyles }];

// Every message sent, newest first, in keyset pages: template key, version, language and
// where its delivery stands, filtered by case, channel, language, template and delivery.

export type MessageLogData = MessageLogView & { filters: MessageLogFilters; endpointConfigured: boolean };

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "read:case");
  const filters = parseMessageLogFilters(new URL(request.url).searchParams);
  const endpointConfigured = messageDeliveryEndpoint() !== null;
  return Response.json({ ...(await loadMessageLog(filters, endpointConfigured)), filters, endpointConfigured } satisfies MessageLogData);
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
      <MessageLog messages={data.messages} caption="Messages sent, newest first" empty={<EmptyLog filters={data.filters} />} />
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
