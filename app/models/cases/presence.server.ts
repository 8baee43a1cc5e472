import type { PresenceChange } from "~/utils/live-bus.server";
import { publishPresence, relayPresence } from "~/utils/live-bus.server";

// Who is looking at a case right now. The case page touches its case while it is open
// and leaves when it closes; an entry nobody renews expires, so a closed laptop does
// not haunt the queue. Kept in this process's memory; with several instances on
// PostgreSQL each instance relays its own viewers of a case (services/pg-relay.server.ts)
// on every touch, and the others keep that list for one TTL and merge it into theirs.

export const PRESENCE_TTL_MS = 45_000;

export type Viewer = { id: string; name: string };

type Entry = Viewer & { expiresAt: number };

/** Viewers other instances reported: case ref → instance id → its viewers. */
type Remote = Map<string, Map<string, { viewers: Viewer[]; expiresAt: number }>>;

declare global {
  var __vigilRemotePresence: Remote | undefined;
  var __vigilPresence: Map<string, Map<string, Entry>> | undefined;
  var __vigilPresenceSweep: ReturnType<typeof setInterval> | undefined;
}

function cases(): Map<string, Map<string, Entry>> {
  globalThis.__vigilPresence ??= new Map();
  return globalThis.__vigilPresence;
}

function viewersIn(entries: Map<string, Entry> | undefined): Viewer[] {
  return [...(entries?.values() ?? [])].map(({ id, name }) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name));
}

function remote(): Remote {
  globalThis.__vigilRemotePresence ??= new Map();
  return globalThis.__vigilRemotePresence;
}

/** This instance's viewers merged with those other instances reported (unexpired). */
function mergedViewers(caseRef: string, local: Viewer[], now = Date.now()): Viewer[] {
  const byId = new Map(local.map((v) => [v.id, v]));
  for (const [instance, entry] of remote().get(caseRef) ?? []) {
    if (entry.expiresAt <= now) remote().get(caseRef)?.delete(instance);
    else for (const v of entry.viewers) if (!byId.has(v.id)) byId.set(v.id, v);
  }
  return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name));
}

function publish(caseRef: string) {
  const local = viewersIn(cases().get(caseRef));
  publishPresence({ caseRef, viewers: mergedViewers(caseRef, local) });
  relayPresence({ caseRef, viewers: local });
}

/** Another instance's viewers of a case (from the relay): kept for one TTL, merged, published here. */
export function receiveRemotePresence(instanceId: string, change: PresenceChange, now: Date = new Date()): void {
  let byInstance = remote().get(change.caseRef);
  if (!byInstance) remote().set(change.caseRef, (byInstance = new Map()));
  if (change.viewers.length === 0) byInstance.delete(instanceId);
  else byInstance.set(instanceId, { viewers: change.viewers, expiresAt: now.getTime() + PRESENCE_TTL_MS });
  if (byInstance.size === 0) remote().delete(change.caseRef);
  publishPresence({ caseRef: change.caseRef, viewers: mergedViewers(change.caseRef, viewersIn(cases().get(change.caseRef)), now.getTime()) });
}

/** Drops expired entries and tells the queue which cases lost a viewer. */
export async function sweepPresence(now: Date = new Date()): Promise<void> {
  for (const [caseRef, entries] of cases()) {
    let changed = false;
    for (const [userId, entry] of entries) {
      if (entry.expiresAt <= now.getTime()) {
        entries.delete(userId);
        changed = true;
      }
    }
    if (entries.size === 0) cases().delete(caseRef);
    if (changed) publish(caseRef);
  }
  if (cases().size === 0) stopSweeping();
}

// Sweeps only while someone is present, and never keeps the process alive.
function startSweeping() {
  if (globalThis.__vigilPresenceSweep) return;
  globalThis.__vigilPresenceSweep = setInterval(() => void sweepPresence(), PRESENCE_TTL_MS / 3);
  globalThis.__vigilPresenceSweep.unref?.();
}

function stopSweeping() {
  if (globalThis.__vigilPresenceSweep) clearInterval(globalThis.__vigilPresenceSweep);
  globalThis.__vigilPresenceSweep = undefined;
}

/** `user` is viewing the case (again): renews the entry; a new viewer is published. */
export async function touchPresence(caseRef: string, user: Viewer, now: Date = new Date()): Promise<void> {
  let entries = cases().get(caseRef);
  if (!entries) cases().set(caseRef, (entries = new Map()));
  const known = entries.get(user.id);
  entries.set(user.id, { id: user.id, name: user.name, expiresAt: now.getTime() + PRESENCE_TTL_MS });
  startSweeping();
  if (!known || known.name !== user.name || known.expiresAt <= now.getTime()) publish(caseRef);
  // Renewals reach other instances too, which keep a remote viewer for one TTL.
  else relayPresence({ caseRef, viewers: viewersIn(entries) });
}

/** `userId` closed the case page. */
export async function leavePresence(caseRef: string, userId: string): Promise<void> {
  const entries = cases().get(caseRef);
  if (!entries?.delete(userId)) return;
  if (entries.size === 0) cases().delete(caseRef);
  publish(caseRef);
}

/** The current viewers of each case in `caseRefs` (only cases somebody views are keys). */
export async function viewersOf(caseRefs: readonly string[], now: Date = new Date()): Promise<Record<string, Viewer[]>> {
  const result: Record<string, Viewer[]> = {};
  for (const caseRef of caseRefs) {
    const live = [...(cases().get(caseRef)?.values() ?? [])].filter((e) => e.expiresAt > now.getTime());
    const viewers = mergedViewers(caseRef, viewersIn(new Map(live.map((e) => [e.id, e]))), now.getTime());
    if (viewers.length > 0) result[caseRef] = viewers;
  }
  return result;
}

/** Forgets everyone (tests). */
export function resetPresence(): void {
  cases().clear();
  remote().clear();
  stopSweeping();
}
