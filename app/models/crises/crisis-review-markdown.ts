import type { ReviewView } from "./crisis-review-view.server";
import { TASK_STATUSES } from "./crisis-words";

// A post-crisis review as a Markdown file (`/crises/:ref/review.md`), to keep or pass on:
// the facts Vigil read from the timeline, what the team wrote, the sign-off and the action
// items. Pure. Times are UTC.

const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\s*\n\s*/g, " ");
const when = (iso: string | null) => (iso ? `${iso.slice(0, 16).replace("T", " ")} UTC` : "—");
const prose = (text: string) => (text.trim() ? text.trim() : "_Not written._");

export function reviewMarkdown(view: ReviewView): string {
  const { crisis, review, facts } = view;
  const lines = [
    `# Post-crisis review: ${crisis.ref}, ${crisis.title}`,
    "",
    `- Severity: ${crisis.severity}`,
    `- Declared: ${when(crisis.declaredAt)}`,
    `- Resolved: ${when(crisis.resolvedAt)}`,
    `- Closed: ${when(crisis.closedAt)}`,
    `- Review: ${review ? review.statusLabel : "opens when the crisis is resolved"}`,
    ...(review?.signedOff ? [`- Signed off by ${review.signedOff.by} at ${when(review.signedOff.at)}${review.signedOff.note ? `: ${cell(review.signedOff.note)}` : ""}`] : []),
    "",
    "## Timings",
    "",
    `Counted from ${facts.start.what} (${when(facts.start.at)}).`,
    "",
    "| moment | at | after |",
    "|---|---|---|",
    ...facts.timings.map((t) => `| ${t.label} | ${t.at ? when(t.at) : cell(t.missing)} | ${t.at ? t.after : "—"} |`),
    "",
    `Updates published on time: ${facts.updates.due === 0 ? "no update was due" : `${facts.updates.onTime} of ${facts.updates.due} promised`}.`,
    "",
    "## Pages",
    "",
    ...(facts.pages.length === 0 ? ["No pages."] : ["| paged | who | why | acknowledged |", "|---|---|---|---|", ...facts.pages.map((p) => `| ${when(p.at)} | ${cell(p.who)} | ${cell(p.why)} | ${p.acknowledgedAt ? `${when(p.acknowledgedAt)} by ${cell(p.acknowledgedBy ?? "")} (after ${p.after})` : "not acknowledged"} |`)]),
    "",
    "## Tasks done late",
    "",
    ...(facts.lateTasks.length === 0 ? ["None."] : facts.lateTasks.map((t) => `- ${cell(t.title)}: due ${when(t.dueAt)}, ${t.doneAt ? `done ${t.late} late` : `still open, ${t.late} late`}`)),
    "",
    "## Statements and approvals",
    "",
    ...(facts.statements.length === 0 ? ["No statements."] : facts.statements.map((s) => `- ${cell(s.label)}: put up for approval ${when(s.submittedAt)}, ${s.approvedAt ? `approved ${when(s.approvedAt)} (after ${s.took})` : "not approved"}`)),
    "",
    "## What happened",
    "",
    prose(review?.whatHappened ?? ""),
    "",
    "## What went well",
    "",
    prose(review?.wentWell ?? ""),
    "",
    "## What to change",
    "",
    prose(review?.toChange ?? ""),
    "",
    "## Action items",
    "",
    ...(view.actionItems.length === 0 ? ["None."] : ["| action | owner | due | status |", "|---|---|---|---|", ...view.actionItems.map((a) => `| ${cell(a.title)} | ${cell(a.owner)} | ${a.dueAt.slice(0, 10)} | ${TASK_STATUSES[a.status as keyof typeof TASK_STATUSES] ?? a.status}${a.overdue ? " (overdue)" : ""} |`)]),
    "",
  ];
  return lines.join("\n");
}
