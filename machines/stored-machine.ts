// One facade for every machine whose snapshot the server stores (triage, escalation, and a
// compiled playbook): step it with an event without running anything, serialise it with
// the version of the machine that wrote it, restore it and refuse a version it does not
// know rather than guess. Effects are the machine's emitted events, as data, in order.
import { transition } from "xstate";
import type { AnyStateMachine, EventFromLogic } from "xstate";
import { z } from "zod";

export interface MachineStep<TSnapshot, TEffect> {
  /** False when no transition is enabled for the event. */
  accepted: boolean;
  /** The next snapshot; the same snapshot when not accepted. */
  snapshot: TSnapshot;
  /** What the server must do once the snapshot is written, in order. */
  effects: TEffect[];
}

/** What a subject's row keeps: the state for queries, the snapshot and who wrote it. */
export interface StoredMachineSnapshot<TState extends string = string> {
  state: TState;
  snapshot: string;
  machineVersion: number;
}

/** The effects among a transition's actions; anything else would be work inside a pure machine. */
export function effectsOf<TEffect>(name: string, actions: readonly { type: string; params?: unknown }[]): TEffect[] {
  return actions.map(({ type, params }) => {
    if (type !== "xstate.emit") throw new Error(`${name} machine returned a non-effect action: ${type}`);
    return (params as { event: TEffect }).event;
  });
}

/** A stored snapshot as far as the facade reads it: a state and a context object. */
const Persisted = z.object({ value: z.unknown(), context: z.record(z.string(), z.unknown()).nullable().optional() }).passthrough();

/** A stored snapshot's JSON, checked as far as restoring reads it. */
export function parseStoredSnapshot(name: string, text: string): z.infer<typeof Persisted> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new Error(`${name} snapshot is not JSON`);
  }
  const parsed = Persisted.safeParse(raw);
  if (!parsed.success) throw new Error(`${name} snapshot is not a snapshot: ${parsed.error.issues[0]?.message ?? "invalid"}`);
  return parsed.data;
}

export function storedMachine<TMachine extends AnyStateMachine, TState extends string, TEffect, TContext extends object>(spec: {
  name: string;
  machine: TMachine;
  version: number;
  states: readonly TState[];
  /** Context the server gives again on every restore rather than storing it (the triage machine's role sets). */
  given?: readonly (keyof TContext)[];
}) {
  type Snapshot = ReturnType<TMachine["resolveState"]>;
  const { name, machine, version, states, given = [] } = spec;

  function step(snapshot: Snapshot, event: EventFromLogic<TMachine>): MachineStep<Snapshot, TEffect> {
    if (!snapshot.can(event)) return { accepted: false, snapshot, effects: [] };
    const [next, actions] = transition(machine, snapshot as never, event);
    return { accepted: true, snapshot: next as Snapshot, effects: effectsOf<TEffect>(name, actions) };
  }

  function serialize(snapshot: Snapshot): StoredMachineSnapshot<TState> {
    const persisted = machine.getPersistedSnapshot(snapshot) as unknown as { context: Record<string, unknown> };
    const context = Object.fromEntries(Object.entries(persisted.context).filter(([key]) => !(given as readonly string[]).includes(key)));
    return { state: snapshot.value as TState, snapshot: JSON.stringify({ ...persisted, context }), machineVersion: version };
  }

  function restore(stored: Pick<StoredMachineSnapshot, "snapshot" | "machineVersion">, context: Partial<TContext> = {}): Snapshot {
    // No migrations exist yet: refuse rather than guess what an older shape meant.
    if (stored.machineVersion !== version) {
      throw new Error(`${name} snapshot written by machine version ${stored.machineVersion}; this build reads version ${version}`);
    }
    const persisted = parseStoredSnapshot(name, stored.snapshot);
    if (!(states as readonly unknown[]).includes(persisted.value)) throw new Error(`${name} snapshot has an unknown state: ${JSON.stringify(persisted.value)}`);
    if (typeof persisted.context !== "object" || persisted.context === null) throw new Error(`${name} snapshot has no context`);
    return machine.resolveState({ value: persisted.value as TState, context: { ...(persisted.context as TContext), ...context } }) as Snapshot;
  }

  return { step, serialize, restore };
}
