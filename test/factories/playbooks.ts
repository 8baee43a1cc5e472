import fs from "node:fs";
import path from "node:path";
import { checkPlaybookText, compiledJson } from "~/models/playbooks/playbook-check";
import { playbookWorld } from "~/models/playbooks/playbook-world.server";
import { prisma } from "~/utils/db.server";

// The seeded playbooks: the library's four (harassment raid, data leak, PR backlash,
// imminent harm), each published as version 1. Written by the admin and published by the
// trust & safety lead; each must verify clean against the seeded roles and templates, so
// seed the templates first (seedDemo, then seedTemplates).

export const LIBRARY_DIR = path.resolve(import.meta.dirname, "../../machines/playbook/library");
export const LIBRARY_FILES = ["harassment-raid", "data-leak", "pr-backlash", "imminent-harm"] as const;
export const PLAYBOOK_AUTHOR = "admin@example.com";
export const PLAYBOOK_PUBLISHER = "lead@example.com";

export const libraryPlaybookText = (name: (typeof LIBRARY_FILES)[number]) => fs.readFileSync(path.join(LIBRARY_DIR, `${name}.yaml`), "utf8");

/** Publishes the library as version 1 of each playbook. Skips keys already there. */
export async function seedPlaybooks() {
  const [author, publisher] = await Promise.all([PLAYBOOK_AUTHOR, PLAYBOOK_PUBLISHER].map((email) => prisma.user.findUniqueOrThrow({ where: { email } })));
  const world = await playbookWorld();
  const at = new Date();
  let count = 0;
  for (const name of LIBRARY_FILES) {
    const source = libraryPlaybookText(name);
    const { playbook, verification } = checkPlaybookText(source, world);
    if (!playbook || verification.findings.length > 0) {
      throw new Error(`seed playbook ${name} does not verify clean: ${verification.findings.map((f) => `line ${f.line}: ${f.message}`).join("; ")}`);
    }
    if (await prisma.playbook.findUnique({ where: { key: playbook.key } })) continue;
    await prisma.playbook.create({
      data: {
        key: playbook.key,
        title: playbook.title,
        publishedVersion: 1,
        versions: {
          create: {
            version: 1,
            status: "published",
            source,
            compiled: compiledJson(playbook),
            hash: verification.hash!,
            findings: "[]",
            errors: 0,
            warnings: 0,
            note: "Seeded library",
            authorId: author.id,
            publishedById: publisher.id,
            publishedAt: at,
          },
        },
      },
    });
    count++;
  }
  return count;
}
