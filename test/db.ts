import { prisma } from "~/utils/db.server";
import { GENESIS_HASH } from "~/models/audit-chain";

const TABLES = [
  "AuditEntry",
  "Report",
  "EnforcementAction",
  "Timer",
  "OutboxMessage",
  "Case",
  "IdempotencyRecord",
  "RateLimit",
  "Session",
  "UserRole",
  "User",
  "ApiKey",
  "RuleTranslation",
  "Rule",
];

/** Empties the worker's database and restarts the audit chain at genesis. */
export async function resetDb() {
  for (const table of TABLES) await prisma.$executeRawUnsafe(`DELETE FROM "${table}"`);
  await prisma.$executeRawUnsafe(`UPDATE "AuditHead" SET "seq" = 0, "hash" = '${GENESIS_HASH}' WHERE "id" = 1`);
}
