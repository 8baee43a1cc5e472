import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { When } from "~/components/case/format";
import { CrisisSeverityBadge } from "~/components/crisis/crisis-badges";
import { Proposals } from "~/components/crisis/crisis-proposals";
import { FormError } from "~/components/form-field";
import { ProposalAction } from "~/forms/crisis";
import type { ProposalView } from "~/models/crises/crisis-proposal-views.server";
import { openProposals } from "~/models/crises/crisis-proposal-views.server";
import { acceptProposal, dismissProposal } from "~/models/crises/crisis-proposals.server";
import type { CrisisSeverity, CrisisType } from "~/models/crises/crisis-words";
import type { CrisisRow } from "~/models/crises/crisis-views.server";
import { listCrises } from "~/models/crises/crisis-views.server";
import { CRISIS_SEVERITY_KEYS, CRISIS_STATES, CRISIS_TYPES, crisisTypeLabel } from "~/models/crises/crisis-words";
import { requirePermission, userActor } from "~/utils/auth.server";
import { requestContext } from "~/utils/context.server";
import { readProtectedForm } from "~/utils/csrf.server";
import { can } from "~/utils/permissions";
import crisisStyles from "~/styles/crisis.css";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: crisisStyles }];

// Every crisis, the active ones first: its commander, age, the next update due (marked when
// late) and its open tasks; filtered by type, severity and state from the address bar. Above
// them, for those who may declare one, the early-warning monitor's open proposals.

const Filters = z.object({
  type: z.enum(Object.keys(CRISIS_TYPES) as [string, ...string[]]).optional().catch(undefined),
  severity: z.enum(CRISIS_SEVERITY_KEYS as [string, ...string[]]).optional().catch(undefined),
  state: z.enum(Object.keys(CRISIS_STATES) as [string, ...string[]]).optional().catch(undefined),
});

type LoaderData = { crises: CrisisRow[]; filters: z.infer<typeof Filters>; canDeclare: boolean; now: string; proposals: ProposalView[] };

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:crisis");
  const url = new URL(request.url);
  const filters = Filters.parse({ type: url.searchParams.get("type") || undefined, severity: url.searchParams.get("severity") || undefined, state: url.searchParams.get("state") || undefined });
  const now = new Date();
  const canDeclare = can(user.roles, "declare:crisis");
  const proposals = canDeclare ? await openProposals() : [];
  return Response.json({ crises: await listCrises(filters, now), filters, canDeclare, now: now.toISOString(), proposals } satisfies LoaderData);
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requirePermission(request, "declare:crisis");
  const parsed = ProposalAction.safeParse(Object.fromEntries(await readProtectedForm(request)));
  if (!parsed.success) return Response.json({ message: parsed.error.issues[0]?.message ?? "Fill in the form." }, { status: 400 });
  const actor = userActor(user) as Extract<ReturnType<typeof userActor>, { kind: "user" }>;
  const outcome =
    parsed.data.intent === "accept-proposal"
      ? await acceptProposal(parsed.data.proposal, { type: parsed.data.type as CrisisType, severity: parsed.data.severity as CrisisSeverity }, actor, requestContext(context).requestId)
      : await dismissProposal(parsed.data.proposal, parsed.data.reason, actor);
  if (outcome.status === "applied") return redirect(outcome.crisisRef ? `/crises/${outcome.crisisRef}?done=${encodeURIComponent(outcome.message)}` : `/crises?done=${encodeURIComponent(outcome.message)}`);
  const status = { forbidden: 403, not_found: 404, refused: 409, invalid: 422 }[outcome.status];
  return Response.json({ message: outcome.message }, { status });
}

function age(fromIso: string, nowIso: string): string {
  const minutes = Math.max(0, Math.round((Date.parse(nowIso) - Date.parse(fromIso)) / 60_000));
  if (minutes < 60) return `${minutes} min`;
  if (minutes < 48 * 60) return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
  return `${Math.floor(minutes / 1440)} days`;
}

export default function Crises() {
  const { crises, filters, canDeclare, now, proposals } = useLoaderData<LoaderData>();
  const failed = useActionData<{ message: string }>();
  const [search] = useSearchParams();
  const done = search.get("done");
  return (
    <div className="crisis-page">
      <h1>Crises</h1>
      {done && !failed ? <p className="notice success" role="status">{done}</p> : null}
      <FormError message={failed?.message} />
      <Proposals proposals={proposals} />
      {canDeclare ? (
        <p>
          <Link to="/crises/new" className="button">
            Declare a crisis
          </Link>
        </p>
      ) : null}
      <Form method="get" className="filters" aria-label="Filter crises">
        <label>
          Type{" "}
          <select name="type" defaultValue={filters.type ?? ""}>
            <option value="">Any</option>
            {Object.entries(CRISIS_TYPES).map(([key, label]) => (
              <option key={key} value={key}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label>
          Severity{" "}
          <select name="severity" defaultValue={filters.severity ?? ""}>
            <option value="">Any</option>
            {CRISIS_SEVERITY_KEYS.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
        <label>
          State{" "}
          <select name="state" defaultValue={filters.state ?? ""}>
            <option value="">Any</option>
            {Object.entries(CRISIS_STATES).map(([key, label]) => (
              <option key={key} value={key}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <button type="submit">Filter</button>
      </Form>
      {crises.length === 0 ? (
        <p>No crises{filters.type || filters.severity || filters.state ? " match these filters" : " yet"}.</p>
      ) : (
        <table className="stack wide crisis-list">
          <caption className="hint">{crises.length === 1 ? "1 crisis" : `${crises.length} crises`}, active first</caption>
          <thead>
            <tr>
              <th scope="col">Crisis</th>
              <th scope="col">Severity</th>
              <th scope="col">State</th>
              <th scope="col">Commander</th>
              <th scope="col">Age</th>
              <th scope="col">Next update</th>
              <th scope="col">Open tasks</th>
            </tr>
          </thead>
          <tbody>
            {crises.map((c) => (
              <tr key={c.ref}>
                <th scope="row" data-label="Crisis">
                  <Link to={`/crises/${c.ref}`}>{c.ref}</Link> {c.title}
                  <br />
                  <span className="hint">{crisisTypeLabel(c.type)}</span>
                </th>
                <td data-label="Severity">
                  <CrisisSeverityBadge severity={c.severity} />
                </td>
                <td data-label="State">{CRISIS_STATES[c.state as keyof typeof CRISIS_STATES] ?? c.state}</td>
                <td data-label="Commander">{c.commander ?? "Nobody yet"}</td>
                <td data-label="Age">{age(c.declaredAt, now)}</td>
                <td data-label="Next update" className={c.late ? "late" : undefined}>
                  {c.nextUpdateDueAt ? (
                    <>
                      <When iso={c.nextUpdateDueAt} />
                      {c.late ? <strong> late</strong> : null}
                    </>
                  ) : (
                    "None promised"
                  )}
                </td>
                <td data-label="Open tasks">{c.openTasks}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Crises · Vigil" }];

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
