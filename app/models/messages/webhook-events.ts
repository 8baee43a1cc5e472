// What a webhook can be told about. Not a .server module: the webhooks page lists these
// in the browser too, where a .server module's exports do not exist.

export type WebhookEvent = "page" | "breach" | "digest";
export const WEBHOOK_EVENTS: readonly WebhookEvent[] = ["page", "breach", "digest"];

export const WEBHOOK_EVENT_LABELS: Record<WebhookEvent, string> = {
  page: "Pages: someone is paged to act now",
  breach: "Breaches: a deadline was missed",
  digest: "Weekly digest: the dashboard's headline figures, each Monday",
};
