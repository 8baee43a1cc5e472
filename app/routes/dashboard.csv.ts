import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { chartCsv } from "~/components/charts/chart-data";
import { CHART_IDS, dashboardCharts } from "~/components/dashboard/dashboard-charts";
import { loadDashboard } from "~/models/dashboard/dashboard.server";
import { forbidden, requirePermission } from "~/utils/auth.server";
import { can } from "~/utils/permissions";

// GET /dashboard/csv?chart=<id>&<the page's period and filters>: one chart's numbers as
// CSV, the same rows as its table on the page. The workload chart only for those who may see it.

const ChartQuery = z.object({ chart: z.enum(CHART_IDS, { error: `Choose a chart: ${CHART_IDS.join(", ")}.` }) });

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "read:dashboard");
  const params = new URL(request.url).searchParams;
  const parsed = ChartQuery.safeParse({ chart: params.get("chart") ?? undefined });
  if (!parsed.success) return Response.json({ message: parsed.error.issues[0]?.message }, { status: 400 });
  const { chart } = parsed.data;
  if (chart === "workload" && !can(user.roles, "read:workload")) throw forbidden("read:workload");
  const view = await loadDashboard(params, { workload: chart === "workload" });
  const problems = Object.entries(view.errors);
  if (problems.length) return Response.json({ message: `The view cannot be exported: ${problems.map(([f, m]) => `${f}: ${m}`).join("; ")}` }, { status: 400 });
  const spec = dashboardCharts(view).find((c) => c.id === chart)!;
  const stamp = view.query.period === "dates" ? `${view.query.from}-to-${view.query.to}` : `${view.query.period}-${new Date().toISOString().slice(0, 10)}`;
  return new Response(chartCsv(spec.data), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="vigil-${chart}-${stamp}.csv"`,
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
