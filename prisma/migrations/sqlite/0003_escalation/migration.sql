-- CreateTable
CREATE TABLE "EscalationPolicy" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "currentVersion" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "EscalationPolicyVersion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "policyId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "definition" TEXT NOT NULL,
    "note" TEXT,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "EscalationPolicyVersion_policyId_fkey" FOREIGN KEY ("policyId") REFERENCES "EscalationPolicy" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CaseEscalation" (
    "caseId" TEXT NOT NULL PRIMARY KEY,
    "policyVersionId" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "tierIndex" INTEGER NOT NULL,
    "tierKey" TEXT NOT NULL,
    "tierRoles" TEXT NOT NULL,
    "acknowledgedById" TEXT,
    "snapshot" TEXT NOT NULL,
    "machineVersion" INTEGER NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "startedAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "CaseEscalation_caseId_fkey" FOREIGN KEY ("caseId") REFERENCES "Case" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "userId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "caseId" TEXT,
    "caseRef" TEXT,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "readAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Webhook" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "secret" TEXT NOT NULL,
    "events" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "DeliveryAttempt" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "outboxMessageId" TEXT NOT NULL,
    "webhookId" TEXT NOT NULL,
    "attempt" INTEGER NOT NULL,
    "httpStatus" INTEGER,
    "ok" BOOLEAN NOT NULL,
    "error" TEXT,
    "durationMs" INTEGER NOT NULL,
    "at" DATETIME NOT NULL,
    CONSTRAINT "DeliveryAttempt_outboxMessageId_fkey" FOREIGN KEY ("outboxMessageId") REFERENCES "OutboxMessage" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "DeliveryAttempt_webhookId_fkey" FOREIGN KEY ("webhookId") REFERENCES "Webhook" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Case" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "ref" TEXT NOT NULL,
    "subjectKey" TEXT NOT NULL,
    "subjectType" TEXT NOT NULL,
    "subjectId" TEXT NOT NULL,
    "subjectUrl" TEXT,
    "authorHandle" TEXT,
    "text" TEXT,
    "language" TEXT,
    "ruleCode" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "snapshot" TEXT NOT NULL,
    "machineVersion" INTEGER NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "priority" INTEGER NOT NULL,
    "priorityBreakdown" TEXT NOT NULL,
    "reportCount" INTEGER NOT NULL DEFAULT 0,
    "reporterCount" INTEGER NOT NULL DEFAULT 0,
    "assigneeId" TEXT,
    "claimExpiresAt" DATETIME,
    "isOpen" BOOLEAN NOT NULL DEFAULT true,
    "resolution" TEXT,
    "firstResponseDueAt" DATETIME,
    "policyVersionId" TEXT,
    "firstRespondedAt" DATETIME,
    "resolutionDueAt" DATETIME,
    "slaPausedAt" DATETIME,
    "slaPausedMs" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO "new_Case" ("assigneeId", "authorHandle", "claimExpiresAt", "createdAt", "firstResponseDueAt", "id", "isOpen", "language", "machineVersion", "priority", "priorityBreakdown", "ref", "reportCount", "reporterCount", "resolution", "ruleCode", "snapshot", "state", "subjectId", "subjectKey", "subjectType", "subjectUrl", "text", "updatedAt", "version") SELECT "assigneeId", "authorHandle", "claimExpiresAt", "createdAt", "firstResponseDueAt", "id", "isOpen", "language", "machineVersion", "priority", "priorityBreakdown", "ref", "reportCount", "reporterCount", "resolution", "ruleCode", "snapshot", "state", "subjectId", "subjectKey", "subjectType", "subjectUrl", "text", "updatedAt", "version" FROM "Case";
DROP TABLE "Case";
ALTER TABLE "new_Case" RENAME TO "Case";
CREATE UNIQUE INDEX "Case_ref_key" ON "Case"("ref");
CREATE UNIQUE INDEX "Case_subjectKey_key" ON "Case"("subjectKey");
CREATE INDEX "Case_isOpen_priority_id_idx" ON "Case"("isOpen", "priority", "id");
CREATE INDEX "Case_isOpen_createdAt_id_idx" ON "Case"("isOpen", "createdAt", "id");
CREATE INDEX "Case_assigneeId_isOpen_idx" ON "Case"("assigneeId", "isOpen");
CREATE INDEX "Case_state_priority_id_idx" ON "Case"("state", "priority", "id");
CREATE INDEX "Case_authorHandle_idx" ON "Case"("authorHandle");
CREATE TABLE "new_OutboxMessage" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "webhookId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockedBy" TEXT,
    "lockedUntil" DATETIME,
    "lastError" TEXT,
    "deliveredAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "OutboxMessage_webhookId_fkey" FOREIGN KEY ("webhookId") REFERENCES "Webhook" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_OutboxMessage" ("attempts", "createdAt", "deliveredAt", "id", "kind", "lastError", "nextAttemptAt", "payload", "status") SELECT "attempts", "createdAt", "deliveredAt", "id", "kind", "lastError", "nextAttemptAt", "payload", "status" FROM "OutboxMessage";
DROP TABLE "OutboxMessage";
ALTER TABLE "new_OutboxMessage" RENAME TO "OutboxMessage";
CREATE INDEX "OutboxMessage_status_nextAttemptAt_idx" ON "OutboxMessage"("status", "nextAttemptAt");
CREATE INDEX "OutboxMessage_webhookId_status_nextAttemptAt_idx" ON "OutboxMessage"("webhookId", "status", "nextAttemptAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "EscalationPolicy_name_key" ON "EscalationPolicy"("name");

-- CreateIndex
CREATE UNIQUE INDEX "EscalationPolicyVersion_policyId_version_key" ON "EscalationPolicyVersion"("policyId", "version");

-- CreateIndex
CREATE INDEX "CaseEscalation_state_tierKey_idx" ON "CaseEscalation"("state", "tierKey");

-- CreateIndex
CREATE INDEX "Notification_userId_readAt_createdAt_idx" ON "Notification"("userId", "readAt", "createdAt");

-- CreateIndex
CREATE INDEX "DeliveryAttempt_webhookId_at_idx" ON "DeliveryAttempt"("webhookId", "at");

-- CreateIndex
CREATE INDEX "DeliveryAttempt_outboxMessageId_idx" ON "DeliveryAttempt"("outboxMessageId");
