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

    CONSTRAINT "QueueTally_pkey" PRIMARY KEY ("state","ruleCode","language","band","assigneeId")
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
CREATE FUNCTION "queue_tally_band"(priority INTEGER) RETURNS TEXT LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN priority >= 100 THEN 'critical' WHEN priority >= 80 THEN 'high' WHEN priority >= 50 THEN 'medium' ELSE 'low' END
$$;

CREATE FUNCTION "queue_tally_follow_case"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD."isOpen" THEN
        UPDATE "QueueTally" SET "count" = "count" - 1
        WHERE "state" = OLD."state" AND "ruleCode" = OLD."ruleCode" AND "language" = COALESCE(OLD."language", '')
            AND "band" = "queue_tally_band"(OLD."priority") AND "assigneeId" = COALESCE(OLD."assigneeId", '');
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND NEW."isOpen" THEN
        INSERT INTO "QueueTally" ("state", "ruleCode", "language", "band", "assigneeId", "count")
        VALUES (NEW."state", NEW."ruleCode", COALESCE(NEW."language", ''), "queue_tally_band"(NEW."priority"), COALESCE(NEW."assigneeId", ''), 1)
        ON CONFLICT ("state", "ruleCode", "language", "band", "assigneeId") DO UPDATE SET "count" = "QueueTally"."count" + 1;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER "Case_queue_tally_insert" AFTER INSERT ON "Case"
    FOR EACH ROW WHEN (NEW."isOpen") EXECUTE FUNCTION "queue_tally_follow_case"();
CREATE TRIGGER "Case_queue_tally_update" AFTER UPDATE OF "isOpen", "state", "ruleCode", "language", "priority", "assigneeId" ON "Case"
    FOR EACH ROW WHEN (OLD."isOpen" IS DISTINCT FROM NEW."isOpen" OR OLD."state" IS DISTINCT FROM NEW."state"
        OR OLD."ruleCode" IS DISTINCT FROM NEW."ruleCode" OR OLD."language" IS DISTINCT FROM NEW."language"
        OR OLD."priority" IS DISTINCT FROM NEW."priority" OR OLD."assigneeId" IS DISTINCT FROM NEW."assigneeId")
    EXECUTE FUNCTION "queue_tally_follow_case"();
CREATE TRIGGER "Case_queue_tally_delete" AFTER DELETE ON "Case"
    FOR EACH ROW WHEN (OLD."isOpen") EXECUTE FUNCTION "queue_tally_follow_case"();

-- The cases already open.
INSERT INTO "QueueTally" ("state", "ruleCode", "language", "band", "assigneeId", "count")
SELECT "state", "ruleCode", COALESCE("language", ''), "queue_tally_band"("priority"), COALESCE("assigneeId", ''), COUNT(*)
FROM "Case" WHERE "isOpen" GROUP BY 1, 2, 3, 4, 5;
