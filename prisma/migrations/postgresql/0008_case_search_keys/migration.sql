-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "authorKey" TEXT,
ADD COLUMN     "subjectUrlKey" TEXT;

-- CreateIndex
CREATE INDEX "Case_subjectUrlKey_idx" ON "Case"("subjectUrlKey");

-- CreateIndex
CREATE INDEX "Case_authorKey_idx" ON "Case"("authorKey");

-- Earlier cases, keyed for the search box (app/models/case-query.ts): ASCII letters folded
-- to lower case and nothing else, as authorKeyOf does. Cases with no link at all get "" for
-- their link key; the server keys the others' links when it starts (a URL must be normalised first).
UPDATE "Case" SET "authorKey" = NULLIF(translate(ltrim("authorHandle", '@'), 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz'), '') WHERE "authorHandle" IS NOT NULL;
UPDATE "Case" SET "subjectUrlKey" = '' WHERE "subjectUrl" IS NULL AND "subjectKey" NOT LIKE 'content:url:%' AND "subjectKey" NOT LIKE 'account:url:%';
