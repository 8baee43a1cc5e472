import type { CompiledPlaybook, PlaybookActor, PlaybookEvent, PlaybookSnapshot } from "@machines/playbook";
import { activeSteps, applyPlaybookEvent, isReviewed, PLAYBOOK_SCHEDULER, RESOLVED, REVIEW, serializePlaybookSnapshot, startPlaybook, restorePlaybookSnapshot } from "@machines/playbook";
import { rolesFor } from "@machines/playbook/implementations";
import type { Actor } from "../accounts/actor";
import { actorLabel } from "../accounts/actor";
import type { Applying, SubjectCommand, SubjectKind } from "../workflow/subject-kind";
import { RetryableConflict } from "../workflow/write-retry.server";
import { CRISIS_EFFECTS } from "./crisis-effects.server";
import type { CrisisEffect, CrisisEventBody, Declaration, FromStatements, PlaybookBody } from "./crisis-events";
import { CRISIS_EVENT_LABELS, crisisPermissionFor, isPlaybookBody, statementOf } from "./crisis-events";
import type { RoomView } from "./crisis-room";
import { stepRoom } from "./crisis-room";
import { signOffReview } from "./crisis-review-rules";
import type { LockedCrisis } from "./crisis-rows.server";
import { declaringCrisis, lockCrisisRow, readNotes } from "./crisis-rows.server";
import { CRISIS_ROLES, CRISIS_SEVERITIES, isCrisisRole } from "./crisis-words";
import { refusalOfStep, stepTitle } from "./crisis-refusals";
import { advanceStatementSteps } from "./crisis-statement-steps.server";
import { drivenStep } from "./statement-steps";
import { lockCaseRows } from "../cases/crisis-priority.server";

// A crisis as a subject of the one write path (docs/decisions/0021, 0023): its row and
// lock, the compiled playbook version it pins (the machine decides the playbook's events),
// the room's rules (which decide command, roles, cadence, tasks by hand, pages and links),
// its audit entry, and a handler for each effect kind (crisis-effects.server.ts).

export type CrisisCommand = SubjectCommand<CrisisEventBody> & {
  /** The timer this event fires (the scheduler only): the write path settles it, so no effect of its own event cancels it. */
  firingTimerId?: string;
};

/** The machine's snapshot with what the room's rules read, and the effects the step asked for (the audit names them). */
export type CrisisSnapshot = { playbook: PlaybookSnapshot; compiled: CompiledPlaybook; room: RoomView; effects: CrisisEffect[] };
export type CrisisWritten = { id: string; ref: string; state: string; version: number; steps: string[] };
export type CrisisApplying = Applying<LockedCrisis, CrisisSnapshot, CrisisEventBody, CrisisCommand>;

/** Who acts on the machine: the person's account roles and the ones their roles in this crisis stand for. */
export function playbookActor(actor: Actor, room: RoomView): PlaybookActor {
  if (actor.kind !== "user") return PLAYBOOK_SCHEDULER;
  const held = (room.holders.get(actor.id) ?? []).flatMap((r) => (isCrisisRole(r) && CRISIS_ROLES[r].accountRole ? [CRISIS_ROLES[r].accountRole] : []));
  return { id: actor.id, roles: [...new Set([...actor.roles, ...held])] };
}

const factsOf = (declaration: Declaration) => ({ type: declaration.crisisType, severity: CRISIS_SEVERITIES[declaration.severity].level, linkedCases: declaration.fromCase ? 1 : 0 });

function stateOf(snapshot: PlaybookSnapshot): string {
  if (isReviewed(snapshot)) return "closed";
  return snapshot._nodes.some((n) => n.id === RESOLVED) ? "resolved" : "active";
}

