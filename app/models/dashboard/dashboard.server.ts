import { prisma } from "~/utils/db.server";
import { currentPolicyVersion } from "../escalation/escalation-policy.server";
import { ruleTitle } from "../intake/rules.server";
import { crisisFigures } from "./crisis-figures";
import { crisisTimings } from "./crisis-timings.server";
import type { Figure, PeriodSums } from "./dashboard-figures";
import { headlineFigures } from "./dashboard-figures";
import type { Measures, Reading, TierMeasures } from "./dashboard-queries.server";
import { addMeasures, backlogByDay, emptyMeasures, measuresBySlot, measuresByTier, netOpenedAfter, reportsByDimension, resolvedByPerson } from "./dashboard-queries.server";
import type { DurationReading } from "./durations";
import { percentileOf } from "./durations";
import type { DashboardField, DashboardQuery, Period, ReportSource } from "./period";
import { NO_LANGUAGE, parseDashboardQuery, PERIOD_LABELS, REPORT_SOURCES, resolvePeriod, slotLabel, SOURCE_LABELS } from "./period";

// The leadership dashboard's read model: the view a URL names, as numbers and words the
// page, its charts, their CSV files and the weekly digest show.

export type Option = { value: string; label: string };
export type NamedSeries = { label: string; values: number[] };
export type TierView = { tier: number; label: string; current: TierMeasures; previous: TierMeasures };
export type DashboardView = {
  query: DashboardQuery;
  values: Record<DashboardField, string>;
  errors: Partial<Record<DashboardField, string>>;
  period: { key: Period["key"]; slot: Period["slot"]; label: string; previousLabel: string; slots: string[]; endsNow: boolean };
  /** The filters in words, for chart descriptions: "rule Spam, in Polish". */
  filtersLabel: string;
  options: { periods: Option[]; rules: Option[]; languages: Option[]; sources: Option[] };
  figures: Figure[];
  /** The crisis timings of the period against the one before; null until a crisis is declared (docs/decisions/0025). */
  crises: Figure[] | null;
  perSlot: { reports: number[]; opened: number[]; resolved: number[]; firstResponse: [Reading50, Reading90]; resolution: [Reading50, Reading90] };
  byRule: NamedSeries[];
  byLanguage: NamedSeries[];
  bySource: NamedSeries[];
  tiers: TierView[];
  backlogAges: { label: string; open: number }[];
  /** Leads and admins only: who decided how many rounds, and who holds how many cases now, by name. */
  workload: { name: string; resolved: number; holding: number }[] | null;
};
type Reading50 = (number | null)[];
type Reading90 = (number | null)[];

const languageNames = new Intl.DisplayNames(["en"], { type: "language", fallback: "code" });
export function languageLabel(code: string): string {
  if (!code || code === NO_LANGUAGE) return "No language given";
  try {
    return languageNames.of(code) ?? code;
  } catch {
    return code;
  }
}

const AGE_BANDS = [
  { label: "Opened today", maxDays: 0 },
  { label: "1–2 days", maxDays: 2 },
  { label: "3–7 days", maxDays: 7 },
  { label: "8–30 days", maxDays: 30 },
  { label: "Over 30 days", maxDays: Infinity },
];
const TOP = 4;

const minutesOf = (r: DurationReading) => (r ? r.minutes : null);

/** The top few values by reports this period as series over the slots, the rest as one. */
function topSeries(rows: { slot: string; value: string; reports: number }[], slots: string[], label: (v: string) => string, other: string, keep?: string[]): NamedSeries[] {
  const totals = new Map<string, number>();
  for (const r of rows) if (slots.includes(r.slot)) totals.set(r.value, (totals.get(r.value) ?? 0) + r.reports);
  const ranked = keep ?? [...totals].filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([v]) => v);
  const shown = ranked.slice(0, ranked.length > TOP + 1 ? TOP : TOP + 1);
  const index = new Map(slots.map((s, i) => [s, i]));
  const series = shown.map((value) => ({ label: label(value), values: slots.map(() => 0) }));
  const rest = { label: other, values: slots.map(() => 0) };
  for (const r of rows) {
    const i = index.get(r.slot);
    if (i === undefined) continue;
    const at = shown.indexOf(r.value);
    (at === -1 ? rest : series[at]).values[i] += r.reports;
  }
  return rest.values.some((v) => v !== 0) ? [...series, rest] : series;
}

