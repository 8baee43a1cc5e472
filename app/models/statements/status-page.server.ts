import crypto from "node:crypto";
import { prisma } from "~/utils/db.server";
import type { Stage } from "./statement-words";
import { STATUS_PAGE_AUDIENCES, isStage } from "./statement-words";

// The public status page's notices (docs/decisions/0024): the public posts a crisis team
// published, for crises active now or resolved in the last two weeks, in the reader's
// language or the fallback, newest update first. Only the approved text, its time and the
// next promised update: no crisis title, reference, staff name, case or internal id.

export const RECENT_DAYS = 14;

export type StatusUpdate = { entryId: string; stage: Stage; at: string; language: string; fallback: boolean; text: string };
export type StatusNotice = { anchor: string; ongoing: boolean; since: string; nextUpdateDueAt: string | null; updates: StatusUpdate[] };

const opaque = (...parts: string[]) => crypto.createHash("sha256").update(parts.join("\u0000")).digest("hex").slice(0, 24);

export async function statusNotices(locale: string, now: Date = new Date()): Promise<StatusNotice[]> {
  const recent = new Date(now.getTime() - RECENT_DAYS * 86_400_000);
  const rows = await prisma.statement.findMany({
    where: {
      channel: "public_post",
      audience: { in: [...STATUS_PAGE_AUDIENCES] },
      publishedAt: { not: null },
      state: { in: ["published", "superseded"] },
      crisis: { OR: [{ state: "active" }, { resolvedAt: { gte: recent } }] },
    },
    select: { crisisId: true, stage: true, audience: true, sequence: true, language: true, body: true, publishedAt: true, crisis: { select: { state: true, nextUpdateDueAt: true } } },
    orderBy: { publishedAt: "desc" },
  });
  // One update is a cell's statement in every language it was published in; the reader gets theirs, else English, else the first.
  const byCrisis = new Map<string, Map<string, typeof rows>>();
  for (const row of rows) {
    const updates = byCrisis.get(row.crisisId) ?? new Map<string, typeof rows>();
    const key = `${row.stage}.${row.audience}.${row.sequence}`;
    updates.set(key, [...(updates.get(key) ?? []), row]);
    byCrisis.set(row.crisisId, updates);
  }
  const notices = [...byCrisis.entries()].map(([crisisId, groups]): StatusNotice => {
    const updates = [...groups.entries()].map(([key, variants]): StatusUpdate => {
      const picked = variants.find((v) => v.language === locale) ?? variants.find((v) => v.language === "en") ?? variants[0];
      const at = variants.map((v) => v.publishedAt!.getTime()).sort((a, b) => a - b)[0];
      return { entryId: opaque(crisisId, key), stage: isStage(picked.stage) ? picked.stage : "update", at: new Date(at).toISOString(), language: picked.language, fallback: picked.language !== locale, text: picked.body };
    });
    updates.sort((a, b) => b.at.localeCompare(a.at));
    const crisis = groups.values().next().value![0].crisis;
    const ongoing = crisis.state === "active";
    return { anchor: `notice-${opaque(crisisId).slice(0, 8)}`, ongoing, since: updates.at(-1)!.at, nextUpdateDueAt: ongoing ? (crisis.nextUpdateDueAt?.toISOString() ?? null) : null, updates };
  });
  return notices.sort((a, b) => Number(b.ongoing) - Number(a.ongoing) || b.updates[0].at.localeCompare(a.updates[0].at));
}
