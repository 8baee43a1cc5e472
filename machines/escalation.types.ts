// The escalation vocabulary: tiers as the machine sees them, events, context and the
// effects it asks for. Shared by the machine, its helpers and the server.

export const ESCALATION_STATES = ["idle", "awaiting_ack", "acknowledged", "resolved"] as const;
export type EscalationState = (typeof ESCALATION_STATES)[number];

export const ESCALATION_EVENT_TYPES = ["START", "ACKNOWLEDGE", "CLIMB", "HAND_BACK", "BREACH", "RESOLVE"] as const;
export type EscalationEventType = (typeof ESCALATION_EVENT_TYPES)[number];

/** The SLA clock that ran out: time to first response (acknowledgement) or to resolution. */
export type SlaClock = "first_response" | "resolution";

/** A tier as the machine needs it: its key and the roles that may act on it. */
export interface EscalationTier {
  key: string;
  roles: string[];
}

export interface EscalationActor {
  id: string;
  roles: string[];
}

export const ESCALATION_SYSTEM_ROLE = "system";

interface Sent {
  actor: EscalationActor;
  at: string;
}

export type EscalationEvent =
  // Enters `tier` (by index); `page` calls the tier at once (a rule that skips tiers).
  | (Sent & { type: "START"; tier: number; note: string; page: boolean })
  | (Sent & { type: "ACKNOWLEDGE"; note?: string })
  // By hand, with a reason: one tier up.
  | (Sent & { type: "CLIMB"; note: string })
  // Back down one tier, with a note for whoever takes it there.
  | (Sent & { type: "HAND_BACK"; note: string })
  // A deadline passed (the scheduler): one tier up, or a breach at the top tier.
  | (Sent & { type: "BREACH"; clock: SlaClock; note: string })
  // The case was resolved: the escalation ends with the decision as its note.
  | (Sent & { type: "RESOLVE"; note: string });

export type EscalationMove = "start" | "acknowledge" | "climb" | "hand_back" | "breach" | "resolve";

/** One step of the path a case took, shown on the case page. */
export interface EscalationStep {
  move: EscalationMove;
  tier: number;
  by: string;
  note: string;
  at: string;
}

export interface EscalationContext {
  tiers: EscalationTier[];
  /** The current tier; -1 before START. */
  tier: number;
  acknowledgedBy: string | null;
  path: EscalationStep[];
}

export interface EscalationInput {
  tiers: EscalationTier[];
}

/**
 * Side effects as data. The server picks recipients (the tier's roles), writes inbox
 * notifications and webhook messages, and sets the SLA timers for the tier.
 */
export type EscalationEffect =
  | { type: "tier.entered"; tier: number; move: "start" | "climb" | "hand_back" | "breach"; page: boolean }
  | { type: "tier.acknowledged"; tier: number; by: string }
  | { type: "sla.breached"; tier: number; clock: SlaClock; atTop: boolean }
  | { type: "escalation.resolved"; tier: number };
