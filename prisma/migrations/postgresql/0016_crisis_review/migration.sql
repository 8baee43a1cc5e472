-- AlterTable
ALTER TABLE "CrisisTask" ADD COLUMN     "actionItem" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "CrisisReview" (
    "id" TEXT NOT NULL,
    "crisisId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "whatHappened" TEXT NOT NULL DEFAULT '',
    "wentWell" TEXT NOT NULL DEFAULT '',
    "toChange" TEXT NOT NULL DEFAULT '',
    "openedAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "submittedAt" TIMESTAMP(3),
    "signedOffById" TEXT,
    "signedOffAt" TIMESTAMP(3),
    "signOffNote" TEXT,

    CONSTRAINT "CrisisReview_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "CrisisReview_crisisId_key" ON "CrisisReview"("crisisId");

-- AddForeignKey
ALTER TABLE "CrisisReview" ADD CONSTRAINT "CrisisReview_crisisId_fkey" FOREIGN KEY ("crisisId") REFERENCES "Crisis"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
