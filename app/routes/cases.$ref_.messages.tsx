import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useParams } from "@remix-run/react";
import { MessageComposer } from "~/components/templates/message-composer";
import { messageLogPage } from "~/models/messages/message-log.server";
import type { CaseMessagesData, SendReply } from "~/forms/composer";
import { SendSchema } from "~/forms/composer";
import { proposeMessages, sendMessage } from "~/models/messages/messages.server";
import { parseRef } from "~/models/cases/refs";
import { negotiateLocale } from "~/models/intake/reports.server";
import { reporterViewFor } from "~/models/cases/reporter-identity";
import { languageName } from "~/models/intake/rules.server";
import { TEMPLATE_LANGUAGES } from "~/models/templates/template-purposes";
import { requirePermission, userActor } from "~/utils/auth.server";
import { requestContext } from "~/utils/context.server";
import { readProtectedForm } from "~/utils/csrf.server";
import { messageDeliveryEndpoint } from "~/utils/env.server";
import { can } from "~/utils/permissions";
import templateStyles from "~/styles/templates.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: templateStyles }];

// A case's messages: the proposed templates rendered for each recipient (beside the
// viewer's language), the form that sends one, and the log of what was sent. The case
// page loads this with a fetcher.

const notFound = (ref: string | undefined) => Response.json({ message: `There is no case “${ref ?? ""}”.` }, { status: 404, statusText: "Not Found" });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:case");
  const ref = parseRef(params.ref ?? "", "case");
  // Vigil keeps no language per person: the browser's Accept-Language (or ?lang=) says what the viewer reads.
  const viewerLanguage = negotiateLocale(request, new Set(TEMPLATE_LANGUAGES));
  const view = reporterViewFor(user.roles);
  const proposed = ref ? await proposeMessages(ref, view, viewerLanguage) : null;
  if (!ref || !proposed) throw notFound(params.ref);
  const canSend = can(user.roles, "send:message");
  const log = await messageLogPage({ caseRef: ref }, messageDeliveryEndpoint() !== null, view);
  const proposals = canSend ? proposed.proposals : [];
  const languages = new Set([viewerLanguage, ...proposals.flatMap((p) => [p.rendered.language, p.inViewerLanguage?.language ?? viewerLanguage])]);
  return Response.json({
    // Where a reporter is reached stays on the server.
    recipients: proposed.recipients.map(({ address: _address, ...r }) => r),
    proposals,
    unavailable: canSend ? proposed.unavailable : [],
    viewerLanguage,
    languageNames: Object.fromEntries([...languages].map((l) => [l, languageName(l)])),
    messages: log.messages,
    moreMessages: log.older !== null,
    canSend,
  } satisfies CaseMessagesData);
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "send:message");
  const form = await readProtectedForm(request);
  const ref = parseRef(params.ref ?? "", "case");
  if (!ref) throw notFound(params.ref);
  const parsed = SendSchema.safeParse(Object.fromEntries(form));
  if (!parsed.success) return Response.json({ ok: false, message: "Choose a message to send." } satisfies SendReply, { status: 400 });
  const { recipientKey, templateKey, language } = parsed.data.choice;
  const outcome = await sendMessage({ caseRef: ref, templateKey, recipientKey, language }, userActor(user), requestContext(context).requestId);
  if (outcome.status === "sent") {
    return Response.json({ ok: true, message: `Sent ${templateKey} version ${outcome.version} in ${outcome.language}.` } satisfies SendReply);
  }
  const status = { forbidden: 403, not_found: 404, refused: 409 }[outcome.status];
  return Response.json({ ok: false, message: outcome.message } satisfies SendReply, { status });
}

export default function CaseMessagesPage() {
  const data = useLoaderData<CaseMessagesData>();
  const { ref } = useParams();
  return (
    <div>
      <p>
        <Link to={`/cases/${ref}`}>Back to case {ref}</Link> · <Link to="/messages">Message log</Link>
      </p>
      <h1>Messages for case {ref}</h1>
      <MessageComposer data={data} action={`/cases/${ref}/messages`} caseRef={ref ?? ""} />
    </div>
  );
}

export const meta: MetaFunction = ({ params }) => [{ title: `Messages for ${params.ref ?? ""} · Vigil` }];

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
