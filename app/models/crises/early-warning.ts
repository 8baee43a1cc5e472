// The early-warning monitor's arithmetic, pure: which signals a window of reports raises
// against the same window's baseline, and which of them become proposals. A burst raises
// several signals at once (the author, the rule, the language, everything): the most
// specific one is proposed, and the others are left out when they are mostly the same
// reports. A signal in its cool-down is not proposed, and neither are the others it covers.

export type ReportFacts = { id: string; caseId: string; ruleCode: string; language: string | null; authorHandle: string | null };

export type MonitorConfig = { windowsMinutes: readonly number[]; baselineDays: number; minReports: number; factor: number; coolDownMs: number };

export type Candidate = { signal: string; windowMinutes: number; count: number; baseline: number; reportIds: string[]; caseIds: string[] };

/** The signals a report counts towards, most specific first. */
export function signalsOf(r: ReportFacts): string[] {
  return [...(r.authorHandle ? [`author:${r.authorHandle}`] : []), `rule:${r.ruleCode}`, ...(r.language ? [`language:${r.language}`] : []), "overall"];
}

const SPECIFICITY = ["author", "rule", "language", "overall"];
const specificity = (signal: string) => SPECIFICITY.indexOf(signal.split(":")[0]);

/** The reports under each signal: linear in the reports, since a raid's window holds tens of thousands. */
function group(reports: readonly ReportFacts[]): Map<string, ReportFacts[]> {
  const bySignal = new Map<string, ReportFacts[]>();
  for (const r of reports) {
    for (const s of signalsOf(r)) {
      const rows = bySignal.get(s);
      if (rows) rows.push(r);
      else bySignal.set(s, [r]);
    }
  }
  return bySignal;
}

/** Cases by how many of the reports are about them, most first. */
function topCases(reports: readonly ReportFacts[]): string[] {
  const counts = new Map<string, number>();
  for (const r of reports) counts.set(r.caseId, (counts.get(r.caseId) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([id]) => id);
}

/**
 * The signals far above their baseline in one window: `current` are the window's reports,
 * `past` the same window on each of the baseline's days.
 */
export function spikes(windowMinutes: number, current: readonly ReportFacts[], past: readonly ReportFacts[][], config: MonitorConfig): Candidate[] {
  const baselines = new Map<string, number>();
  for (const day of past) for (const [signal, rows] of group(day)) baselines.set(signal, (baselines.get(signal) ?? 0) + rows.length);
  const days = Math.max(1, past.length);
  const found: Candidate[] = [];
  for (const [signal, rows] of group(current)) {
    const baseline = (baselines.get(signal) ?? 0) / days;
    // A minimum count, so that two reports at night are not a spike against a baseline of none.
    if (rows.length < config.minReports || rows.length < config.factor * baseline) continue;
    found.push({ signal, windowMinutes, count: rows.length, baseline, reportIds: rows.map((r) => r.id), caseIds: topCases(rows) });
  }
  return found;
}

/** The candidates to propose: most specific first, none mostly the same reports as another, none cooling down. */
export function proposals(candidates: readonly Candidate[], coolingDown: (signal: string) => boolean): Candidate[] {
  const ordered = [...candidates].sort((a, b) => specificity(a.signal) - specificity(b.signal) || b.count / Math.max(b.baseline, 1) - a.count / Math.max(a.baseline, 1));
  const covered = new Set<string>();
  const chosen: Candidate[] = [];
  for (const c of ordered) {
    const overlap = c.reportIds.filter((id) => covered.has(id)).length;
    if (overlap * 2 >= c.reportIds.length) continue;
    c.reportIds.forEach((id) => covered.add(id));
    if (!coolingDown(c.signal)) chosen.push(c);
  }
  return chosen;
}

/** The signal in words: "reports about @raider", "reports under the spam rule". */
export function signalWords(signal: string): string {
  const [kind, value] = [signal.split(":")[0], signal.slice(signal.indexOf(":") + 1)];
  switch (kind) {
    case "author":
      return `reports about ${value}`;
    case "rule":
      return `reports under the ${value.replace(/_/g, " ")} rule`;
    case "language":
      return `reports in ${value}`;
    default:
      return "all reports";
  }
}
