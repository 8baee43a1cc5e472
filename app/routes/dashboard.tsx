import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { BarChart } from "~/components/charts/bar-chart";
import { LineChart } from "~/components/charts/line-chart";
import type { ChartId, ChartSpec } from "~/components/dashboard/dashboard-charts";
import { dashboardCharts } from "~/components/dashboard/dashboard-charts";
import { DashboardFilters } from "~/components/dashboard/dashboard-filters";
import { HeadlineFigures } from "~/components/dashboard/headline-figures";
import { SlaTable } from "~/components/dashboard/sla-table";
import type { DashboardView } from "~/models/dashboard/dashboard.server";
import { loadDashboard } from "~/models/dashboard/dashboard.server";
import { dashboardSearch } from "~/models/dashboard/period";
import { requirePermission } from "~/utils/auth.server";
import { can } from "~/utils/permissions";
import chartStyles from "~/styles/charts.css";
import dashboardStyles from "~/styles/dashboard.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: chartStyles },
  { rel: "stylesheet", href: dashboardStyles },
];

// The leadership dashboard: headline figures with their change, and charts drawn on the
// server, for a period and filters the URL names (docs/decisions/0022). Leads and admins
// also see moderators' workload; leadership never does.

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:dashboard");
  const view = await loadDashboard(new URL(request.url).searchParams, { workload: can(user.roles, "read:workload") });
  return Response.json(view satisfies DashboardView, { status: Object.keys(view.errors).length ? 400 : 200 });
}

function Chart({ spec, view }: { spec: ChartSpec; view: DashboardView }) {
  const csvHref = `/dashboard/csv${dashboardSearch(view.query, { chart: spec.id })}`;
  const empty = spec.data.categories.length === 0 || spec.data.series.every((s) => s.values.every((v) => v === null));
  if (empty) {
    return (
      <figure className="chart" aria-labelledby={`${spec.id}-heading`}>
        <h3 id={`${spec.id}-heading`}>{spec.data.title}</h3>
        <p className="chart-description">{spec.data.description}</p>
        <p className="notice">Nothing to show for this period.</p>
      </figure>
    );
  }
  return spec.kind === "line" ? <LineChart id={spec.id} data={spec.data} csvHref={csvHref} /> : <BarChart id={spec.id} data={spec.data} csvHref={csvHref} />;
}

export default function Dashboard() {
  const view = useLoaderData<DashboardView>();
  const charts = new Map(dashboardCharts(view).map((c) => [c.id, c]));
  const show = (...ids: ChartId[]) => ids.map((id) => charts.get(id)).filter(Boolean).map((spec) => <Chart key={spec!.id} spec={spec!} view={view} />);
  return (
    <div className="dashboard">
      <h1>Dashboard</h1>
      <DashboardFilters view={view} />
      <p>
        Showing {view.period.label}
        {view.filtersLabel ? ` (${view.filtersLabel})` : ""}, compared with {view.period.previousLabel}. Days and hours are UTC.
      </p>
      <HeadlineFigures figures={view.figures} previousLabel={view.period.previousLabel} />

      <section aria-labelledby="volume-heading">
        <h2 id="volume-heading">Reports and cases</h2>
        <div className="chart-grid">{show("volume", "by-source", "by-rule", "by-language")}</div>
      </section>
      <section aria-labelledby="times-heading">
        <h2 id="times-heading">Response and resolution times</h2>
        <div className="chart-grid">{show("first-response", "resolution")}</div>
      </section>
      <section aria-labelledby="tiers-heading">
        <h2 id="tiers-heading">Deadlines and escalation</h2>
        <SlaTable view={view} />
        <div className="chart-grid">{show("sla", "escalation")}</div>
      </section>
      <section aria-labelledby="backlog-heading">
        <h2 id="backlog-heading">Backlog</h2>
        <div className="chart-grid">{show("backlog-age")}</div>
      </section>
      {view.crises ? (
        <section aria-labelledby="crises-heading">
          <h2 id="crises-heading">Crises</h2>
          <p className="hint">The crises declared in the period, whatever the filters, each measured from its first linked report as its review measures it.</p>
          <HeadlineFigures figures={view.crises} previousLabel={view.period.previousLabel} label="Crisis timings" />
          <p>
            <a href={`/dashboard/csv${dashboardSearch(view.query, { chart: "crisis-timings" })}`}>Download the crisis timings as CSV</a>
          </p>
        </section>
      ) : null}
      {view.workload ? (
        <section aria-labelledby="workload-heading">
          <h2 id="workload-heading">Moderator workload</h2>
          <p className="hint">Shown to trust &amp; safety leads and admins, to balance the work; in alphabetical order, not ranked.</p>
          <div className="chart-grid">{show("workload")}</div>
        </section>
      ) : null}
    </div>
  );
}

export const meta: MetaFunction = () => [{ title: "Dashboard · Vigil" }];

export { RouteErrorBoundary as ErrorBoundary } from "~/components/route-error";
