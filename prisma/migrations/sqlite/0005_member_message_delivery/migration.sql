-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_DeliveryAttempt" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "outboxMessageId" TEXT NOT NULL,
    "webhookId" TEXT,
    "attempt" INTEGER NOT NULL,
    "httpStatus" INTEGER,
    "ok" BOOLEAN NOT NULL,
    "error" TEXT,
    "durationMs" INTEGER NOT NULL,
    "at" DATETIME NOT NULL,
    CONSTRAINT "DeliveryAttempt_outboxMessageId_fkey" FOREIGN KEY ("outboxMessageId") REFERENCES "OutboxMessage" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "DeliveryAttempt_webhookId_fkey" FOREIGN KEY ("webhookId") REFERENCES "Webhook" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_DeliveryAttempt" ("at", "attempt", "durationMs", "error", "httpStatus", "id", "ok", "outboxMessageId", "webhookId") SELECT "at", "attempt", "durationMs", "error", "httpStatus", "id", "ok", "outboxMessageId", "webhookId" FROM "DeliveryAttempt";
DROP TABLE "DeliveryAttempt";
ALTER TABLE "new_DeliveryAttempt" RENAME TO "DeliveryAttempt";
CREATE INDEX "DeliveryAttempt_webhookId_at_idx" ON "DeliveryAttempt"("webhookId", "at");
CREATE INDEX "DeliveryAttempt_outboxMessageId_idx" ON "DeliveryAttempt"("outboxMessageId");
CREATE TABLE "new_Message" (
    "id" TEXT NOT NULL PRIMARY KEY,
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
INSERT INTO "new_Message" ("body", "caseId", "caseRef", "channel", "createdAt", "id", "language", "outboxId", "recipient", "recipientKind", "sentById", "subject", "templateKey", "templateVersion", "templateVersionId") SELECT "body", "caseId", "caseRef", "channel", "createdAt", "id", "language", "outboxId", "recipient", "recipientKind", "sentById", "subject", "templateKey", "templateVersion", "templateVersionId" FROM "Message";
DROP TABLE "Message";
ALTER TABLE "new_Message" RENAME TO "Message";
CREATE UNIQUE INDEX "Message_outboxId_key" ON "Message"("outboxId");
CREATE INDEX "Message_caseId_createdAt_idx" ON "Message"("caseId", "createdAt");
CREATE INDEX "Message_createdAt_id_idx" ON "Message"("createdAt", "id");
CREATE INDEX "Message_caseRef_createdAt_id_idx" ON "Message"("caseRef", "createdAt", "id");
CREATE INDEX "Message_templateKey_createdAt_id_idx" ON "Message"("templateKey", "createdAt", "id");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- Messages queued before delivery existed carry an older body ({ to, recipientKind, … });
-- give them the body the delivery worker sends, from their message record (decision 0013).
UPDATE "OutboxMessage"
SET "payload" = (
  SELECT json_object(
    'id', m."id",
    'channel', m."channel",
    'recipient', CASE WHEN m."recipientKind" = 'reporter'
      THEN json_object('kind', 'reporter', 'address', json_extract("OutboxMessage"."payload", '$.to'), 'reportRef', m."recipient")
      ELSE json_object('kind', m."recipientKind", 'address', m."recipient") END,
    'language', m."language",
    'subject', m."subject",
    'body', m."body",
    'caseRef', m."caseRef",
    'template', json_object('key', m."templateKey", 'version', m."templateVersion"),
    'sentAt', strftime('%Y-%m-%dT%H:%M:%fZ', m."createdAt"))
  FROM "Message" m WHERE m."outboxId" = "OutboxMessage"."id")
WHERE "kind" LIKE 'message.%' AND json_extract("payload", '$.id') IS NULL
  AND EXISTS (SELECT 1 FROM "Message" m WHERE m."outboxId" = "OutboxMessage"."id");
