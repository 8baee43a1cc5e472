-- AlterTable
ALTER TABLE "Case" ADD COLUMN "authorKey" TEXT;
ALTER TABLE "Case" ADD COLUMN "subjectUrlKey" TEXT;

-- CreateIndex
CREATE INDEX "Case_subjectUrlKey_idx" ON "Case"("subjectUrlKey");

-- CreateIndex
CREATE INDEX "Case_authorKey_idx" ON "Case"("authorKey");

-- Earlier cases, keyed for the search box (app/models/case-query.ts). SQLite's lower() folds
-- ASCII letters only, as authorKeyOf does. Cases with no link at all get "" for their link
-- key; the server keys the others' links when it starts (a URL must be normalised first).
UPDATE "Case" SET "authorKey" = NULLIF(lower(ltrim("authorHandle", '@')), '') WHERE "authorHandle" IS NOT NULL;
UPDATE "Case" SET "subjectUrlKey" = '' WHERE "subjectUrl" IS NULL AND "subjectKey" NOT LIKE 'content:url:%' AND "subjectKey" NOT LIKE 'account:url:%';
