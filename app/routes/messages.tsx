import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { MessageLog } from "~/components/templates/message-log";
import type { MessageLogEntry } from "~/models/messages.server";
import { MESSAGE_PAGE_SIZE, listMessages } from "~/models/messages.server";
import { parseRef } from "~/models/refs";
import { requirePermission } from "~/utils/auth.server";
import templateStyles from "~/styles/templates.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: templateStyles }];

// Every message sent, newest first, with the template key, version and language used.

type LoaderData = { messages: (Omit<MessageLogEntry, "createdAt"> & { createdAt: string })[]; caseRef: string | null };

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "read:case");
  const caseRef = parseRef(new URL(request.url).searchParams.get("case") ?? "", "case");
  return Response.json({ messages: await listMessages({ caseRef: caseRef ?? undefined }), caseRef } satisfies LoaderData);
}

export default function MessageLogPage() {
  const { messages, caseRef } = useLoaderData<LoaderData>();
  return (
    <div>
      <h1>Message log</h1>
      <p>
        {caseRef ? (
          <>
            Case {caseRef} · <Link to="/messages">All messages</Link>
          </>
        ) : (
          `The latest ${MESSAGE_PAGE_SIZE} messages.`
        )}{" "}
        · <Link to="/templates">Templates</Link>
      </p>
      <MessageLog messages={messages} caption="Messages sent" />
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Message log · Vigil" }];

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
