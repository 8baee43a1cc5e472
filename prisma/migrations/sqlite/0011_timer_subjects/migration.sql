-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Timer" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "subjectType" TEXT NOT NULL DEFAULT 'case',
    "subjectId" TEXT NOT NULL DEFAULT '',
    "caseId" TEXT,
    "kind" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "dueAt" DATETIME NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "firedAt" DATETIME,
    "lockedBy" TEXT,
    "lockedUntil" DATETIME,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO "new_Timer" ("subjectId", "attempts", "caseId", "createdAt", "dueAt", "event", "firedAt", "id", "kind", "lastError", "lockedBy", "lockedUntil", "status") SELECT COALESCE("caseId", ''), "attempts", "caseId", "createdAt", "dueAt", "event", "firedAt", "id", "kind", "lastError", "lockedBy", "lockedUntil", "status" FROM "Timer";
DROP TABLE "Timer";
ALTER TABLE "new_Timer" RENAME TO "Timer";
CREATE INDEX "Timer_status_dueAt_idx" ON "Timer"("status", "dueAt");
CREATE INDEX "Timer_subjectType_subjectId_kind_status_idx" ON "Timer"("subjectType", "subjectId", "kind", "status");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
