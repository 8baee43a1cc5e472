import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, Outlet, useActionData, useFetcher, useLoaderData, useLocation, useNavigate, useRouteLoaderData } from "@remix-run/react";
import { z } from "zod";
import { BulkActionsForm, BulkResults } from "~/components/queue/bulk-actions";
import { QueueFiltersForm } from "~/components/queue/queue-filters";
import { QueueTable } from "~/components/queue/queue-table";
import type { BulkReply, ClaimReply, QueueData } from "~/components/queue/types";
import { useLiveQueue } from "~/components/queue/use-live-queue";
import { useRowSelection } from "~/components/queue/use-row-selection";
import type { Shortcut } from "~/components/shortcuts";
import { KeyboardShortcuts } from "~/components/shortcuts";
import { isoDeadlines, loadQueue, parseQueueFilters } from "~/models/queue/queue.server";
import { activeCrisesToLink } from "~/models/queue/queue-crisis-links.server";
import { caseWorkers, claimCase } from "~/models/queue/queue-work.server";
import type { RootData } from "~/root";
import queueStyles from "~/styles/queue.css";
import { requirePermission, userActor } from "~/utils/auth.server";
import { requestContext } from "~/utils/context.server";
import { readProtectedForm } from "~/utils/csrf.server";
import { can } from "~/utils/permissions";

// The moderator's working queue: filters in the address, keyset pages, live updates,
// keyboard shortcuts, claim per row and bulk actions (the child route /queue/bulk).

const ClaimForm = z.object({ intent: z.literal("claim"), caseId: z.string().min(1).max(64), open: z.literal("1").optional() });

const STATUS = { applied: 200, refused: 409, conflict: 409, forbidden: 403, not_found: 404, invalid: 400 } as const;

export const links: LinksFunction = () => [{ rel: "stylesheet", href: queueStyles }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:case");
  const filters = parseQueueFilters(new URL(request.url).searchParams);
  const now = new Date();
  const canWork = can(user.roles, "work:case");
  // Ticking cases is case work; linking the ticked ones to a crisis needs its own permission too.
  const canLink = canWork && can(user.roles, "link:crisis-case");
  const [queue, workers, crises] = await Promise.all([loadQueue(filters, user, now), canWork ? caseWorkers() : [], canLink ? activeCrisesToLink() : []]);
  return Response.json({
    ...queue,
    filters,
    now: now.toISOString(),
    viewer: { id: user.id, email: user.email, canWork, canLink },
    cases: queue.cases.map((c) => ({ ...c, ...isoDeadlines(c), createdAt: c.createdAt.toISOString(), claimExpiresAt: c.claimExpiresAt?.toISOString() ?? null })),
    workers: workers.map(({ id, name, email, senior }) => ({ id, name, email, senior })),
    crises,
  } satisfies QueueData);
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "work:case");
  const form = await readProtectedForm(request);
  const parsed = ClaimForm.safeParse(Object.fromEntries(form));
  if (!parsed.success) {
    const reply: ClaimReply = { intent: "claim", status: "invalid", message: "Choose a case to claim.", ref: null };
    return Response.json(reply, { status: STATUS.invalid });
  }
  const { outcome, message } = await claimCase(parsed.data.caseId, userActor(user), requestContext(context).requestId);
  if (outcome.status === "applied" && parsed.data.open) throw redirect(`/cases/${outcome.case.ref}`);
  const ref = outcome.status === "applied" || outcome.status === "refused" ? outcome.case.ref : outcome.status === "conflict" ? outcome.latest.ref : null;
  const reply: ClaimReply = { intent: "claim", status: outcome.status, message, ref };
  return Response.json(reply, { status: STATUS[outcome.status] });
}

function pageLink(filters: QueueData["filters"], after?: string | null) {
  const { after: _current, ...rest } = filters;
  const params = new URLSearchParams(Object.entries(rest).filter((e): e is [string, string] => typeof e[1] === "string"));
  if (after) params.set("after", after);
  return `/queue?${params}`;
}

export default function QueuePage() {
  const data = useLoaderData<QueueData>();
  const root = useRouteLoaderData<RootData>("root");
  const claimed = useActionData<ClaimReply>();
  const claim = useFetcher<ClaimReply>({ key: "queue-claim" });
  const bulk = useFetcher<BulkReply>({ key: "queue-bulk" });
  const navigate = useNavigate();
  const { search } = useLocation();
  const announcement = useLiveQueue({ ownLabel: data.viewer.email });
  const rows = useRowSelection(data.cases.map((c) => c.ref));
  const selected = data.cases.find((c) => c.ref === rows.selectedRef);
  const claimReply = claim.data ?? claimed;

  const claimSelected = (open: boolean) => {
    if (!selected || !data.viewer.canWork) return;
    const fields: Record<string, string> = { intent: "claim", caseId: selected.id, csrf: root?.csrf ?? "" };
    if (open) fields.open = "1";
    claim.submit(fields, { method: "post" });
  };
  const shortcuts: Shortcut[] = [
    { key: "j", description: "Select the next case", run: () => rows.move(1) },
    { key: "k", description: "Select the previous case", run: () => rows.move(-1) },
    { key: "Enter", description: "Open the selected case", run: () => selected && navigate(`/cases/${selected.ref}`) },
    ...(data.viewer.canWork
      ? [
          { key: "c", description: "Claim the selected case", run: () => claimSelected(false) },
          { key: "C", label: "Shift + C", description: "Claim the selected case and open it", run: () => claimSelected(true) },
          { key: "x", description: "Tick or untick the selected case for bulk actions", run: () => selected && document.getElementById(`select-${selected.id}`)?.click() },
        ]
      : []),
  ];

  return (
    <>
      <div className="queue-heading">
        <h1>Queue</h1>
        <KeyboardShortcuts shortcuts={shortcuts} title="Queue shortcuts" />
      </div>
      <p role="status" aria-live="polite" className="live-status">
        {announcement}
      </p>
      {claimReply ? (
        <p role={claimReply.status === "applied" ? "status" : "alert"} className={`notice ${claimReply.status === "applied" ? "success" : "error"}`}>
          {claimReply.message}
        </p>
      ) : null}
      <BulkResults reply={bulk.data} fetcher={bulk} />
      <Outlet />
      <QueueFiltersForm key={search} data={data} />
      {data.viewer.canWork ? <BulkActionsForm data={data} bulk={bulk} search={search} /> : null}
      <QueueTable data={data} selectedRef={rows.selectedRef} onSelect={rows.select} linkRef={rows.linkRef} claim={claim} />
      <nav className="pager" aria-label="Pages">
        {data.filters.after ? <Link to={pageLink(data.filters)}>First page</Link> : null}
        {data.next ? <Link to={pageLink(data.filters, data.next)}>Next page</Link> : null}
      </nav>
    </>
  );
}

export const meta: MetaFunction = () => [{ title: "Queue · Vigil" }];

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
