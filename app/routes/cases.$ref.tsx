import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useNavigate, useRevalidator, useRouteLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { ActionPanel } from "~/components/case/action-panel";
import { AuthorHistory } from "~/components/case/author-history";
import type { CaseActionReply } from "~/forms/case-action";
import { caseActionSchema, isPageEvent } from "~/forms/case-action";
import { caseShortcuts } from "~/components/case/case-shortcuts";
import { CaseFacts, CaseStatus, ChangedElsewhere } from "~/components/case/case-summary";
import { ReplyNotice } from "~/components/case/conflict-notice";
import { ContentSnapshot } from "~/components/case/content-snapshot";
import { stateLabel } from "~/components/case/format";
import { PriorityBreakdown } from "~/components/case/priority-breakdown";
import { ReportsList } from "~/components/case/reports-list";
import { StateDiagram } from "~/components/case/state-diagram";
import { Timeline } from "~/components/case/timeline";
import { useCaseLive } from "~/components/case/use-case-live";
import { EscalationPanel, SlaClocks } from "~/components/escalation/escalation-panel";
import { KeyboardShortcuts } from "~/components/shortcuts";
import { CaseMessages } from "~/components/templates/message-composer";
import type { CasePage } from "~/models/cases/case-view.server";
import { caseRefOfReport } from "~/models/cases/case-search.server";
import { submitCaseAction } from "~/models/cases/case-commands.server";
import { loadCasePage } from "~/models/cases/case-view.server";
import type { EscalationView } from "~/models/escalation/escalation-commands.server";
import { escalationViewOf } from "~/models/escalation/escalation-commands.server";
import { parseRef } from "~/models/cases/refs";
import { listRules } from "~/models/intake/rules.server";
import type { RootData } from "~/root";
import caseStyles from "~/styles/case.css";
import diagramStyles from "~/styles/diagram.css";
import templateStyles from "~/styles/templates.css";
import { requirePermission, userActor } from "~/utils/auth.server";
import { requestContext } from "~/utils/context.server";
import { readProtectedForm } from "~/utils/csrf.server";
import { can } from "~/utils/permissions";
import { CaseCrises } from "~/components/crisis/case-crises";
import { crisesOfCase } from "~/models/crises/crisis-views.server";

// The moderator's workspace for one case: everything needed to decide, and a form for
// each thing the triage machine allows the viewer now. Every form posts here; the
// write path decides, and a change made meanwhile by someone else answers 409.

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: caseStyles },
  { rel: "stylesheet", href: diagramStyles },
  { rel: "stylesheet", href: templateStyles },
];

function notFound(ref: string | undefined) {
  return Response.json({ message: `There is no case “${ref ?? ""}”.` }, { status: 404, statusText: "Not Found" });
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:case");
  // A report's reference (from a member's receipt) leads to the case it joined.
  const reportRef = parseRef(params.ref ?? "", "report");
  const caseOfReport = reportRef ? await caseRefOfReport(reportRef) : null;
  if (caseOfReport) throw redirect(`/cases/${caseOfReport}`);
  const ref = parseRef(params.ref ?? "", "case");
  const page = ref ? await loadCasePage(ref, user) : null;
  if (!page) throw notFound(params.ref);
  const escalationPath = await escalationViewOf(page.id, user);
  const crises = can(user.roles, "read:crisis") ? await crisesOfCase(page.id) : [];
  return Response.json({ ...page, escalationPath, crises } satisfies CaseLoaderData);
}

const STATUS = { invalid: 400, forbidden: 403, not_found: 404, conflict: 409, refused: 409 } as const;
const reply = (body: CaseActionReply) => Response.json(body, { status: STATUS[body.status] });

