import crypto from "node:crypto";

/** What the HTTP server passes to every loader and action (and cspNonce to entry.server). */
export type VigilContext = { clientIp: string; requestId: string; cspNonce?: string };

export function requestContext(context: unknown): VigilContext {
  const c = (context ?? {}) as Partial<VigilContext>;
  return { clientIp: c.clientIp ?? "unknown", requestId: c.requestId ?? crypto.randomUUID() };
}
