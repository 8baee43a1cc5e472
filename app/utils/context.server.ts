import crypto from "node:crypto";

/** What the HTTP server passes to every loader and action. */
export type VigilContext = { clientIp: string; requestId: string };

export function requestContext(context: unknown): VigilContext {
  const c = (context ?? {}) as Partial<VigilContext>;
  return { clientIp: c.clientIp ?? "unknown", requestId: c.requestId ?? crypto.randomUUID() };
}
