import { z } from "zod";

// What a dashboard view shows, as its URL says it (so a view can be shared): a period (the
// last 24 hours, 7, 30 or 90 days, or dates) compared with the one just before it, and
// filters by rule, language and source. Days are UTC dates; a period of days ends with
// today, the 24 hours with the current hour. Pure: the time comes in.

export const PERIOD_KEYS = ["24h", "7d", "30d", "90d", "dates"] as const;
export type PeriodKey = (typeof PERIOD_KEYS)[number];
export const PERIOD_LABELS: Record<PeriodKey, string> = {
  "24h": "Last 24 hours",
  "7d": "Last 7 days",
  "30d": "Last 30 days",
  "90d": "Last 90 days",
  dates: "Dates",
};
const DAYS: Partial<Record<PeriodKey, number>> = { "7d": 7, "30d": 30, "90d": 90 };
export const MAX_DAYS = 366;

export const REPORT_SOURCES = ["form", "member", "platform"] as const;
export type ReportSource = (typeof REPORT_SOURCES)[number];
export const SOURCE_LABELS: Record<ReportSource, string> = {
  form: "Public form",
  member: "Members on the platform",
  platform: "Platform detection",
};
/** Sources where a member of the community made the report themselves. */
export const MEMBER_SOURCES: readonly ReportSource[] = ["form", "member"];
/** The language filter's value for reports and cases without a language. */
export const NO_LANGUAGE = "none";

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const isDate = (s: string) => DATE.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === "" ? undefined : v), schema.optional());

/** Each field on its own, so one that is wrong is named and the others still apply. */
export const DashboardFields = {
  period: optional(z.enum(PERIOD_KEYS, { error: "Choose a period from the list." })),
  from: optional(z.string().max(10).refine(isDate, "A date as YYYY-MM-DD.")),
  to: optional(z.string().max(10).refine(isDate, "A date as YYYY-MM-DD.")),
  rule: optional(z.string().max(64).regex(/^[a-z0-9_]+$/, "Choose a rule from the list.")),
  language: optional(z.string().max(35).regex(/^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/, "Choose a language from the list.")),
  source: optional(z.enum(REPORT_SOURCES, { error: "Choose a source from the list." })),
};
export type DashboardField = keyof typeof DashboardFields;
export const DASHBOARD_FIELDS = Object.keys(DashboardFields) as DashboardField[];

export type DashboardQuery = {
  period: PeriodKey;
  from?: string;
  to?: string;
  rule?: string;
  language?: string;
  source?: ReportSource;
};
export type DashboardFilters = Pick<DashboardQuery, "rule" | "language" | "source">;

export type ParsedQuery = {
  query: DashboardQuery;
  /** What was typed, to show in the form again. */
  values: Record<DashboardField, string>;
  errors: Partial<Record<DashboardField, string>>;
};

/** The URL's view: each valid field applies; a wrong one is named and left out. */
export function parseDashboardQuery(params: URLSearchParams, now: Date): ParsedQuery {
  const values = Object.fromEntries(DASHBOARD_FIELDS.map((f) => [f, (params.get(f) ?? "").slice(0, 200)])) as Record<DashboardField, string>;
  const errors: ParsedQuery["errors"] = {};
  const parsed: Record<string, unknown> = {};
  for (const field of DASHBOARD_FIELDS) {
    const result = DashboardFields[field].safeParse(values[field]);
    if (result.success) parsed[field] = result.data;
    else errors[field] = result.error.issues[0]?.message ?? "Not a valid value.";
  }
  const query: DashboardQuery = { period: (parsed.period as PeriodKey | undefined) ?? "7d" };
  for (const f of ["rule", "language", "source"] as const) if (parsed[f] !== undefined) Object.assign(query, { [f]: parsed[f] });
  if (query.period === "dates") {
    const from = parsed.from as string | undefined;
    const to = parsed.to as string | undefined;
    if (!from && !errors.from) errors.from = "Enter the first day.";
    if (!to && !errors.to) errors.to = "Enter the last day.";
    const today = now.toISOString().slice(0, 10);
    if (from && to) {
      const days = daysBetween(from, to) + 1;
      if (days < 1) errors.to = "The last day comes on or after the first.";
      else if (days > MAX_DAYS) errors.to = `At most ${MAX_DAYS} days.`;
      else if (from > today) errors.from = "The first day is in the future.";
    }
    if (errors.from || errors.to) query.period = "7d";
    else Object.assign(query, { from, to });
  }
  return { query, values, errors };
}

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const dayOf = (d: Date) => d.toISOString().slice(0, 10);
const hourOf = (d: Date) => d.toISOString().slice(0, 13);
const dayStart = (s: string) => new Date(`${s}T00:00:00.000Z`);
function daysBetween(from: string, to: string) {
  return Math.round((dayStart(to).getTime() - dayStart(from).getTime()) / DAY_MS);
}

