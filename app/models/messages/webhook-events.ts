import { z } from "zod";
import { parseJsonAs } from "~/utils/json";
// What a webhook can be told about. Not a .server module: the webhooks page lists these
// in the browser too, where a .server module's exports do not exist.

export type WebhookEvent = "page" | "breach" | "crisis_page" | "statement.published" | "digest";
export const WEBHOOK_EVENTS: readonly WebhookEvent[] = ["page", "breach", "crisis_page", "statement.published", "digest"];

/** The kind of subject each event is about. */
export const WEBHOOK_EVENT_SUBJECTS = { page: "case", breach: "case", crisis_page: "crisis", "statement.published": "statement", digest: "period" } as const satisfies Record<WebhookEvent, "case" | "crisis" | "statement" | "period">;

/** The events a webhook row subscribes to; kinds this release does not know are left out. */
export function subscribedEvents(stored: string): WebhookEvent[] {
  const events = parseJsonAs(z.array(z.string()), stored) ?? [];
  return events.filter((e): e is WebhookEvent => (WEBHOOK_EVENTS as readonly string[]).includes(e));
}

export const WEBHOOK_EVENT_LABELS: Record<WebhookEvent, string> = {
  page: "Pages: someone is paged to act now",
  breach: "Breaches: a deadline was missed",
  crisis_page: "Crisis pages: someone is paged in a crisis room",
  "statement.published": "Statements published: a crisis's approved social post, to post it",
  digest: "Weekly digest: the dashboard's headline figures, each Monday",
};
