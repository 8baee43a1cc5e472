import { EventEmitter } from "node:events";

// Live queue updates: the write path publishes a change after its transaction
// commits; server-sent-event streams subscribe. Within one process this is an event
// emitter; several instances on one PostgreSQL relay through LISTEN/NOTIFY.

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

export type PresenceChange = { caseRef: string; viewers: { id: string; name: string }[] };

type LiveEvents = { case: [CaseChange]; presence: [PresenceChange] };

declare global {
  var __vigilLive: EventEmitter<LiveEvents> | undefined;
}

function bus(): EventEmitter<LiveEvents> {
  if (!globalThis.__vigilLive) {
    globalThis.__vigilLive = new EventEmitter<LiveEvents>();
    globalThis.__vigilLive.setMaxListeners(0);
  }
  return globalThis.__vigilLive;
}

/** Relays published changes to other instances; set by the PostgreSQL relay. */
let relay: ((change: CaseChange) => void) | null = null;
export function setCaseChangeRelay(fn: ((change: CaseChange) => void) | null) {
  relay = fn;
}

export function publishCaseChange(change: CaseChange, { fromRelay = false } = {}) {
  bus().emit("case", change);
  if (!fromRelay) relay?.(change);
}

export function publishPresence(change: PresenceChange) {
  bus().emit("presence", change);
}

/** Relays this instance's own viewers of a case to other instances; set by the PostgreSQL relay. */
let presenceRelay: ((change: PresenceChange) => void) | null = null;
export function setPresenceRelay(fn: ((change: PresenceChange) => void) | null) {
  presenceRelay = fn;
}

export function relayPresence(change: PresenceChange) {
  presenceRelay?.(change);
}

export function subscribeLive(handlers: {
  onCase?: (change: CaseChange) => void;
  onPresence?: (change: PresenceChange) => void;
}): () => void {
  const b = bus();
  if (handlers.onCase) b.on("case", handlers.onCase);
  if (handlers.onPresence) b.on("presence", handlers.onPresence);
  return () => {
    if (handlers.onCase) b.off("case", handlers.onCase);
    if (handlers.onPresence) b.off("presence", handlers.onPresence);
  };
}
