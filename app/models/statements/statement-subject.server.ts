import type { StatementActor, StatementEffect, StatementEvent, StatementSnapshot } from "@machines/statement";
import { applyStatementEvent, draftStatement, restoreStatementSnapshot, serializeStatementSnapshot } from "@machines/statement";
import type { Tx } from "~/utils/db.server";
import type { Actor } from "../accounts/actor";
import { actorLabel } from "../accounts/actor";
import { crisisSubject, playbookActor } from "../crises/crisis-subject.server";
import { advanceStatementSteps } from "../crises/crisis-statement-steps.server";
import { lockCaseRows } from "../cases/crisis-priority.server";
import { lockCrisisRow, readCrisis } from "../crises/crisis-rows.server";
import type { Applying, SubjectCommand, SubjectKind } from "../workflow/subject-kind";
import { stepSubjectInTx } from "../workflow/write-path.server";
import { RetryableConflict } from "../workflow/write-retry.server";
import { STATEMENT_EFFECTS } from "./statement-effects.server";
import type { StatementDraft, StatementEventBody } from "./statement-events";
import { isMachineBody, statementPermissionFor } from "./statement-events";
import { refusalOfStatement } from "./statement-refusals";
import type { LockedStatement } from "./statement-rows.server";
import { latestInCell, lockStatementRow } from "./statement-rows.server";
import { lintStatement, textHash } from "./statement-text";
import type { Channel } from "../templates/template-purposes";
import { isChannel } from "../templates/template-purposes";
import { promisesNextUpdate } from "./statement-publishing.server";

// A crisis statement as a subject of the one write path (docs/decisions/0021, 0024): its
// row and lock, its pure machine (machines/statement.ts), its audit entry with the text's
// SHA-256, and a handler per effect. Publishing also supersedes the cell's statement before
// it and, for a members' update, promises the crisis's next update through the crisis's
// own subject, in the same transaction (statement row, then crisis row, then audit head).

export type StatementCommand = SubjectCommand<StatementEventBody>;

/** The statement events after which the playbook's statement steps are looked at again. */
const MOVES_PLAYBOOK = new Set(["SUBMIT", "APPROVE", "REJECT", "PUBLISH"]);
/** The machine's snapshot with the row and crisis it was restored from (who acts, what the text's lint finds). */
export type StatementStepView = { machine: StatementSnapshot; locked: LockedStatement };
export type StatementWritten = { id: string; ref: string; state: string; version: number; hash: string };
export type StatementApplying = Applying<LockedStatement, StatementStepView, StatementEventBody, StatementCommand>;

/** Who acts on the machine: account roles and the roles held in the statement's crisis. */
export function statementActor(actor: Actor, locked: LockedStatement): StatementActor {
  if (actor.kind !== "user") return { id: actorLabel(actor), roles: [actor.kind] };
  return playbookActor(actor, locked.crisis.room);
}

const textOf = (locked: LockedStatement, body: StatementEventBody) =>
  body.type === "DRAFT" ? body.text : body.type === "EDIT" ? { subject: body.subject, body: body.body } : { subject: locked.row?.subject ?? null, body: locked.row?.body ?? "" };

const channelOf = (row: { channel: string }): Channel => (isChannel(row.channel) ? row.channel : "public_post");

const cellOf = (locked: LockedStatement, body: StatementEventBody) => (body.type === "DRAFT" ? body : locked.row!);

function machineEvent(locked: LockedStatement, command: StatementCommand, at: Date): StatementEvent {
  const sent = { actor: statementActor(command.actor, locked), at: at.toISOString() };
  const body = command.event;
  switch (body.type) {
    case "EDIT":
      return { ...sent, type: "EDIT", hash: textHash(body) };
    case "SUBMIT": {
      const row = locked.row!;
      return { ...sent, type: "SUBMIT", lintErrors: lintStatement({ subject: row.subject, body: row.body }, channelOf(row), row.language).length };
    }
    case "APPROVE":
      return { ...sent, type: "APPROVE", hash: body.hash };
    case "REJECT":
      return { ...sent, type: "REJECT", note: body.note };
    case "PUBLISH":
    case "SUPERSEDE":
      return { ...sent, type: body.type };
    case "DRAFT":
      throw new Error("A draft is not a machine event.");
  }
}

