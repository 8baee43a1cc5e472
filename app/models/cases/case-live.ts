import { z } from "zod";
import type { SubjectChange } from "~/utils/live-bus.server";

// What the queue and the case page hear of a case change: the bus's envelope, in the
// shape their pages read (the case's holder, and its escalation when a move changed it).

export type CaseChange = {
  caseId: string;
  ref: string;
  state: string;
  version: number;
  assigneeId: string | null;
  action: string;
  by: string;
  at: string;
  /** Set by escalation moves, which change the case's escalation and not its triage version. */
  escalation?: { state: string; tier: string; tierLabel: string; version: number };
};

export function caseChangeEnvelope(change: CaseChange): SubjectChange {
  const { caseId, ref, state, version, action, by, at, assigneeId, escalation } = change;
  return { subject: { type: "case", id: caseId, ref }, version, state, action, by, at, details: { assigneeId, ...(escalation ? { escalation } : {}) } };
}

/** The stream's view of a bus change, or null for other subjects' changes. */
export function caseChangeOf(change: SubjectChange): CaseChange | null {
  if (change.subject.type !== "case") return null;
  const details = (change.details ?? {}) as { assigneeId?: string | null; escalation?: CaseChange["escalation"] };
  return {
    caseId: change.subject.id,
    ref: change.subject.ref,
    state: change.state,
    version: change.version,
    assigneeId: details.assigneeId ?? null,
    action: change.action,
    by: change.by,
    at: change.at,
    ...(details.escalation ? { escalation: details.escalation } : {}),
  };
}

/** A case change as the queue's stream sends it, checked where a page reads it. */
export const CaseChangeShape: z.ZodType<CaseChange> = z.object({
  caseId: z.string(),
  ref: z.string(),
  state: z.string(),
  version: z.number(),
  assigneeId: z.string().nullable(),
  action: z.string(),
  by: z.string(),
  at: z.string(),
  escalation: z.object({ state: z.string(), tier: z.string(), tierLabel: z.string(), version: z.number() }).optional(),
});

/** Who is looking at a case, as the stream sends it. */
export const PresenceShape = z.object({ caseRef: z.string(), viewers: z.array(z.object({ id: z.string(), name: z.string() })) });
