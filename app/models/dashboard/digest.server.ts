import { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { appendAudit } from "../audit/audit.server";
import type { WebhookPayload } from "../messages/outbox.server";
import { enqueueWebhooks } from "../messages/outbox.server";
import type { Figure } from "./dashboard-figures";
import { loadDashboard } from "./dashboard.server";

// The weekly digest: the dashboard's headline figures for the last whole week (Monday to
// Sunday, UTC) against the week before, posted through the outbox (signed, retried) to
// every active webhook an admin subscribed to "digest". Once a week whichever instance
// looks first: the week's row in DashboardDigest is inserted in the transaction that
// enqueues the messages, and a second instance's insert finds it taken.

const DAY = 86_400_000;
const dayOf = (d: Date) => d.toISOString().slice(0, 10);

/** The last whole week before `now`: its Monday and Sunday. */
export function lastWholeWeek(now: Date): { from: string; to: string } {
  const today = Date.parse(`${dayOf(now)}T00:00:00Z`);
  const monday = today - ((new Date(today).getUTCDay() + 6) % 7) * DAY;
  return { from: dayOf(new Date(monday - 7 * DAY)), to: dayOf(new Date(monday - DAY)) };
}

export type DigestPayload = WebhookPayload & {
  vigil: { event: "digest"; week: { from: string; to: string }; figures: Pick<Figure, "key" | "label" | "value" | "previous" | "change">[] };
};

export function digestPayload(week: { from: string; to: string }, figures: Figure[]): DigestPayload {
  const lines = figures.map((f) => `• ${f.label}: ${f.value} (${f.change === "no change" || f.change.startsWith("nothing") ? f.change : `${f.change}; the week before: ${f.previous}`})`);
  const text = [`Vigil weekly digest, ${week.from} to ${week.to} (UTC), against the week before:`, ...lines].join("\n");
  return {
    text,
    content: text,
    vigil: { event: "digest", week, figures: figures.map(({ key, label, value, previous, change }) => ({ key, label, value, previous, change })) },
  };
}

async function subscribed(): Promise<number> {
  const hooks = await prisma.webhook.findMany({ where: { active: true }, select: { events: true } });
  return hooks.filter((h) => (JSON.parse(h.events) as string[]).includes("digest")).length;
}

/**
 * Sends last week's digest if nobody has and someone subscribed to it. Returns the week
 * and how many webhooks it went to, or null when there was nothing to do.
 */
export async function sendDueDigest(now: Date = new Date()): Promise<{ week: string; webhooks: number } | null> {
  const week = lastWholeWeek(now);
  if (await prisma.dashboardDigest.findUnique({ where: { week: week.from } })) return null;
  if ((await subscribed()) === 0) return null;
  const view = await loadDashboard(new URLSearchParams({ period: "dates", ...week }), { workload: false }, now);
  const payload = digestPayload(week, view.figures);
  return prisma.$transaction(async (tx) => {
    const claimed = await tx.$executeRaw(
      Prisma.sql`INSERT INTO "DashboardDigest" ("week", "sentAt", "webhooks") VALUES (${week.from}, ${now}, 0) ON CONFLICT ("week") DO NOTHING`,
    );
    if (claimed !== 1) return null;
    const webhooks = await enqueueWebhooks(tx, "digest", payload, now);
    await tx.dashboardDigest.update({ where: { week: week.from }, data: { webhooks } });
    await appendAudit(tx, {
      actor: { kind: "system", name: "digest" },
      action: "dashboard.digest_sent",
      subjectType: "dashboard",
      subjectId: week.from,
      after: { from: week.from, to: week.to, webhooks },
      at: now,
    });
    return { week: week.from, webhooks };
  });
}
