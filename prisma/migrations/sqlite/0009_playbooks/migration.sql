-- CreateTable
CREATE TABLE "Playbook" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "key" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "publishedVersion" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "PlaybookVersion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "playbookId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'draft',
    "source" TEXT NOT NULL,
    "compiled" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "findings" TEXT NOT NULL,
    "errors" INTEGER NOT NULL,
    "warnings" INTEGER NOT NULL,
    "note" TEXT,
    "authorId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "publishedById" TEXT,
    "publishedAt" DATETIME,
    "retiredAt" DATETIME,
    CONSTRAINT "PlaybookVersion_playbookId_fkey" FOREIGN KEY ("playbookId") REFERENCES "Playbook" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Playbook_key_key" ON "Playbook"("key");

-- CreateIndex
CREATE INDEX "PlaybookVersion_status_idx" ON "PlaybookVersion"("status");

-- CreateIndex
CREATE UNIQUE INDEX "PlaybookVersion_playbookId_version_key" ON "PlaybookVersion"("playbookId", "version");

-- A version's plan never changes once written, and a published version is what a running
-- crisis pins: only its status moves on (draft -> published -> retired), and what was
-- recorded at publishing (findings, publisher, time) stays. A new plan is a new version.
CREATE TRIGGER "PlaybookVersion_immutable" BEFORE UPDATE ON "PlaybookVersion"
WHEN NEW."source" IS NOT OLD."source" OR NEW."compiled" IS NOT OLD."compiled" OR NEW."hash" IS NOT OLD."hash"
    OR NEW."version" IS NOT OLD."version" OR NEW."playbookId" IS NOT OLD."playbookId" OR NEW."authorId" IS NOT OLD."authorId"
    OR NEW."createdAt" IS NOT OLD."createdAt"
    OR (OLD."status" <> 'draft' AND (NEW."findings" IS NOT OLD."findings" OR NEW."errors" IS NOT OLD."errors" OR NEW."warnings" IS NOT OLD."warnings"
        OR NEW."publishedById" IS NOT OLD."publishedById" OR NEW."publishedAt" IS NOT OLD."publishedAt"))
    OR (OLD."status" = 'published' AND NEW."status" NOT IN ('published', 'retired'))
    OR (OLD."status" = 'retired' AND NEW."status" <> 'retired')
BEGIN
    SELECT RAISE(ABORT, 'A playbook version never changes once written: save a new version.');
END;