export async function action({ request, params, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "read:case");
  // Permission before the CSRF token (decision 0004): a reader learns what is missing.
  if (!can(user.roles, "work:case")) {
    return reply({ status: "forbidden", intent: null, message: "You need the permission “work:case” to do this.", values: {} });
  }
  const form = await readProtectedForm(request);
  const ref = parseRef(params.ref ?? "", "case");
  if (!ref) throw notFound(params.ref);
  const { csrf: _csrf, version: _version, ...values } = Object.fromEntries([...form].map(([k, v]) => [k, String(v)]));
  const intent = isPageEvent(values.intent ?? "") ? (values.intent as CaseActionReply["intent"]) : null;
  const rules = await listRules();
  const parsed = caseActionSchema(rules.map((r) => r.code)).safeParse(Object.fromEntries(form));
  if (!parsed.success) {
    const fieldErrors = z.flattenError(parsed.error).fieldErrors;
    const message = intent ? "Check the fields marked below." : "Choose one of the actions on the page.";
    return reply({ status: "invalid", intent, message, fieldErrors, values });
  }
  const outcome = await submitCaseAction(ref, parsed.data, userActor(user), requestContext(context).requestId);
  switch (outcome.status) {
    case "applied":
      if (outcome.next === undefined) return redirect(`/cases/${outcome.ref}`);
      return redirect(outcome.next ? `/cases/${outcome.next.ref}` : "/queue");
    case "invalid":
      return reply({ status: "invalid", intent, message: outcome.message, fieldErrors: outcome.fieldErrors, values });
    case "conflict":
      return reply({ status: "conflict", intent, message: outcome.message, lastChange: outcome.lastChange, values });
    default:
      return reply({ status: outcome.status, intent, message: outcome.message, values });
  }
}

type CaseLoaderData = CasePage & { escalationPath: EscalationView | null; crises: Awaited<ReturnType<typeof crisesOfCase>> };

export default function CaseWorkspace() {
  const c = useLoaderData<CaseLoaderData>();
  const [search] = useSearchParams();
  const actionReply = useActionData<CaseActionReply>();
  const root = useRouteLoaderData<RootData>("root");
  const navigate = useNavigate();
  const revalidator = useRevalidator();
  const live = useCaseLive({
    caseRef: c.ref,
    version: c.version,
    escalationVersion: c.escalationPath?.version ?? 0,
    viewerId: c.viewer.id,
    viewerLabel: root?.user?.email ?? "",
    initialViewers: c.viewers,
  });
  return (
    <div className="case-page">
      <p className="case-nav">
        <Link to="/queue">Back to the queue</Link> · <Link to="/cases">All cases</Link> · <a href="#actions">Jump to actions</a>
      </p>
      <div className="case-heading">
        <h1>
          Case <span className="mono">{c.ref}</span> <span className={`badge state-${c.state}`}>{stateLabel(c.state)}</span>
        </h1>
        <KeyboardShortcuts shortcuts={caseShortcuts(c, () => navigate("/queue"))} title="Case page shortcuts" />
      </div>
      <CaseStatus c={c} viewers={live.viewers} />
      <CaseCrises crises={c.crises} caseRef={c.ref} canDeclare={root?.user?.permissions.includes("declare:crisis") ?? false} />
      <ChangedElsewhere change={live.change} onShow={() => revalidator.revalidate()} />
      <ReplyNotice reply={actionReply} />
      <div className="case-layout">
        <div className="case-main">
          <CaseFacts c={c} />
          <h2>Content snapshot</h2>
          <ContentSnapshot text={c.text} lang={c.language} />
          <ReportsList c={c} />
          <PriorityBreakdown priority={c.priority} breakdown={c.breakdown} />
          <AuthorHistory history={c.history} />
          <StateDiagram statechart={c.statechart} state={c.state} />
          <Timeline timeline={c.timeline} />
          {root?.user?.permissions.includes("read:audit") ? (
            <p>
              <Link to={`/audit?subjectId=${encodeURIComponent(c.ref)}`}>This case's audit trail</Link>
            </p>
          ) : null}
        </div>
        {/* It scrolls on its own beside the case, so it takes focus for keyboard scrolling. */}
        <aside className="case-side" aria-label="Work on this case" tabIndex={0}>
          <SlaClocks c={c} />
          <EscalationPanel view={c.escalationPath} caseRef={c.ref} message={search.get("escalation")} />
          <ActionPanel c={c} reply={actionReply} />
          <CaseMessages caseRef={c.ref} />
        </aside>
      </div>
    </div>
  );
}

export const meta: MetaFunction<typeof loader> = ({ params }) => [{ title: `Case ${params.ref ?? ""} · Vigil` }];

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
