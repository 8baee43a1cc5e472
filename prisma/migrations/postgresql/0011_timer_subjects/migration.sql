-- DropIndex
DROP INDEX "Timer_caseId_kind_status_idx";

-- AlterTable
ALTER TABLE "Timer" ADD COLUMN     "subjectId" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "subjectType" TEXT NOT NULL DEFAULT 'case';

-- CreateIndex
CREATE INDEX "Timer_subjectType_subjectId_kind_status_idx" ON "Timer"("subjectType", "subjectId", "kind", "status");

-- Every timer so far belongs to a case.
UPDATE "Timer" SET "subjectId" = "caseId" WHERE "caseId" IS NOT NULL;