function step(before: CrisisSnapshot, command: CrisisCommand, at: Date): { accepted: boolean; snapshot: CrisisSnapshot; effects: CrisisEffect[] } {
  const { compiled, room } = before;
  const body = command.event;
  const refused = { accepted: false, snapshot: before, effects: [] };
  if (body.type === "DECLARE") {
    const started = startPlaybook(compiled, factsOf(body));
    const minutes = CRISIS_SEVERITIES[body.severity].updateMinutes;
    const effects: CrisisEffect[] = [
      { type: "crisis.declared" },
      ...(body.fromCase ? [{ type: "case.linked" as const, caseId: body.fromCase.id, caseRef: body.fromCase.ref }] : []),
      { type: "update.promised", minutes, dueAt: new Date(at.getTime() + minutes * 60_000).toISOString() },
      ...started.effects,
    ];
    return { accepted: true, snapshot: { ...before, playbook: started.snapshot, effects }, effects };
  }
  if (isPlaybookBody(body)) {
    // The review's step is completed by the review's sign-off, never on its own (decision 25).
    if (room.state === "closed" || (body.type === "COMPLETE" && body.step === REVIEW)) return refused;
    const actor = statementStepActor(compiled, before.playbook, body) ?? playbookActor(command.actor, room);
    if (!actor) return refused;
    const { statement: _s, by: _b, ...sent } = body as PlaybookBody & FromStatements;
    const event = { ...sent, actor } as PlaybookEvent;
    const moved = applyPlaybookEvent(compiled, before.playbook, event);
    return moved.accepted ? { accepted: true, snapshot: { ...before, playbook: moved.snapshot, effects: moved.effects }, effects: moved.effects } : refused;
  }
  const actorId = command.actor.kind === "user" ? command.actor.id : null;
  const ruled = stepRoom(room, body, actorId, at);
  if (!ruled.accepted) return refused;
  let playbook = before.playbook;
  const effects: CrisisEffect[] = [...ruled.effects];
  if (body.type === "LINK_CASE") {
    // The linked-case count is one of the facts a playbook's decisions and severity rules read.
    const facts = applyPlaybookEvent(compiled, playbook, { type: "FACTS", facts: { linkedCases: room.linkedCaseIds.size + 1 }, actor: PLAYBOOK_SCHEDULER });
    if (facts.accepted) {
      playbook = facts.snapshot;
      effects.push(...facts.effects);
    }
  }
  if (body.type === "SIGN_OFF_REVIEW" && actorId) {
    const signed = signOffReview(compiled, playbook, actorId);
    if (!signed.accepted) return refused;
    playbook = signed.snapshot;
    effects.push(...signed.effects);
  }
  return { accepted: true, snapshot: { ...before, playbook, effects }, effects };
}

/**
 * Who acts on a step the statements drive (docs/decisions/0024): the person the statements
 * name, standing in for the roles the playbook gives the step, as a review's signer does.
 * Null when people work the step in the room; false when a person sends what only the
 * statements may.
 */
function statementStepActor(compiled: CompiledPlaybook, playbook: PlaybookSnapshot, body: PlaybookBody): PlaybookActor | null | false {
  if (body.type !== "DRAFT" && body.type !== "APPROVE" && body.type !== "REJECT" && body.type !== "PUBLISH") return null;
  const driven = drivenStep(compiled, body.step);
  if (!statementOf(body)) return driven ? false : null;
  const step = compiled.plan.nodes.get(body.step)?.step;
  if (!driven || !step || !body.by) return false;
  return { id: body.by, roles: rolesFor(compiled.playbook, step, playbook.context) };
}

/** A linked case climbs while the crisis is active: linking it, or a step that may resolve the crisis, changes its priority. */
function casesTouchedBy(body: CrisisEventBody, room: RoomView): string[] {
  if (body.type === "DECLARE") return body.fromCase ? [body.fromCase.id] : [];
  if (body.type === "LINK_CASE") return [body.caseId];
  return isPlaybookBody(body) ? [...room.linkedCaseIds] : [];
}

/** The details an audit entry keeps of each event, besides its type. */
function detailsOf(body: CrisisEventBody, locked: LockedCrisis): Record<string, unknown> {
  const { type: _type, ...rest } = body;
  if (body.type === "DECLARE") return { title: body.title, type: body.crisisType, severity: body.severity, fromCase: body.fromCase?.ref ?? null, playbook: locked.compiled.playbook.key };
  if ("note" in rest || "text" in rest || "reason" in rest) {
    const { note: _n, text: _t, reason: _r, ...others } = rest as Record<string, unknown>;
    return others;
  }
  return rest;
}

