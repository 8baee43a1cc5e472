import type { CompiledPlaybook } from "@machines/playbook";
import { compilePlaybook } from "@machines/playbook";
import type { Crisis } from "~/generated/prisma/client";
import { Prisma } from "~/generated/prisma/client";
import type { Db, Tx } from "~/utils/db.server";
import { isSqlite } from "~/utils/db.server";
import { execute } from "~/utils/sqlite-lane.server";
import { storedPlan } from "../playbooks/playbook-check";
import { z } from "zod";
import { parseJsonAs } from "~/utils/json";
import type { RoomView } from "./crisis-room";

// The crisis row as the write path takes it: its lock, the compiled playbook version it
// pins, and what the room's rules read (who holds which role now, its tasks, its links).

export type LockedCrisis = {
  id: string;
  ref: string;
  /** Null only while a crisis is being declared. */
  row: Crisis | null;
  compiled: CompiledPlaybook;
  room: RoomView;
  /** userId → "Name (email)", for everyone who holds a role now. */
  names: Map<string, string>;
};

// A version never changes once published, so its compiled machine is kept by hash.
const compiledByHash = new Map<string, CompiledPlaybook>();

export function compiledVersion(version: { hash: string; compiled: string }): CompiledPlaybook {
  let compiled = compiledByHash.get(version.hash);
  if (!compiled) {
    compiled = compilePlaybook(storedPlan(version.compiled));
    if (compiled.hash !== version.hash) throw new Error(`Playbook version ${version.hash.slice(0, 12)} compiles to another hash (${compiled.hash.slice(0, 12)}).`);
    compiledByHash.set(version.hash, compiled);
  }
  return compiled;
}

/**
 * Takes the crisis row's write lock (SQLite: the database's, by a no-op update; PostgreSQL:
 * the row's) and reads what the room's rules need, under it.
 */
export async function lockCrisisRow(tx: Tx, id: string): Promise<LockedCrisis | null> {
  if (isSqlite()) await execute(tx, Prisma.sql`UPDATE "Crisis" SET "version" = "version" WHERE "id" = ${id}`);
  else await tx.$queryRaw`SELECT "id" FROM "Crisis" WHERE "id" = ${id} FOR UPDATE`;
  return readCrisis(tx, id);
}

/** The crisis as the write path reads it under its lock; the room's page reads it the same way, without one. */
export async function readCrisis(tx: Tx | Db, id: string): Promise<LockedCrisis | null> {
  const row = await tx.crisis.findUnique({
    where: { id },
    include: {
      playbookVersion: { select: { hash: true, compiled: true } },
      roles: { where: { until: null } },
      tasks: { select: { id: true, step: true, status: true, actionItem: true, dueAt: true, title: true, ownerId: true } },
      cases: { select: { caseId: true } },
      review: { select: { status: true, whatHappened: true } },
    },
  });
  if (!row) return null;
  const { playbookVersion, roles, tasks, cases, review, ...crisis } = row;
  const holders = new Map<string, string[]>();
  for (const r of roles) holders.set(r.userId, [...(holders.get(r.userId) ?? []), r.role]);
  const users = await tx.user.findMany({ where: { id: { in: [...holders.keys()] } }, select: { id: true, name: true, email: true } });
  return {
    id: crisis.id,
    ref: crisis.ref,
    row: crisis,
    compiled: compiledVersion(playbookVersion),
    names: new Map(users.map((u) => [u.id, `${u.name} (${u.email})`])),
    room: {
      state: crisis.state,
      commanderId: roles.find((r) => r.role === "commander")?.userId ?? null,
      holders,
      tasks,
      linkedCaseIds: new Set(cases.map((c) => c.caseId)),
      nextUpdateDueAt: crisis.nextUpdateDueAt,
      review,
      notes: new Map(),
    },
  };
}

const Pin = z.object({ noteSeq: z.number().int() });

/** The crisis's notes (their audit entries' numbers) and whether each is pinned now, from its audit trail. */
export async function readNotes(tx: Tx | Db, crisisId: string): Promise<Map<number, boolean>> {
  const entries = await tx.auditEntry.findMany({
    where: { subjectType: "Crisis", subjectId: crisisId, action: { in: ["crisis.note", "crisis.pin_note", "crisis.unpin_note"] } },
    orderBy: { seq: "asc" },
    select: { seq: true, action: true, after: true },
  });
  const notes = new Map<number, boolean>();
  for (const e of entries) {
    if (e.action === "crisis.note") notes.set(e.seq, false);
    else {
      const pin = parseJsonAs(Pin, e.after);
      if (pin && notes.has(pin.noteSeq)) notes.set(pin.noteSeq, e.action === "crisis.pin_note");
    }
  }
  return notes;
}

/** What a crisis being declared locks: nothing yet but the published version it will pin. */
export async function declaringCrisis(tx: Tx, id: string, ref: string, playbookVersionId: string): Promise<LockedCrisis | null> {
  const version = await tx.playbookVersion.findFirst({ where: { id: playbookVersionId, status: "published" }, select: { hash: true, compiled: true } });
  if (!version) return null;
  const room: RoomView = { state: "active", commanderId: null, holders: new Map(), tasks: [], linkedCaseIds: new Set(), nextUpdateDueAt: null, review: null, notes: new Map() };
  return { id, ref, row: null, compiled: compiledVersion(version), room, names: new Map() };
}
