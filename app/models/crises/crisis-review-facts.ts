import { z } from "zod";
import { parseJsonAs } from "~/utils/json";
import type { StatementFacts } from "./statement-facts";

// The facts of a post-crisis review, read from the crisis's timeline (its audit entries),
// its tasks and its statements (docs/decisions/0025). Pure: the rows come in. The review
// page, its Markdown and the dashboard's crisis timings all read these.

export type TimelineFact = { at: Date; action: string; actorLabel: string; after: string | null };
export type TaskFact = { title: string; dueAt: Date | null; doneAt: Date | null; status: string; actionItem: boolean };

export type FactsInput = {
  declaredAt: Date;
  resolvedAt: Date | null;
  /** When the first report of any linked case was received. */
  firstReportAt: Date | null;
  /** The entries of the crisis, oldest first. */
  entries: readonly TimelineFact[];
  tasks: readonly TaskFact[];
  statements: StatementFacts;
  /** Whether a live step is still in the containment phase or before it; null when the playbook names none. */
  beforeContainment: ((step: string) => boolean) | null;
  titleOf: (step: string) => string;
  nameOf: (actorLabel: string) => string;
  now: Date;
};

export type TimingKey = "declared" | "firstAcknowledged" | "firstStatement" | "contained" | "resolved";
export type Timing = { key: TimingKey; label: string; at: Date | null; minutes: number | null; missing: string };
export type UpdatePromise = { promisedAt: Date; dueAt: Date; outcome: "on_time" | "late" | "not_due" };
export type PageFact = { at: Date; who: string; why: string; acknowledgedAt: Date | null; acknowledgedBy: string | null };

export type ReviewFacts = {
  /** The moment the timings count from: the first linked report, or the declaration when no report came before it. */
  start: { at: Date; what: string };
  timings: Timing[];
  updates: { promises: UpdatePromise[]; due: number; onTime: number };
  pages: PageFact[];
  lateTasks: { title: string; dueAt: Date; doneAt: Date | null; minutesLate: number }[];
  statements: { label: string; submittedAt: Date; approvedAt: Date | null; minutes: number | null }[];
};

const After = z
  .object({
    steps: z.array(z.string()),
    step: z.string(),
    role: z.string(),
    effects: z.array(z.object({ type: z.string(), roles: z.array(z.string()).optional(), step: z.string().optional(), dueAt: z.string().optional(), reason: z.string().optional() }).passthrough()),
  })
  .partial();

const minutesBetween = (from: Date, to: Date) => Math.max(0, Math.round((to.getTime() - from.getTime()) / 60_000));
const words = (s: string) => s.replace(/_/g, " ");

export function reviewFacts(input: FactsInput): ReviewFacts {
  const { declaredAt, entries, now } = input;
  const start = input.firstReportAt && input.firstReportAt <= declaredAt ? { at: input.firstReportAt, what: "the first linked report" } : { at: declaredAt, what: "the declaration" };
  const parsed = entries.map((e) => ({ ...e, after: parseJsonAs(After, e.after ?? "{}") ?? {} }));

  const firstAck = parsed.find((e) => e.action === "crisis.acknowledge");
  let seenContainment = false;
  const contained = input.beforeContainment
    ? parsed.find((e) => {
        if (!e.after.steps) return false;
        const before = e.after.steps.some(input.beforeContainment!);
        seenContainment ||= before;
        return seenContainment && !before;
      })
    : undefined;
  const timing = (key: TimingKey, label: string, at: Date | null | undefined, missing: string): Timing => ({ key, label, at: at ?? null, minutes: at ? minutesBetween(start.at, at) : null, missing });
  const timings = [
    timing("declared", "Declared", start.what === "the declaration" ? null : declaredAt, "declared by hand, before any linked report"),
    timing("firstAcknowledged", "First page acknowledged", firstAck?.at, "no page acknowledged"),
    timing("firstStatement", "First statement published", input.statements.published[0]?.at, "no statement yet"),
    timing("contained", "Contained", contained?.at, input.beforeContainment ? "not contained yet" : "the playbook names no containment phase"),
    timing("resolved", "Resolved", input.resolvedAt, "not resolved yet"),
  ];

  // Each promise stands until the next one or the resolution; an update published in time keeps it.
  const promised = parsed.flatMap((e) => (e.after.effects ?? []).filter((f) => f.type === "update.promised" && f.dueAt).map((f) => ({ promisedAt: e.at, dueAt: new Date(f.dueAt!) })));
  const updates = input.statements.published.filter((p) => p.update);
  const promises: UpdatePromise[] = promised.map((p, i) => {
    const standsUntil = promised[i + 1]?.promisedAt ?? input.resolvedAt ?? now;
    if (updates.some((u) => u.at >= p.promisedAt && u.at <= p.dueAt)) return { ...p, outcome: "on_time" };
    return { ...p, outcome: p.dueAt < standsUntil ? "late" : "not_due" };
  });

  const pages: PageFact[] = [];
  for (const e of parsed) {
    for (const f of e.after.effects ?? []) {
      if (f.type !== "page" || !f.step) continue;
      const ack = parsed.find((a) => a.action === "crisis.acknowledge" && a.after.step === f.step && a.at >= e.at);
      const why = f.reason === "deadline" ? `“${input.titleOf(f.step)}” was overdue` : input.titleOf(f.step);
      pages.push({ at: e.at, who: words((f.roles ?? []).join(" or ")), why, acknowledgedAt: ack?.at ?? null, acknowledgedBy: ack ? input.nameOf(ack.actorLabel) : null });
    }
    if (e.action === "crisis.page") pages.push({ at: e.at, who: words(e.after.role ?? ""), why: "paged by hand", acknowledgedAt: null, acknowledgedBy: null });
    if (e.action === "crisis.update_overdue") pages.push({ at: e.at, who: "commander", why: "the promised update was late", acknowledgedAt: null, acknowledgedBy: null });
  }

  const lateTasks = input.tasks.flatMap((t) => {
    if (!t.dueAt || t.actionItem) return [];
    const finished = t.doneAt ?? (t.status === "done" ? null : now);
    if (!finished || finished <= t.dueAt) return [];
    return [{ title: t.title, dueAt: t.dueAt, doneAt: t.doneAt, minutesLate: minutesBetween(t.dueAt, finished) }];
  });

  return {
    start,
    timings,
    updates: { promises, due: promises.filter((p) => p.outcome !== "not_due").length, onTime: promises.filter((p) => p.outcome === "on_time").length },
    pages,
    lateTasks,
    statements: input.statements.approvals.map((s) => ({ ...s, minutes: s.approvedAt ? minutesBetween(s.submittedAt, s.approvedAt) : null })),
  };
}

/** A duration in words: "under a minute", "45 min", "2 h 5 min", "3 d 4 h". */
export function durationWords(minutes: number | null): string {
  if (minutes === null) return "—";
  if (minutes < 1) return "under a minute";
  if (minutes < 60) return `${minutes} min`;
  if (minutes < 1440) return `${Math.floor(minutes / 60)} h${minutes % 60 ? ` ${minutes % 60} min` : ""}`;
  const hours = Math.floor((minutes % 1440) / 60);
  return `${Math.floor(minutes / 1440)} d${hours ? ` ${hours} h` : ""}`;
}
