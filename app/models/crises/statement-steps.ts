import type { CompiledPlaybook, PlaybookContext } from "@machines/playbook";
import { statementsByApproval } from "@machines/playbook/implementations";
import type { StatementStepSpec } from "../statements/statement-chain";
import { statementSteps } from "../statements/statement-chain";
import { STAGES, STATEMENT_CHANNEL_LABELS, audienceLabel } from "../statements/statement-words";
import { PURPOSES, isChannel } from "../templates/template-purposes";

// The playbook's statement, approval and publish steps follow the statements themselves
// (docs/decisions/0024): a step is done when every cell it requires has reached what it
// needs (put up for approval, fully approved, published). Pure: which live steps wait on
// which cells, and the one playbook event that moves the crisis on, if any.

export type StepNeed = "submitted" | "approved" | "published";
export const NEED_WORDS: Record<StepNeed, string> = { submitted: "to put up for approval", approved: "to approve", published: "to publish" };

/** The newest statement of a cell, as the steps read it. */
export type CellStatement = {
  ref: string;
  stage: string;
  audience: string;
  channel: string;
  language: string;
  state: string;
  authorId: string;
  approvals: { by: string }[];
  publishedAt: Date | null;
  publishedById: string | null;
  updatedAt: Date;
};

export type RequiredCell = { key: string; stage: string; audience: string; channel: string; language: string; statement: CellStatement | null; counts: boolean };
export type StepProgress = { step: string; need: StepNeed; statements: string[]; cells: RequiredCell[] };

export const cellKey = (c: { stage: string; audience: string; channel: string; language: string }) => `${c.stage}.${c.audience}.${c.channel}.${c.language}`;

const specsByHash = new Map<string, StatementStepSpec[]>();
function specsOf(compiled: CompiledPlaybook): StatementStepSpec[] {
  let specs = specsByHash.get(compiled.hash);
  if (!specs) specsByHash.set(compiled.hash, (specs = statementSteps(compiled)));
  return specs;
}

/** What a step waits for when the statements drive it, with the statement steps it covers; null when people work it in the room. */
export function drivenStep(compiled: CompiledPlaybook, stepId: string): { need: StepNeed; statements: StatementStepSpec[] } | null {
  const step = compiled.plan.nodes.get(stepId)?.step;
  const specs = specsOf(compiled);
  const byId = (id: string) => specs.find((s) => s.step === id);
  if (step?.kind === "statement") return byId(step.id) ? { need: "submitted", statements: [byId(step.id)!] } : null;
  if (step?.kind === "publish") return byId(step.statement) ? { need: "published", statements: [byId(step.statement)!] } : null;
  if (step?.kind === "approval") {
    // An approval of a statement the matrix does not hold (a support message to a reporter) stays a step of the room.
    const ids = statementsByApproval(new Map([...compiled.plan.nodes.values()].flatMap((n) => (n.step ? [[n.id, n.step] as const] : []))))(step.id);
    const covered = ids.flatMap((id) => (byId(id) ? [byId(id)!] : []));
    return ids.length > 0 && covered.length === ids.length ? { need: "approved", statements: covered } : null;
  }
  return null;
}

/** The cells a statement step requires in a crisis speaking `languages`, on the channels its purpose goes out on. */
function requiredCells(spec: StatementStepSpec, languages: readonly string[]) {
  const channels: readonly string[] = PURPOSES[STAGES[spec.stage].purpose].channels;
  return spec.audiences.flatMap((audience) =>
    spec.channels.filter((c) => channels.includes(c)).flatMap((channel) => spec.languages.filter((l) => languages.includes(l)).map((language) => ({ stage: spec.stage, audience, channel, language }))),
  );
}

/**
 * Whether a cell's newest statement gives what the step needs. A statement published before
 * this round of its step began (an earlier update, a cadence post) is spent: the step asks for
 * a new one.
 */
export function counts(statement: CellStatement | null, need: StepNeed, roundStart: Date | null): boolean {
  if (!statement) return false;
  const published = statement.state === "published" || statement.state === "superseded";
  if (published) return !roundStart || (statement.publishedAt ?? roundStart) >= roundStart;
  if (need === "submitted") return statement.state === "submitted" || statement.state === "approved";
  return need === "approved" && statement.state === "approved";
}