export const crisisSubject: SubjectKind<LockedCrisis, CrisisSnapshot, CrisisEventBody, CrisisEffect, CrisisWritten, CrisisCommand> = {
  auditSubject: "Crisis",
  notFound: "There is no such crisis.",
  async lock(tx, command) {
    const body = command.event;
    const locked = body.type === "DECLARE" ? await declaringCrisis(tx, command.id, body.ref, body.playbookVersionId) : await lockCrisisRow(tx, command.id);
    // The cases whose priority this event may change (crisis-priority.server.ts), before the audit head: one lock order.
    if (locked) await lockCaseRows(tx, casesTouchedBy(body, locked.room));
    if (locked && (body.type === "PIN_NOTE" || body.type === "UNPIN_NOTE")) locked.room.notes = await readNotes(tx, locked.id);
    return locked;
  },
  auditId: (locked) => locked.id,
  versionOf: (locked) => locked.row?.version ?? null,
  permissionFor: crisisPermissionFor,
  conflictMessage(locked, last) {
    const commander = locked.room.commanderId ? locked.names.get(locked.room.commanderId) : null;
    if (last?.action === "crisis.take_command" && commander) return `${commander} took command first. The crisis changed while you were looking at it; here is where it stands now.`;
    const what = last ? `${last.by} (${last.action.replace(/^crisis\./, "").replace(/_/g, " ")})` : "someone else";
    return `This crisis changed while you were looking at it: ${what}. Here is where it stands now.`;
  },
  precheck: (locked, body) => (body.type === "DECLARE" && locked.row ? "That crisis is already declared." : null),
  restore(locked) {
    const playbook = locked.row ? restorePlaybookSnapshot(locked.compiled, { playbookHash: locked.row.playbookHash, snapshot: locked.row.snapshot }) : (null as unknown as PlaybookSnapshot);
    return { playbook, compiled: locked.compiled, room: locked.room, effects: [] };
  },
  step,
  async refusal(_tx, locked, before, command) {
    const body = command.event;
    if (isPlaybookBody(body) && body.type === "COMPLETE" && body.step === REVIEW && locked.room.state === "resolved") return "The review is completed by its sign-off: open the review.";
    if (isPlaybookBody(body) && "step" in body && !statementOf(body) && drivenStep(locked.compiled, body.step)) {
      return `“${stepTitle(locked.compiled, body.step)}” follows its statements: draft, approve and publish them on the statements panel.`;
    }
    if (isPlaybookBody(body)) return locked.room.state === "closed" ? "The crisis is closed." : refusalOfStep(locked.compiled, before.playbook, body, playbookActor(command.actor, locked.room));
    if (body.type === "DECLARE") return "The crisis could not be declared.";
    const ruled = stepRoom(locked.room, body, command.actor.kind === "user" ? command.actor.id : null, command.at ?? new Date());
    return ruled.accepted ? `“${CRISIS_EVENT_LABELS[body.type]}” is not possible now.` : ruled.refusal;
  },
  audit({ locked, next, command }) {
    const body = command.event;
    const steps = activeSteps(locked.compiled, next.playbook);
    const version = (locked.row?.version ?? 0) + 1;
    return {
      actor: command.actor,
      permission: crisisPermissionFor(body) ?? undefined,
      action: `crisis.${body.type.toLowerCase()}`,
      before: locked.row ? { state: locked.row.state, steps: locked.row.steps ? locked.row.steps.split(",") : [], version: locked.row.version } : null,
      after: { state: stateOf(next.playbook), steps, version, ...detailsOf(body, locked), effects: next.effects.filter((e) => e.type !== "step.entered" && e.type !== "phase.entered") },
      reason: "note" in body && body.note ? body.note : "text" in body ? body.text : "reason" in body ? body.reason : (command.note ?? null),
    };
  },
  async write(tx, { locked, next, command, at }) {
    const stored = serializePlaybookSnapshot(locked.compiled, next.playbook);
    const steps = activeSteps(locked.compiled, next.playbook);
    const state = stateOf(next.playbook);
    const mirrored = { snapshot: stored.snapshot, steps: steps.join(","), state, updatedAt: at };
    const body = command.event;
    if (!locked.row) {
      const declaration = body as Declaration;
      const by = command.actor.kind === "user" ? command.actor.id : actorLabel(command.actor);
      await tx.crisis.create({
        data: {
          id: locked.id,
          ref: locked.ref,
          title: declaration.title,
          type: declaration.crisisType,
          severity: declaration.severity,
          known: declaration.known,
          playbookVersionId: declaration.playbookVersionId,
          playbookHash: stored.playbookHash,
          declaredById: by,
          declaredAt: at,
          updateEveryMinutes: CRISIS_SEVERITIES[declaration.severity].updateMinutes,
          version: 1,
          ...mirrored,
        },
      });
      return { id: locked.id, ref: locked.ref, state, version: 1, steps };
    }
    const row = locked.row;
    const stamps = { ...(state !== "active" && !row.resolvedAt ? { resolvedAt: at } : {}), ...(state === "closed" && !row.closedAt ? { closedAt: at } : {}) };
    const { count } = await tx.crisis.updateMany({ where: { id: row.id, version: row.version }, data: { ...mirrored, ...stamps, version: row.version + 1 } });
    if (count !== 1) throw new RetryableConflict("The crisis changed during the transaction.");
    return { id: row.id, ref: row.ref, state, version: row.version + 1, steps };
  },
  effects: CRISIS_EFFECTS,
  async follow(tx, { locked, command, at }, written) {
    // A step entered may find its cells ready already (drafted before the playbook asked).
    if (!isPlaybookBody(command.event) || !written.steps.some((s) => drivenStep(locked.compiled, s))) return;
    await advanceStatementSteps(tx, crisisSubject, { crisisId: locked.id, requestId: command.requestId, at, trigger: statementOf(command.event) });
  },
  change({ command, at }, written) {
    return {
      subject: { type: "crisis", id: written.id, ref: written.ref },
      version: written.version,
      state: written.state,
      action: `crisis.${command.event.type.toLowerCase()}`,
      by: actorLabel(command.actor),
      at: at.toISOString(),
      details: { steps: written.steps },
    };
  },
};
