-- AlterTable
ALTER TABLE "Notification" ADD COLUMN     "subjectRef" TEXT,
ADD COLUMN     "subjectType" TEXT NOT NULL DEFAULT 'case';

-- CreateTable
CREATE TABLE "Crisis" (
    "id" TEXT NOT NULL,
    "ref" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "known" TEXT NOT NULL,
    "playbookVersionId" TEXT NOT NULL,
    "playbookHash" TEXT NOT NULL,
    "snapshot" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'active',
    "steps" TEXT NOT NULL DEFAULT '',
    "version" INTEGER NOT NULL DEFAULT 1,
    "declaredById" TEXT NOT NULL,
    "declaredAt" TIMESTAMP(3) NOT NULL,
    "containedAt" TIMESTAMP(3),
    "resolvedAt" TIMESTAMP(3),
    "closedAt" TIMESTAMP(3),
    "updateEveryMinutes" INTEGER NOT NULL,
    "nextUpdateDueAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Crisis_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CrisisRole" (
    "id" TEXT NOT NULL,
    "crisisId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "since" TIMESTAMP(3) NOT NULL,
    "until" TIMESTAMP(3),
    "note" TEXT,

    CONSTRAINT "CrisisRole_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CrisisTask" (
    "id" TEXT NOT NULL,
    "crisisId" TEXT NOT NULL,
    "step" TEXT,
    "title" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "ownerId" TEXT,
    "dueAt" TIMESTAMP(3),
    "status" TEXT NOT NULL DEFAULT 'open',
    "blockedReason" TEXT,
    "answer" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "doneAt" TIMESTAMP(3),

    CONSTRAINT "CrisisTask_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CrisisCase" (
    "crisisId" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "linkedById" TEXT,
    "linkedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CrisisCase_pkey" PRIMARY KEY ("crisisId","caseId")
);

-- CreateTable
CREATE TABLE "CrisisProposal" (
    "id" TEXT NOT NULL,
    "signal" TEXT NOT NULL,
    "windowMinutes" INTEGER NOT NULL,
    "count" INTEGER NOT NULL,
    "baseline" DOUBLE PRECISION NOT NULL,
    "caseIds" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "reason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "decidedAt" TIMESTAMP(3),
    "decidedById" TEXT,
    "crisisRef" TEXT,

    CONSTRAINT "CrisisProposal_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Crisis_ref_key" ON "Crisis"("ref");

-- CreateIndex
CREATE INDEX "Crisis_state_declaredAt_idx" ON "Crisis"("state", "declaredAt");

-- CreateIndex
CREATE INDEX "CrisisRole_crisisId_until_idx" ON "CrisisRole"("crisisId", "until");

-- CreateIndex
CREATE INDEX "CrisisRole_userId_until_idx" ON "CrisisRole"("userId", "until");

-- CreateIndex
CREATE INDEX "CrisisTask_crisisId_status_idx" ON "CrisisTask"("crisisId", "status");

-- CreateIndex
CREATE INDEX "CrisisCase_caseId_idx" ON "CrisisCase"("caseId");

-- CreateIndex
CREATE INDEX "CrisisProposal_signal_createdAt_idx" ON "CrisisProposal"("signal", "createdAt");

-- CreateIndex
CREATE INDEX "CrisisProposal_status_createdAt_idx" ON "CrisisProposal"("status", "createdAt");

-- CreateIndex
-- The index on "Report"("receivedAt") that the monitor reads comes with 0010_dashboard_tally.

-- AddForeignKey
ALTER TABLE "Crisis" ADD CONSTRAINT "Crisis_playbookVersionId_fkey" FOREIGN KEY ("playbookVersionId") REFERENCES "PlaybookVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CrisisRole" ADD CONSTRAINT "CrisisRole_crisisId_fkey" FOREIGN KEY ("crisisId") REFERENCES "Crisis"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CrisisTask" ADD CONSTRAINT "CrisisTask_crisisId_fkey" FOREIGN KEY ("crisisId") REFERENCES "Crisis"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CrisisCase" ADD CONSTRAINT "CrisisCase_crisisId_fkey" FOREIGN KEY ("crisisId") REFERENCES "Crisis"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
