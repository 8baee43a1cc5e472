import type { PersonEscalationEvent } from "@machines/escalation";
import { allowedEscalationEvents, restoreEscalationSnapshot } from "@machines/escalation";
import { prisma } from "~/utils/db.server";
import type { Actor } from "../accounts/actor";
import { actorId } from "../accounts/actor";
import { lockCaseRow } from "../cases/case-rows.server";
import { withWriteRetry } from "../workflow/write-retry.server";
import { publishChange } from "~/utils/live-bus.server";
import { escalationMeanwhile } from "./escalation-meanwhile.server";
import { policyVersionById } from "./escalation-policy.server";
import { EscalationConflict, escalationActorFor, escalationEventInTx } from "./escalation.server";

// What people do to an escalation (acknowledge, climb, hand back, resolve) and what the
// case page shows of it: the path taken, the current tier and who is on it.

export type EscalationCommandOutcome =
  | { status: "applied"; message: string; caseRef: string }
  | { status: "refused" | "conflict" | "not_found"; message: string };

const DONE: Record<PersonEscalationEvent, string> = {
  ACKNOWLEDGE: "You acknowledged the escalation.",
  CLIMB: "The case climbed one tier.",
  HAND_BACK: "The case went back one tier.",
  RESOLVE: "The escalation is resolved.",
};

export async function applyEscalationCommand(input: {
  caseId: string;
  type: PersonEscalationEvent;
  note: string;
  actor: Actor;
  expectedVersion?: number;
  requestId?: string | null;
}): Promise<EscalationCommandOutcome> {
  const at = new Date();
  try {
    const outcome = await withWriteRetry(async (tx) => {
      // The case row's write lock first, as every writer takes it.
      const caseRow = (await lockCaseRow(tx, input.caseId))?.row;
      if (!caseRow) return { status: "not_found" as const, message: "There is no such case." };
      // A move by a timer since the page was shown does not stand in the way; another person's does.
      const meanwhile = await escalationMeanwhile(tx, caseRow.id, input.expectedVersion, actorId(input.actor));
      if (meanwhile.kind === "person") return { status: "conflict" as const, message: meanwhile.message };
      const expectedVersion = meanwhile.kind === "system" ? meanwhile.version : input.expectedVersion;
      const told = meanwhile.kind === "system" ? ` Meanwhile ${meanwhile.what}.` : "";
      const event = { type: input.type, note: input.note };
      const moved = await escalationEventInTx(tx, { caseRow, event, actor: input.actor, at, expectedVersion, requestId: input.requestId });
      if (moved.status === "refused") return { status: "refused" as const, message: `${told.trim()} ${moved.message}`.trim() };
      return { status: "applied" as const, message: `${DONE[input.type]}${told}`, caseRef: caseRow.ref, change: moved.change };
    });
    // Committed: other moderators' queues and case pages hear of the move.
    if (outcome.status !== "applied") return outcome;
    const { change, ...applied } = outcome;
    if (change) publishChange(change);
    return applied;
  } catch (error) {
    if (error instanceof EscalationConflict) return { status: "conflict", message: "Someone else moved this escalation first; here is where it stands now." };
    throw error;
  }
}

export type EscalationView = {
  state: string;
  version: number;
  policyVersion: number;
  tier: { index: number; key: string; label: string };
  tiers: { key: string; label: string; current: boolean }[];
  acknowledgedBy: string | null;
  /** People who may act on the current tier. */
  onTier: { id: string; name: string }[];
  path: { move: string; tier: string; by: string; note: string; at: string }[];
  allowed: PersonEscalationEvent[];
};

export async function escalationViewOf(caseId: string, viewer: { id: string; roles: string[] }): Promise<EscalationView | null> {
  const row = await prisma.caseEscalation.findUnique({ where: { caseId } });
  if (!row) return null;
  const policy = await policyVersionById(prisma, row.policyVersionId);
  const snapshot = restoreEscalationSnapshot(row);
  const tiers = policy.definition.tiers;
  const current = tiers[row.tierIndex];
  const people = await prisma.user.findMany({
    where: { disabledAt: null, roles: { some: { role: { in: [...current.roles] } } } },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });
  const ids = [...new Set(snapshot.context.path.map((s) => s.by).concat(row.acknowledgedById ?? []))];
  // The machine knows intake by "api-key:<id>": people see the key's name.
  const keyIds = ids.filter((id) => id.startsWith("api-key:")).map((id) => id.slice("api-key:".length));
  const [users, keys] = await Promise.all([
    prisma.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }),
    keyIds.length ? prisma.apiKey.findMany({ where: { id: { in: keyIds } }, select: { id: true, name: true } }) : [],
  ]);
  const names = new Map([...users.map((u) => [u.id, u.name] as const), ...keys.map((k) => [`api-key:${k.id}`, `${k.name} (API key)`] as const)]);
  const nameOf = (id: string) =>
    names.get(id) ?? (id.startsWith("system:") ? "Vigil (deadline)" : id === "member" ? "Report intake" : id.startsWith("api-key:") ? "an API key since removed" : id);
  return {
    state: row.state,
    version: row.version,
    policyVersion: policy.version,
    tier: { index: row.tierIndex, key: current.key, label: current.label },
    tiers: tiers.map((t, i) => ({ key: t.key, label: t.label, current: i === row.tierIndex })),
    acknowledgedBy: row.acknowledgedById ? nameOf(row.acknowledgedById) : null,
    onTier: people,
    path: snapshot.context.path.map((s) => ({ move: s.move, tier: tiers[s.tier]?.label ?? String(s.tier), by: nameOf(s.by), note: s.note, at: s.at })),
    allowed: allowedEscalationEvents(snapshot, escalationActorFor({ kind: "user", id: viewer.id, email: "", roles: viewer.roles })),
  };
}
