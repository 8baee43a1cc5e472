-- CreateTable
CREATE TABLE "Crisis" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "ref" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "known" TEXT NOT NULL,
    "playbookVersionId" TEXT NOT NULL,
    "playbookHash" TEXT NOT NULL,
    "snapshot" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'active',
    "steps" TEXT NOT NULL DEFAULT '',
    "version" INTEGER NOT NULL DEFAULT 1,
    "declaredById" TEXT NOT NULL,
    "declaredAt" DATETIME NOT NULL,
    "containedAt" DATETIME,
    "resolvedAt" DATETIME,
    "closedAt" DATETIME,
    "updateEveryMinutes" INTEGER NOT NULL,
    "nextUpdateDueAt" DATETIME,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Crisis_playbookVersionId_fkey" FOREIGN KEY ("playbookVersionId") REFERENCES "PlaybookVersion" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CrisisRole" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "crisisId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "since" DATETIME NOT NULL,
    "until" DATETIME,
    "note" TEXT,
    CONSTRAINT "CrisisRole_crisisId_fkey" FOREIGN KEY ("crisisId") REFERENCES "Crisis" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CrisisTask" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "crisisId" TEXT NOT NULL,
    "step" TEXT,
    "title" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "ownerId" TEXT,
    "dueAt" DATETIME,
    "status" TEXT NOT NULL DEFAULT 'open',
    "blockedReason" TEXT,
    "answer" TEXT,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    "doneAt" DATETIME,
    CONSTRAINT "CrisisTask_crisisId_fkey" FOREIGN KEY ("crisisId") REFERENCES "Crisis" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CrisisCase" (
    "crisisId" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "linkedById" TEXT,
    "linkedAt" DATETIME NOT NULL,

    PRIMARY KEY ("crisisId", "caseId"),
    CONSTRAINT "CrisisCase_crisisId_fkey" FOREIGN KEY ("crisisId") REFERENCES "Crisis" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CrisisProposal" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "signal" TEXT NOT NULL,
    "windowMinutes" INTEGER NOT NULL,
    "count" INTEGER NOT NULL,
    "baseline" REAL NOT NULL,
    "caseIds" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "reason" TEXT,
    "createdAt" DATETIME NOT NULL,
    "decidedAt" DATETIME,
    "decidedById" TEXT,
    "crisisRef" TEXT
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Notification" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "caseId" TEXT,
    "caseRef" TEXT,
    "subjectType" TEXT NOT NULL DEFAULT 'case',
    "subjectRef" TEXT,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "readAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO "new_Notification" ("body", "caseId", "caseRef", "createdAt", "id", "kind", "readAt", "title", "userId") SELECT "body", "caseId", "caseRef", "createdAt", "id", "kind", "readAt", "title", "userId" FROM "Notification";
DROP TABLE "Notification";
ALTER TABLE "new_Notification" RENAME TO "Notification";
CREATE INDEX "Notification_userId_readAt_createdAt_idx" ON "Notification"("userId", "readAt", "createdAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "Crisis_ref_key" ON "Crisis"("ref");

-- CreateIndex
CREATE INDEX "Crisis_state_declaredAt_idx" ON "Crisis"("state", "declaredAt");

-- CreateIndex
CREATE INDEX "CrisisRole_crisisId_until_idx" ON "CrisisRole"("crisisId", "until");

-- CreateIndex
CREATE INDEX "CrisisRole_userId_until_idx" ON "CrisisRole"("userId", "until");

-- CreateIndex
CREATE INDEX "CrisisTask_crisisId_status_idx" ON "CrisisTask"("crisisId", "status");

-- CreateIndex
CREATE INDEX "CrisisCase_caseId_idx" ON "CrisisCase"("caseId");

-- CreateIndex
CREATE INDEX "CrisisProposal_signal_createdAt_idx" ON "CrisisProposal"("signal", "createdAt");

-- CreateIndex
CREATE INDEX "CrisisProposal_status_createdAt_idx" ON "CrisisProposal"("status", "createdAt");

-- CreateIndex
-- The index on "Report"("receivedAt") that the monitor reads comes with 0010_dashboard_tally.
