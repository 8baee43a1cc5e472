// How long a first response or a resolution took, as the dashboard counts it: in buckets,
// so a rollup can hold a day's durations in fifteen numbers and a median or 90th
// percentile over any period is read from their sums. The bounds are the SLA windows
// people think in (15 min, 30 min, 1 h, 4 h, a day…). A percentile is answered as the
// upper bound of the bucket it falls in ("90 % within 4 h"): exact to that bucket.
//
// The same bounds are written into the tally triggers' SQL (tally-sql.ts); a test puts a
// duration on each edge and compares the two.

const MINUTE = 60_000;

/** Upper bounds (inclusive) in minutes; a duration above the last falls in the last bucket. */
export const DURATION_BOUNDS_MINUTES = [5, 10, 15, 30, 45, 60, 120, 240, 480, 720, 1440, 2880, 4320, 10080] as const;
export const DURATION_BUCKETS = DURATION_BOUNDS_MINUTES.length + 1;
export const DURATION_BOUNDS_MS = DURATION_BOUNDS_MINUTES.map((m) => m * MINUTE);

/** The bucket of a duration in milliseconds (a negative one, from a clock set back, is the first). */
export function durationBucket(ms: number): number {
  const i = DURATION_BOUNDS_MS.findIndex((bound) => ms <= bound);
  return i === -1 ? DURATION_BUCKETS - 1 : i;
}

/** A percentile's reading: "within" the bucket's upper bound, or "over" the last bound. */
export type DurationReading = { minutes: number; over: boolean } | null;

/**
 * The `p`-th percentile (0–100) of the durations counted in `histogram`: the smallest bound
 * that at least p % of them stay within. Null when nothing was counted.
 */
export function percentileOf(histogram: readonly number[], p: number): DurationReading {
  const total = histogram.reduce((a, b) => a + b, 0);
  if (total <= 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * total));
  let seen = 0;
  for (let i = 0; i < histogram.length; i++) {
    seen += histogram[i];
    if (seen >= rank) {
      return i < DURATION_BOUNDS_MINUTES.length ? { minutes: DURATION_BOUNDS_MINUTES[i], over: false } : { minutes: DURATION_BOUNDS_MINUTES.at(-1)!, over: true };
    }
  }
  return { minutes: DURATION_BOUNDS_MINUTES.at(-1)!, over: true };
}

/** "12 min", "4 h", "2 d", as a bound reads. */
export function minutesWords(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  if (minutes < 1440 || minutes % 1440 !== 0) return minutes % 60 === 0 ? `${minutes / 60} h` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
  return `${minutes / 1440} d`;
}

/** A reading as people say it: "within 30 min", "over 7 d", "no data". */
export function readingWords(reading: DurationReading): string {
  if (!reading) return "no data";
  return `${reading.over ? "over" : "within"} ${minutesWords(reading.minutes)}`;
}

export function sumHistograms(a: readonly number[], b: readonly number[]): number[] {
  return Array.from({ length: DURATION_BUCKETS }, (_, i) => (a[i] ?? 0) + (b[i] ?? 0));
}

export const emptyHistogram = (): number[] => Array.from({ length: DURATION_BUCKETS }, () => 0);
