import crypto from "node:crypto";
import { z } from "zod";
import { prisma } from "~/utils/db.server";
import { isSealed, open, seal } from "~/utils/secret-box.server";
import type { Actor } from "../accounts/actor";
import { appendAudit } from "../audit/audit.server";
import type { WebhookEvent } from "./outbox.server";
import { WEBHOOK_EVENTS } from "./outbox.server";
import { subscribedEvents } from "./webhook-events";

// Admin configuration of outgoing webhooks and the record of their deliveries. Signing
// secrets are sealed at rest (secret-box.server.ts): an admin sees one once, when it is
// made, and no audit entry or page shows it again.

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

const newSecret = () => `whsec_${crypto.randomBytes(24).toString("base64url")}`;

/** Adds a webhook; `secret` is the plain signing secret, for the admin to copy now. */
export async function createWebhook(input: WebhookInput & { secret?: string }, actor: Actor, requestId?: string | null) {
  const secret = input.secret ?? newSecret();
  return prisma.$transaction(async (tx) => {
    const hook = await tx.webhook.create({ data: { name: input.name, url: input.url, secret: seal(secret), events: JSON.stringify(input.events) } });
    await appendAudit(tx, {
      actor,
      permission: "manage:webhooks",
      action: "webhook.created",
      subjectType: "Webhook",
      subjectId: hook.id,
      after: { name: hook.name, url: hook.url, events: input.events },
      requestId: requestId ?? null,
    });
    return { id: hook.id, name: hook.name, secret };
  });
}

/** Replaces a webhook's secret; messages sent from now on are signed with the new one. */
export async function rotateWebhookSecret(id: string, actor: Actor, requestId?: string | null) {
  const secret = newSecret();
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.webhook.updateMany({ where: { id }, data: { secret: seal(secret) } });
    if (count !== 1) return null;
    const hook = await tx.webhook.findUniqueOrThrow({ where: { id }, select: { id: true, name: true } });
    await appendAudit(tx, {
      actor,
      permission: "manage:webhooks",
      action: "webhook.secret_rotated",
      subjectType: "Webhook",
      subjectId: id,
      // Who rotated it and when is the record; the secret itself never enters the log.
      after: { name: hook.name },
      requestId: requestId ?? null,
    });
    return { ...hook, secret };
  });
}

/**
 * The plain secret to sign with. A secret stored before sealing existed (or by an older
 * release during a rolling upgrade) is sealed now, compare-and-set, and still used.
 */
export async function signingSecretOf(hook: { id: string; secret: string }): Promise<string> {
  if (isSealed(hook.secret)) return open(hook.secret);
  await prisma.webhook.updateMany({ where: { id: hook.id, secret: hook.secret }, data: { secret: seal(hook.secret) } });
  return hook.secret;
}

/**
 * Seals every plain-text secret left from before sealing; run at every start (several
 * instances may run it at once: each row is sealed by one of them). Returns how many.
 */
export async function sealPlainWebhookSecrets(): Promise<number> {
  const hooks = await prisma.webhook.findMany({ select: { id: true, name: true, secret: true } });
  let sealed = 0;
  for (const hook of hooks.filter((h) => !isSealed(h.secret))) {
    await prisma.$transaction(async (tx) => {
      const { count } = await tx.webhook.updateMany({ where: { id: hook.id, secret: hook.secret }, data: { secret: seal(hook.secret) } });
      if (count !== 1) return;
      sealed++;
      await appendAudit(tx, {
        actor: { kind: "system", name: "startup" },
        action: "webhook.secret_sealed",
        subjectType: "Webhook",
        subjectId: hook.id,
        after: { name: hook.name },
        reason: "Secrets are encrypted at rest from this release on.",
      });
    });
  }
  return sealed;
}

export async function setWebhookActive(id: string, active: boolean, actor: Actor, requestId?: string | null) {
  await prisma.$transaction(async (tx) => {
    await tx.webhook.update({ where: { id }, data: { active } });
    await appendAudit(tx, {
      actor,
      permission: "manage:webhooks",
      action: active ? "webhook.enabled" : "webhook.disabled",
      subjectType: "Webhook",
      subjectId: id,
      requestId: requestId ?? null,
    });
  });
}

/** Webhooks (without their secrets) with their latest delivery attempts, newest first. */
export async function listWebhooksWithAttempts(attemptsPerHook = 20) {
  const hooks = await prisma.webhook.findMany({
    orderBy: { createdAt: "asc" },
    select: { id: true, name: true, url: true, events: true, active: true, createdAt: true },
  });
  return Promise.all(
    hooks.map(async (hook) => ({
      ...hook,
      events: subscribedEvents(hook.events),
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