/** The live steps the statements drive, each with its required cells and whether each gives what it needs. */
export function statementStepProgress(
  compiled: CompiledPlaybook,
  live: readonly string[],
  languages: readonly string[],
  latest: ReadonlyMap<string, CellStatement>,
  roundStart: (statementStep: string) => Date | null,
): StepProgress[] {
  return live.flatMap((step): StepProgress[] => {
    const driven = drivenStep(compiled, step);
    if (!driven) return [];
    const cells = driven.statements.flatMap((spec) =>
      requiredCells(spec, languages).map((cell): RequiredCell => {
        const key = cellKey(cell);
        const statement = latest.get(key) ?? null;
        return { key, ...cell, statement, counts: counts(statement, driven.need, roundStart(spec.step)) };
      }),
    );
    return [{ step, need: driven.need, statements: driven.statements.map((s) => s.step), cells }];
  });
}

/** A playbook event the statements send, with the person it stands for and the statement that completed it. */
export type StatementMove = { type: "DRAFT" | "APPROVE" | "PUBLISH" | "REJECT"; step: string; statement: string; by: string; reason: string };

/** The cell the change was on, else the one changed last: the statement the move names. */
function naming(cells: RequiredCell[], trigger: string | null): CellStatement {
  const statements = cells.flatMap((c) => (c.statement ? [c.statement] : []));
  return statements.find((s) => s.ref === trigger) ?? statements.reduce((a, b) => (b.updatedAt > a.updatedAt ? b : a));
}

/** The one event that moves the crisis on now, if the cells of a live step all give what it needs. */
export function nextStatementMove(progress: readonly StepProgress[], context: Pick<PlaybookContext, "authors" | "approvals">, count: (approvalStep: string) => number, trigger: string | null, title: (step: string) => string): StatementMove | null {
  for (const p of progress) {
    if (p.cells.length === 0 || !p.cells.every((c) => c.counts)) continue;
    const named = naming(p.cells, trigger);
    const all = `every cell “${title(p.step)}” requires`;
    if (p.need === "submitted") return { type: "DRAFT", step: p.step, statement: named.ref, by: named.authorId, reason: `${named.ref}: ${all} is up for approval.` };
    if (p.need === "published") return { type: "PUBLISH", step: p.step, statement: named.ref, by: named.publishedById ?? named.authorId, reason: `${named.ref}: ${all} is published.` };
    // Distinct people who approved the cells, never a drafter the playbook knows, not twice at one step.
    const excluded = new Set([...p.statements.flatMap((s) => (context.authors[s] ? [context.authors[s]] : [])), ...(context.approvals[p.step] ?? [])]);
    const ordered = [named, ...p.cells.flatMap((c) => (c.statement && c.statement !== named ? [c.statement] : [])).sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime())];
    const people = [...new Set(ordered.flatMap((s) => s.approvals.map((a) => a.by)))].filter((id) => !excluded.has(id));
    const needed = count(p.step) - (context.approvals[p.step]?.length ?? 0);
    if (needed > 0 && people.length >= needed) return { type: "APPROVE", step: p.step, statement: named.ref, by: people[0], reason: `${named.ref}: ${all} is approved.` };
  }
  return null;
}

/** A required cell sent back while its approval step is live sends the playbook back too, where the step says so. */
export function rejectionMove(progress: readonly StepProgress[], compiled: CompiledPlaybook, rejected: CellStatement, by: string, title: (step: string) => string): StatementMove | null {
  for (const p of progress) {
    const step = compiled.plan.nodes.get(p.step)?.step;
    if (p.need !== "approved" || step?.kind !== "approval" || !step.onReject) continue;
    if (!p.cells.some((c) => c.key === cellKey(rejected))) continue;
    return { type: "REJECT", step: p.step, statement: rejected.ref, by, reason: `${rejected.ref} was sent back: “${title(p.step)}” goes back.` };
  }
  return null;
}

/** What still holds a step up, in words: each audience and channel with the languages still to do. */
export function stillBlocking(progress: StepProgress): string[] {
  const open = new Map<string, string[]>();
  for (const c of progress.cells) {
    if (c.counts) continue;
    const row = `${audienceLabel(c.audience)}, ${isChannel(c.channel) ? STATEMENT_CHANNEL_LABELS[c.channel] : c.channel}`;
    open.set(row, [...(open.get(row) ?? []), c.language]);
  }
  return [...open].map(([row, languages]) => `${row}: ${languages.join(", ")}`);
}

/** How far a step's cells are, in a sentence. */
export function progressWords(progress: StepProgress): string {
  const open = progress.cells.filter((c) => !c.counts).length;
  if (open > 0) return `${open} of ${progress.cells.length} required cell${progress.cells.length === 1 ? "" : "s"} still ${NEED_WORDS[progress.need]}.`;
  // Ready, and still standing: approved by fewer different people than the step needs.
  return progress.need === "approved" ? "Every required cell is approved, but by fewer different people than the step needs." : "Every required cell is ready.";
}
