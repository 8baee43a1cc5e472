import crypto from "node:crypto";
import { createSession } from "~/utils/auth.server";
import { CSRF_COOKIE, CSRF_FIELD, csrfToken } from "~/utils/csrf.server";
import { prisma } from "~/utils/db.server";
import { DEMO_API_KEY } from "../factories/demo";

// Route loaders and actions are called directly with real Request objects and the
// load context the HTTP server passes ({ clientIp, requestId }).

export const BASE = "http://localhost";

export function loadContext(clientIp = "203.0.113.7") {
  return { clientIp, requestId: crypto.randomUUID() };
}

type RouteFn = (args: { request: Request; params: Record<string, string>; context: ReturnType<typeof loadContext> }) => unknown;

/** Runs a loader or action and answers its Response, whether it was returned or thrown. */
export async function call(fn: RouteFn, request: Request, params: Record<string, string> = {}, clientIp?: string) {
  try {
    const result = await fn({ request, params, context: loadContext(clientIp) });
    if (!(result instanceof Response)) throw new Error(`Expected a Response, got ${typeof result}`);
    return result;
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
}

/** A request to the ingest API, authenticated with the demo key unless told otherwise. */
export function apiRequest(
  path: string,
  options: { method?: string; body?: unknown; rawBody?: BodyInit; key?: string | null; headers?: Record<string, string> } = {},
) {
  const headers = new Headers(options.headers);
  const key = options.key === undefined ? DEMO_API_KEY : options.key;
  if (key) headers.set("Authorization", `Bearer ${key}`);
  let body: BodyInit | undefined = options.rawBody;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers.set("Content-Type", "application/json");
  }
  const init: RequestInit & { duplex?: "half" } = { method: options.method ?? (body !== undefined ? "POST" : "GET"), headers, body };
  if (body instanceof ReadableStream) init.duplex = "half";
  return new Request(`${BASE}${path}`, init);
}

/** A valid API report body about `subjectId`, with overrides merged into `subject`. */
export function reportBody(subjectId: string, overrides: Record<string, unknown> = {}, subject: Record<string, unknown> = {}) {
  return { source: "member", subject: { type: "content", id: subjectId, ...subject }, ruleCode: "respect", ...overrides };
}

/** A CSRF cookie secret and the form token that matches it without a session (see app/utils/csrf.server.ts). */
export function csrfPair() {
  const cookie = `${CSRF_COOKIE}=${crypto.randomBytes(32).toString("base64url")}`;
  return { cookie, token: csrfToken(new Request(BASE, { headers: { Cookie: cookie } })).token };
}

/** The Cookie header of a fresh session for a demo user, e.g. "moderator@example.com". */
export async function signedInCookie(email: string): Promise<string> {
  const user = await prisma.user.findUniqueOrThrow({ where: { email } });
  const setCookie = await createSession(new Request(`${BASE}/login`), user.id);
  return setCookie.split(";")[0];
}

/** A page request, signed in as `email` when given. */
export async function pageRequest(path: string, email?: string) {
  const headers = new Headers();
  if (email) headers.set("Cookie", await signedInCookie(email));
  return new Request(`${BASE}${path}`, { headers });
}

/**
 * A form POST as a browser without JavaScript sends it (urlencoded), with a valid
 * CSRF cookie and token unless `csrf` says otherwise.
 */
export function formRequest(path: string, fields: Record<string, string>, options: { csrf?: "valid" | "missing" | "wrong" } = {}) {
  const { cookie, token } = csrfPair();
  const body = new URLSearchParams(fields);
  const headers = new Headers({ "Content-Type": "application/x-www-form-urlencoded" });
  if (options.csrf !== "missing") {
    headers.set("Cookie", cookie);
    body.set(CSRF_FIELD, options.csrf === "wrong" ? csrfPair().token : token);
  }
  return new Request(`${BASE}${path}`, { method: "POST", headers, body });
}
