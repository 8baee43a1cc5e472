import { z } from "zod";
import { parseJsonAs } from "~/utils/json";
import { keepsCadence } from "../statements/statement-words";

// What a crisis's review and the dashboard read of its statements, from audit entries by
// their event names (docs/decisions/0025). The one place that knows those names: the
// playbook's statement steps (drafted, then approved by the crisis's `crisis.approve`
// entries) and the statement subject's own entries (`statement.*`, published, approved).
// Until statements are published through Vigil there is no first published statement.

export type AuditFact = { at: Date; action: string; subjectType: string; subjectId: string; after: string | null };

export type StatementFacts = {
  /** When each statement went out, oldest first; `update` marks one that keeps the cadence's promise (as publishing renews it: statement-words.ts). */
  published: { at: Date; label: string; update: boolean }[];
  /** Each statement with when it was put up for approval and when it was fully approved. */
  approvals: { label: string; submittedAt: Date; approvedAt: Date | null }[];
};

const PUBLISHED = new Set(["statement.publish", "statement.published", "crisis.publish_statement"]);
// Put up for approval: a statement's drafting is not (its approval time counts from its submission).
const SUBMITTED = new Set(["statement.submit", "statement.submitted"]);

const After = z
  .object({
    step: z.string(),
    state: z.string(),
    stage: z.string(),
    audience: z.string(),
    channel: z.string(),
    language: z.string(),
    effects: z.array(z.object({ type: z.string(), statement: z.string().optional() }).passthrough()),
  })
  .partial();

// A statement's own entry names its cell as `cell: { stage, audience, channel, language }` (statement-subject.server.ts).
const Cell = z.object({ cell: z.object({ stage: z.string(), audience: z.string(), channel: z.string(), language: z.string() }).partial() }).partial();

const afterOf = (e: AuditFact) => ({ ...(parseJsonAs(Cell, e.after ?? "{}")?.cell ?? {}), ...(parseJsonAs(After, e.after ?? "{}") ?? {}) });

function labelOf(after: z.infer<typeof After>, fallback: string): string {
  const cell = [after.stage, after.audience, after.channel, after.language].filter(Boolean).join(", ");
  return cell || fallback;
}

/** A statement that went out, as the review lists it: `update` when it keeps the cadence's promise. */
function wentOut(entry: AuditFact, after: z.infer<typeof After>): StatementFacts["published"][number] {
  return { at: entry.at, label: labelOf(after, "a statement"), update: keepsCadence(after.stage, after.audience) };
}

/** Statement facts from a crisis's entries and its statements' entries, in any order. */
export function statementFacts(entries: readonly AuditFact[], titleOf: (step: string) => string): StatementFacts {
  const sorted = [...entries].sort((a, b) => a.at.getTime() - b.at.getTime());
  const published: StatementFacts["published"] = [];
  const approvals = new Map<string, { label: string; submittedAt: Date; approvedAt: Date | null }>();
  for (const entry of sorted) {
    const after = afterOf(entry);
    if (entry.subjectType === "Crisis") {
      // The playbook's statement steps: drafted (the draft goes up for approval), then approved.
      if (entry.action === "crisis.draft" && after.step) approvals.set(`step:${after.step}`, { label: titleOf(after.step), submittedAt: entry.at, approvedAt: null });
      for (const effect of after.effects ?? []) {
        const held = effect.type === "statement.approved" && effect.statement ? approvals.get(`step:${effect.statement}`) : undefined;
        if (held && !held.approvedAt) held.approvedAt = entry.at;
      }
      if (PUBLISHED.has(entry.action)) published.push(wentOut(entry, after));
      continue;
    }
    if (!entry.action.startsWith("statement.")) continue;
    const key = `${entry.subjectType}:${entry.subjectId}`;
    if (SUBMITTED.has(entry.action) && !approvals.has(key)) approvals.set(key, { label: labelOf(after, "a statement"), submittedAt: entry.at, approvedAt: null });
    const held = approvals.get(key);
    if (held && !held.approvedAt && (entry.action === "statement.approved" || after.state === "approved")) held.approvedAt = entry.at;
    if (PUBLISHED.has(entry.action) || after.state === "published") published.push(wentOut(entry, after));
  }
  return { published, approvals: [...approvals.values()] };
}
