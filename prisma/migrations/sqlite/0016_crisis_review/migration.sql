-- CreateTable
CREATE TABLE "CrisisReview" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "crisisId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "whatHappened" TEXT NOT NULL DEFAULT '',
    "wentWell" TEXT NOT NULL DEFAULT '',
    "toChange" TEXT NOT NULL DEFAULT '',
    "openedAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    "submittedAt" DATETIME,
    "signedOffById" TEXT,
    "signedOffAt" DATETIME,
    "signOffNote" TEXT,
    CONSTRAINT "CrisisReview_crisisId_fkey" FOREIGN KEY ("crisisId") REFERENCES "Crisis" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_CrisisTask" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "crisisId" TEXT NOT NULL,
    "step" TEXT,
    "actionItem" BOOLEAN NOT NULL DEFAULT false,
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
INSERT INTO "new_CrisisTask" ("answer", "blockedReason", "createdAt", "crisisId", "doneAt", "dueAt", "id", "ownerId", "role", "status", "step", "title", "updatedAt") SELECT "answer", "blockedReason", "createdAt", "crisisId", "doneAt", "dueAt", "id", "ownerId", "role", "status", "step", "title", "updatedAt" FROM "CrisisTask";
DROP TABLE "CrisisTask";
ALTER TABLE "new_CrisisTask" RENAME TO "CrisisTask";
CREATE INDEX "CrisisTask_crisisId_status_idx" ON "CrisisTask"("crisisId", "status");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "CrisisReview_crisisId_key" ON "CrisisReview"("crisisId");
