-- DropIndex
DROP INDEX "Message_createdAt_idx";

-- AlterTable
ALTER TABLE "DeliveryAttempt" ALTER COLUMN "webhookId" DROP NOT NULL;

-- CreateIndex
CREATE UNIQUE INDEX "Message_outboxId_key" ON "Message"("outboxId");

-- CreateIndex
CREATE INDEX "Message_createdAt_id_idx" ON "Message"("createdAt", "id");

-- CreateIndex
CREATE INDEX "Message_caseRef_createdAt_id_idx" ON "Message"("caseRef", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Message_templateKey_createdAt_id_idx" ON "Message"("templateKey", "createdAt", "id");

-- AddForeignKey
ALTER TABLE "Message" ADD CONSTRAINT "Message_outboxId_fkey" FOREIGN KEY ("outboxId") REFERENCES "OutboxMessage"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Messages queued before delivery existed carry an older body ({ to, recipientKind, … });
-- give them the body the delivery worker sends, from their message record (decision 0013).
UPDATE "OutboxMessage" o
SET "payload" = json_build_object(
    'id', m."id",
    'channel', m."channel",
    'recipient', CASE WHEN m."recipientKind" = 'reporter'
      THEN json_build_object('kind', 'reporter', 'address', o."payload"::json ->> 'to', 'reportRef', m."recipient")
      ELSE json_build_object('kind', m."recipientKind", 'address', m."recipient") END,
    'language', m."language",
    'subject', m."subject",
    'body', m."body",
    'caseRef', m."caseRef",
    'template', json_build_object('key', m."templateKey", 'version', m."templateVersion"),
    'sentAt', to_char(m."createdAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))::text
FROM "Message" m
WHERE m."outboxId" = o."id" AND o."kind" LIKE 'message.%' AND (o."payload"::json ->> 'id') IS NULL;
