-- Messages to reporters were stored with the reporter's handle in their text, and the
-- message log showed that text to everyone who may read the log. The log now keeps the
-- text as anyone may read it, with "(reporter hidden)" where a reporter variable was;
-- the text as delivered stays in the message's outbox row, which only people allowed
-- to see reporters read (decision 0015).
UPDATE "Message"
SET "body" = REPLACE("body", (SELECT r."reporterHandle" FROM "Report" r WHERE r."ref" = "Message"."recipient"), '(reporter hidden)'),
    "subject" = REPLACE("subject", (SELECT r."reporterHandle" FROM "Report" r WHERE r."ref" = "Message"."recipient"), '(reporter hidden)')
WHERE "recipientKind" = 'reporter'
  AND EXISTS (SELECT 1 FROM "Report" r WHERE r."ref" = "Message"."recipient" AND r."reporterHandle" IS NOT NULL AND r."reporterHandle" <> '');
