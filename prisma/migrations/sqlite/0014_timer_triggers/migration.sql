-- 0011_timer_subjects rebuilt the Timer table on SQLite, which drops its triggers: the two
-- that record SLA deadlines for the leadership dashboard (0010_dashboard_tally) come back.
CREATE TRIGGER IF NOT EXISTS "Timer_sla_deadline_armed" AFTER INSERT ON "Timer"
WHEN NEW."kind" IN ('sla_first_response', 'sla_resolution') AND NEW."caseId" IS NOT NULL AND NEW."status" = 'pending' BEGIN
    INSERT INTO "SlaDeadline" ("caseId", "roundStart", "tier", "clock", "timerId", "dueAt", "outcome", "ruleCode", "language", "source")
    SELECT c."id", COALESCE(c."reopenedAt", c."createdAt"),
        COALESCE((SELECT e."tierIndex" FROM "CaseEscalation" e WHERE e."caseId" = c."id" AND e."state" IN ('awaiting_ack', 'acknowledged')), 0),
        CASE NEW."kind" WHEN 'sla_first_response' THEN 'first_response' ELSE 'resolution' END,
        NEW."id", NEW."dueAt", 'pending', c."ruleCode", COALESCE(c."language", ''), COALESCE(c."source", '')
    FROM "Case" c WHERE c."id" = NEW."caseId"
    ON CONFLICT ("caseId", "roundStart", "tier", "clock") DO UPDATE SET "timerId" = excluded."timerId", "dueAt" = excluded."dueAt", "outcome" = 'pending';
END;

CREATE TRIGGER IF NOT EXISTS "Timer_sla_deadline_settled" AFTER UPDATE OF "status" ON "Timer"
WHEN OLD."status" = 'pending' AND NEW."status" IN ('fired', 'cancelled') AND NEW."kind" IN ('sla_first_response', 'sla_resolution') BEGIN
    UPDATE "SlaDeadline" SET "outcome" = CASE NEW."status" WHEN 'fired' THEN 'missed' ELSE 'met' END WHERE "timerId" = NEW."id" AND "outcome" = 'pending';
END;
