-- CreateTable
CREATE TABLE "Statement" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "ref" TEXT NOT NULL,
    "crisisId" TEXT NOT NULL,
    "stage" TEXT NOT NULL,
    "audience" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "language" TEXT NOT NULL,
    "sequence" INTEGER NOT NULL DEFAULT 1,
    "purpose" TEXT NOT NULL,
    "playbookStep" TEXT,
    "templateKey" TEXT,
    "templateVersion" INTEGER,
    "templateVersionId" TEXT,
    "templateLanguage" TEXT,
    "subject" TEXT,
    "body" TEXT NOT NULL,
    "textHash" TEXT NOT NULL,
    "chain" TEXT NOT NULL,
    "snapshot" TEXT NOT NULL,
    "machineVersion" INTEGER NOT NULL,
    "state" TEXT NOT NULL,
    "approvals" TEXT NOT NULL DEFAULT '[]',
    "version" INTEGER NOT NULL DEFAULT 1,
    "authorId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    "publishedAt" DATETIME,
    "publishedById" TEXT,
    "supersededAt" DATETIME,
    CONSTRAINT "Statement_crisisId_fkey" FOREIGN KEY ("crisisId") REFERENCES "Crisis" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Statement_ref_key" ON "Statement"("ref");

-- CreateIndex
CREATE INDEX "Statement_state_publishedAt_idx" ON "Statement"("state", "publishedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Statement_crisisId_stage_audience_channel_language_sequence_key" ON "Statement"("crisisId", "stage", "audience", "channel", "language", "sequence");
