-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "escalationPeak" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "reopenedAt" TIMESTAMP(3),
ADD COLUMN     "resolvedAt" TIMESTAMP(3),
ADD COLUMN     "resolvedById" TEXT,
ADD COLUMN     "source" TEXT;

-- CreateTable
CREATE TABLE "DashboardTally" (
    "day" TEXT NOT NULL,
    "ruleCode" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "reports" INTEGER NOT NULL DEFAULT 0,
    "opened" INTEGER NOT NULL DEFAULT 0,
    "reopened" INTEGER NOT NULL DEFAULT 0,
    "resolved" INTEGER NOT NULL DEFAULT 0,
    "escalated" INTEGER NOT NULL DEFAULT 0,
    "banProposed" INTEGER NOT NULL DEFAULT 0,
    "banRejected" INTEGER NOT NULL DEFAULT 0,
    "ttfr0" INTEGER NOT NULL DEFAULT 0,
    "ttfr1" INTEGER NOT NULL DEFAULT 0,
    "ttfr2" INTEGER NOT NULL DEFAULT 0,
    "ttfr3" INTEGER NOT NULL DEFAULT 0,
    "ttfr4" INTEGER NOT NULL DEFAULT 0,
    "ttfr5" INTEGER NOT NULL DEFAULT 0,
    "ttfr6" INTEGER NOT NULL DEFAULT 0,
    "ttfr7" INTEGER NOT NULL DEFAULT 0,
    "ttfr8" INTEGER NOT NULL DEFAULT 0,
    "ttfr9" INTEGER NOT NULL DEFAULT 0,
    "ttfr10" INTEGER NOT NULL DEFAULT 0,
    "ttfr11" INTEGER NOT NULL DEFAULT 0,
    "ttfr12" INTEGER NOT NULL DEFAULT 0,
    "ttfr13" INTEGER NOT NULL DEFAULT 0,
    "ttfr14" INTEGER NOT NULL DEFAULT 0,
    "ttr0" INTEGER NOT NULL DEFAULT 0,
    "ttr1" INTEGER NOT NULL DEFAULT 0,
    "ttr2" INTEGER NOT NULL DEFAULT 0,
    "ttr3" INTEGER NOT NULL DEFAULT 0,
    "ttr4" INTEGER NOT NULL DEFAULT 0,
    "ttr5" INTEGER NOT NULL DEFAULT 0,
    "ttr6" INTEGER NOT NULL DEFAULT 0,
    "ttr7" INTEGER NOT NULL DEFAULT 0,
    "ttr8" INTEGER NOT NULL DEFAULT 0,
    "ttr9" INTEGER NOT NULL DEFAULT 0,
    "ttr10" INTEGER NOT NULL DEFAULT 0,
    "ttr11" INTEGER NOT NULL DEFAULT 0,
    "ttr12" INTEGER NOT NULL DEFAULT 0,
    "ttr13" INTEGER NOT NULL DEFAULT 0,
    "ttr14" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "DashboardTally_pkey" PRIMARY KEY ("day","ruleCode","language","source")
);

-- CreateTable
CREATE TABLE "DashboardTierTally" (
    "day" TEXT NOT NULL,
    "ruleCode" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "tier" INTEGER NOT NULL,
    "peaked" INTEGER NOT NULL DEFAULT 0,
    "firstResponseMet" INTEGER NOT NULL DEFAULT 0,
    "firstResponseMissed" INTEGER NOT NULL DEFAULT 0,
    "resolutionMet" INTEGER NOT NULL DEFAULT 0,
    "resolutionMissed" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "DashboardTierTally_pkey" PRIMARY KEY ("day","ruleCode","language","source","tier")
);

-- CreateTable
CREATE TABLE "DashboardBacklog" (
    "day" TEXT NOT NULL,
    "ruleCode" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "open" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "DashboardBacklog_pkey" PRIMARY KEY ("day","ruleCode","language","source")
);

-- CreateTable
CREATE TABLE "DashboardWorkload" (
    "day" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "resolved" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "DashboardWorkload_pkey" PRIMARY KEY ("day","userId")
);

-- CreateTable
CREATE TABLE "SlaDeadline" (
    "caseId" TEXT NOT NULL,
    "roundStart" TIMESTAMP(3) NOT NULL,
    "tier" INTEGER NOT NULL,
    "clock" TEXT NOT NULL,
    "timerId" TEXT NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "outcome" TEXT NOT NULL,
    "ruleCode" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "source" TEXT NOT NULL,

    CONSTRAINT "SlaDeadline_pkey" PRIMARY KEY ("caseId","roundStart","tier","clock")
);

-- CreateTable
CREATE TABLE "BanProposal" (
    "caseId" TEXT NOT NULL,
    "proposedAt" TIMESTAMP(3) NOT NULL,
    "outcome" TEXT NOT NULL,
    "decidedAt" TIMESTAMP(3),
    "ruleCode" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "source" TEXT NOT NULL,

    CONSTRAINT "BanProposal_pkey" PRIMARY KEY ("caseId","proposedAt")
);

-- CreateTable
CREATE TABLE "DashboardDigest" (
    "week" TEXT NOT NULL,
    "sentAt" TIMESTAMP(3) NOT NULL,
    "webhooks" INTEGER NOT NULL,

    CONSTRAINT "DashboardDigest_pkey" PRIMARY KEY ("week")
);

-- CreateIndex
CREATE INDEX "SlaDeadline_timerId_idx" ON "SlaDeadline"("timerId");

-- CreateIndex
CREATE INDEX "SlaDeadline_dueAt_idx" ON "SlaDeadline"("dueAt");

-- CreateIndex
CREATE INDEX "BanProposal_proposedAt_idx" ON "BanProposal"("proposedAt");

-- CreateIndex
CREATE INDEX "Case_createdAt_idx" ON "Case"("createdAt");

-- CreateIndex
CREATE INDEX "Case_reopenedAt_idx" ON "Case"("reopenedAt");

-- CreateIndex
CREATE INDEX "Case_resolvedAt_idx" ON "Case"("resolvedAt");

-- CreateIndex
CREATE INDEX "Case_firstRespondedAt_idx" ON "Case"("firstRespondedAt");

-- CreateIndex
CREATE INDEX "Report_receivedAt_idx" ON "Report"("receivedAt");

