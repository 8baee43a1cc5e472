import crypto from "node:crypto";
import { z } from "zod";
import { prisma } from "~/utils/db.server";
import type { Actor } from "./actor";
import { appendAudit } from "./audit.server";
import type { WebhookEvent } from "./outbox.server";
import { WEBHOOK_EVENTS } from "./outbox.server";

// Admin configuration of outgoing webhooks and the record of their deliveries.

export const WebhookInput = z.object({
  name: z.string().trim().min(1).max(80),
  url: z
    .string()
    .trim()
    .url()
    .refine((u) => /^https?:\/\//.test(u), "An http(s) address."),
  events: z.array(z.enum(WEBHOOK_EVENTS as [WebhookEvent, ...WebhookEvent[]])).min(1, "Choose at least one event."),
});
export type WebhookInput = z.infer<typeof WebhookInput>;

export async function createWebhook(input: WebhookInput & { secret?: string }, actor: Actor) {
  const secret = input.secret ?? `whsec_${crypto.randomBytes(24).toString("base64url")}`;
  return prisma.$transaction(async (tx) => {
    const hook = await tx.webhook.create({ data: { name: input.name, url: input.url, secret, events: JSON.stringify(input.events) } });
    await appendAudit(tx, {
      actor,
      permission: "manage:webhooks",
      action: "webhook.created",
      subjectType: "Webhook",
      subjectId: hook.id,
      after: { name: hook.name, url: hook.url, events: input.events },
    });
    return hook;
  });
}

export async function setWebhookActive(id: string, active: boolean, actor: Actor) {
  await prisma.$transaction(async (tx) => {
    await tx.webhook.update({ where: { id }, data: { active } });
    await appendAudit(tx, {
      actor,
      permission: "manage:webhooks",
      action: active ? "webhook.enabled" : "webhook.disabled",
      subjectType: "Webhook",
      subjectId: id,
    });
  });
}

/** Webhooks with their latest delivery attempts, newest first. */
export async function listWebhooksWithAttempts(attemptsPerHook = 20) {
  const hooks = await prisma.webhook.findMany({ orderBy: { createdAt: "asc" } });
  return Promise.all(
    hooks.map(async (hook) => ({
      ...hook,
      events: JSON.parse(hook.events) as WebhookEvent[],
      pending: await prisma.outboxMessage.count({ where: { webhookId: hook.id, status: "pending" } }),
      attempts: await prisma.deliveryAttempt.findMany({
        where: { webhookId: hook.id },
        orderBy: { at: "desc" },
        take: attemptsPerHook,
        include: { message: { select: { kind: true, status: true } } },
      }),
    })),
  );
}
