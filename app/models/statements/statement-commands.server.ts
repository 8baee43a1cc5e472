import crypto from "node:crypto";
import { prisma } from "~/utils/db.server";
import type { Actor } from "../accounts/actor";
import { newStatementRef } from "../cases/refs";
import { readCrisis } from "../crises/crisis-rows.server";
import { PURPOSES } from "../templates/template-purposes";
import { approvedTemplates, parseVariants } from "../templates/templates.server";
import { applySubjectEvent } from "../workflow/write-path.server";
import { DEFAULT_CHAIN, stepForCell, statementSteps } from "./statement-chain";
import type { MachineBody } from "./statement-events";
import { STATEMENT_EVENT_DONE } from "./statement-events";
import { crisisLanguages } from "./statement-languages.server";
import { statementSubject } from "./statement-subject.server";
import { draftFromTemplate } from "./statement-text";
import type { Stage } from "./statement-words";
import { AUDIENCE_KEYS, STAGES, STATEMENT_CHANNEL_LABELS, audienceLabel } from "./statement-words";

// Changes to a crisis's statements, through the one write path with the statement as its
// subject. Each answers in a sentence, with the statement's reference.

const article = (word: string) => (/^[aeiou]/i.test(word) ? "An" : "A");

export type StatementOutcome =
  | { status: "applied"; ref: string; version: number; state: string; message: string }
  | { status: "conflict" | "refused" | "forbidden" | "not_found"; message: string };

type Base = { actor: Actor; requestId?: string | null; at?: Date };

export type CellInput = { crisisRef: string; stage: Stage; audience: string; channel: string; language: string };

/** Drafts a cell from the approved template for its purpose, channel and language (or the template's fallback). */
export async function draftCell(input: CellInput & Base): Promise<StatementOutcome> {
  const { crisisRef, stage, audience, channel, language, actor, requestId, at } = input;
  const found = await prisma.crisis.findUnique({ where: { ref: crisisRef }, select: { id: true } });
  const crisis = found && (await readCrisis(prisma, found.id));
  if (!crisis?.row) return { status: "not_found", message: "There is no such crisis." };
  const purpose = STAGES[stage].purpose;
  const channels: readonly string[] = PURPOSES[purpose].channels;
  if (!channels.includes(channel)) return { status: "refused", message: `${article(STAGES[stage].label)} ${STAGES[stage].label.toLowerCase()} goes out on ${channels.map((c) => STATEMENT_CHANNEL_LABELS[c as never]).join(" or ")}.` };
  if (!(AUDIENCE_KEYS as readonly string[]).includes(audience)) return { status: "refused", message: "Choose one of the audiences." };
  if (!(await crisisLanguages(crisis.id)).includes(language)) return { status: "refused", message: "Choose one of the crisis's languages." };

  const [template] = await approvedTemplates({ purpose, channel });
  if (!template) return { status: "refused", message: `No approved ${PURPOSES[purpose].label.toLowerCase()} template for ${STATEMENT_CHANNEL_LABELS[channel as never]}: approve one in the template library first.` };
  const latest = await prisma.statement.findFirst({ where: { crisisId: crisis.id, stage, audience, channel, language }, orderBy: { sequence: "desc" }, select: { sequence: true } });
  const values = { "community.name": "the community", "incident.title": crisis.row.title, "update.count": (latest?.sequence ?? 0) + 1 };
  const text = draftFromTemplate(parseVariants(template.variants), language, template.template.defaultLanguage, values, channel as never);
  if (!text) return { status: "refused", message: `The approved template ${template.template.key} has no text to start from.` };

  const step = stepForCell(statementSteps(crisis.compiled), { stage, audience, channel, language });
  const outcome = await applySubjectEvent(statementSubject, {
    id: crypto.randomUUID(),
    actor,
    requestId,
    at,
    event: {
      type: "DRAFT",
      ref: newStatementRef(),
      crisisId: crisis.id,
      stage,
      audience,
      channel,
      language,
      purpose,
      playbookStep: step?.step ?? null,
      template: { key: template.template.key, version: template.version, versionId: template.id, language: text.templateLanguage },
      text: { subject: text.subject, body: text.body },
      chain: step?.chain ?? DEFAULT_CHAIN,
    },
  });
  if (outcome.status !== "applied") return { status: outcome.status, message: outcome.message };
  const fallback = text.templateLanguage !== language ? ` The template has no ${language} text: it starts from ${text.templateLanguage}.` : "";
  return { status: "applied", ref: outcome.written.ref, version: 1, state: outcome.written.state, message: `Drafted ${outcome.written.ref}: ${STAGES[stage].label.toLowerCase()} for ${audienceLabel(audience).toLowerCase()} in ${language}.${fallback}` };
}

/** Any other move of a statement: edit, submit, approve, send back, publish. */
export async function moveStatement(input: { ref: string; event: MachineBody; expectedVersion?: number } & Base): Promise<StatementOutcome> {
  const row = await prisma.statement.findUnique({ where: { ref: input.ref }, select: { id: true } });
  if (!row) return { status: "not_found", message: "There is no such statement." };
  const outcome = await applySubjectEvent(statementSubject, { id: row.id, event: input.event, actor: input.actor, expectedVersion: input.expectedVersion, requestId: input.requestId, at: input.at });
  if (outcome.status !== "applied") return { status: outcome.status, message: outcome.message };
  return { status: "applied", ref: outcome.written.ref, version: outcome.written.version, state: outcome.written.state, message: `${STATEMENT_EVENT_DONE[input.event.type]}: ${outcome.written.ref}.` };
}
