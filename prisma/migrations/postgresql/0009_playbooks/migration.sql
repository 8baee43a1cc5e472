-- CreateTable
CREATE TABLE "Playbook" (
    "id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "publishedVersion" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Playbook_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PlaybookVersion" (
    "id" TEXT NOT NULL,
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
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "publishedById" TEXT,
    "publishedAt" TIMESTAMP(3),
    "retiredAt" TIMESTAMP(3),

    CONSTRAINT "PlaybookVersion_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Playbook_key_key" ON "Playbook"("key");

-- CreateIndex
CREATE INDEX "PlaybookVersion_status_idx" ON "PlaybookVersion"("status");

-- CreateIndex
CREATE UNIQUE INDEX "PlaybookVersion_playbookId_version_key" ON "PlaybookVersion"("playbookId", "version");

-- AddForeignKey
ALTER TABLE "PlaybookVersion" ADD CONSTRAINT "PlaybookVersion_playbookId_fkey" FOREIGN KEY ("playbookId") REFERENCES "Playbook"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- A version's plan never changes once written, and a published version is what a running
-- crisis pins: only its status moves on (draft -> published -> retired), and what was
-- recorded at publishing (findings, publisher, time) stays. A new plan is a new version.
CREATE FUNCTION "playbook_version_immutable"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW."source" IS DISTINCT FROM OLD."source" OR NEW."compiled" IS DISTINCT FROM OLD."compiled" OR NEW."hash" IS DISTINCT FROM OLD."hash"
        OR NEW."version" IS DISTINCT FROM OLD."version" OR NEW."playbookId" IS DISTINCT FROM OLD."playbookId" OR NEW."authorId" IS DISTINCT FROM OLD."authorId"
        OR NEW."createdAt" IS DISTINCT FROM OLD."createdAt"
        OR (OLD."status" <> 'draft' AND (NEW."findings" IS DISTINCT FROM OLD."findings" OR NEW."errors" IS DISTINCT FROM OLD."errors" OR NEW."warnings" IS DISTINCT FROM OLD."warnings"
            OR NEW."publishedById" IS DISTINCT FROM OLD."publishedById" OR NEW."publishedAt" IS DISTINCT FROM OLD."publishedAt"))
        OR (OLD."status" = 'published' AND NEW."status" NOT IN ('published', 'retired'))
        OR (OLD."status" = 'retired' AND NEW."status" <> 'retired')
    THEN
        RAISE EXCEPTION 'A playbook version never changes once written: save a new version.';
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER "PlaybookVersion_immutable" BEFORE UPDATE ON "PlaybookVersion"
    FOR EACH ROW EXECUTE FUNCTION "playbook_version_immutable"();
