-- AlterTable
ALTER TABLE "Message" ADD COLUMN     "subjectRef" TEXT,
ADD COLUMN     "subjectType" TEXT NOT NULL DEFAULT 'case';

-- Every message so far belongs to a case.
UPDATE "Message" SET "subjectRef" = "caseRef";
