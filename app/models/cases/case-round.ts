import type { TriageSnapshot } from "@machines/triage";
import { isTriageResolved } from "@machines/triage";
import type { Case } from "~/generated/prisma/client";

// The round of work a case is in, as the leadership dashboard counts it (docs/decisions/0022):
// when it was decided and by whom (from the snapshot's outcome, so a closed case keeps the
// time of its decision and an undone dismissal loses it), and when a resolved case came
// back to the queue as new work, which starts a round afresh: its time to first response
// and to resolution count from then, and its escalation peak starts again from the first tier.

export type RoundColumns = Pick<Case, "resolvedAt" | "resolvedById"> & Partial<Pick<Case, "reopenedAt" | "escalationPeak">>;

export function roundColumns(current: Pick<Case, "isOpen">, next: TriageSnapshot, at: Date): RoundColumns {
  const outcome = next.context.outcome;
  const reopened = !current.isOpen && !isTriageResolved(next) && next.value === "new";
  return {
    resolvedAt: outcome ? new Date(outcome.at) : null,
    resolvedById: outcome?.by ?? null,
    ...(reopened ? { reopenedAt: at, escalationPeak: 0 } : {}),
  };
}
