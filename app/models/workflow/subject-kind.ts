import type { Tx } from "~/utils/db.server";
import type { SubjectChange } from "~/utils/live-bus.server";
import type { Permission } from "~/utils/permissions";
import type { Actor } from "../accounts/actor";
import type { AuditInput } from "../audit/audit.server";

// What a machine-driven subject (a case, its escalation, and next a crisis, a statement,
// an appeal) tells the one write path (`write-path.server.ts`) so that the path can lock
// it, step its pure machine, store it, audit it and carry out what the machine asked for.
// A new subject plugs in by writing one of these; it never copies the path's skeleton.

/** The event as a caller sends it: the write path adds who sends it and when. */
export type EventBody = { type: string };

/** The machine's answer to one event, whatever the machine. */
export type MachineStep<Snapshot, Effect> = { accepted: boolean; snapshot: Snapshot; effects: Effect[] };

export type SubjectCommand<Body extends EventBody> = {
  id: string;
  event: Body;
  actor: Actor;
  /** The version the person saw; another current version answers a conflict. */
  expectedVersion?: number;
  requestId?: string | null;
  at?: Date;
  /** Why, for events that carry no reason of their own. */
  note?: string;
};

/** Everything the path knows while it applies one accepted event: what handlers and the store read. */
export type Applying<Locked, Snapshot, Body extends EventBody, Command extends SubjectCommand<Body> = SubjectCommand<Body>> = {
  locked: Locked;
  before: Snapshot;
  next: Snapshot;
  command: Command;
  at: Date;
};

/** One handler per effect kind: a kind without a handler does not compile. */
export type EffectHandlers<Effect extends { type: string }, Context> = {
  [K in Effect["type"]]: (tx: Tx, effect: Extract<Effect, { type: K }>, context: Context) => Promise<void>;
};

export type LastChange = { by: string; action: string; at: string; reason: string | null };

export interface SubjectKind<Locked, Snapshot, Body extends EventBody, Effect extends { type: string }, Written, Command extends SubjectCommand<Body> = SubjectCommand<Body>> {
  /** As the audit log names the subject (`Case`). */
  auditSubject: string;
  notFound: string;
  /** Takes the subject row's write lock and reads it: the first statement of every write. */
  lock(tx: Tx, command: Command): Promise<Locked | null>;
  /** The audit log's subject id for the entries the subject's changes append. */
  auditId(locked: Locked): string;
  /** The stored version a person's `expectedVersion` is compared with (null: nothing stored yet). */
  versionOf(locked: Locked): number | null;
  /** The permission a person needs for the event; without it the machine's guards alone decide. */
  permissionFor?(body: Body): Permission | null;
  /** How a conflict reads to the person whose version is stale; `last` names who changed it. */
  conflictMessage(locked: Locked, last: LastChange | null): string;
  /** A refusal the path can give before the machine is asked (the subject is not in a state to have one). */
  precheck?(locked: Locked, body: Body): string | null;
  restore(locked: Locked, body: Body): Snapshot;
  step(before: Snapshot, command: Command, at: Date): MachineStep<Snapshot, Effect>;
  refusal(tx: Tx, locked: Locked, before: Snapshot, command: Command, at: Date): Promise<string>;
  audit(applying: Applying<Locked, Snapshot, Body, Command>): Omit<AuditInput, "subjectType" | "subjectId">;
  /** Writes the next snapshot and its mirrored columns; a compare-and-set that failed throws `RetryableConflict`. */
  write(tx: Tx, applying: Applying<Locked, Snapshot, Body, Command>): Promise<Written>;
  effects: EffectHandlers<Effect, Applying<Locked, Snapshot, Body, Command>>;
  /** What follows the subject in the same transaction (a case's SLA clocks and escalation). */
  follow?(tx: Tx, applying: Applying<Locked, Snapshot, Body, Command>, written: Written): Promise<void>;
  /** What live pages hear once the change has committed. */
  change(applying: Applying<Locked, Snapshot, Body, Command>, written: Written): SubjectChange | null;
}
