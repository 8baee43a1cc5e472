import type { Tx } from "~/utils/db.server";
import type { Actor } from "./actor";
import { actingRole, actorId, actorLabel } from "./actor";
import { GENESIS_HASH, entryHash } from "./audit-chain";
import type { Permission } from "~/utils/permissions";

export type AuditInput = {
  actor: Actor;
  /** The permission exercised; decides which of the actor's roles is recorded. */
  permission?: Permission;
  action: string;
  subjectType: string;
  subjectId: string;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
  requestId?: string | null;
  at?: Date;
};

function serialise(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}

/**
 * Appends one entry to the hash chain. Must run inside the transaction that makes
 * the change it records, so the change and its entry land together or not at all.
 */
export async function appendAudit(tx: Tx, input: AuditInput) {
  // Take the chain head's write lock first: this serialises appenders on SQLite
  // (the write lock is taken at once) and on PostgreSQL (row lock).
  const locked = await tx.$executeRaw`UPDATE "AuditHead" SET "seq" = "seq" WHERE "id" = 1`;
  let head = locked === 1 ? await tx.auditHead.findUnique({ where: { id: 1 } }) : null;
  if (!head) head = await tx.auditHead.create({ data: { id: 1, seq: 0, hash: GENESIS_HASH } });

  const fields = {
    seq: head.seq + 1,
    at: input.at ?? new Date(),
    actorId: actorId(input.actor),
    actorLabel: actorLabel(input.actor),
    role: actingRole(input.actor, input.permission),
    action: input.action,
    subjectType: input.subjectType,
    subjectId: input.subjectId,
    before: serialise(input.before),
    after: serialise(input.after),
    reason: input.reason ?? null,
    requestId: input.requestId ?? null,
  };
  const hash = entryHash(head.hash, fields);
  const entry = await tx.auditEntry.create({ data: { ...fields, prevHash: head.hash, hash } });
  await tx.auditHead.update({ where: { id: 1 }, data: { seq: fields.seq, hash } });
  return entry;
}
