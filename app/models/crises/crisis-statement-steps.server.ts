import { restorePlaybookSnapshot } from "@machines/playbook";
import type { Db, Tx } from "~/utils/db.server";
import { can } from "~/utils/permissions";
import type { Actor } from "../accounts/actor";
import { approvalsOf } from "../statements/statement-rows.server";
import { crisisLanguages } from "../statements/statement-languages.server";
import type { SubjectKind } from "../workflow/subject-kind";
import { stepSubjectInTx } from "../workflow/write-path.server";
import { stepTitle } from "./crisis-refusals";
import type { CrisisEffect, CrisisEventBody } from "./crisis-events";
import { statementPermission } from "./crisis-events";
import type { LockedCrisis } from "./crisis-rows.server";
import { readCrisis } from "./crisis-rows.server";
import type { CellStatement, StatementMove, StepProgress } from "./statement-steps";
import { cellKey, drivenStep, nextStatementMove, rejectionMove, statementStepProgress } from "./statement-steps";
import type { CrisisCommand, CrisisSnapshot, CrisisWritten } from "./crisis-subject.server";

// Reading a crisis's statements for the playbook steps they drive, and sending the event
// that moves the playbook on, through the one write path with the crisis as its subject
// (docs/decisions/0024). Called in the transaction of a statement's change, and after any
// playbook event of the crisis (a step entered whose cells are ready already).

type CrisisKind = SubjectKind<LockedCrisis, CrisisSnapshot, CrisisEventBody, CrisisEffect, CrisisWritten, CrisisCommand>;
type Crisis = Pick<LockedCrisis, "id" | "compiled"> & { steps: string[] };

/** The live steps the statements drive, with each required cell and whether it gives what the step needs. */
export async function readStepProgress(db: Tx | Db, crisis: Crisis): Promise<StepProgress[]> {
  if (!crisis.steps.some((s) => drivenStep(crisis.compiled, s))) return [];
  const nodes = [...crisis.compiled.plan.nodes.values()];
  const [languages, rows, tasks] = await Promise.all([
    crisisLanguages(crisis.id, db),
    db.statement.findMany({ where: { crisisId: crisis.id } }),
    db.crisisTask.findMany({ where: { crisisId: crisis.id, step: { not: null }, actionItem: false }, select: { step: true, createdAt: true, doneAt: true } }),
  ]);
  const latest = new Map<string, CellStatement & { sequence: number }>();
  for (const row of rows) {
    const key = cellKey(row);
    if ((latest.get(key)?.sequence ?? 0) < row.sequence) latest.set(key, { ...row, approvals: approvalsOf(row) });
  }
  // A round of a statement step begins when the step is entered after its statement last went out.
  const roundStart = (statement: string) => {
    const publishers = new Set(nodes.flatMap((n) => (n.step?.kind === "publish" && n.step.statement === statement ? [n.id] : [])));
    const sent = Math.max(0, ...tasks.flatMap((t) => (t.step && publishers.has(t.step) && t.doneAt ? [t.doneAt.getTime()] : [])));
    const entries = tasks.filter((t) => t.step === statement && t.createdAt.getTime() > sent).map((t) => t.createdAt.getTime());
    return entries.length > 0 ? new Date(Math.min(...entries)) : null;
  };
  return statementStepProgress(crisis.compiled, crisis.steps, languages, latest, roundStart);
}

/** The person a move stands for, as the write path's actor; Vigil itself when they no longer may (or no longer exist). */
async function actorFor(tx: Tx, move: StatementMove): Promise<Actor> {
  const user = await tx.user.findUnique({ where: { id: move.by }, include: { roles: true } });
  const roles = user?.roles.map((r) => r.role) ?? [];
  if (!user || user.disabledAt || !can(roles, statementPermission(move.type))) return { kind: "system", name: "statements" };
  return { kind: "user", id: user.id, email: user.email, roles };
}

type Follow = { crisisId: string; requestId?: string | null; at: Date; trigger: string | null; rejected?: { cell: CellStatement; by: string } };

/**
 * Sends the crisis the one playbook event its statements call for now, if any, in the
 * caller's transaction (the crisis row is locked already). The event's own follow-up comes
 * back here, so a step whose next step is ready too moves on at once. A move the machine
 * refuses leaves the playbook where it stands: the room and the matrix say what holds it.
 */
export async function advanceStatementSteps(tx: Tx, kind: CrisisKind, follow: Follow): Promise<void> {
  // A plan whose steps lead back to a statement step at once would otherwise go round for ever.
  const depth = depths.get(tx) ?? 0;
  if (depth >= MAX_MOVES) return;
  depths.set(tx, depth + 1);
  try {
    await advance(tx, kind, follow);
  } finally {
    depths.set(tx, depth);
  }
}

const MAX_MOVES = 12;
const depths = new WeakMap<Tx, number>();

async function advance(tx: Tx, kind: CrisisKind, follow: Follow): Promise<void> {
  const locked = await readCrisis(tx, follow.crisisId);
  if (!locked?.row || locked.row.state !== "active") return;
  const progress = await readStepProgress(tx, { id: locked.id, compiled: locked.compiled, steps: locked.row.steps ? locked.row.steps.split(",") : [] });
  if (progress.length === 0) return;
  const title = (step: string) => stepTitle(locked.compiled, step);
  const { context } = restorePlaybookSnapshot(locked.compiled, { playbookHash: locked.row.playbookHash, snapshot: locked.row.snapshot });
  const count = (step: string) => {
    const approval = locked.compiled.plan.nodes.get(step)?.step;
    return approval?.kind === "approval" ? approval.count : 1;
  };
  const move = follow.rejected ? rejectionMove(progress, locked.compiled, follow.rejected.cell, follow.rejected.by, title) : nextStatementMove(progress, context, count, follow.trigger, title);
  if (!move) return;
  const event = { type: move.type, step: move.step, statement: move.statement, by: move.by };
  await stepSubjectInTx(tx, kind, { id: locked.id, event, actor: await actorFor(tx, move), note: move.reason, requestId: follow.requestId, at: follow.at });
}
