import { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { SNIPPET_GRAPHEMES, oneLine } from "./case-gist";

// The start of each case's reported text, for lists. Only the first characters leave the
// database: a snapshot may be 20,000 characters, a list shows one line.

const HEAD_CHARACTERS = 400;

/** One line of each case's text, by case id; cases without text are left out. */
export async function caseSnippets(ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  // One character more than kept says whether the text goes on. Both stores count characters (code points).
  const rows = await prisma.$queryRaw<{ id: string; head: string | null }[]>(
    Prisma.sql`SELECT "id", substr("text", 1, ${Prisma.raw(String(HEAD_CHARACTERS + 1))}) AS "head" FROM "Case" WHERE "id" IN (${Prisma.join(ids)})`,
  );
  const snippets = new Map<string, string>();
  for (const row of rows) {
    if (!row.head) continue;
    const points = Array.from(row.head);
    const line = oneLine(points.slice(0, HEAD_CHARACTERS).join(""), SNIPPET_GRAPHEMES, points.length > HEAD_CHARACTERS);
    if (line) snippets.set(row.id, line);
  }
  return snippets;
}
