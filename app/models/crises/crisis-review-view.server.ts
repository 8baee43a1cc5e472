import { prisma } from "~/utils/db.server";
import { crisisFacts } from "./crisis-review-facts.server";
import { durationWords } from "./crisis-review-facts";
import type { ReviewStatus } from "./crisis-review-events";
import { REVIEW_STATUSES } from "./crisis-review-events";

// A crisis's post-crisis review as people read it (docs/decisions/0025): the crisis, the
// facts Vigil read from its timeline, what the team wrote, the sign-off and the action
// items. The page and the Markdown export both read this. Nothing here writes.

const iso = (d: Date | null | undefined) => d?.toISOString() ?? null;

export type ReviewView = {
  crisis: { ref: string; title: string; type: string; severity: string; state: string; version: number; declaredAt: string; resolvedAt: string | null; closedAt: string | null };
  /** Null while the crisis is active: the review opens when it is resolved. */
  review: {
    status: ReviewStatus;
    statusLabel: string;
    whatHappened: string;
    wentWell: string;
    toChange: string;
    submittedAt: string | null;
    signedOff: { by: string; at: string; note: string | null } | null;
  } | null;
  facts: {
    start: { at: string; what: string };
    timings: { key: string; label: string; at: string | null; after: string; missing: string }[];
    updates: { due: number; onTime: number; promises: { promisedAt: string; dueAt: string; outcome: string }[] };
    pages: { at: string; who: string; why: string; acknowledgedAt: string | null; acknowledgedBy: string | null; after: string | null }[];
    lateTasks: { title: string; dueAt: string; doneAt: string | null; late: string }[];
    statements: { label: string; submittedAt: string; approvedAt: string | null; took: string | null }[];
  };
  actionItems: { id: string; title: string; owner: string; ownerId: string | null; dueAt: string; status: string; doneAt: string | null; overdue: boolean }[];
};

export async function crisisReviewView(ref: string, now = new Date()): Promise<ReviewView | null> {
  const crisis = await prisma.crisis.findUnique({ where: { ref }, include: { review: true, tasks: { where: { actionItem: true }, orderBy: { dueAt: "asc" } } } });
  if (!crisis) return null;
  const facts = (await crisisFacts(crisis.id, now))!;
  const review = crisis.review;
  const userIds = [...new Set([...crisis.tasks.flatMap((t) => (t.ownerId ? [t.ownerId] : [])), ...(review?.signedOffById ? [review.signedOffById] : [])])];
  const names = new Map((await prisma.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]));
  const status = (review?.status ?? "draft") as ReviewStatus;
  const minutesBetween = (a: Date, b: Date) => Math.max(0, Math.round((b.getTime() - a.getTime()) / 60_000));
  return {
    crisis: { ref: crisis.ref, title: crisis.title, type: crisis.type, severity: crisis.severity, state: crisis.state, version: crisis.version, declaredAt: crisis.declaredAt.toISOString(), resolvedAt: iso(crisis.resolvedAt), closedAt: iso(crisis.closedAt) },
    review:
      crisis.state === "active"
        ? null
        : {
            status,
            statusLabel: REVIEW_STATUSES[status] ?? status,
            whatHappened: review?.whatHappened ?? "",
            wentWell: review?.wentWell ?? "",
            toChange: review?.toChange ?? "",
            submittedAt: iso(review?.submittedAt),
            signedOff: review?.signedOffAt ? { by: names.get(review.signedOffById ?? "") ?? "a former user", at: review.signedOffAt.toISOString(), note: review.signOffNote } : null,
          },
    facts: {
      start: { at: facts.start.at.toISOString(), what: facts.start.what },
      timings: facts.timings.map((t) => ({ key: t.key, label: t.label, at: iso(t.at), after: durationWords(t.minutes), missing: t.missing })),
      updates: { due: facts.updates.due, onTime: facts.updates.onTime, promises: facts.updates.promises.map((p) => ({ promisedAt: p.promisedAt.toISOString(), dueAt: p.dueAt.toISOString(), outcome: p.outcome })) },
      pages: facts.pages.map((p) => ({ at: p.at.toISOString(), who: p.who, why: p.why, acknowledgedAt: iso(p.acknowledgedAt), acknowledgedBy: p.acknowledgedBy, after: p.acknowledgedAt ? durationWords(minutesBetween(p.at, p.acknowledgedAt)) : null })),
      lateTasks: facts.lateTasks.map((t) => ({ title: t.title, dueAt: t.dueAt.toISOString(), doneAt: iso(t.doneAt), late: durationWords(t.minutesLate) })),
      statements: facts.statements.map((s) => ({ label: s.label, submittedAt: s.submittedAt.toISOString(), approvedAt: iso(s.approvedAt), took: s.minutes === null ? null : durationWords(s.minutes) })),
    },
    actionItems: crisis.tasks.map((t) => ({
      id: t.id,
      title: t.title,
      owner: t.ownerId ? (names.get(t.ownerId) ?? "a former user") : "nobody",
      ownerId: t.ownerId,
      dueAt: t.dueAt?.toISOString() ?? "",
      status: t.status,
      doneAt: iso(t.doneAt),
      overdue: t.status !== "done" && t.dueAt !== null && t.dueAt < now,
    })),
  };
}
