import { PUBLIC_LOCALES } from "~/i18n/public";
import type { Db, Tx } from "~/utils/db.server";
import { prisma } from "~/utils/db.server";

/** The languages a crisis speaks: the community's (the public pages') and those of its linked cases. */
export async function crisisLanguages(crisisId: string, db: Tx | Db = prisma): Promise<string[]> {
  const cases = await db.crisisCase.findMany({ where: { crisisId }, select: { caseId: true } });
  const found = await db.case.findMany({ where: { id: { in: cases.map((c) => c.caseId) }, language: { not: null } }, select: { language: true }, distinct: ["language"] });
  const extra = found.flatMap((c) => (c.language && !(PUBLIC_LOCALES as readonly string[]).includes(c.language) ? [c.language] : []));
  return [...PUBLIC_LOCALES, ...extra.sort()];
}