async function drafting(tx: Tx, command: StatementCommand, body: StatementDraft): Promise<LockedStatement | null> {
  const crisis = await readCrisis(tx, body.crisisId);
  if (!crisis) return null;
  const { crisisId, stage, audience, channel, language } = body;
  return { id: command.id, row: null, crisis, previous: await latestInCell(tx, { crisisId, stage, audience, channel, language }) };
}

export const statementSubject: SubjectKind<LockedStatement, StatementStepView, StatementEventBody, StatementEffect, StatementWritten, StatementCommand> = {
  auditSubject: "Statement",
  notFound: "There is no such statement.",
  async lock(tx, command) {
    const body = command.event;
    if (body.type === "DRAFT") return drafting(tx, command, body);
    const locked = await lockStatementRow(tx, command.id);
    // Publishing may promise the crisis's next update and supersede the statement before;
    // submitting, approving, sending back and publishing may move the playbook's step (and
    // so resolve the crisis, which touches its linked cases): those rows are taken now,
    // before the audit head, as every writer takes them.
    if (locked && MOVES_PLAYBOOK.has(body.type)) {
      const crisis = await lockCrisisRow(tx, locked.crisis.id);
      if (crisis) await lockCaseRows(tx, [...crisis.room.linkedCaseIds]);
    }
    if (locked?.previous && body.type === "PUBLISH") await lockStatementRow(tx, locked.previous.id);
    return locked;
  },
  auditId: (locked) => locked.id,
  versionOf: (locked) => locked.row?.version ?? null,
  permissionFor: statementPermissionFor,
  conflictMessage: (_locked, last) => `This statement changed while you were looking at it${last ? `: ${last.by} (${last.action.replace(/^statement\./, "").replace(/_/g, " ")})` : ""}. Here is where it stands now.`,
  precheck(locked, body) {
    if (locked.crisis.room.state === "closed") return "The crisis is closed.";
    if (body.type !== "DRAFT") return null;
    if (locked.previous && locked.previous.state !== "published" && locked.previous.state !== "superseded") return `This cell already has a statement in progress (${locked.previous.ref}): edit it.`;
    return null;
  },
  restore(locked, body) {
    // A draft starts its machine in `step`, with the person drafting as its author.
    const machine = body.type === "DRAFT" ? (null as unknown as StatementSnapshot) : restoreStatementSnapshot(locked.row!);
    return { machine, locked };
  },
  step(before, command, at) {
    const body = command.event;
    if (body.type === "DRAFT") {
      const author = command.actor.kind === "user" ? command.actor.id : actorLabel(command.actor);
      return { accepted: true, snapshot: { ...before, machine: draftStatement({ chain: body.chain, author, textHash: textHash(body.text) }) }, effects: [] };
    }
    const moved = applyStatementEvent(before.machine, machineEvent(before.locked, command, at));
    return { accepted: moved.accepted, snapshot: { ...before, machine: moved.snapshot }, effects: moved.effects };
  },
  async refusal(_tx, locked, before, command) {
    const body = command.event;
    if (!isMachineBody(body)) return "The statement could not be drafted.";
    const row = locked.row!;
    return refusalOfStatement(before.machine, body, statementActor(command.actor, locked), lintStatement({ subject: row.subject, body: row.body }, channelOf(row), row.language));
  },
  audit({ locked, next, command }) {
    const body = command.event;
    const text = textOf(locked, body);
    const cell = cellOf(locked, body);
    const stored = serializeStatementSnapshot(next.machine);
    return {
      actor: command.actor,
      permission: statementPermissionFor(body),
      action: `statement.${body.type.toLowerCase()}`,
      before: locked.row ? { state: locked.row.state, hash: locked.row.textHash, version: locked.row.version } : null,
      after: {
        ref: locked.row?.ref ?? (body as StatementDraft).ref,
        crisis: locked.crisis.ref,
        cell: { stage: cell.stage, audience: cell.audience, channel: cell.channel, language: cell.language },
        state: stored.state,
        hash: textHash(text),
        version: (locked.row?.version ?? 0) + 1,
        approvals: next.machine.context.approvals.map((a) => ({ by: a.by, role: a.role, hash: a.hash })),
        ...(body.type === "DRAFT" ? { template: body.template, chain: body.chain, playbookStep: body.playbookStep } : {}),
      },
      reason: body.type === "REJECT" ? body.note : (command.note ?? null),
    };
  },
  async write(tx, { locked, next, command, at }) {
    const body = command.event;
    const stored = serializeStatementSnapshot(next.machine);
    const text = textOf(locked, body);
    const hash = textHash(text);
    const mirrored = { snapshot: stored.snapshot, machineVersion: stored.machineVersion, state: stored.state, approvals: JSON.stringify(next.machine.context.approvals), updatedAt: at };
    if (body.type === "DRAFT") {
      const authorId = command.actor.kind === "user" ? command.actor.id : actorLabel(command.actor);
      await tx.statement.create({
        data: {
          id: locked.id,
          ref: body.ref,
          crisisId: body.crisisId,
          stage: body.stage,
          audience: body.audience,
          channel: body.channel,
          language: body.language,
          sequence: (locked.previous?.sequence ?? 0) + 1,
          purpose: body.purpose,
          playbookStep: body.playbookStep,
          templateKey: body.template.key,
          templateVersion: body.template.version,
          templateVersionId: body.template.versionId,
          templateLanguage: body.template.language,
          subject: text.subject,
          body: text.body,
          textHash: hash,
          chain: JSON.stringify(body.chain),
          authorId,
          createdAt: at,
          version: 1,
          ...mirrored,
        },
      });
      return { id: locked.id, ref: body.ref, state: stored.state, version: 1, hash };
    }
    const row = locked.row!;
    const stamps = {
      ...(body.type === "EDIT" ? { subject: text.subject, body: text.body, textHash: hash } : {}),
      ...(body.type === "PUBLISH" ? { publishedAt: at, publishedById: command.actor.kind === "user" ? command.actor.id : null } : {}),
      ...(body.type === "SUPERSEDE" ? { supersededAt: at } : {}),
    };
    const { count } = await tx.statement.updateMany({ where: { id: row.id, version: row.version }, data: { ...mirrored, ...stamps, version: row.version + 1 } });
    if (count !== 1) throw new RetryableConflict("The statement changed during the transaction.");
    return { id: row.id, ref: row.ref, state: stored.state, version: row.version + 1, hash };
  },
  effects: STATEMENT_EFFECTS,
  async follow(tx, applying, written) {
    const { locked, command } = applying;
    const body = command.event;
    if (body.type === "PUBLISH") {
      if (locked.previous) {
        const superseded = await stepSubjectInTx(tx, statementSubject, { id: locked.previous.id, event: { type: "SUPERSEDE" }, actor: command.actor, requestId: command.requestId, at: applying.at });
        if (superseded.status !== "applied") throw new Error(`The statement before ${locked.row!.ref} could not be superseded: ${"message" in superseded ? superseded.message : "not applied"}`);
      }
      await promisesNextUpdate(tx, applying);
    }
    if (!MOVES_PLAYBOOK.has(body.type)) return;
    // The playbook's statement steps follow their cells (docs/decisions/0024).
    const row = locked.row!;
    const rejected = body.type === "REJECT" && command.actor.kind === "user" ? { cell: { ...row, state: written.state, approvals: [] }, by: command.actor.id } : undefined;
    await advanceStatementSteps(tx, crisisSubject, { crisisId: row.crisisId, requestId: command.requestId, at: applying.at, trigger: row.ref, rejected });
  },
  change({ locked, command, at }, written) {
    return {
      subject: { type: "statement", id: written.id, ref: written.ref },
      version: written.version,
      state: written.state,
      action: `statement.${command.event.type.toLowerCase()}`,
      by: actorLabel(command.actor),
      at: at.toISOString(),
      details: { crisisRef: locked.crisis.ref },
    };
  },
};
