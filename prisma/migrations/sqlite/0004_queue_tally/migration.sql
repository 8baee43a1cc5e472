-- DropIndex
DROP INDEX "Case_assigneeId_isOpen_idx";

-- CreateTable
CREATE TABLE "QueueTally" (
    "state" TEXT NOT NULL,
    "ruleCode" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "band" TEXT NOT NULL,
    "assigneeId" TEXT NOT NULL,
    "count" INTEGER NOT NULL,

    PRIMARY KEY ("state", "ruleCode", "language", "band", "assigneeId")
);

-- CreateIndex
CREATE INDEX "Case_isOpen_assigneeId_priority_id_idx" ON "Case"("isOpen", "assigneeId", "priority", "id");

-- CreateIndex
CREATE INDEX "Case_isOpen_ruleCode_priority_id_idx" ON "Case"("isOpen", "ruleCode", "priority", "id");

-- CreateIndex
CREATE INDEX "Case_isOpen_language_priority_id_idx" ON "Case"("isOpen", "language", "priority", "id");

-- The tally follows every open case: counted when it opens or is created open, moved when
-- a filter value changes, dropped when it closes. The band thresholds are PRIORITY_BANDS
-- (app/models/priority.ts); a test fails if the two disagree.
CREATE TRIGGER "Case_queue_tally_insert" AFTER INSERT ON "Case" WHEN NEW."isOpen" BEGIN
    INSERT INTO "QueueTally" ("state", "ruleCode", "language", "band", "assigneeId", "count")
    VALUES (NEW."state", NEW."ruleCode", COALESCE(NEW."language", ''),
        CASE WHEN NEW."priority" >= 100 THEN 'critical' WHEN NEW."priority" >= 80 THEN 'high' WHEN NEW."priority" >= 50 THEN 'medium' ELSE 'low' END,
        COALESCE(NEW."assigneeId", ''), 1)
    ON CONFLICT ("state", "ruleCode", "language", "band", "assigneeId") DO UPDATE SET "count" = "count" + 1;
END;

CREATE TRIGGER "Case_queue_tally_update" AFTER UPDATE OF "isOpen", "state", "ruleCode", "language", "priority", "assigneeId" ON "Case"
WHEN OLD."isOpen" IS NOT NEW."isOpen" OR OLD."state" IS NOT NEW."state" OR OLD."ruleCode" IS NOT NEW."ruleCode"
    OR OLD."language" IS NOT NEW."language" OR OLD."priority" IS NOT NEW."priority" OR OLD."assigneeId" IS NOT NEW."assigneeId"
BEGIN
    UPDATE "QueueTally" SET "count" = "count" - 1
    WHERE OLD."isOpen" AND "state" = OLD."state" AND "ruleCode" = OLD."ruleCode" AND "language" = COALESCE(OLD."language", '')
        AND "band" = CASE WHEN OLD."priority" >= 100 THEN 'critical' WHEN OLD."priority" >= 80 THEN 'high' WHEN OLD."priority" >= 50 THEN 'medium' ELSE 'low' END
        AND "assigneeId" = COALESCE(OLD."assigneeId", '');
    INSERT INTO "QueueTally" ("state", "ruleCode", "language", "band", "assigneeId", "count")
    SELECT NEW."state", NEW."ruleCode", COALESCE(NEW."language", ''),
        CASE WHEN NEW."priority" >= 100 THEN 'critical' WHEN NEW."priority" >= 80 THEN 'high' WHEN NEW."priority" >= 50 THEN 'medium' ELSE 'low' END,
        COALESCE(NEW."assigneeId", ''), 1
    WHERE NEW."isOpen"
    ON CONFLICT ("state", "ruleCode", "language", "band", "assigneeId") DO UPDATE SET "count" = "count" + 1;
END;

CREATE TRIGGER "Case_queue_tally_delete" AFTER DELETE ON "Case" WHEN OLD."isOpen" BEGIN
    UPDATE "QueueTally" SET "count" = "count" - 1
    WHERE "state" = OLD."state" AND "ruleCode" = OLD."ruleCode" AND "language" = COALESCE(OLD."language", '')
        AND "band" = CASE WHEN OLD."priority" >= 100 THEN 'critical' WHEN OLD."priority" >= 80 THEN 'high' WHEN OLD."priority" >= 50 THEN 'medium' ELSE 'low' END
        AND "assigneeId" = COALESCE(OLD."assigneeId", '');
END;

-- The cases already open.
INSERT INTO "QueueTally" ("state", "ruleCode", "language", "band", "assigneeId", "count")
SELECT "state", "ruleCode", COALESCE("language", ''),
    CASE WHEN "priority" >= 100 THEN 'critical' WHEN "priority" >= 80 THEN 'high' WHEN "priority" >= 50 THEN 'medium' ELSE 'low' END,
    COALESCE("assigneeId", ''), COUNT(*)
FROM "Case" WHERE "isOpen" GROUP BY 1, 2, 3, 4, 5;
