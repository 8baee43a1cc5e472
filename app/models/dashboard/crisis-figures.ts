import { durationWords } from "../crises/crisis-review-facts";
import type { Figure } from "./dashboard-figures";
import { countFigure, percentFigure, share } from "./dashboard-figures";

// The dashboard's crisis timings (docs/decisions/0025): for the crises declared in a period
// against those of the period before, how many, the median time from the first linked
// report to the declaration, to the first published statement and to the resolution, and
// the share of promised updates published on time. Pure. Each crisis is measured as its
// review measures it (crisis-review-facts.ts); the medians are exact, in minutes.

export type CrisisSums = { crises: number; toDeclare: number[]; toFirstStatement: number[]; toResolve: number[]; updatesDue: number; updatesOnTime: number };

export const emptyCrisisSums = (): CrisisSums => ({ crises: 0, toDeclare: [], toFirstStatement: [], toResolve: [], updatesDue: 0, updatesOnTime: 0 });

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : Math.round((sorted[mid - 1] + sorted[mid]) / 2);
}

function medianFigure(key: string, label: string, now: readonly number[], before: readonly number[], missing: string): Figure {
  const [m, b] = [median(now), median(before)];
  const change = m === null ? "nothing to measure" : b === null ? "nothing to compare with" : m === b ? "no change" : m < b ? "faster" : "slower";
  const detail = `${now.length === 1 ? "1 crisis" : `${now.length} crises`} measured${now.length === 0 ? ` (${missing})` : ""}.`;
  return { key, label, unit: "duration", now: m, before: b, value: m === null ? "—" : durationWords(m), previous: b === null ? "—" : durationWords(b), change, detail };
}

export function crisisFigures(current: CrisisSums, previous: CrisisSums): Figure[] {
  return [
    countFigure("crises", "Crises declared", current.crises, previous.crises),
    medianFigure("crisisToDeclare", "Time to declare, median", current.toDeclare, previous.toDeclare, "none had a linked report before it was declared"),
    medianFigure("crisisToFirstStatement", "Time to first statement, median", current.toFirstStatement, previous.toFirstStatement, "no statement yet"),
    medianFigure("crisisToResolve", "Time to resolve, median", current.toResolve, previous.toResolve, "none resolved yet"),
    percentFigure(
      "crisisUpdatesOnTime",
      "Crisis updates published on time",
      share(current.updatesOnTime, current.updatesDue),
      share(previous.updatesOnTime, previous.updatesDue),
      `${current.updatesOnTime} of ${current.updatesDue} promised updates that fell due.`,
    ),
  ];
}
