// Durations as authors write them (15m, 2h, 1d, 1h30m) and as a timeline prints them.
// A zero or negative duration parses, so the verifier can say what is wrong with it.

export const DURATION_PATTERN = /^-?(\d+[dhms])+$/;

const UNIT_MS = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1_000 } as const;

/** Milliseconds, or null for text that is not a duration. */
export function parseDuration(text: string): number | null {
  const trimmed = text.trim();
  if (!DURATION_PATTERN.test(trimmed)) return null;
  const sign = trimmed.startsWith("-") ? -1 : 1;
  let total = 0;
  for (const [, amount, unit] of trimmed.matchAll(/(\d+)([dhms])/g)) total += Number(amount) * UNIT_MS[unit as keyof typeof UNIT_MS];
  return sign * total;
}

/** "1d 2h", "1h 30m", "15m", "45s", "0m": the two largest units that are not zero. */
export function formatDuration(ms: number): string {
  if (ms < 0) return `-${formatDuration(-ms)}`;
  const parts: string[] = [];
  let rest = Math.round(ms / 1000) * 1000;
  for (const unit of ["d", "h", "m", "s"] as const) {
    const amount = Math.floor(rest / UNIT_MS[unit]);
    rest -= amount * UNIT_MS[unit];
    if (amount > 0) parts.push(`${amount}${unit}`);
  }
  return parts.length === 0 ? "0m" : parts.slice(0, 2).join(" ");
}

/** A moment on a crisis's clock, counted from its start: "+0m", "+12m", "+1h 5m". */
export function formatOffset(ms: number): string {
  return `+${formatDuration(ms)}`;
}
