import type { Tx } from "./db.server";

// How long write transactions hold the audit chain's head: from the statement that takes
// its lock to the end of the commit that releases it. Kept only when VIGIL_WRITE_STATS=1
// (the ingest benchmark reads it from each server it starts, with the process's CPU time,
// to say what more instances would give: docs/deploy.md).

const enabled = process.env.VIGIL_WRITE_STATS === "1";
const taken = new WeakMap<Tx, number>();
const held: { ms: number; writes: number }[] = [];

/** The transaction `tx` has just locked the audit head (only the first call counts). */
export function noteHeadTaken(tx: Tx) {
  if (enabled && !taken.has(tx)) taken.set(tx, performance.now());
}

/** `tx` committed `writes` changes (reports, events) under the head it held. */
export function noteCommitted(tx: Tx, writes = 1) {
  const at = taken.get(tx);
  if (at !== undefined) held.push({ ms: performance.now() - at, writes });
}

/** The holds recorded since the last call, and this process's CPU time so far. */
export function takeWriteStats() {
  return { headHolds: held.splice(0), cpu: process.cpuUsage() };
}
