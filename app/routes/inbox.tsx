import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { When } from "~/components/case/format";
import { CsrfInput } from "~/components/csrf-input";
import { applyEscalationCommand } from "~/models/escalation/escalation-commands.server";
import type { InboxItem } from "~/models/messages/inbox.server";
import { TIER_ENTRY_KINDS, inboxOf } from "~/models/messages/inbox.server";
import { markRead, notificationOf } from "~/models/messages/notifications.server";
import { requireUser, userActor } from "~/utils/auth.server";
import { requestContext } from "~/utils/context.server";
import { readProtectedForm } from "~/utils/csrf.server";

// Each person's inbox: escalations, pages, handbacks, SLA warnings and breaches. An
// escalation can be acknowledged from here; the escalation machine decides who may. A
// notice whose matter someone has settled shows as done, for everyone it went to.

const InboxAction = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("read"), id: z.string().min(1) }),
  z.object({ intent: z.literal("read-all") }),
  z.object({ intent: z.literal("acknowledge"), id: z.string().min(1) }),
]);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const items = await inboxOf(user.id);
  return Response.json({
    items: items.map((n) => ({
      ...n,
      createdAt: n.createdAt.toISOString(),
      readAt: n.readAt?.toISOString() ?? null,
      acknowledgeable: TIER_ENTRY_KINDS.has(n.kind) && n.matter.status === "open",
    })),
  });
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const parsed = InboxAction.safeParse(Object.fromEntries(await readProtectedForm(request)));
  if (!parsed.success) return Response.json({ message: "Choose a notification." }, { status: 400 });
  if (parsed.data.intent === "read-all") {
    await markRead(user.id, "all");
    return redirect("/inbox");
  }
  const note = await notificationOf(user.id, parsed.data.id);
  if (!note) return Response.json({ message: "There is no such notification." }, { status: 404 });
  await markRead(user.id, note.id);
  if (note.subjectType === "crisis" && note.subjectRef) return redirect(`/crises/${note.subjectRef}`);
  if (note.subjectType === "crisis_proposal") return redirect("/crises#proposals");
  if (parsed.data.intent === "read" || !note.caseId) return redirect(note.caseRef ? `/cases/${note.caseRef}` : "/inbox");
  const outcome = await applyEscalationCommand({
    caseId: note.caseId,
    type: "ACKNOWLEDGE",
    note: "Acknowledged from the inbox.",
    actor: userActor(user),
    requestId: requestContext(context).requestId,
  });
  return redirect(`/cases/${note.caseRef}?escalation=${encodeURIComponent(outcome.message)}`);
}

type Item = Omit<InboxItem, "createdAt" | "readAt"> & { createdAt: string; readAt: string | null; acknowledgeable: boolean };

export default function Inbox() {
  const { items } = useLoaderData<{ items: Item[] }>();
  return (
    <>
      <h1>Inbox</h1>
      {items.some((n) => !n.readAt) ? (
        <Form method="post">
          <CsrfInput />
          <button type="submit" name="intent" value="read-all">
            Mark all read
          </button>
        </Form>
      ) : null}
      {items.length === 0 ? <p>Nothing here yet.</p> : null}
      <ul className="inbox" aria-label="Notifications">
        {items.map((n) => (
          <li key={n.id} className={n.readAt ? "read" : "unread"} aria-label={n.title}>
            <p>
              <strong>{n.title}</strong> {n.readAt ? null : <span className="badge">new</span>}
              <br />
              <When iso={n.createdAt} /> {n.body}
            </p>
            {n.matter.status === "done" ? (
              <p className="matter-done">
                <span aria-hidden="true">✓ </span>
                <strong>Done:</strong> {n.matter.summary}.
              </p>
            ) : null}
            <Form method="post">
              <CsrfInput />
              <input type="hidden" name="id" value={n.id} />
              {n.acknowledgeable ? (
                <button type="submit" name="intent" value="acknowledge">
                  Acknowledge {n.caseRef}
                </button>
              ) : null}{" "}
              {n.caseRef || n.subjectRef ? (
                <button type="submit" name="intent" value="read">
                  Open {n.caseRef ?? n.subjectRef}
                </button>
              ) : n.subjectType === "crisis_proposal" ? (
                <button type="submit" name="intent" value="read">
                  Open the proposal
                </button>
              ) : null}
            </Form>
            {n.caseRef || n.subjectRef || n.subjectType === "crisis_proposal" ? null : <Link to="/inbox">Back</Link>}
          </li>
        ))}
      </ul>
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Inbox · Vigil" }];

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
