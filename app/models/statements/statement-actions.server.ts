import type { StatementActionValues } from "~/forms/statement";
import { prisma } from "~/utils/db.server";
import type { Actor } from "../accounts/actor";
import type { StatementOutcome } from "./statement-commands.server";
import { draftCell, moveStatement } from "./statement-commands.server";
import { cellKey } from "./statement-matrix.server";
import type { Stage } from "./statement-words";

// The statements panel's intents as commands: a statement named by reference must belong to
// the crisis in the address; the answer names the cell to show next.

export type PanelOutcome = (Extract<StatementOutcome, { status: "applied" }> & { cell: string }) | Exclude<StatementOutcome, { status: "applied" }>;

export async function actOnStatement(crisisRef: string, values: StatementActionValues, actor: Actor, requestId: string | null): Promise<PanelOutcome> {
  if (values.intent === "draft") {
    const outcome = await draftCell({ crisisRef, stage: values.stage as Stage, audience: values.audience, channel: values.channel, language: values.language, actor, requestId });
    return outcome.status === "applied" ? { ...outcome, cell: cellKey(values) } : outcome;
  }
  const ref = values.ref.toUpperCase();
  const row = await prisma.statement.findUnique({ where: { ref }, select: { stage: true, audience: true, channel: true, language: true, crisis: { select: { ref: true } } } });
  if (!row || row.crisis.ref !== crisisRef) return { status: "not_found", message: "There is no such statement in this crisis." };
  const event =
    values.intent === "edit"
      ? { type: "EDIT" as const, subject: row.channel === "email" ? values.subject || null : null, body: values.body }
      : values.intent === "approve"
        ? { type: "APPROVE" as const, hash: values.hash }
        : values.intent === "reject"
          ? { type: "REJECT" as const, note: values.note }
          : { type: values.intent === "submit" ? ("SUBMIT" as const) : ("PUBLISH" as const) };
  const outcome = await moveStatement({ ref, event, expectedVersion: values.version, actor, requestId });
  return outcome.status === "applied" ? { ...outcome, cell: cellKey(row) } : outcome;
}