export async function loadDashboard(params: URLSearchParams, viewer: { workload: boolean }, now = new Date(), reading: Reading = {}): Promise<DashboardView> {
  const { query, values, errors } = parseDashboardQuery(params, now);
  const period = resolvePeriod(query, now);
  const filters = { rule: query.rule, language: query.language, source: query.source };
  const [slotRows, dimRows, tierRows, backlog, after, rules, policy, workload, crises] = await Promise.all([
    measuresBySlot(period, filters, reading),
    reportsByDimension(period, filters, reading),
    measuresByTier(period, filters, reading),
    backlogByDay(filters),
    period.endsNow ? Promise.resolve(0) : netOpenedAfter(period.slots.at(-1)!, filters),
    prisma.rule.findMany({ include: { translations: true }, orderBy: { code: "asc" } }),
    currentPolicyVersion(),
    viewer.workload ? loadWorkload(period, reading) : Promise.resolve(null),
    crisisTimings(period, now),
  ]);

  const bySlot = new Map(slotRows.map((r) => [r.slot, r as Measures]));
  const sumOf = (slots: string[]) => slots.reduce((acc, s) => (bySlot.has(s) ? addMeasures(acc, bySlot.get(s)!) : acc), emptyMeasures());
  const [current, previous] = [sumOf(period.slots), sumOf(period.previousSlots)];
  const tierSum = (isCurrent: boolean) =>
    tierRows.filter((r) => r.current === isCurrent).reduce((a, r) => ({ peaked: a.peaked + r.peaked, firstResponseMet: a.firstResponseMet + r.firstResponseMet, firstResponseMissed: a.firstResponseMissed + r.firstResponseMissed, resolutionMet: a.resolutionMet + r.resolutionMet, resolutionMissed: a.resolutionMissed + r.resolutionMissed }), emptyTier());
  // The backlog at the end of a period is the backlog now less what was begun and not resolved since.
  const openNow = backlog.reduce((n, r) => n + r.open, 0);
  const backlogEnd = openNow - after;
  const backlogPreviousEnd = backlogEnd - (current.opened - current.resolved);
  const sums = (m: Measures, isCurrent: boolean, end: number): PeriodSums => ({ measures: m, tiers: tierSum(isCurrent), backlogEnd: end });

  const ruleTitles = new Map(rules.map((r) => [r.code, ruleTitle(r)]));
  const tierLabel = (i: number) => policy?.definition.tiers[i]?.label ?? `Tier ${i + 1}`;
  const counted = (r: TierMeasures) => r.peaked + r.firstResponseMet + r.firstResponseMissed + r.resolutionMet + r.resolutionMissed > 0;
  const tierIndexes = [...new Set(tierRows.filter(counted).map((r) => r.tier))].sort((a, b) => a - b);
  const today = now.toISOString().slice(0, 10);
  const ageDays = (day: string) => Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${day}T00:00:00Z`)) / 86_400_000);
  const languagesSeen = [...new Set(dimRows.filter((r) => r.dim === "language").map((r) => r.value || NO_LANGUAGE).concat(query.language ? [query.language] : []))];
  const dims = (dim: string) => dimRows.filter((r) => r.dim === dim);

  return {
    query,
    values,
    errors,
    period: { key: period.key, slot: period.slot, label: period.label, previousLabel: period.previousLabel, slots: period.slots.map(slotLabel), endsNow: period.endsNow },
    filtersLabel: [
      query.rule ? `rule “${ruleTitles.get(query.rule) ?? query.rule}”` : null,
      query.language ? `language ${languageLabel(query.language)}` : null,
      query.source ? `source ${SOURCE_LABELS[query.source]}` : null,
    ]
      .filter(Boolean)
      .join(", "),
    options: {
      periods: Object.entries(PERIOD_LABELS).map(([value, label]) => ({ value, label })),
      rules: rules.map((r) => ({ value: r.code, label: ruleTitles.get(r.code) ?? r.code })),
      languages: languagesSeen.map((code) => ({ value: code, label: languageLabel(code) })).sort((a, b) => a.label.localeCompare(b.label)),
      sources: REPORT_SOURCES.map((s) => ({ value: s, label: SOURCE_LABELS[s] })),
    },
    figures: headlineFigures(sums(current, true, backlogEnd), sums(previous, false, backlogPreviousEnd)),
    crises: crises ? crisisFigures(crises.current, crises.previous) : null,
    perSlot: {
      reports: period.slots.map((s) => bySlot.get(s)?.reports ?? 0),
      opened: period.slots.map((s) => bySlot.get(s)?.opened ?? 0),
      resolved: period.slots.map((s) => bySlot.get(s)?.resolved ?? 0),
      firstResponse: [50, 90].map((p) => period.slots.map((s) => minutesOf(percentileOf(bySlot.get(s)?.ttfr ?? [], p)))) as [Reading50, Reading90],
      resolution: [50, 90].map((p) => period.slots.map((s) => minutesOf(percentileOf(bySlot.get(s)?.ttr ?? [], p)))) as [Reading50, Reading90],
    },
    byRule: topSeries(dims("ruleCode"), period.slots, (v) => ruleTitles.get(v) ?? v, "Other rules"),
    byLanguage: topSeries(dims("language"), period.slots, languageLabel, "Other languages"),
    bySource: topSeries(dims("source"), period.slots, (v) => SOURCE_LABELS[v as ReportSource] ?? v, "Other sources", [...REPORT_SOURCES]),
    tiers: tierIndexes.map((tier) => ({
      tier,
      label: tierLabel(tier),
      current: tierRows.find((r) => r.current && r.tier === tier) ?? emptyTier(),
      previous: tierRows.find((r) => !r.current && r.tier === tier) ?? emptyTier(),
    })),
    backlogAges: AGE_BANDS.map((band, i) => ({
      label: band.label,
      open: backlog.filter((r) => ageDays(r.day) <= band.maxDays && (i === 0 || ageDays(r.day) > AGE_BANDS[i - 1].maxDays)).reduce((n, r) => n + r.open, 0),
    })),
    workload,
  };
}

function emptyTier(): TierMeasures {
  return { peaked: 0, firstResponseMet: 0, firstResponseMissed: 0, resolutionMet: 0, resolutionMissed: 0 };
}

/** Per person, by name (never ranked): rounds decided in the period, and cases held now. */
async function loadWorkload(period: Period, reading: Reading) {
  const [resolved, held] = await Promise.all([
    resolvedByPerson(period, reading),
    prisma.queueTally.groupBy({ by: ["assigneeId"], where: { count: { gt: 0 }, assigneeId: { not: "" } }, _sum: { count: true } }),
  ]);
  const ids = [...new Set([...resolved.map((r) => r.userId), ...held.map((h) => h.assigneeId)])];
  const users = await prisma.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } });
  const names = new Map(users.map((u) => [u.id, u.name]));
  return ids
    .filter((id) => names.has(id))
    .map((id) => ({ name: names.get(id)!, resolved: resolved.find((r) => r.userId === id)?.resolved ?? 0, holding: held.find((h) => h.assigneeId === id)?._sum.count ?? 0 }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
