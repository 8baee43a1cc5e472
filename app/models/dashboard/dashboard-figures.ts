import type { DurationReading } from "./durations";
import { percentileOf, readingWords } from "./durations";
import type { Measures, TierMeasures } from "./dashboard-queries.server";

// The headline figures, each beside the previous period's value and the change, computed
// from the period sums. Pure. What each figure means is in docs/decisions/0022.

export type FigureUnit = "count" | "percent" | "duration";
export type Figure = {
  key: string;
  label: string;
  unit: FigureUnit;
  /** The numbers behind the words (minutes for a duration); null when there is nothing to measure. */
  now: number | null;
  before: number | null;
  value: string;
  previous: string;
  change: string;
  detail?: string;
};

export type PeriodSums = { measures: Measures; tiers: TierMeasures; backlogEnd: number };

const count = (n: number) => new Intl.NumberFormat("en").format(n);
const percent = (n: number) => `${Math.round(n * 10) / 10} %`;
export const share = (part: number, whole: number): number | null => (whole > 0 ? (100 * part) / whole : null);
const signed = (n: number, words: (m: number) => string) => (n > 0 ? `+${words(n)}` : n < 0 ? `−${words(-n)}` : "no change");

export function countFigure(key: string, label: string, now: number, before: number, detail?: string): Figure {
  const diff = now - before;
  const relative = before > 0 && diff !== 0 ? ` (${signed(Math.round((1000 * diff) / before) / 10, (m) => `${m} %`)})` : "";
  return { key, label, unit: "count", now, before, value: count(now), previous: count(before), change: diff === 0 ? "no change" : `${signed(diff, count)}${relative}`, detail };
}

export function percentFigure(key: string, label: string, now: number | null, before: number | null, detail?: string): Figure {
  const change = now === null || before === null ? (now === null ? "nothing to measure" : "nothing to compare with") : signed(Math.round((now - before) * 10) / 10, (m) => `${m} ${m === 1 ? "point" : "points"}`);
  return { key, label, unit: "percent", now, before, value: now === null ? "—" : percent(now), previous: before === null ? "—" : percent(before), change, detail };
}

function durationFigure(key: string, label: string, now: DurationReading, before: DurationReading, detail?: string): Figure {
  const change = !now || !before ? (!now ? "nothing to measure" : "nothing to compare with") : now.minutes === before.minutes && now.over === before.over ? "no change" : now.minutes < before.minutes || (!now.over && before.over) ? "faster" : "slower";
  return { key, label, unit: "duration", now: now?.minutes ?? null, before: before?.minutes ?? null, value: readingWords(now), previous: readingWords(before), change, detail };
}

/** The headline figures for a period against the one before. */
export function headlineFigures(current: PeriodSums, previous: PeriodSums): Figure[] {
  const [m, p] = [current.measures, previous.measures];
  const [t, u] = [current.tiers, previous.tiers];
  const met = (a: number, b: number) => share(a, a + b);
  return [
    countFigure("reports", "Reports received", m.reports, p.reports),
    percentFigure("memberShare", "Reported by members themselves", share(m.memberReports, m.reports), share(p.memberReports, p.reports), `${count(m.memberReports)} of ${count(m.reports)} reports came from members (the public form or the platform's report button); the rest from the platform's own detection.`),
    countFigure("opened", "Cases opened", m.opened, p.opened, m.reopened ? `${count(m.reopened)} of them reopened after a decision.` : undefined),
    countFigure("resolved", "Cases resolved", m.resolved, p.resolved),
    durationFigure("firstResponseMedian", "Time to first response, median", percentileOf(m.ttfr, 50), percentileOf(p.ttfr, 50)),
    durationFigure("firstResponseP90", "Time to first response, 90th percentile", percentileOf(m.ttfr, 90), percentileOf(p.ttfr, 90)),
    durationFigure("resolutionMedian", "Time to resolution, median", percentileOf(m.ttr, 50), percentileOf(p.ttr, 50)),
    durationFigure("resolutionP90", "Time to resolution, 90th percentile", percentileOf(m.ttr, 90), percentileOf(p.ttr, 90)),
    percentFigure("firstResponseSla", "First-response deadlines met", met(t.firstResponseMet, t.firstResponseMissed), met(u.firstResponseMet, u.firstResponseMissed), `${count(t.firstResponseMet)} met, ${count(t.firstResponseMissed)} missed, on every tier.`),
    percentFigure("resolutionSla", "Resolution deadlines met", met(t.resolutionMet, t.resolutionMissed), met(u.resolutionMet, u.resolutionMissed), `${count(t.resolutionMet)} met, ${count(t.resolutionMissed)} missed, on every tier.`),
    countFigure("backlog", "Open cases at the end of the period", current.backlogEnd, previous.backlogEnd),
    percentFigure("escalationRate", "Resolved cases that climbed a tier", share(m.escalated, m.resolved), share(p.escalated, p.resolved), `${count(m.escalated)} of ${count(m.resolved)} resolved cases.`),
    countFigure("banProposals", "Ban proposals", m.banProposed, p.banProposed),
    countFigure("banRejected", "Ban proposals rejected by the second person", m.banRejected, p.banRejected),
  ];
}
