import type { ChartData } from "~/components/charts/chart-data";
import type { DashboardView } from "~/models/dashboard/dashboard.server";
import { share } from "~/models/dashboard/dashboard-figures";
import { DURATION_BOUNDS_MINUTES } from "~/models/dashboard/durations";

// The dashboard's charts as data: what each draws, says and offers as a table and as CSV
// (/dashboard/csv?chart=<id> with the page's period and filters). The page and the CSV
// route both build them from the same view, so a download holds what the table shows.

export const CHART_IDS = ["volume", "first-response", "resolution", "sla", "escalation", "backlog-age", "by-rule", "by-language", "by-source", "workload", "crisis-timings"] as const;
export type ChartId = (typeof CHART_IDS)[number];
export type ChartSpec = { id: ChartId; kind: "line" | "bar"; data: ChartData };

const LONGEST = DURATION_BOUNDS_MINUTES.at(-1)! / 1440;

export function dashboardCharts(view: DashboardView): ChartSpec[] {
  const where = `${view.period.label}${view.filtersLabel ? `, ${view.filtersLabel}` : ""}`;
  const over = view.period.slot === "hour" ? "hour" : "day";
  const slotAxis = { categories: view.period.slots, categoryLabel: view.period.slot === "hour" ? "Hour (UTC)" : "Day (UTC)" };
  const both = (label: string) => [
    { key: "now", label: `${label}, ${view.period.label}` },
    { key: "before", label: `${label}, ${view.period.previousLabel}` },
  ];
  const times = (title: string, what: string, [median, p90]: [(number | null)[], (number | null)[]]): ChartData => ({
    title,
    description: `${what} each ${over}, ${where}: the median and the 90th percentile, each as the bound of its bucket (within 5 min, 15 min, 1 h, 4 h, 1 day…); a ${over} with none is a gap; beyond ${LONGEST} days is drawn at ${LONGEST} days.`,
    ...slotAxis,
    unit: "minutes",
    series: [
      { key: "median", label: "Median", values: median },
      { key: "p90", label: "90th percentile", values: p90 },
    ],
  });
  const over_time = (title: string, by: string, series: { label: string; values: number[] }[]): ChartData => ({
    title,
    description: `Reports received each ${over} by ${by}, ${where}.`,
    ...slotAxis,
    series: series.map((s, i) => ({ key: `s${i}`, label: s.label, values: s.values })),
  });
  const charts: ChartSpec[] = [
    {
      id: "volume",
      kind: "line",
      data: {
        title: "Reports and cases",
        description: `Reports received, cases opened (new or reopened) and cases resolved each ${over}, ${where}.`,
        ...slotAxis,
        series: [
          { key: "reports", label: "Reports received", values: view.perSlot.reports },
          { key: "opened", label: "Cases opened", values: view.perSlot.opened },
          { key: "resolved", label: "Cases resolved", values: view.perSlot.resolved },
        ],
      },
    },
    { id: "first-response", kind: "line", data: times("Time to first response", "How long cases waited for their first response", view.perSlot.firstResponse) },
    { id: "resolution", kind: "line", data: times("Time to resolution", "How long cases took from opening to their decision", view.perSlot.resolution) },
    {
      id: "sla",
      kind: "bar",
      data: {
        title: "SLA deadlines met, per tier",
        description: `The share of each tier's first-response and resolution deadlines that fell due ${where} and were met, beside ${view.period.previousLabel} (hatched). A deadline is missed when it passed before the tier answered or resolved the case.`,
        categories: view.tiers.flatMap((t) => [`${t.label}: first response`, `${t.label}: resolution`]),
        categoryLabel: "Tier and deadline",
        unit: "percent",
        series: both("Met").map((s) => ({
          ...s,
          values: view.tiers.flatMap((t) => {
            const m = s.key === "now" ? t.current : t.previous;
            return [share(m.firstResponseMet, m.firstResponseMet + m.firstResponseMissed), share(m.resolutionMet, m.resolutionMet + m.resolutionMissed)];
          }),
        })),
      },
    },
    {
      id: "escalation",
      kind: "bar",
      data: {
        title: "How far resolved cases climbed",
        description: `Cases resolved ${where} by the highest escalation tier they reached, beside ${view.period.previousLabel} (hatched).`,
        categories: view.tiers.map((t) => (t.tier === 0 ? `${t.label} (did not climb)` : t.label)),
        categoryLabel: "Highest tier reached",
        series: both("Resolved").map((s) => ({ ...s, values: view.tiers.map((t) => (s.key === "now" ? t.current : t.previous).peaked) })),
      },
    },
    {
      id: "backlog-age",
      kind: "bar",
      data: {
        title: "Open cases by age",
        description: `The cases open now${view.filtersLabel ? `, ${view.filtersLabel}` : ""}, by how long ago they were opened (or reopened), in days (UTC).`,
        categories: view.backlogAges.map((b) => b.label),
        categoryLabel: "Age",
        series: [{ key: "open", label: "Open cases", values: view.backlogAges.map((b) => b.open) }],
      },
    },
    { id: "by-rule", kind: "line", data: over_time("Reports by rule", "the rule they name (the four most reported, then the rest)", view.byRule) },
    { id: "by-language", kind: "line", data: over_time("Reports by language", "the language of the reported text (the four most frequent, then the rest)", view.byLanguage) },
    { id: "by-source", kind: "line", data: over_time("Reports by source", "where they came from: members on the public form or the platform's report button, or the platform's own detection", view.bySource) },
  ];
  if (view.crises) {
    // Figures of mixed units: offered as a table and CSV beside the crisis figures, not drawn.
    const crises = view.crises;
    charts.push({
      id: "crisis-timings",
      kind: "bar",
      data: {
        title: "Crisis timings",
        description: `The crises declared ${view.period.label} (whatever the filters) beside ${view.period.previousLabel}: how many, the median minutes from the first linked report to the declaration, to the first published statement and to the resolution, and the percentage of promised updates published on time.`,
        categories: crises.map((f) => (f.unit === "duration" ? `${f.label} (minutes)` : f.unit === "percent" ? `${f.label} (%)` : f.label)),
        categoryLabel: "Figure",
        series: both("Value").map((s) => ({ ...s, values: crises.map((f) => (s.key === "now" ? f.now : f.before)) })),
      },
    });
  }
  if (view.workload) {
    charts.push({
      id: "workload",
      kind: "bar",
      data: {
        title: "Moderator workload",
        description: `For each person, in alphabetical order: the cases they decided ${view.period.label} (all rules, languages and sources) and the cases they hold now.`,
        categories: view.workload.map((w) => w.name),
        categoryLabel: "Person",
        series: [
          { key: "resolved", label: `Decided, ${view.period.label}`, values: view.workload.map((w) => w.resolved) },
          { key: "holding", label: "Holding now", values: view.workload.map((w) => w.holding) },
        ],
      },
    });
  }
  return charts;
}
