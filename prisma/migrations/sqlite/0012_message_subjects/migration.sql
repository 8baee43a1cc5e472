-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Message" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "subjectType" TEXT NOT NULL DEFAULT 'case',
    "subjectRef" TEXT,
    "caseId" TEXT,
    "caseRef" TEXT,
    "templateKey" TEXT NOT NULL,
    "templateVersion" INTEGER NOT NULL,
    "templateVersionId" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "recipientKind" TEXT NOT NULL,
    "recipient" TEXT NOT NULL,
    "subject" TEXT,
    "body" TEXT NOT NULL,
    "sentById" TEXT,
    "outboxId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Message_outboxId_fkey" FOREIGN KEY ("outboxId") REFERENCES "OutboxMessage" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Message" ("subjectRef", "body", "caseId", "caseRef", "channel", "createdAt", "id", "language", "outboxId", "recipient", "recipientKind", "sentById", "subject", "templateKey", "templateVersion", "templateVersionId") SELECT "caseRef", "body", "caseId", "caseRef", "channel", "createdAt", "id", "language", "outboxId", "recipient", "recipientKind", "sentById", "subject", "templateKey", "templateVersion", "templateVersionId" FROM "Message";
DROP TABLE "Message";
ALTER TABLE "new_Message" RENAME TO "Message";
CREATE UNIQUE INDEX "Message_outboxId_key" ON "Message"("outboxId");
CREATE INDEX "Message_caseId_createdAt_idx" ON "Message"("caseId", "createdAt");
CREATE INDEX "Message_createdAt_id_idx" ON "Message"("createdAt", "id");
CREATE INDEX "Message_caseRef_createdAt_id_idx" ON "Message"("caseRef", "createdAt", "id");
CREATE INDEX "Message_templateKey_createdAt_id_idx" ON "Message"("templateKey", "createdAt", "id");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