/** A period resolved to its time slots (UTC days, or hours for the last 24 hours). */
export type Period = {
  key: PeriodKey;
  slot: "day" | "hour";
  /** The window [from, to) and the one before it, [previousFrom, from). */
  from: Date;
  to: Date;
  previousFrom: Date;
  /** Slot keys as the rollups write them: "2026-12-01", or "2026-12-01T14" for an hour. */
  slots: string[];
  previousSlots: string[];
  /** True when the period ends now (not a range of dates in the past). */
  endsNow: boolean;
  label: string;
  previousLabel: string;
};

export function resolvePeriod(query: DashboardQuery, now: Date): Period {
  if (query.period === "24h") {
    const hour = new Date(Math.floor(now.getTime() / HOUR_MS) * HOUR_MS);
    const to = new Date(hour.getTime() + HOUR_MS);
    const from = new Date(to.getTime() - 24 * HOUR_MS);
    const previousFrom = new Date(from.getTime() - 24 * HOUR_MS);
    const hours = (start: Date) => Array.from({ length: 24 }, (_, i) => hourOf(new Date(start.getTime() + i * HOUR_MS)));
    return { key: "24h", slot: "hour", from, to, previousFrom, slots: hours(from), previousSlots: hours(previousFrom), endsNow: true, label: "the last 24 hours", previousLabel: "the 24 hours before" };
  }
  const today = dayOf(now);
  const [first, last] = query.period === "dates" && query.from && query.to ? [query.from, query.to] : [dayOf(new Date(dayStart(today).getTime() - ((DAYS[query.period] ?? 7) - 1) * DAY_MS)), today];
  const length = daysBetween(first, last) + 1;
  const from = dayStart(first);
  const to = new Date(dayStart(last).getTime() + DAY_MS);
  const previousFrom = new Date(from.getTime() - length * DAY_MS);
  const days = (start: Date) => Array.from({ length }, (_, i) => dayOf(new Date(start.getTime() + i * DAY_MS)));
  const custom = query.period === "dates";
  const previousDays = days(previousFrom);
  return {
    key: custom ? "dates" : query.period,
    slot: "day",
    from,
    to,
    previousFrom,
    slots: days(from),
    previousSlots: previousDays,
    endsNow: last >= today,
    label: custom ? `${first} to ${last}` : `the last ${length} days`,
    previousLabel: custom ? `${previousDays[0]} to ${previousDays.at(-1)}` : `the ${length} days before`,
  };
}

/** A slot as people read it: "2026-12-01", or "2026-12-01 14:00". */
export function slotLabel(slot: string): string {
  return slot.length === 13 ? `${slot.slice(0, 10)} ${slot.slice(11)}:00` : slot;
}

/** The URL of a view: only what differs from the default, so shared links stay short. */
export function dashboardSearch(query: DashboardQuery, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  if (query.period !== "7d") params.set("period", query.period);
  if (query.period === "dates" && query.from && query.to) {
    params.set("from", query.from);
    params.set("to", query.to);
  }
  for (const f of ["rule", "language", "source"] as const) if (query[f]) params.set(f, query[f]!);
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  const s = params.toString();
  return s ? `?${s}` : "";
}
