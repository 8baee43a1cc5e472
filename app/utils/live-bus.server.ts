import { EventEmitter } from "node:events";

// The live bus, below the models: a write path publishes what changed after its
// transaction commits; server-sent-event streams subscribe. Within one process this is an
// event emitter; several instances on one PostgreSQL relay it through LISTEN/NOTIFY
// (services/pg-relay.server.ts). The envelope is the same for every subject.

export type SubjectType = "case" | "crisis" | "statement" | "appeal";

export type SubjectChange = {
  subject: { type: SubjectType; id: string; ref: string };
  /** The subject's version after the change (a child's change keeps its parent's). */
  version: number;
  state: string;
  /** What happened, as the audit log names it (`case.claim`, `escalation.breach`). */
  action: string;
  by: string;
  at: string;
  /** What the subject's own live views show beyond that (a case: who holds it, its escalation). */
  details?: Record<string, unknown>;
};

export type PresenceChange = { caseRef: string; viewers: { id: string; name: string }[] };

type LiveEvents = { change: [SubjectChange]; presence: [PresenceChange] };

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
let relay: ((change: SubjectChange) => void) | null = null;
export function setChangeRelay(fn: ((change: SubjectChange) => void) | null) {
  relay = fn;
}

export function publishChange(change: SubjectChange, { fromRelay = false } = {}) {
  bus().emit("change", change);
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
  onChange?: (change: SubjectChange) => void;
  onPresence?: (change: PresenceChange) => void;
}): () => void {
  const b = bus();
  if (handlers.onChange) b.on("change", handlers.onChange);
  if (handlers.onPresence) b.on("presence", handlers.onPresence);
  return () => {
    if (handlers.onChange) b.off("change", handlers.onChange);
    if (handlers.onPresence) b.off("presence", handlers.onPresence);
  };
}
