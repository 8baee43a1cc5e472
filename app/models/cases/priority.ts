// A case's priority: one number for sorting the queue, and the breakdown that lets a
// moderator see why. Pure; recomputed by intake on every report. The weights are
// explained in docs/decisions/0006-intake.md.

export type PriorityInput = {
  /** The most severe rule among the case's reports. */
  ruleCode: string;
  /** That rule's severity, 1 (minor) to 5 (most severe). */
  severity: number;
  reportCount: number;
  /** Distinct reporters; an anonymous report counts as one of its own. */
  reporterCount: number;
  /** Distinct listed words the text screen found in the worst snapshot. */
  screenHits: number;
};

export type PriorityFactorName = "severity" | "reports" | "reporters" | "screen" | "crisis";

export type PriorityFactor = {
  factor: PriorityFactorName;
  value: number;
  points: number;
  explanation: string;
};

export type Priority = { score: number; breakdown: PriorityFactor[] };

export const PRIORITY_WEIGHTS = {
  pointsPerSeverity: 20,
  pointsPerExtraReport: 2,
  maxExtraReports: 10,
  pointsPerExtraReporter: 5,
  maxExtraReporters: 6,
  screenFirstHit: 10,
  screenFurtherHit: 2,
  screenMax: 20,
} as const;

const W = PRIORITY_WEIGHTS;

function count(n: number): number {
  return Number.isFinite(n) ? Math.max(0, Math.floor(n)) : 0;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function scoreCase(input: PriorityInput): Priority {
  const severity = Math.min(5, Math.max(1, count(input.severity) || 1));
  const reports = Math.max(1, count(input.reportCount));
  const reporters = Math.min(reports, Math.max(1, count(input.reporterCount)));
  const hits = count(input.screenHits);

  const extraReports = Math.min(reports - 1, W.maxExtraReports);
  const extraReporters = Math.min(reporters - 1, W.maxExtraReporters);
  const screenPoints = hits === 0 ? 0 : Math.min(W.screenFirstHit + (hits - 1) * W.screenFurtherHit, W.screenMax);

  const breakdown: PriorityFactor[] = [
    {
      factor: "severity",
      value: severity,
      points: severity * W.pointsPerSeverity,
      explanation: `The most severe rule reported, “${input.ruleCode}”, has severity ${severity} of 5 (${W.pointsPerSeverity} points per level).`,
    },
    {
      factor: "reports",
      value: reports,
      points: extraReports * W.pointsPerExtraReport,
      explanation: `${plural(reports, "report", "reports")}: ${W.pointsPerExtraReport} points for each after the first, counting up to ${W.maxExtraReports} more.`,
    },
    {
      factor: "reporters",
      value: reporters,
      points: extraReporters * W.pointsPerExtraReporter,
      explanation: `${plural(reporters, "distinct reporter", "distinct reporters")}: ${W.pointsPerExtraReporter} points for each after the first, counting up to ${W.maxExtraReporters} more. Independent reporters weigh more than repeated reports.`,
    },
    {
      factor: "screen",
      value: hits,
      points: screenPoints,
      explanation:
        hits === 0
          ? "The text screen found no listed words in the content snapshot."
          : `The text screen found ${plural(hits, "listed word", "different listed words")} in the content snapshot: ${W.screenFirstHit} points for the first, ${W.screenFurtherHit} for each further one, up to ${W.screenMax}.`,
    },
  ];
  return { score: breakdown.reduce((sum, f) => sum + f.points, 0), breakdown };
}

/** What a link to an active crisis adds: a surge's cases climb above their peers of the same severity (decision 23). */
export const CRISIS_POINTS = 30;

/**
 * The breakdown with the crisis factor for the active crises the case is linked to (none:
 * no such factor), and the score it sums to. Linking adds it; the crisis leaving the active
 * state takes it away; a new report keeps it.
 */
export function withCrisisFactor(breakdown: readonly PriorityFactor[], activeCrisisRefs: readonly string[]): Priority {
  const base = breakdown.filter((f) => f.factor !== "crisis");
  const refs = [...activeCrisisRefs].sort();
  const crisis: PriorityFactor[] =
    refs.length === 0
      ? []
      : [{ factor: "crisis", value: refs.length, points: CRISIS_POINTS, explanation: `Linked to the active ${refs.length === 1 ? "crisis" : "crises"} ${refs.join(", ")}: ${CRISIS_POINTS} points while ${refs.length === 1 ? "it is" : "one is"} active.` }];
  const factors = [...base, ...crisis];
  return { score: factors.reduce((sum, f) => sum + f.points, 0), breakdown: factors };
}

/** A factor's value in a stored breakdown (JSON), or 0 when it is missing or unreadable. */
export function storedFactorValue(breakdownJson: string, factor: PriorityFactorName): number {
  try {
    const parsed: unknown = JSON.parse(breakdownJson);
    if (!Array.isArray(parsed)) return 0;
    const entry = parsed.find((f: unknown) => typeof f === "object" && f !== null && (f as PriorityFactor).factor === factor);
    return entry && typeof entry.value === "number" ? entry.value : 0;
  } catch {
    return 0;
  }
}

/** Priority bands: where a score sits (severity dominates: 20 points per level). The queue and escalation policies name them. */
export const PRIORITY_BANDS = {
  critical: { min: 100, max: null },
  high: { min: 80, max: 99 },
  medium: { min: 50, max: 79 },
  low: { min: 0, max: 49 },
} as const;
export type PriorityBand = keyof typeof PRIORITY_BANDS;
export const PRIORITY_BAND_KEYS = Object.keys(PRIORITY_BANDS) as PriorityBand[];

export function bandOf(priority: number): PriorityBand {
  if (priority >= PRIORITY_BANDS.critical.min) return "critical";
  if (priority >= PRIORITY_BANDS.high.min) return "high";
  if (priority >= PRIORITY_BANDS.medium.min) return "medium";
  return "low";
}