-- What the dashboard reads of the cases already here (docs/decisions/0022): the first
-- report's source; when a resolved case was decided and by whom (its snapshot's outcome);
-- when it last reopened (the audit log); the highest tier its escalation reached since.
UPDATE "Case" c SET "source" = (SELECT p."source" FROM "Report" p WHERE p."caseId" = c."id" ORDER BY p."receivedAt", p."id" LIMIT 1);
UPDATE "Case" SET "resolvedAt" = CAST(("snapshot"::jsonb #>> '{context,outcome,at}')::timestamptz AT TIME ZONE 'UTC' AS TIMESTAMP(3)),
    "resolvedById" = "snapshot"::jsonb #>> '{context,outcome,by}'
WHERE NOT "isOpen" AND "snapshot"::jsonb #>> '{context,outcome,at}' IS NOT NULL;
UPDATE "Case" c SET "reopenedAt" = (
    SELECT MAX(a."at") FROM "AuditEntry" a
    WHERE a."subjectType" = 'Case' AND a."subjectId" = c."id" AND a."after"::jsonb ->> 'state' = 'new'
        AND a."before"::jsonb ->> 'state' IN ('actioned', 'dismissed', 'closed'));
UPDATE "Case" c SET "escalationPeak" = COALESCE((
    SELECT MAX((step ->> 'tier')::int) FROM "CaseEscalation" e, jsonb_array_elements(e."snapshot"::jsonb #> '{context,path}') step
    WHERE e."caseId" = c."id" AND (step ->> 'at')::timestamptz AT TIME ZONE 'UTC' >= COALESCE(c."reopenedAt", c."createdAt")), 0);

-- SLA deadlines from the timers already here: the latest timer of each clock, round and
-- tier stands for it; the tier is the one the escalation's path was on when it was armed.
INSERT INTO "SlaDeadline" ("caseId", "roundStart", "tier", "clock", "timerId", "dueAt", "outcome", "ruleCode", "language", "source")
SELECT DISTINCT ON ("caseId", "roundStart", "tier", "clock") "caseId", "roundStart", "tier", "clock", "id", "dueAt", "outcome", "ruleCode", "language", "source" FROM (
    SELECT t."caseId", t."id", t."dueAt", c."ruleCode", COALESCE(c."language", '') AS "language", COALESCE(c."source", '') AS "source",
        CASE WHEN c."reopenedAt" IS NOT NULL AND t."createdAt" >= c."reopenedAt" THEN c."reopenedAt" ELSE c."createdAt" END AS "roundStart",
        CASE t."kind" WHEN 'sla_first_response' THEN 'first_response' ELSE 'resolution' END AS "clock",
        CASE t."status" WHEN 'fired' THEN 'missed' WHEN 'cancelled' THEN 'met' ELSE 'pending' END AS "outcome",
        COALESCE((
            SELECT CASE step.value ->> 'move' WHEN 'resolve' THEN 0 ELSE (step.value ->> 'tier')::int END
            FROM "CaseEscalation" e, jsonb_array_elements(e."snapshot"::jsonb #> '{context,path}') WITH ORDINALITY AS step(value, n)
            WHERE e."caseId" = t."caseId" AND (step.value ->> 'at')::timestamptz AT TIME ZONE 'UTC' <= t."createdAt"
            ORDER BY step.n DESC LIMIT 1), 0) AS "tier",
        t."createdAt"
    FROM "Timer" t JOIN "Case" c ON c."id" = t."caseId"
    WHERE t."kind" IN ('sla_first_response', 'sla_resolution') AND t."status" IN ('pending', 'fired', 'cancelled')
) armed
ORDER BY "caseId", "roundStart", "tier", "clock", "createdAt" DESC, "id" DESC;

-- Ban proposals from the audit log: each move into awaiting_approval, decided by the next move out.
INSERT INTO "BanProposal" ("caseId", "proposedAt", "outcome", "decidedAt", "ruleCode", "language", "source")
SELECT c."id", a."at", COALESCE(d."outcome", 'pending'), d."at", c."ruleCode", COALESCE(c."language", ''), COALESCE(c."source", '')
FROM "AuditEntry" a
JOIN "Case" c ON c."id" = a."subjectId"
LEFT JOIN LATERAL (
    SELECT CASE n."after"::jsonb ->> 'state' WHEN 'actioned' THEN 'approved' WHEN 'in_review' THEN 'rejected' ELSE 'withdrawn' END AS "outcome", n."at"
    FROM "AuditEntry" n WHERE n."subjectType" = 'Case' AND n."subjectId" = a."subjectId" AND n."seq" > a."seq"
        AND n."before"::jsonb ->> 'state' = 'awaiting_approval' AND n."after"::jsonb ->> 'state' <> 'awaiting_approval'
    ORDER BY n."seq" LIMIT 1) d ON true
WHERE a."subjectType" = 'Case' AND a."after"::jsonb ->> 'state' = 'awaiting_approval' AND a."before"::jsonb ->> 'state' <> 'awaiting_approval'
ON CONFLICT DO NOTHING;

-- The rollups from the rows already there.
INSERT INTO "DashboardTally" ("day", "ruleCode", "language", "source", "reports", "opened", "reopened", "resolved", "escalated", "banProposed", "banRejected", "ttfr0", "ttfr1", "ttfr2", "ttfr3", "ttfr4", "ttfr5", "ttfr6", "ttfr7", "ttfr8", "ttfr9", "ttfr10", "ttfr11", "ttfr12", "ttfr13", "ttfr14", "ttr0", "ttr1", "ttr2", "ttr3", "ttr4", "ttr5", "ttr6", "ttr7", "ttr8", "ttr9", "ttr10", "ttr11", "ttr12", "ttr13", "ttr14")
SELECT "day", "ruleCode", "language", "source", SUM("reports") AS "reports", SUM("opened") AS "opened", SUM("reopened") AS "reopened", SUM("resolved") AS "resolved", SUM("escalated") AS "escalated", SUM("banProposed") AS "banProposed", SUM("banRejected") AS "banRejected", SUM("ttfr0") AS "ttfr0", SUM("ttfr1") AS "ttfr1", SUM("ttfr2") AS "ttfr2", SUM("ttfr3") AS "ttfr3", SUM("ttfr4") AS "ttfr4", SUM("ttfr5") AS "ttfr5", SUM("ttfr6") AS "ttfr6", SUM("ttfr7") AS "ttfr7", SUM("ttfr8") AS "ttfr8", SUM("ttfr9") AS "ttfr9", SUM("ttfr10") AS "ttfr10", SUM("ttfr11") AS "ttfr11", SUM("ttfr12") AS "ttfr12", SUM("ttfr13") AS "ttfr13", SUM("ttfr14") AS "ttfr14", SUM("ttr0") AS "ttr0", SUM("ttr1") AS "ttr1", SUM("ttr2") AS "ttr2", SUM("ttr3") AS "ttr3", SUM("ttr4") AS "ttr4", SUM("ttr5") AS "ttr5", SUM("ttr6") AS "ttr6", SUM("ttr7") AS "ttr7", SUM("ttr8") AS "ttr8", SUM("ttr9") AS "ttr9", SUM("ttr10") AS "ttr10", SUM("ttr11") AS "ttr11", SUM("ttr12") AS "ttr12", SUM("ttr13") AS "ttr13", SUM("ttr14") AS "ttr14" FROM (SELECT i."day", i."ruleCode", i."language", i."source", 0 AS "reports", 1 AS "opened", 1 * i."re" AS "reopened", 0 AS "resolved", 0 AS "escalated", 0 AS "banProposed", 0 AS "banRejected", 0 AS "ttfr0", 0 AS "ttfr1", 0 AS "ttfr2", 0 AS "ttfr3", 0 AS "ttfr4", 0 AS "ttfr5", 0 AS "ttfr6", 0 AS "ttfr7", 0 AS "ttfr8", 0 AS "ttfr9", 0 AS "ttfr10", 0 AS "ttfr11", 0 AS "ttfr12", 0 AS "ttfr13", 0 AS "ttfr14", 0 AS "ttr0", 0 AS "ttr1", 0 AS "ttr2", 0 AS "ttr3", 0 AS "ttr4", 0 AS "ttr5", 0 AS "ttr6", 0 AS "ttr7", 0 AS "ttr8", 0 AS "ttr9", 0 AS "ttr10", 0 AS "ttr11", 0 AS "ttr12", 0 AS "ttr13", 0 AS "ttr14" FROM (SELECT to_char(COALESCE(r."reopenedAt", r."createdAt"), 'YYYY-MM-DD') AS "day", r."ruleCode" AS "ruleCode", COALESCE(r."language", '') AS "language", COALESCE(r."source", '') AS "source", CASE WHEN r."reopenedAt" IS NOT NULL THEN 1 ELSE 0 END AS "re" FROM "Case" r) i UNION ALL SELECT i."day", i."ruleCode", i."language", i."source", 0 AS "reports", 0 AS "opened", 0 AS "reopened", 1 AS "resolved", 1 * i."esc" AS "escalated", 0 AS "banProposed", 0 AS "banRejected", 0 AS "ttfr0", 0 AS "ttfr1", 0 AS "ttfr2", 0 AS "ttfr3", 0 AS "ttfr4", 0 AS "ttfr5", 0 AS "ttfr6", 0 AS "ttfr7", 0 AS "ttfr8", 0 AS "ttfr9", 0 AS "ttfr10", 0 AS "ttfr11", 0 AS "ttfr12", 0 AS "ttfr13", 0 AS "ttfr14", CASE WHEN i."ms" <= 300000 THEN 1 ELSE 0 END AS "ttr0", CASE WHEN i."ms" > 300000 AND i."ms" <= 600000 THEN 1 ELSE 0 END AS "ttr1", CASE WHEN i."ms" > 600000 AND i."ms" <= 900000 THEN 1 ELSE 0 END AS "ttr2", CASE WHEN i."ms" > 900000 AND i."ms" <= 1800000 THEN 1 ELSE 0 END AS "ttr3", CASE WHEN i."ms" > 1800000 AND i."ms" <= 2700000 THEN 1 ELSE 0 END AS "ttr4", CASE WHEN i."ms" > 2700000 AND i."ms" <= 3600000 THEN 1 ELSE 0 END AS "ttr5", CASE WHEN i."ms" > 3600000 AND i."ms" <= 7200000 THEN 1 ELSE 0 END AS "ttr6", CASE WHEN i."ms" > 7200000 AND i."ms" <= 14400000 THEN 1 ELSE 0 END AS "ttr7", CASE WHEN i."ms" > 14400000 AND i."ms" <= 28800000 THEN 1 ELSE 0 END AS "ttr8", CASE WHEN i."ms" > 28800000 AND i."ms" <= 43200000 THEN 1 ELSE 0 END AS "ttr9", CASE WHEN i."ms" > 43200000 AND i."ms" <= 86400000 THEN 1 ELSE 0 END AS "ttr10", CASE WHEN i."ms" > 86400000 AND i."ms" <= 172800000 THEN 1 ELSE 0 END AS "ttr11", CASE WHEN i."ms" > 172800000 AND i."ms" <= 259200000 THEN 1 ELSE 0 END AS "ttr12", CASE WHEN i."ms" > 259200000 AND i."ms" <= 604800000 THEN 1 ELSE 0 END AS "ttr13", CASE WHEN i."ms" > 604800000 THEN 1 ELSE 0 END AS "ttr14" FROM (SELECT to_char(r."resolvedAt", 'YYYY-MM-DD') AS "day", r."ruleCode" AS "ruleCode", COALESCE(r."language", '') AS "language", COALESCE(r."source", '') AS "source", CASE WHEN r."escalationPeak" > 0 THEN 1 ELSE 0 END AS "esc", CAST(round(EXTRACT(EPOCH FROM (r."resolvedAt" - COALESCE(r."reopenedAt", r."createdAt"))) * 1000) AS BIGINT) AS "ms" FROM "Case" r WHERE r."resolvedAt" IS NOT NULL) i UNION ALL SELECT i."day", i."ruleCode", i."language", i."source", 0 AS "reports", 0 AS "opened", 0 AS "reopened", 0 AS "resolved", 0 AS "escalated", 0 AS "banProposed", 0 AS "banRejected", CASE WHEN i."ms" <= 300000 THEN 1 ELSE 0 END AS "ttfr0", CASE WHEN i."ms" > 300000 AND i."ms" <= 600000 THEN 1 ELSE 0 END AS "ttfr1", CASE WHEN i."ms" > 600000 AND i."ms" <= 900000 THEN 1 ELSE 0 END AS "ttfr2", CASE WHEN i."ms" > 900000 AND i."ms" <= 1800000 THEN 1 ELSE 0 END AS "ttfr3", CASE WHEN i."ms" > 1800000 AND i."ms" <= 2700000 THEN 1 ELSE 0 END AS "ttfr4", CASE WHEN i."ms" > 2700000 AND i."ms" <= 3600000 THEN 1 ELSE 0 END AS "ttfr5", CASE WHEN i."ms" > 3600000 AND i."ms" <= 7200000 THEN 1 ELSE 0 END AS "ttfr6", CASE WHEN i."ms" > 7200000 AND i."ms" <= 14400000 THEN 1 ELSE 0 END AS "ttfr7", CASE WHEN i."ms" > 14400000 AND i."ms" <= 28800000 THEN 1 ELSE 0 END AS "ttfr8", CASE WHEN i."ms" > 28800000 AND i."ms" <= 43200000 THEN 1 ELSE 0 END AS "ttfr9", CASE WHEN i."ms" > 43200000 AND i."ms" <= 86400000 THEN 1 ELSE 0 END AS "ttfr10", CASE WHEN i."ms" > 86400000 AND i."ms" <= 172800000 THEN 1 ELSE 0 END AS "ttfr11", CASE WHEN i."ms" > 172800000 AND i."ms" <= 259200000 THEN 1 ELSE 0 END AS "ttfr12", CASE WHEN i."ms" > 259200000 AND i."ms" <= 604800000 THEN 1 ELSE 0 END AS "ttfr13", CASE WHEN i."ms" > 604800000 THEN 1 ELSE 0 END AS "ttfr14", 0 AS "ttr0", 0 AS "ttr1", 0 AS "ttr2", 0 AS "ttr3", 0 AS "ttr4", 0 AS "ttr5", 0 AS "ttr6", 0 AS "ttr7", 0 AS "ttr8", 0 AS "ttr9", 0 AS "ttr10", 0 AS "ttr11", 0 AS "ttr12", 0 AS "ttr13", 0 AS "ttr14" FROM (SELECT to_char(r."firstRespondedAt", 'YYYY-MM-DD') AS "day", r."ruleCode" AS "ruleCode", COALESCE(r."language", '') AS "language", COALESCE(r."source", '') AS "source", CAST(round(EXTRACT(EPOCH FROM (r."firstRespondedAt" - COALESCE(r."reopenedAt", r."createdAt"))) * 1000) AS BIGINT) AS "ms" FROM "Case" r WHERE r."firstRespondedAt" IS NOT NULL) i UNION ALL SELECT i."day", i."ruleCode", i."language", i."source", 1 AS "reports", 0 AS "opened", 0 AS "reopened", 0 AS "resolved", 0 AS "escalated", 0 AS "banProposed", 0 AS "banRejected", 0 AS "ttfr0", 0 AS "ttfr1", 0 AS "ttfr2", 0 AS "ttfr3", 0 AS "ttfr4", 0 AS "ttfr5", 0 AS "ttfr6", 0 AS "ttfr7", 0 AS "ttfr8", 0 AS "ttfr9", 0 AS "ttfr10", 0 AS "ttfr11", 0 AS "ttfr12", 0 AS "ttfr13", 0 AS "ttfr14", 0 AS "ttr0", 0 AS "ttr1", 0 AS "ttr2", 0 AS "ttr3", 0 AS "ttr4", 0 AS "ttr5", 0 AS "ttr6", 0 AS "ttr7", 0 AS "ttr8", 0 AS "ttr9", 0 AS "ttr10", 0 AS "ttr11", 0 AS "ttr12", 0 AS "ttr13", 0 AS "ttr14" FROM (SELECT to_char(r."receivedAt", 'YYYY-MM-DD') AS "day", r."ruleCode" AS "ruleCode", COALESCE(r."language", '') AS "language", r."source" AS "source" FROM "Report" r) i UNION ALL SELECT i."day", i."ruleCode", i."language", i."source", 0 AS "reports", 0 AS "opened", 0 AS "reopened", 0 AS "resolved", 0 AS "escalated", 1 AS "banProposed", 1 * i."rej" AS "banRejected", 0 AS "ttfr0", 0 AS "ttfr1", 0 AS "ttfr2", 0 AS "ttfr3", 0 AS "ttfr4", 0 AS "ttfr5", 0 AS "ttfr6", 0 AS "ttfr7", 0 AS "ttfr8", 0 AS "ttfr9", 0 AS "ttfr10", 0 AS "ttfr11", 0 AS "ttfr12", 0 AS "ttfr13", 0 AS "ttfr14", 0 AS "ttr0", 0 AS "ttr1", 0 AS "ttr2", 0 AS "ttr3", 0 AS "ttr4", 0 AS "ttr5", 0 AS "ttr6", 0 AS "ttr7", 0 AS "ttr8", 0 AS "ttr9", 0 AS "ttr10", 0 AS "ttr11", 0 AS "ttr12", 0 AS "ttr13", 0 AS "ttr14" FROM (SELECT to_char(r."proposedAt", 'YYYY-MM-DD') AS "day", r."ruleCode" AS "ruleCode", r."language" AS "language", r."source" AS "source", CASE WHEN r."outcome" = 'rejected' THEN 1 ELSE 0 END AS "rej" FROM "BanProposal" r) i) u WHERE true GROUP BY "day", "ruleCode", "language", "source";

INSERT INTO "DashboardTierTally" ("day", "ruleCode", "language", "source", "tier", "peaked", "firstResponseMet", "firstResponseMissed", "resolutionMet", "resolutionMissed")
SELECT "day", "ruleCode", "language", "source", "tier", SUM("peaked") AS "peaked", SUM("firstResponseMet") AS "firstResponseMet", SUM("firstResponseMissed") AS "firstResponseMissed", SUM("resolutionMet") AS "resolutionMet", SUM("resolutionMissed") AS "resolutionMissed" FROM (SELECT i."day", i."ruleCode", i."language", i."source", i."tier", 1 AS "peaked", 0 AS "firstResponseMet", 0 AS "firstResponseMissed", 0 AS "resolutionMet", 0 AS "resolutionMissed" FROM (SELECT to_char(r."resolvedAt", 'YYYY-MM-DD') AS "day", r."ruleCode" AS "ruleCode", COALESCE(r."language", '') AS "language", COALESCE(r."source", '') AS "source", r."escalationPeak" AS "tier" FROM "Case" r WHERE r."resolvedAt" IS NOT NULL) i UNION ALL SELECT i."day", i."ruleCode", i."language", i."source", i."tier", 0 AS "peaked", 1 * i."frMet" AS "firstResponseMet", 1 * i."frMissed" AS "firstResponseMissed", 1 * i."rsMet" AS "resolutionMet", 1 * i."rsMissed" AS "resolutionMissed" FROM (SELECT to_char(r."dueAt", 'YYYY-MM-DD') AS "day", r."ruleCode" AS "ruleCode", r."language" AS "language", r."source" AS "source", r."tier" AS "tier", CASE WHEN r."clock" = 'first_response' AND r."outcome" = 'met' THEN 1 ELSE 0 END AS "frMet", CASE WHEN r."clock" = 'first_response' AND r."outcome" = 'missed' THEN 1 ELSE 0 END AS "frMissed", CASE WHEN r."clock" = 'resolution' AND r."outcome" = 'met' THEN 1 ELSE 0 END AS "rsMet", CASE WHEN r."clock" = 'resolution' AND r."outcome" = 'missed' THEN 1 ELSE 0 END AS "rsMissed" FROM "SlaDeadline" r WHERE r."outcome" IN ('met', 'missed')) i) u WHERE true GROUP BY "day", "ruleCode", "language", "source", "tier";

INSERT INTO "DashboardBacklog" ("day", "ruleCode", "language", "source", "open")
SELECT "day", "ruleCode", "language", "source", SUM("open") AS "open" FROM (SELECT i."day", i."ruleCode", i."language", i."source", 1 AS "open" FROM (SELECT to_char(COALESCE(r."reopenedAt", r."createdAt"), 'YYYY-MM-DD') AS "day", r."ruleCode" AS "ruleCode", COALESCE(r."language", '') AS "language", COALESCE(r."source", '') AS "source" FROM "Case" r WHERE r."isOpen") i) u WHERE true GROUP BY "day", "ruleCode", "language", "source";

INSERT INTO "DashboardWorkload" ("day", "userId", "resolved")
SELECT "day", "userId", SUM("resolved") AS "resolved" FROM (SELECT i."day", i."userId", 1 AS "resolved" FROM (SELECT to_char(r."resolvedAt", 'YYYY-MM-DD') AS "day", r."resolvedById" AS "userId" FROM "Case" r WHERE r."resolvedAt" IS NOT NULL AND r."resolvedById" IS NOT NULL) i) u WHERE true GROUP BY "day", "userId";

-- The triggers that keep them exact.
CREATE FUNCTION "case_dashboard_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO "DashboardTally" ("day", "ruleCode", "language", "source", "opened", "reopened")
    SELECT i."day", i."ruleCode", i."language", i."source", 1 AS "opened", 1 * i."re" AS "reopened" FROM (SELECT to_char(COALESCE(NEW."reopenedAt", NEW."createdAt"), 'YYYY-MM-DD') AS "day", NEW."ruleCode" AS "ruleCode", COALESCE(NEW."language", '') AS "language", COALESCE(NEW."source", '') AS "source", CASE WHEN NEW."reopenedAt" IS NOT NULL THEN 1 ELSE 0 END AS "re") i WHERE true
    ON CONFLICT ("day", "ruleCode", "language", "source") DO UPDATE SET "opened" = "DashboardTally"."opened" + excluded."opened", "reopened" = "DashboardTally"."reopened" + excluded."reopened";
    INSERT INTO "DashboardTally" ("day", "ruleCode", "language", "source", "resolved", "escalated", "ttr0", "ttr1", "ttr2", "ttr3", "ttr4", "ttr5", "ttr6", "ttr7", "ttr8", "ttr9", "ttr10", "ttr11", "ttr12", "ttr13", "ttr14")
    SELECT i."day", i."ruleCode", i."language", i."source", 1 AS "resolved", 1 * i."esc" AS "escalated", CASE WHEN i."ms" <= 300000 THEN 1 ELSE 0 END AS "ttr0", CASE WHEN i."ms" > 300000 AND i."ms" <= 600000 THEN 1 ELSE 0 END AS "ttr1", CASE WHEN i."ms" > 600000 AND i."ms" <= 900000 THEN 1 ELSE 0 END AS "ttr2", CASE WHEN i."ms" > 900000 AND i."ms" <= 1800000 THEN 1 ELSE 0 END AS "ttr3", CASE WHEN i."ms" > 1800000 AND i."ms" <= 2700000 THEN 1 ELSE 0 END AS "ttr4", CASE WHEN i."ms" > 2700000 AND i."ms" <= 3600000 THEN 1 ELSE 0 END AS "ttr5", CASE WHEN i."ms" > 3600000 AND i."ms" <= 7200000 THEN 1 ELSE 0 END AS "ttr6", CASE WHEN i."ms" > 7200000 AND i."ms" <= 14400000 THEN 1 ELSE 0 END AS "ttr7", CASE WHEN i."ms" > 14400000 AND i."ms" <= 28800000 THEN 1 ELSE 0 END AS "ttr8", CASE WHEN i."ms" > 28800000 AND i."ms" <= 43200000 THEN 1 ELSE 0 END AS "ttr9", CASE WHEN i."ms" > 43200000 AND i."ms" <= 86400000 THEN 1 ELSE 0 END AS "ttr10", CASE WHEN i."ms" > 86400000 AND i."ms" <= 172800000 THEN 1 ELSE 0 END AS "ttr11", CASE WHEN i."ms" > 172800000 AND i."ms" <= 259200000 THEN 1 ELSE 0 END AS "ttr12", CASE WHEN i."ms" > 259200000 AND i."ms" <= 604800000 THEN 1 ELSE 0 END AS "ttr13", CASE WHEN i."ms" > 604800000 THEN 1 ELSE 0 END AS "ttr14" FROM (SELECT to_char(NEW."resolvedAt", 'YYYY-MM-DD') AS "day", NEW."ruleCode" AS "ruleCode", COALESCE(NEW."language", '') AS "language", COALESCE(NEW."source", '') AS "source", CASE WHEN NEW."escalationPeak" > 0 THEN 1 ELSE 0 END AS "esc", CAST(round(EXTRACT(EPOCH FROM (NEW."resolvedAt" - COALESCE(NEW."reopenedAt", NEW."createdAt"))) * 1000) AS BIGINT) AS "ms" WHERE NEW."resolvedAt" IS NOT NULL) i WHERE true
    ON CONFLICT ("day", "ruleCode", "language", "source") DO UPDATE SET "resolved" = "DashboardTally"."resolved" + excluded."resolved", "escalated" = "DashboardTally"."escalated" + excluded."escalated", "ttr0" = "DashboardTally"."ttr0" + excluded."ttr0", "ttr1" = "DashboardTally"."ttr1" + excluded."ttr1", "ttr2" = "DashboardTally"."ttr2" + excluded."ttr2", "ttr3" = "DashboardTally"."ttr3" + excluded."ttr3", "ttr4" = "DashboardTally"."ttr4" + excluded."ttr4", "ttr5" = "DashboardTally"."ttr5" + excluded."ttr5", "ttr6" = "DashboardTally"."ttr6" + excluded."ttr6", "ttr7" = "DashboardTally"."ttr7" + excluded."ttr7", "ttr8" = "DashboardTally"."ttr8" + excluded."ttr8", "ttr9" = "DashboardTally"."ttr9" + excluded."ttr9", "ttr10" = "DashboardTally"."ttr10" + excluded."ttr10", "ttr11" = "DashboardTally"."ttr11" + excluded."ttr11", "ttr12" = "DashboardTally"."ttr12" + excluded."ttr12", "ttr13" = "DashboardTally"."ttr13" + excluded."ttr13", "ttr14" = "DashboardTally"."ttr14" + excluded."ttr14";
    INSERT INTO "DashboardTally" ("day", "ruleCode", "language", "source", "ttfr0", "ttfr1", "ttfr2", "ttfr3", "ttfr4", "ttfr5", "ttfr6", "ttfr7", "ttfr8", "ttfr9", "ttfr10", "ttfr11", "ttfr12", "ttfr13", "ttfr14")
    SELECT i."day", i."ruleCode", i."language", i."source", CASE WHEN i."ms" <= 300000 THEN 1 ELSE 0 END AS "ttfr0", CASE WHEN i."ms" > 300000 AND i."ms" <= 600000 THEN 1 ELSE 0 END AS "ttfr1", CASE WHEN i."ms" > 600000 AND i."ms" <= 900000 THEN 1 ELSE 0 END AS "ttfr2", CASE WHEN i."ms" > 900000 AND i."ms" <= 1800000 THEN 1 ELSE 0 END AS "ttfr3", CASE WHEN i."ms" > 1800000 AND i."ms" <= 2700000 THEN 1 ELSE 0 END AS "ttfr4", CASE WHEN i."ms" > 2700000 AND i."ms" <= 3600000 THEN 1 ELSE 0 END AS "ttfr5", CASE WHEN i."ms" > 3600000 AND i."ms" <= 7200000 THEN 1 ELSE 0 END AS "ttfr6", CASE WHEN i."ms" > 7200000 AND i."ms" <= 14400000 THEN 1 ELSE 0 END AS "ttfr7", CASE WHEN i."ms" > 14400000 AND i."ms" <= 28800000 THEN 1 ELSE 0 END AS "ttfr8", CASE WHEN i."ms" > 28800000 AND i."ms" <= 43200000 THEN 1 ELSE 0 END AS "ttfr9", CASE WHEN i."ms" > 43200000 AND i."ms" <= 86400000 THEN 1 ELSE 0 END AS "ttfr10", CASE WHEN i."ms" > 86400000 AND i."ms" <= 172800000 THEN 1 ELSE 0 END AS "ttfr11", CASE WHEN i."ms" > 172800000 AND i."ms" <= 259200000 THEN 1 ELSE 0 END AS "ttfr12", CASE WHEN i."ms" > 259200000 AND i."ms" <= 604800000 THEN 1 ELSE 0 END AS "ttfr13", CASE WHEN i."ms" > 604800000 THEN 1 ELSE 0 END AS "ttfr14" FROM (SELECT to_char(NEW."firstRespondedAt", 'YYYY-MM-DD') AS "day", NEW."ruleCode" AS "ruleCode", COALESCE(NEW."language", '') AS "language", COALESCE(NEW."source", '') AS "source", CAST(round(EXTRACT(EPOCH FROM (NEW."firstRespondedAt" - COALESCE(NEW."reopenedAt", NEW."createdAt"))) * 1000) AS BIGINT) AS "ms" WHERE NEW."firstRespondedAt" IS NOT NULL) i WHERE true
    ON CONFLICT ("day", "ruleCode", "language", "source") DO UPDATE SET "ttfr0" = "DashboardTally"."ttfr0" + excluded."ttfr0", "ttfr1" = "DashboardTally"."ttfr1" + excluded."ttfr1", "ttfr2" = "DashboardTally"."ttfr2" + excluded."ttfr2", "ttfr3" = "DashboardTally"."ttfr3" + excluded."ttfr3", "ttfr4" = "DashboardTally"."ttfr4" + excluded."ttfr4", "ttfr5" = "DashboardTally"."ttfr5" + excluded."ttfr5", "ttfr6" = "DashboardTally"."ttfr6" + excluded."ttfr6", "ttfr7" = "DashboardTally"."ttfr7" + excluded."ttfr7", "ttfr8" = "DashboardTally"."ttfr8" + excluded."ttfr8", "ttfr9" = "DashboardTally"."ttfr9" + excluded."ttfr9", "ttfr10" = "DashboardTally"."ttfr10" + excluded."ttfr10", "ttfr11" = "DashboardTally"."ttfr11" + excluded."ttfr11", "ttfr12" = "DashboardTally"."ttfr12" + excluded."ttfr12", "ttfr13" = "DashboardTally"."ttfr13" + excluded."ttfr13", "ttfr14" = "DashboardTally"."ttfr14" + excluded."ttfr14";
    INSERT INTO "DashboardTierTally" ("day", "ruleCode", "language", "source", "tier", "peaked")
    SELECT i."day", i."ruleCode", i."language", i."source", i."tier", 1 AS "peaked" FROM (SELECT to_char(NEW."resolvedAt", 'YYYY-MM-DD') AS "day", NEW."ruleCode" AS "ruleCode", COALESCE(NEW."language", '') AS "language", COALESCE(NEW."source", '') AS "source", NEW."escalationPeak" AS "tier" WHERE NEW."resolvedAt" IS NOT NULL) i WHERE true
    ON CONFLICT ("day", "ruleCode", "language", "source", "tier") DO UPDATE SET "peaked" = "DashboardTierTally"."peaked" + excluded."peaked";
    INSERT INTO "DashboardBacklog" ("day", "ruleCode", "language", "source", "open")
    SELECT i."day", i."ruleCode", i."language", i."source", 1 AS "open" FROM (SELECT to_char(COALESCE(NEW."reopenedAt", NEW."createdAt"), 'YYYY-MM-DD') AS "day", NEW."ruleCode" AS "ruleCode", COALESCE(NEW."language", '') AS "language", COALESCE(NEW."source", '') AS "source" WHERE NEW."isOpen") i WHERE true
    ON CONFLICT ("day", "ruleCode", "language", "source") DO UPDATE SET "open" = "DashboardBacklog"."open" + excluded."open";
    INSERT INTO "DashboardWorkload" ("day", "userId", "resolved")
    SELECT i."day", i."userId", 1 AS "resolved" FROM (SELECT to_char(NEW."resolvedAt", 'YYYY-MM-DD') AS "day", NEW."resolvedById" AS "userId" WHERE NEW."resolvedAt" IS NOT NULL AND NEW."resolvedById" IS NOT NULL) i WHERE true
    ON CONFLICT ("day", "userId") DO UPDATE SET "resolved" = "DashboardWorkload"."resolved" + excluded."resolved";
    RETURN NULL;
END
$$;
CREATE TRIGGER "Case_dashboard_insert" AFTER INSERT ON "Case"
    FOR EACH ROW EXECUTE FUNCTION "case_dashboard_insert"();

CREATE FUNCTION "case_dashboard_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO "DashboardTally" ("day", "ruleCode", "language", "source", "opened", "reopened")
    SELECT i."day", i."ruleCode", i."language", i."source", -1 AS "opened", -1 * i."re" AS "reopened" FROM (SELECT to_char(COALESCE(OLD."reopenedAt", OLD."createdAt"), 'YYYY-MM-DD') AS "day", OLD."ruleCode" AS "ruleCode", COALESCE(OLD."language", '') AS "language", COALESCE(OLD."source", '') AS "source", CASE WHEN OLD."reopenedAt" IS NOT NULL THEN 1 ELSE 0 END AS "re" WHERE (OLD."createdAt" IS DISTINCT FROM NEW."createdAt" OR OLD."reopenedAt" IS DISTINCT FROM NEW."reopenedAt" OR OLD."ruleCode" IS DISTINCT FROM NEW."ruleCode" OR OLD."language" IS DISTINCT FROM NEW."language" OR OLD."source" IS DISTINCT FROM NEW."source")) i WHERE true
    ON CONFLICT ("day", "ruleCode", "language", "source") DO UPDATE SET "opened" = "DashboardTally"."opened" + excluded."opened", "reopened" = "DashboardTally"."reopened" + excluded."reopened";
    INSERT INTO "DashboardTally" ("day", "ruleCode", "language", "source", "opened", "reopened")
    SELECT i."day", i."ruleCode", i."language", i."source", 1 AS "opened", 1 * i."re" AS "reopened" FROM (SELECT to_char(COALESCE(NEW."reopenedAt", NEW."createdAt"), 'YYYY-MM-DD') AS "day", NEW."ruleCode" AS "ruleCode", COALESCE(NEW."language", '') AS "language", COALESCE(NEW."source", '') AS "source", CASE WHEN NEW."reopenedAt" IS NOT NULL THEN 1 ELSE 0 END AS "re" WHERE (OLD."createdAt" IS DISTINCT FROM NEW."createdAt" OR OLD."reopenedAt" IS DISTINCT FROM NEW."reopenedAt" OR OLD."ruleCode" IS DISTINCT FROM NEW."ruleCode" OR OLD."language" IS DISTINCT FROM NEW."language" OR OLD."source" IS DISTINCT FROM NEW."source")) i WHERE true
    ON CONFLICT ("day", "ruleCode", "language", "source") DO UPDATE SET "opened" = "DashboardTally"."opened" + excluded."opened", "reopened" = "DashboardTally"."reopened" + excluded."reopened";
    INSERT INTO "DashboardTally" ("day", "ruleCode", "language", "source", "resolved", "escalated", "ttr0", "ttr1", "ttr2", "ttr3", "ttr4", "ttr5", "ttr6", "ttr7", "ttr8", "ttr9", "ttr10", "ttr11", "ttr12", "ttr13", "ttr14")
    SELECT i."day", i."ruleCode", i."language", i."source", -1 AS "resolved", -1 * i."esc" AS "escalated", CASE WHEN i."ms" <= 300000 THEN -1 ELSE 0 END AS "ttr0", CASE WHEN i."ms" > 300000 AND i."ms" <= 600000 THEN -1 ELSE 0 END AS "ttr1", CASE WHEN i."ms" > 600000 AND i."ms" <= 900000 THEN -1 ELSE 0 END AS "ttr2", CASE WHEN i."ms" > 900000 AND i."ms" <= 1800000 THEN -1 ELSE 0 END AS "ttr3", CASE WHEN i."ms" > 1800000 AND i."ms" <= 2700000 THEN -1 ELSE 0 END AS "ttr4", CASE WHEN i."ms" > 2700000 AND i."ms" <= 3600000 THEN -1 ELSE 0 END AS "ttr5", CASE WHEN i."ms" > 3600000 AND i."ms" <= 7200000 THEN -1 ELSE 0 END AS "ttr6", CASE WHEN i."ms" > 7200000 AND i."ms" <= 14400000 THEN -1 ELSE 0 END AS "ttr7", CASE WHEN i."ms" > 14400000 AND i."ms" <= 28800000 THEN -1 ELSE 0 END AS "ttr8", CASE WHEN i."ms" > 28800000 AND i."ms" <= 43200000 THEN -1 ELSE 0 END AS "ttr9", CASE WHEN i."ms" > 43200000 AND i."ms" <= 86400000 THEN -1 ELSE 0 END AS "ttr10", CASE WHEN i."ms" > 86400000 AND i."ms" <= 172800000 THEN -1 ELSE 0 END AS "ttr11", CASE WHEN i."ms" > 172800000 AND i."ms" <= 259200000 THEN -1 ELSE 0 END AS "ttr12", CASE WHEN i."ms" > 259200000 AND i."ms" <= 604800000 THEN -1 ELSE 0 END AS "ttr13", CASE WHEN i."ms" > 604800000 THEN -1 ELSE 0 END AS "ttr14" FROM (SELECT to_char(OLD."resolvedAt", 'YYYY-MM-DD') AS "day", OLD."ruleCode" AS "ruleCode", COALESCE(OLD."language", '') AS "language", COALESCE(OLD."source", '') AS "source", CASE WHEN OLD."escalationPeak" > 0 THEN 1 ELSE 0 END AS "esc", CAST(round(EXTRACT(EPOCH FROM (OLD."resolvedAt" - COALESCE(OLD."reopenedAt", OLD."createdAt"))) * 1000) AS BIGINT) AS "ms" WHERE OLD."resolvedAt" IS NOT NULL AND (OLD."resolvedAt" IS DISTINCT FROM NEW."resolvedAt" OR OLD."createdAt" IS DISTINCT FROM NEW."createdAt" OR OLD."reopenedAt" IS DISTINCT FROM NEW."reopenedAt" OR OLD."escalationPeak" IS DISTINCT FROM NEW."escalationPeak" OR OLD."ruleCode" IS DISTINCT FROM NEW."ruleCode" OR OLD."language" IS DISTINCT FROM NEW."language" OR OLD."source" IS DISTINCT FROM NEW."source")) i WHERE true
    ON CONFLICT ("day", "ruleCode", "language", "source") DO UPDATE SET "resolved" = "DashboardTally"."resolved" + excluded."resolved", "escalated" = "DashboardTally"."escalated" + excluded."escalated", "ttr0" = "DashboardTally"."ttr0" + excluded."ttr0", "ttr1" = "DashboardTally"."ttr1" + excluded."ttr1", "ttr2" = "DashboardTally"."ttr2" + excluded."ttr2", "ttr3" = "DashboardTally"."ttr3" + excluded."ttr3", "ttr4" = "DashboardTally"."ttr4" + excluded."ttr4", "ttr5" = "DashboardTally"."ttr5" + excluded."ttr5", "ttr6" = "DashboardTally"."ttr6" + excluded."ttr6", "ttr7" = "DashboardTally"."ttr7" + excluded."ttr7", "ttr8" = "DashboardTally"."ttr8" + excluded."ttr8", "ttr9" = "DashboardTally"."ttr9" + excluded."ttr9", "ttr10" = "DashboardTally"."ttr10" + excluded."ttr10", "ttr11" = "DashboardTally"."ttr11" + excluded."ttr11", "ttr12" = "DashboardTally"."ttr12" + excluded."ttr12", "ttr13" = "DashboardTally"."ttr13" + excluded."ttr13", "ttr14" = "DashboardTally"."ttr14" + excluded."ttr14";
    INSERT INTO "DashboardTally" ("day", "ruleCode", "language", "source", "resolved", "escalated", "ttr0", "ttr1", "ttr2", "ttr3", "ttr4", "ttr5", "ttr6", "ttr7", "ttr8", "ttr9", "ttr10", "ttr11", "ttr12", "ttr13", "ttr14")
    SELECT i."day", i."ruleCode", i."language", i."source", 1 AS "resolved", 1 * i."esc" AS "escalated", CASE WHEN i."ms" <= 300000 THEN 1 ELSE 0 END AS "ttr0", CASE WHEN i."ms" > 300000 AND i."ms" <= 600000 THEN 1 ELSE 0 END AS "ttr1", CASE WHEN i."ms" > 600000 AND i."ms" <= 900000 THEN 1 ELSE 0 END AS "ttr2", CASE WHEN i."ms" > 900000 AND i."ms" <= 1800000 THEN 1 ELSE 0 END AS "ttr3", CASE WHEN i."ms" > 1800000 AND i."ms" <= 2700000 THEN 1 ELSE 0 END AS "ttr4", CASE WHEN i."ms" > 2700000 AND i."ms" <= 3600000 THEN 1 ELSE 0 END AS "ttr5", CASE WHEN i."ms" > 3600000 AND i."ms" <= 7200000 THEN 1 ELSE 0 END AS "ttr6", CASE WHEN i."ms" > 7200000 AND i."ms" <= 14400000 THEN 1 ELSE 0 END AS "ttr7", CASE WHEN i."ms" > 14400000 AND i."ms" <= 28800000 THEN 1 ELSE 0 END AS "ttr8", CASE WHEN i."ms" > 28800000 AND i."ms" <= 43200000 THEN 1 ELSE 0 END AS "ttr9", CASE WHEN i."ms" > 43200000 AND i."ms" <= 86400000 THEN 1 ELSE 0 END AS "ttr10", CASE WHEN i."ms" > 86400000 AND i."ms" <= 172800000 THEN 1 ELSE 0 END AS "ttr11", CASE WHEN i."ms" > 172800000 AND i."ms" <= 259200000 THEN 1 ELSE 0 END AS "ttr12", CASE WHEN i."ms" > 259200000 AND i."ms" <= 604800000 THEN 1 ELSE 0 END AS "ttr13", CASE WHEN i."ms" > 604800000 THEN 1 ELSE 0 END AS "ttr14" FROM (SELECT to_char(NEW."resolvedAt", 'YYYY-MM-DD') AS "day", NEW."ruleCode" AS "ruleCode", COALESCE(NEW."language", '') AS "language", COALESCE(NEW."source", '') AS "source", CASE WHEN NEW."escalationPeak" > 0 THEN 1 ELSE 0 END AS "esc", CAST(round(EXTRACT(EPOCH FROM (NEW."resolvedAt" - COALESCE(NEW."reopenedAt", NEW."createdAt"))) * 1000) AS BIGINT) AS "ms" WHERE NEW."resolvedAt" IS NOT NULL AND (OLD."resolvedAt" IS DISTINCT FROM NEW."resolvedAt" OR OLD."createdAt" IS DISTINCT FROM NEW."createdAt" OR OLD."reopenedAt" IS DISTINCT FROM NEW."reopenedAt" OR OLD."escalationPeak" IS DISTINCT FROM NEW."escalationPeak" OR OLD."ruleCode" IS DISTINCT FROM NEW."ruleCode" OR OLD."language" IS DISTINCT FROM NEW."language" OR OLD."source" IS DISTINCT FROM NEW."source")) i WHERE true
    ON CONFLICT ("day", "ruleCode", "language", "source") DO UPDATE SET "resolved" = "DashboardTally"."resolved" + excluded."resolved", "escalated" = "DashboardTally"."escalated" + excluded."escalated", "ttr0" = "DashboardTally"."ttr0" + excluded."ttr0", "ttr1" = "DashboardTally"."ttr1" + excluded."ttr1", "ttr2" = "DashboardTally"."ttr2" + excluded."ttr2", "ttr3" = "DashboardTally"."ttr3" + excluded."ttr3", "ttr4" = "DashboardTally"."ttr4" + excluded."ttr4", "ttr5" = "DashboardTally"."ttr5" + excluded."ttr5", "ttr6" = "DashboardTally"."ttr6" + excluded."ttr6", "ttr7" = "DashboardTally"."ttr7" + excluded."ttr7", "ttr8" = "DashboardTally"."ttr8" + excluded."ttr8", "ttr9" = "DashboardTally"."ttr9" + excluded."ttr9", "ttr10" = "DashboardTally"."ttr10" + excluded."ttr10", "ttr11" = "DashboardTally"."ttr11" + excluded."ttr11", "ttr12" = "DashboardTally"."ttr12" + excluded."ttr12", "ttr13" = "DashboardTally"."ttr13" + excluded."ttr13", "ttr14" = "DashboardTally"."ttr14" + excluded."ttr14";
    INSERT INTO "DashboardTally" ("day", "ruleCode", "language", "source", "ttfr0", "ttfr1", "ttfr2", "ttfr3", "ttfr4", "ttfr5", "ttfr6", "ttfr7", "ttfr8", "ttfr9", "ttfr10", "ttfr11", "ttfr12", "ttfr13", "ttfr14")
    SELECT i."day", i."ruleCode", i."language", i."source", CASE WHEN i."ms" <= 300000 THEN -1 ELSE 0 END AS "ttfr0", CASE WHEN i."ms" > 300000 AND i."ms" <= 600000 THEN -1 ELSE 0 END AS "ttfr1", CASE WHEN i."ms" > 600000 AND i."ms" <= 900000 THEN -1 ELSE 0 END AS "ttfr2", CASE WHEN i."ms" > 900000 AND i."ms" <= 1800000 THEN -1 ELSE 0 END AS "ttfr3", CASE WHEN i."ms" > 1800000 AND i."ms" <= 2700000 THEN -1 ELSE 0 END AS "ttfr4", CASE WHEN i."ms" > 2700000 AND i."ms" <= 3600000 THEN -1 ELSE 0 END AS "ttfr5", CASE WHEN i."ms" > 3600000 AND i."ms" <= 7200000 THEN -1 ELSE 0 END AS "ttfr6", CASE WHEN i."ms" > 7200000 AND i."ms" <= 14400000 THEN -1 ELSE 0 END AS "ttfr7", CASE WHEN i."ms" > 14400000 AND i."ms" <= 28800000 THEN -1 ELSE 0 END AS "ttfr8", CASE WHEN i."ms" > 28800000 AND i."ms" <= 43200000 THEN -1 ELSE 0 END AS "ttfr9", CASE WHEN i."ms" > 43200000 AND i."ms" <= 86400000 THEN -1 ELSE 0 END AS "ttfr10", CASE WHEN i."ms" > 86400000 AND i."ms" <= 172800000 THEN -1 ELSE 0 END AS "ttfr11", CASE WHEN i."ms" > 172800000 AND i."ms" <= 259200000 THEN -1 ELSE 0 END AS "ttfr12", CASE WHEN i."ms" > 259200000 AND i."ms" <= 604800000 THEN -1 ELSE 0 END AS "ttfr13", CASE WHEN i."ms" > 604800000 THEN -1 ELSE 0 END AS "ttfr14" FROM (SELECT to_char(OLD."firstRespondedAt", 'YYYY-MM-DD') AS "day", OLD."ruleCode" AS "ruleCode", COALESCE(OLD."language", '') AS "language", COALESCE(OLD."source", '') AS "source", CAST(round(EXTRACT(EPOCH FROM (OLD."firstRespondedAt" - COALESCE(OLD."reopenedAt", OLD."createdAt"))) * 1000) AS BIGINT) AS "ms" WHERE OLD."firstRespondedAt" IS NOT NULL AND (OLD."firstRespondedAt" IS DISTINCT FROM NEW."firstRespondedAt" OR OLD."createdAt" IS DISTINCT FROM NEW."createdAt" OR OLD."reopenedAt" IS DISTINCT FROM NEW."reopenedAt" OR OLD."ruleCode" IS DISTINCT FROM NEW."ruleCode" OR OLD."language" IS DISTINCT FROM NEW."language" OR OLD."source" IS DISTINCT FROM NEW."source")) i WHERE true
    ON CONFLICT ("day", "ruleCode", "language", "source") DO UPDATE SET "ttfr0" = "DashboardTally"."ttfr0" + excluded."ttfr0", "ttfr1" = "DashboardTally"."ttfr1" + excluded."ttfr1", "ttfr2" = "DashboardTally"."ttfr2" + excluded."ttfr2", "ttfr3" = "DashboardTally"."ttfr3" + excluded."ttfr3", "ttfr4" = "DashboardTally"."ttfr4" + excluded."ttfr4", "ttfr5" = "DashboardTally"."ttfr5" + excluded."ttfr5", "ttfr6" = "DashboardTally"."ttfr6" + excluded."ttfr6", "ttfr7" = "DashboardTally"."ttfr7" + excluded."ttfr7", "ttfr8" = "DashboardTally"."ttfr8" + excluded."ttfr8", "ttfr9" = "DashboardTally"."ttfr9" + excluded."ttfr9", "ttfr10" = "DashboardTally"."ttfr10" + excluded."ttfr10", "ttfr11" = "DashboardTally"."ttfr11" + excluded."ttfr11", "ttfr12" = "DashboardTally"."ttfr12" + excluded."ttfr12", "ttfr13" = "DashboardTally"."ttfr13" + excluded."ttfr13", "ttfr14" = "DashboardTally"."ttfr14" + excluded."ttfr14";
    INSERT INTO "DashboardTally" ("day", "ruleCode", "language", "source", "ttfr0", "ttfr1", "ttfr2", "ttfr3", "ttfr4", "ttfr5", "ttfr6", "ttfr7", "ttfr8", "ttfr9", "ttfr10", "ttfr11", "ttfr12", "ttfr13", "ttfr14")
    SELECT i."day", i."ruleCode", i."language", i."source", CASE WHEN i."ms" <= 300000 THEN 1 ELSE 0 END AS "ttfr0", CASE WHEN i."ms" > 300000 AND i."ms" <= 600000 THEN 1 ELSE 0 END AS "ttfr1", CASE WHEN i."ms" > 600000 AND i."ms" <= 900000 THEN 1 ELSE 0 END AS "ttfr2", CASE WHEN i."ms" > 900000 AND i."ms" <= 1800000 THEN 1 ELSE 0 END AS "ttfr3", CASE WHEN i."ms" > 1800000 AND i."ms" <= 2700000 THEN 1 ELSE 0 END AS "ttfr4", CASE WHEN i."ms" > 2700000 AND i."ms" <= 3600000 THEN 1 ELSE 0 END AS "ttfr5", CASE WHEN i."ms" > 3600000 AND i."ms" <= 7200000 THEN 1 ELSE 0 END AS "ttfr6", CASE WHEN i."ms" > 7200000 AND i."ms" <= 14400000 THEN 1 ELSE 0 END AS "ttfr7", CASE WHEN i."ms" > 14400000 AND i."ms" <= 28800000 THEN 1 ELSE 0 END AS "ttfr8", CASE WHEN i."ms" > 28800000 AND i."ms" <= 43200000 THEN 1 ELSE 0 END AS "ttfr9", CASE WHEN i."ms" > 43200000 AND i."ms" <= 86400000 THEN 1 ELSE 0 END AS "ttfr10", CASE WHEN i."ms" > 86400000 AND i."ms" <= 172800000 THEN 1 ELSE 0 END AS "ttfr11", CASE WHEN i."ms" > 172800000 AND i."ms" <= 259200000 THEN 1 ELSE 0 END AS "ttfr12", CASE WHEN i."ms" > 259200000 AND i."ms" <= 604800000 THEN 1 ELSE 0 END AS "ttfr13", CASE WHEN i."ms" > 604800000 THEN 1 ELSE 0 END AS "ttfr14" FROM (SELECT to_char(NEW."firstRespondedAt", 'YYYY-MM-DD') AS "day", NEW."ruleCode" AS "ruleCode", COALESCE(NEW."language", '') AS "language", COALESCE(NEW."source", '') AS "source", CAST(round(EXTRACT(EPOCH FROM (NEW."firstRespondedAt" - COALESCE(NEW."reopenedAt", NEW."createdAt"))) * 1000) AS BIGINT) AS "ms" WHERE NEW."firstRespondedAt" IS NOT NULL AND (OLD."firstRespondedAt" IS DISTINCT FROM NEW."firstRespondedAt" OR OLD."createdAt" IS DISTINCT FROM NEW."createdAt" OR OLD."reopenedAt" IS DISTINCT FROM NEW."reopenedAt" OR OLD."ruleCode" IS DISTINCT FROM NEW."ruleCode" OR OLD."language" IS DISTINCT FROM NEW."language" OR OLD."source" IS DISTINCT FROM NEW."source")) i WHERE true
    ON CONFLICT ("day", "ruleCode", "language", "source") DO UPDATE SET "ttfr0" = "DashboardTally"."ttfr0" + excluded."ttfr0", "ttfr1" = "DashboardTally"."ttfr1" + excluded."ttfr1", "ttfr2" = "DashboardTally"."ttfr2" + excluded."ttfr2", "ttfr3" = "DashboardTally"."ttfr3" + excluded."ttfr3", "ttfr4" = "DashboardTally"."ttfr4" + excluded."ttfr4", "ttfr5" = "DashboardTally"."ttfr5" + excluded."ttfr5", "ttfr6" = "DashboardTally"."ttfr6" + excluded."ttfr6", "ttfr7" = "DashboardTally"."ttfr7" + excluded."ttfr7", "ttfr8" = "DashboardTally"."ttfr8" + excluded."ttfr8", "ttfr9" = "DashboardTally"."ttfr9" + excluded."ttfr9", "ttfr10" = "DashboardTally"."ttfr10" + excluded."ttfr10", "ttfr11" = "DashboardTally"."ttfr11" + excluded."ttfr11", "ttfr12" = "DashboardTally"."ttfr12" + excluded."ttfr12", "ttfr13" = "DashboardTally"."ttfr13" + excluded."ttfr13", "ttfr14" = "DashboardTally"."ttfr14" + excluded."ttfr14";
    INSERT INTO "DashboardTierTally" ("day", "ruleCode", "language", "source", "tier", "peaked")
    SELECT i."day", i."ruleCode", i."language", i."source", i."tier", -1 AS "peaked" FROM (SELECT to_char(OLD."resolvedAt", 'YYYY-MM-DD') AS "day", OLD."ruleCode" AS "ruleCode", COALESCE(OLD."language", '') AS "language", COALESCE(OLD."source", '') AS "source", OLD."escalationPeak" AS "tier" WHERE OLD."resolvedAt" IS NOT NULL AND (OLD."resolvedAt" IS DISTINCT FROM NEW."resolvedAt" OR OLD."escalationPeak" IS DISTINCT FROM NEW."escalationPeak" OR OLD."ruleCode" IS DISTINCT FROM NEW."ruleCode" OR OLD."language" IS DISTINCT FROM NEW."language" OR OLD."source" IS DISTINCT FROM NEW."source")) i WHERE true
    ON CONFLICT ("day", "ruleCode", "language", "source", "tier") DO UPDATE SET "peaked" = "DashboardTierTally"."peaked" + excluded."peaked";
    INSERT INTO "DashboardTierTally" ("day", "ruleCode", "language", "source", "tier", "peaked")
    SELECT i."day", i."ruleCode", i."language", i."source", i."tier", 1 AS "peaked" FROM (SELECT to_char(NEW."resolvedAt", 'YYYY-MM-DD') AS "day", NEW."ruleCode" AS "ruleCode", COALESCE(NEW."language", '') AS "language", COALESCE(NEW."source", '') AS "source", NEW."escalationPeak" AS "tier" WHERE NEW."resolvedAt" IS NOT NULL AND (OLD."resolvedAt" IS DISTINCT FROM NEW."resolvedAt" OR OLD."escalationPeak" IS DISTINCT FROM NEW."escalationPeak" OR OLD."ruleCode" IS DISTINCT FROM NEW."ruleCode" OR OLD."language" IS DISTINCT FROM NEW."language" OR OLD."source" IS DISTINCT FROM NEW."source")) i WHERE true
    ON CONFLICT ("day", "ruleCode", "language", "source", "tier") DO UPDATE SET "peaked" = "DashboardTierTally"."peaked" + excluded."peaked";
    INSERT INTO "DashboardBacklog" ("day", "ruleCode", "language", "source", "open")
    SELECT i."day", i."ruleCode", i."language", i."source", -1 AS "open" FROM (SELECT to_char(COALESCE(OLD."reopenedAt", OLD."createdAt"), 'YYYY-MM-DD') AS "day", OLD."ruleCode" AS "ruleCode", COALESCE(OLD."language", '') AS "language", COALESCE(OLD."source", '') AS "source" WHERE OLD."isOpen" AND (OLD."isOpen" IS DISTINCT FROM NEW."isOpen" OR OLD."createdAt" IS DISTINCT FROM NEW."createdAt" OR OLD."reopenedAt" IS DISTINCT FROM NEW."reopenedAt" OR OLD."ruleCode" IS DISTINCT FROM NEW."ruleCode" OR OLD."language" IS DISTINCT FROM NEW."language" OR OLD."source" IS DISTINCT FROM NEW."source")) i WHERE true
    ON CONFLICT ("day", "ruleCode", "language", "source") DO UPDATE SET "open" = "DashboardBacklog"."open" + excluded."open";
    INSERT INTO "DashboardBacklog" ("day", "ruleCode", "language", "source", "open")
    SELECT i."day", i."ruleCode", i."language", i."source", 1 AS "open" FROM (SELECT to_char(COALESCE(NEW."reopenedAt", NEW."createdAt"), 'YYYY-MM-DD') AS "day", NEW."ruleCode" AS "ruleCode", COALESCE(NEW."language", '') AS "language", COALESCE(NEW."source", '') AS "source" WHERE NEW."isOpen" AND (OLD."isOpen" IS DISTINCT FROM NEW."isOpen" OR OLD."createdAt" IS DISTINCT FROM NEW."createdAt" OR OLD."reopenedAt" IS DISTINCT FROM NEW."reopenedAt" OR OLD."ruleCode" IS DISTINCT FROM NEW."ruleCode" OR OLD."language" IS DISTINCT FROM NEW."language" OR OLD."source" IS DISTINCT FROM NEW."source")) i WHERE true
    ON CONFLICT ("day", "ruleCode", "language", "source") DO UPDATE SET "open" = "DashboardBacklog"."open" + excluded."open";
    INSERT INTO "DashboardWorkload" ("day", "userId", "resolved")
    SELECT i."day", i."userId", -1 AS "resolved" FROM (SELECT to_char(OLD."resolvedAt", 'YYYY-MM-DD') AS "day", OLD."resolvedById" AS "userId" WHERE OLD."resolvedAt" IS NOT NULL AND OLD."resolvedById" IS NOT NULL AND (OLD."resolvedAt" IS DISTINCT FROM NEW."resolvedAt" OR OLD."resolvedById" IS DISTINCT FROM NEW."resolvedById")) i WHERE true
    ON CONFLICT ("day", "userId") DO UPDATE SET "resolved" = "DashboardWorkload"."resolved" + excluded."resolved";
    INSERT INTO "DashboardWorkload" ("day", "userId", "resolved")
    SELECT i."day", i."userId", 1 AS "resolved" FROM (SELECT to_char(NEW."resolvedAt", 'YYYY-MM-DD') AS "day", NEW."resolvedById" AS "userId" WHERE NEW."resolvedAt" IS NOT NULL AND NEW."resolvedById" IS NOT NULL AND (OLD."resolvedAt" IS DISTINCT FROM NEW."resolvedAt" OR OLD."resolvedById" IS DISTINCT FROM NEW."resolvedById")) i WHERE true
    ON CONFLICT ("day", "userId") DO UPDATE SET "resolved" = "DashboardWorkload"."resolved" + excluded."resolved";
    UPDATE "SlaDeadline" SET "ruleCode" = NEW."ruleCode", "language" = COALESCE(NEW."language", ''), "source" = COALESCE(NEW."source", '')
    WHERE "caseId" = NEW."id" AND (OLD."ruleCode" IS DISTINCT FROM NEW."ruleCode" OR OLD."language" IS DISTINCT FROM NEW."language" OR OLD."source" IS DISTINCT FROM NEW."source");
    UPDATE "BanProposal" SET "ruleCode" = NEW."ruleCode", "language" = COALESCE(NEW."language", ''), "source" = COALESCE(NEW."source", '')
    WHERE "caseId" = NEW."id" AND (OLD."ruleCode" IS DISTINCT FROM NEW."ruleCode" OR OLD."language" IS DISTINCT FROM NEW."language" OR OLD."source" IS DISTINCT FROM NEW."source");
    RETURN NULL;
END
$$;
CREATE TRIGGER "Case_dashboard_update" AFTER UPDATE OF "createdAt", "reopenedAt", "ruleCode", "language", "source", "resolvedAt", "escalationPeak", "firstRespondedAt", "isOpen", "resolvedById" ON "Case"
    FOR EACH ROW WHEN (OLD."createdAt" IS DISTINCT FROM NEW."createdAt" OR OLD."reopenedAt" IS DISTINCT FROM NEW."reopenedAt" OR OLD."ruleCode" IS DISTINCT FROM NEW."ruleCode" OR OLD."language" IS DISTINCT FROM NEW."language" OR OLD."source" IS DISTINCT FROM NEW."source" OR OLD."resolvedAt" IS DISTINCT FROM NEW."resolvedAt" OR OLD."escalationPeak" IS DISTINCT FROM NEW."escalationPeak" OR OLD."firstRespondedAt" IS DISTINCT FROM NEW."firstRespondedAt" OR OLD."isOpen" IS DISTINCT FROM NEW."isOpen" OR OLD."resolvedById" IS DISTINCT FROM NEW."resolvedById") EXECUTE FUNCTION "case_dashboard_update"();

CREATE FUNCTION "case_ban_proposal"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE "BanProposal" SET "outcome" = CASE NEW."state" WHEN 'actioned' THEN 'approved' WHEN 'in_review' THEN 'rejected' ELSE 'withdrawn' END, "decidedAt" = NEW."updatedAt"
    WHERE "caseId" = NEW."id" AND "outcome" = 'pending' AND OLD."state" = 'awaiting_approval' AND NEW."state" <> 'awaiting_approval';
    INSERT INTO "BanProposal" ("caseId", "proposedAt", "outcome", "ruleCode", "language", "source")
    SELECT NEW."id", NEW."updatedAt", 'pending', NEW."ruleCode", COALESCE(NEW."language", ''), COALESCE(NEW."source", '')
    WHERE NEW."state" = 'awaiting_approval' AND OLD."state" <> 'awaiting_approval'
    ON CONFLICT ("caseId", "proposedAt") DO NOTHING;
    RETURN NULL;
END
$$;
CREATE TRIGGER "Case_ban_proposal" AFTER UPDATE OF "state" ON "Case"
    FOR EACH ROW WHEN (NEW."state" = 'awaiting_approval' OR OLD."state" = 'awaiting_approval') EXECUTE FUNCTION "case_ban_proposal"();

CREATE FUNCTION "report_dashboard_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO "DashboardTally" ("day", "ruleCode", "language", "source", "reports")
    SELECT i."day", i."ruleCode", i."language", i."source", 1 AS "reports" FROM (SELECT to_char(NEW."receivedAt", 'YYYY-MM-DD') AS "day", NEW."ruleCode" AS "ruleCode", COALESCE(NEW."language", '') AS "language", NEW."source" AS "source") i WHERE true
    ON CONFLICT ("day", "ruleCode", "language", "source") DO UPDATE SET "reports" = "DashboardTally"."reports" + excluded."reports";
    UPDATE "Case" SET "source" = NEW."source" WHERE "id" = NEW."caseId" AND "source" IS NULL;
    RETURN NULL;
END
$$;
CREATE TRIGGER "Report_dashboard_insert" AFTER INSERT ON "Report"
    FOR EACH ROW EXECUTE FUNCTION "report_dashboard_insert"();

CREATE FUNCTION "report_dashboard_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO "DashboardTally" ("day", "ruleCode", "language", "source", "reports")
    SELECT i."day", i."ruleCode", i."language", i."source", -1 AS "reports" FROM (SELECT to_char(OLD."receivedAt", 'YYYY-MM-DD') AS "day", OLD."ruleCode" AS "ruleCode", COALESCE(OLD."language", '') AS "language", OLD."source" AS "source") i WHERE true
    ON CONFLICT ("day", "ruleCode", "language", "source") DO UPDATE SET "reports" = "DashboardTally"."reports" + excluded."reports";
    INSERT INTO "DashboardTally" ("day", "ruleCode", "language", "source", "reports")
    SELECT i."day", i."ruleCode", i."language", i."source", 1 AS "reports" FROM (SELECT to_char(NEW."receivedAt", 'YYYY-MM-DD') AS "day", NEW."ruleCode" AS "ruleCode", COALESCE(NEW."language", '') AS "language", NEW."source" AS "source") i WHERE true
    ON CONFLICT ("day", "ruleCode", "language", "source") DO UPDATE SET "reports" = "DashboardTally"."reports" + excluded."reports";
    RETURN NULL;
END
$$;
CREATE TRIGGER "Report_dashboard_update" AFTER UPDATE OF "receivedAt", "ruleCode", "language", "source" ON "Report"
    FOR EACH ROW WHEN (OLD."receivedAt" IS DISTINCT FROM NEW."receivedAt" OR OLD."ruleCode" IS DISTINCT FROM NEW."ruleCode" OR OLD."language" IS DISTINCT FROM NEW."language" OR OLD."source" IS DISTINCT FROM NEW."source") EXECUTE FUNCTION "report_dashboard_update"();

CREATE FUNCTION "banproposal_dashboard_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO "DashboardTally" ("day", "ruleCode", "language", "source", "banProposed", "banRejected")
    SELECT i."day", i."ruleCode", i."language", i."source", 1 AS "banProposed", 1 * i."rej" AS "banRejected" FROM (SELECT to_char(NEW."proposedAt", 'YYYY-MM-DD') AS "day", NEW."ruleCode" AS "ruleCode", NEW."language" AS "language", NEW."source" AS "source", CASE WHEN NEW."outcome" = 'rejected' THEN 1 ELSE 0 END AS "rej") i WHERE true
    ON CONFLICT ("day", "ruleCode", "language", "source") DO UPDATE SET "banProposed" = "DashboardTally"."banProposed" + excluded."banProposed", "banRejected" = "DashboardTally"."banRejected" + excluded."banRejected";
    RETURN NULL;
END
$$;
CREATE TRIGGER "BanProposal_dashboard_insert" AFTER INSERT ON "BanProposal"
    FOR EACH ROW EXECUTE FUNCTION "banproposal_dashboard_insert"();

CREATE FUNCTION "banproposal_dashboard_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO "DashboardTally" ("day", "ruleCode", "language", "source", "banProposed", "banRejected")
    SELECT i."day", i."ruleCode", i."language", i."source", -1 AS "banProposed", -1 * i."rej" AS "banRejected" FROM (SELECT to_char(OLD."proposedAt", 'YYYY-MM-DD') AS "day", OLD."ruleCode" AS "ruleCode", OLD."language" AS "language", OLD."source" AS "source", CASE WHEN OLD."outcome" = 'rejected' THEN 1 ELSE 0 END AS "rej") i WHERE true
    ON CONFLICT ("day", "ruleCode", "language", "source") DO UPDATE SET "banProposed" = "DashboardTally"."banProposed" + excluded."banProposed", "banRejected" = "DashboardTally"."banRejected" + excluded."banRejected";
    INSERT INTO "DashboardTally" ("day", "ruleCode", "language", "source", "banProposed", "banRejected")
    SELECT i."day", i."ruleCode", i."language", i."source", 1 AS "banProposed", 1 * i."rej" AS "banRejected" FROM (SELECT to_char(NEW."proposedAt", 'YYYY-MM-DD') AS "day", NEW."ruleCode" AS "ruleCode", NEW."language" AS "language", NEW."source" AS "source", CASE WHEN NEW."outcome" = 'rejected' THEN 1 ELSE 0 END AS "rej") i WHERE true
    ON CONFLICT ("day", "ruleCode", "language", "source") DO UPDATE SET "banProposed" = "DashboardTally"."banProposed" + excluded."banProposed", "banRejected" = "DashboardTally"."banRejected" + excluded."banRejected";
    RETURN NULL;
END
$$;
CREATE TRIGGER "BanProposal_dashboard_update" AFTER UPDATE ON "BanProposal"
    FOR EACH ROW EXECUTE FUNCTION "banproposal_dashboard_update"();

CREATE FUNCTION "sladeadline_dashboard_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO "DashboardTierTally" ("day", "ruleCode", "language", "source", "tier", "firstResponseMet", "firstResponseMissed", "resolutionMet", "resolutionMissed")
    SELECT i."day", i."ruleCode", i."language", i."source", i."tier", 1 * i."frMet" AS "firstResponseMet", 1 * i."frMissed" AS "firstResponseMissed", 1 * i."rsMet" AS "resolutionMet", 1 * i."rsMissed" AS "resolutionMissed" FROM (SELECT to_char(NEW."dueAt", 'YYYY-MM-DD') AS "day", NEW."ruleCode" AS "ruleCode", NEW."language" AS "language", NEW."source" AS "source", NEW."tier" AS "tier", CASE WHEN NEW."clock" = 'first_response' AND NEW."outcome" = 'met' THEN 1 ELSE 0 END AS "frMet", CASE WHEN NEW."clock" = 'first_response' AND NEW."outcome" = 'missed' THEN 1 ELSE 0 END AS "frMissed", CASE WHEN NEW."clock" = 'resolution' AND NEW."outcome" = 'met' THEN 1 ELSE 0 END AS "rsMet", CASE WHEN NEW."clock" = 'resolution' AND NEW."outcome" = 'missed' THEN 1 ELSE 0 END AS "rsMissed" WHERE NEW."outcome" IN ('met', 'missed')) i WHERE true
    ON CONFLICT ("day", "ruleCode", "language", "source", "tier") DO UPDATE SET "firstResponseMet" = "DashboardTierTally"."firstResponseMet" + excluded."firstResponseMet", "firstResponseMissed" = "DashboardTierTally"."firstResponseMissed" + excluded."firstResponseMissed", "resolutionMet" = "DashboardTierTally"."resolutionMet" + excluded."resolutionMet", "resolutionMissed" = "DashboardTierTally"."resolutionMissed" + excluded."resolutionMissed";
    RETURN NULL;
END
$$;
CREATE TRIGGER "SlaDeadline_dashboard_insert" AFTER INSERT ON "SlaDeadline"
    FOR EACH ROW EXECUTE FUNCTION "sladeadline_dashboard_insert"();

CREATE FUNCTION "sladeadline_dashboard_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO "DashboardTierTally" ("day", "ruleCode", "language", "source", "tier", "firstResponseMet", "firstResponseMissed", "resolutionMet", "resolutionMissed")
    SELECT i."day", i."ruleCode", i."language", i."source", i."tier", -1 * i."frMet" AS "firstResponseMet", -1 * i."frMissed" AS "firstResponseMissed", -1 * i."rsMet" AS "resolutionMet", -1 * i."rsMissed" AS "resolutionMissed" FROM (SELECT to_char(OLD."dueAt", 'YYYY-MM-DD') AS "day", OLD."ruleCode" AS "ruleCode", OLD."language" AS "language", OLD."source" AS "source", OLD."tier" AS "tier", CASE WHEN OLD."clock" = 'first_response' AND OLD."outcome" = 'met' THEN 1 ELSE 0 END AS "frMet", CASE WHEN OLD."clock" = 'first_response' AND OLD."outcome" = 'missed' THEN 1 ELSE 0 END AS "frMissed", CASE WHEN OLD."clock" = 'resolution' AND OLD."outcome" = 'met' THEN 1 ELSE 0 END AS "rsMet", CASE WHEN OLD."clock" = 'resolution' AND OLD."outcome" = 'missed' THEN 1 ELSE 0 END AS "rsMissed" WHERE OLD."outcome" IN ('met', 'missed')) i WHERE true
    ON CONFLICT ("day", "ruleCode", "language", "source", "tier") DO UPDATE SET "firstResponseMet" = "DashboardTierTally"."firstResponseMet" + excluded."firstResponseMet", "firstResponseMissed" = "DashboardTierTally"."firstResponseMissed" + excluded."firstResponseMissed", "resolutionMet" = "DashboardTierTally"."resolutionMet" + excluded."resolutionMet", "resolutionMissed" = "DashboardTierTally"."resolutionMissed" + excluded."resolutionMissed";
    INSERT INTO "DashboardTierTally" ("day", "ruleCode", "language", "source", "tier", "firstResponseMet", "firstResponseMissed", "resolutionMet", "resolutionMissed")
    SELECT i."day", i."ruleCode", i."language", i."source", i."tier", 1 * i."frMet" AS "firstResponseMet", 1 * i."frMissed" AS "firstResponseMissed", 1 * i."rsMet" AS "resolutionMet", 1 * i."rsMissed" AS "resolutionMissed" FROM (SELECT to_char(NEW."dueAt", 'YYYY-MM-DD') AS "day", NEW."ruleCode" AS "ruleCode", NEW."language" AS "language", NEW."source" AS "source", NEW."tier" AS "tier", CASE WHEN NEW."clock" = 'first_response' AND NEW."outcome" = 'met' THEN 1 ELSE 0 END AS "frMet", CASE WHEN NEW."clock" = 'first_response' AND NEW."outcome" = 'missed' THEN 1 ELSE 0 END AS "frMissed", CASE WHEN NEW."clock" = 'resolution' AND NEW."outcome" = 'met' THEN 1 ELSE 0 END AS "rsMet", CASE WHEN NEW."clock" = 'resolution' AND NEW."outcome" = 'missed' THEN 1 ELSE 0 END AS "rsMissed" WHERE NEW."outcome" IN ('met', 'missed')) i WHERE true
    ON CONFLICT ("day", "ruleCode", "language", "source", "tier") DO UPDATE SET "firstResponseMet" = "DashboardTierTally"."firstResponseMet" + excluded."firstResponseMet", "firstResponseMissed" = "DashboardTierTally"."firstResponseMissed" + excluded."firstResponseMissed", "resolutionMet" = "DashboardTierTally"."resolutionMet" + excluded."resolutionMet", "resolutionMissed" = "DashboardTierTally"."resolutionMissed" + excluded."resolutionMissed";
    RETURN NULL;
END
$$;
CREATE TRIGGER "SlaDeadline_dashboard_update" AFTER UPDATE ON "SlaDeadline"
    FOR EACH ROW EXECUTE FUNCTION "sladeadline_dashboard_update"();

CREATE FUNCTION "timer_sla_deadline_armed"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO "SlaDeadline" ("caseId", "roundStart", "tier", "clock", "timerId", "dueAt", "outcome", "ruleCode", "language", "source")
    SELECT c."id", COALESCE(c."reopenedAt", c."createdAt"),
        COALESCE((SELECT e."tierIndex" FROM "CaseEscalation" e WHERE e."caseId" = c."id" AND e."state" IN ('awaiting_ack', 'acknowledged')), 0),
        CASE NEW."kind" WHEN 'sla_first_response' THEN 'first_response' ELSE 'resolution' END,
        NEW."id", NEW."dueAt", 'pending', c."ruleCode", COALESCE(c."language", ''), COALESCE(c."source", '')
    FROM "Case" c WHERE c."id" = NEW."caseId"
    ON CONFLICT ("caseId", "roundStart", "tier", "clock") DO UPDATE SET "timerId" = excluded."timerId", "dueAt" = excluded."dueAt", "outcome" = 'pending';
    RETURN NULL;
END
$$;
CREATE TRIGGER "Timer_sla_deadline_armed" AFTER INSERT ON "Timer"
    FOR EACH ROW WHEN (NEW."kind" IN ('sla_first_response', 'sla_resolution') AND NEW."caseId" IS NOT NULL AND NEW."status" = 'pending') EXECUTE FUNCTION "timer_sla_deadline_armed"();

CREATE FUNCTION "timer_sla_deadline_settled"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE "SlaDeadline" SET "outcome" = CASE NEW."status" WHEN 'fired' THEN 'missed' ELSE 'met' END WHERE "timerId" = NEW."id" AND "outcome" = 'pending';
    RETURN NULL;
END
$$;
CREATE TRIGGER "Timer_sla_deadline_settled" AFTER UPDATE OF "status" ON "Timer"
    FOR EACH ROW WHEN (OLD."status" = 'pending' AND NEW."status" IN ('fired', 'cancelled') AND NEW."kind" IN ('sla_first_response', 'sla_resolution')) EXECUTE FUNCTION "timer_sla_deadline_settled"();

CREATE FUNCTION "caseescalation_peak_insert"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE "Case" SET "escalationPeak" = NEW."tierIndex" WHERE "id" = NEW."caseId" AND "escalationPeak" < NEW."tierIndex";
    RETURN NULL;
END
$$;
CREATE TRIGGER "CaseEscalation_peak_insert" AFTER INSERT ON "CaseEscalation"
    FOR EACH ROW WHEN (NEW."state" IN ('awaiting_ack', 'acknowledged')) EXECUTE FUNCTION "caseescalation_peak_insert"();

CREATE FUNCTION "caseescalation_peak_update"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE "Case" SET "escalationPeak" = NEW."tierIndex" WHERE "id" = NEW."caseId" AND "escalationPeak" < NEW."tierIndex";
    RETURN NULL;
END
$$;
CREATE TRIGGER "CaseEscalation_peak_update" AFTER UPDATE OF "tierIndex", "state" ON "CaseEscalation"
    FOR EACH ROW WHEN (NEW."state" IN ('awaiting_ack', 'acknowledged')) EXECUTE FUNCTION "caseescalation_peak_update"();
