import type { RoomActionValues } from "~/forms/crisis";
import { prisma } from "~/utils/db.server";
import type { Actor } from "../accounts/actor";
import { parseRef } from "../cases/refs";
import type { CrisisOutcome } from "./crisis-commands.server";
import { applyCrisisEvent, crisisIdOf, declareCrisis } from "./crisis-commands.server";
import type { CrisisEventBody } from "./crisis-events";
import { playbookChoices } from "./crisis-views.server";
import { suggestedPlaybook } from "./playbook-choice";
import type { CrisisRole, CrisisSeverity, CrisisType } from "./crisis-words";
import { CRISIS_SEVERITIES } from "./crisis-words";

// What the crisis pages send, as crisis events: references resolved to rows, the playbook
// suggested when none was chosen. One function per form.

type Invalid = { status: "invalid"; field: string; message: string };

export async function declareFromForm(
  values: { type: CrisisType; severity: CrisisSeverity; title: string; known: string; playbook: string; case: string },
  actor: Actor,
  requestId: string | null,
): Promise<CrisisOutcome | Invalid> {
  const choices = await playbookChoices();
  const chosen = values.playbook ? choices.find((c) => c.versionId === values.playbook) : suggestedPlaybook(choices, values.type, values.severity);
  if (!chosen) return { status: "invalid", field: "playbook", message: `No published playbook is written for this kind of crisis at ${values.severity}. Choose another type or severity, or publish a playbook for it first.` };
  if (!chosen.crisisTypes.includes(values.type) || !chosen.levels.includes(CRISIS_SEVERITIES[values.severity].level)) {
    return { status: "invalid", field: "playbook", message: `The ${chosen.title} playbook is not written for this kind of crisis at ${values.severity}.` };
  }
  let fromCase: { id: string; ref: string } | null = null;
  if (values.case) {
    const ref = parseRef(values.case, "case");
    const found = ref ? await prisma.case.findUnique({ where: { ref }, select: { id: true, ref: true } }) : null;
    if (!found) return { status: "invalid", field: "case", message: `There is no case ${values.case}.` };
    fromCase = found;
  }
  return declareCrisis({ title: values.title, crisisType: values.type, severity: values.severity, known: values.known, playbookVersionId: chosen.versionId, fromCase, actor, requestId });
}

export async function actInRoom(ref: string, values: RoomActionValues, actor: Actor, requestId: string | null): Promise<CrisisOutcome | Invalid> {
  const id = await crisisIdOf(ref);
  if (!id) return { status: "not_found", message: "There is no such crisis." };
  let event: CrisisEventBody;
  let expectedVersion: number | undefined;
  switch (values.intent) {
    case "take-command":
      event = { type: "TAKE_COMMAND", note: values.note };
      expectedVersion = values.version;
      break;
    case "assign-role": {
      const user = await prisma.user.findFirst({ where: { id: values.user, disabledAt: null }, select: { id: true } });
      if (!user) return { status: "invalid", field: "user", message: "Choose someone from the list." };
      event = { type: "ASSIGN_ROLE", role: values.role as CrisisRole, userId: user.id, note: values.note };
      break;
    }
    case "promise-update":
      event = { type: "PROMISE_UPDATE", minutes: values.minutes };
      break;
    case "step":
      // The machine refuses a step that is no longer live; other changes meanwhile do not matter.
      event = values.type === "COMPLETE" ? { type: "COMPLETE", step: values.step, ...(values.answer ? { answer: values.answer } : {}) } : { type: values.type, step: values.step };
      break;
    case "add-task":
      event = { type: "ADD_TASK", title: values.title, role: values.role as CrisisRole, dueMinutes: values.dueMinutes };
      break;
    case "start-task":
      event = { type: "START_TASK", taskId: values.task };
      break;
    case "finish-task":
      event = { type: "FINISH_TASK", taskId: values.task, ...(values.answer ? { answer: values.answer } : {}) };
      break;
    case "block-task":
      event = { type: "BLOCK_TASK", taskId: values.task, reason: values.reason };
      break;
    case "page":
      event = { type: "PAGE", role: values.role as CrisisRole, note: values.note };
      break;
    case "link-case": {
      const caseRef = parseRef(values.case, "case");
      const found = caseRef ? await prisma.case.findUnique({ where: { ref: caseRef }, select: { id: true, ref: true } }) : null;
      if (!found) return { status: "invalid", field: "case", message: `There is no case ${values.case}.` };
      event = { type: "LINK_CASE", caseId: found.id, caseRef: found.ref };
      break;
    }
    case "note":
      event = { type: "NOTE", text: values.text };
      break;
    case "pin-note":
      event = { type: "PIN_NOTE", noteSeq: values.note };
      break;
    case "unpin-note":
      event = { type: "UNPIN_NOTE", noteSeq: values.note };
      break;
  }
  return applyCrisisEvent({ id, event, actor, expectedVersion, requestId });
}
