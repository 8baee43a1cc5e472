import type { TriageActor } from "@machines/triage";
import { allowedTriageEvents } from "@machines/triage";
import type { CaseAction } from "~/forms/case-action";
import { prisma } from "~/utils/db.server";
import type { Actor } from "../accounts/actor";
import { findCaseWorker } from "../queue/queue-work.server";
import type { CaseEventBody } from "./case-event-vocabulary";
import { triageActorFor } from "./case-event-vocabulary";
import type { CaseEventOutcome } from "./case-events.server";
import { applyCaseEvent } from "./case-events.server";
import { restoreForView } from "./case-view.server";

// What a person does from the case page: one validated form sent through the write path,
// and the next case to work after "act and go to next". What the page shows is built in
// case-view.server.ts.

/**
 * The case to open after "act and go to next": the highest-priority open, unassigned case
 * (other than `exceptCaseId`) that the machine would let `actor` claim, or null.
 */
export async function nextCaseToWork(actor: Actor, exceptCaseId: string): Promise<{ id: string; ref: string } | null> {
  const triageActor: TriageActor = triageActorFor(actor);
  const batch = 50;
  let after: { priority: number; id: string } | null = null;
  // Seniors and moderators see different queues (escalated cases): ask the machine case by case.
  for (let page = 0; page < 20; page++) {
    const rows: { id: string; ref: string; priority: number; snapshot: string; machineVersion: number }[] = await prisma.case.findMany({
      where: {
        isOpen: true,
        assigneeId: null,
        id: { not: exceptCaseId },
        ...(after ? { OR: [{ priority: { lt: after.priority } }, { priority: after.priority, id: { lt: after.id } }] } : {}),
      },
      select: { id: true, ref: true, priority: true, snapshot: true, machineVersion: true },
      orderBy: [{ priority: "desc" }, { id: "desc" }],
      take: batch,
    });
    for (const row of rows) {
      const { snapshot } = restoreForView(row);
      if (snapshot && allowedTriageEvents(snapshot, triageActor).includes("CLAIM")) return { id: row.id, ref: row.ref };
    }
    const last = rows.at(-1);
    if (rows.length < batch || !last) return null;
    after = { priority: last.priority, id: last.id };
  }
  return null;
}

export type CaseActionOutcome =
  | { status: "applied"; ref: string; next: { ref: string } | null | undefined }
  | { status: "invalid"; fieldErrors: Record<string, string[]>; message: string }
  | Exclude<CaseEventOutcome, { status: "applied" }>;

function toEvent(action: CaseAction, assigneeRoles: string[]): CaseEventBody {
  switch (action.intent) {
    case "ASSIGN":
      return { type: "ASSIGN", assigneeId: action.assigneeId, assigneeRoles };
    case "ACT":
      return { type: "ACT", action: action.action, ruleCode: action.ruleCode, reason: action.reason };
    case "REQUEST_INFO":
    case "DISMISS":
    case "ESCALATE":
    case "REJECT":
    case "REOPEN":
      return { type: action.intent, reason: action.reason };
    default:
      return { type: action.intent };
  }
}

/**
 * Sends one validated form from the case page through the write path, at the version the
 * person saw. With "go to next", an applied change answers the next case to work (null: none).
 */
export async function submitCaseAction(ref: string, action: CaseAction, actor: Actor, requestId: string | null): Promise<CaseActionOutcome> {
  const found = await prisma.case.findUnique({ where: { ref }, select: { id: true } });
  if (!found) return { status: "not_found", message: "There is no such case." };
  let assigneeRoles: string[] = [];
  if (action.intent === "ASSIGN") {
    const assignee = await findCaseWorker(action.assigneeId);
    if (!assignee) return { status: "invalid", message: "Check the form.", fieldErrors: { assigneeId: ["Choose someone who works cases."] } };
    assigneeRoles = assignee.roles;
  }
  const outcome = await applyCaseEvent({ caseId: found.id, event: toEvent(action, assigneeRoles), actor, expectedVersion: action.version, requestId });
  if (outcome.status !== "applied") return outcome;
  const goNext = "next" in action && action.next === "1";
  return { status: "applied", ref: outcome.case.ref, next: goNext ? await nextCaseToWork(actor, found.id) : undefined };
}
