import crypto from "node:crypto";
import { SESSION_COOKIE, createSession } from "~/utils/auth.server";
import type { VigilContext } from "~/utils/context.server";
import { CSRF_COOKIE, CSRF_FIELD, csrfToken } from "~/utils/csrf.server";
import { prisma } from "~/utils/db.server";

// Calling route loaders and actions directly with real Requests, as a browser
// would send them: cookies for the session and CSRF secret, the form's CSRF token.

export const BASE_URL = "http://vigil.test";

/** One browser: the Cookie header it sends and the CSRF token its forms carry. */
export type Browser = {
  cookie: string;
  csrf: string;
  user: { id: string; email: string; roles: string[] } | null;
};

/** The CSRF token the root loader gives a browser sending `cookie` (it depends on the session). */
export function formToken(cookie: string): string {
  return csrfToken(new Request(BASE_URL, { headers: { Cookie: cookie } })).token;
}

/** A browser with no session, holding the CSRF cookie the root loader would set. */
export function anonymous(): Browser {
  const secret = crypto.randomBytes(32).toString("base64url");
  const cookie = `${CSRF_COOKIE}=${secret}`;
  return { cookie, csrf: formToken(cookie), user: null };
}

/** The value a Set-Cookie header (or several joined by ", ") gives `name`, or null. */
export function cookieValue(setCookie: string | null, name: string): string | null {
  const match = new RegExp(`(?:^|[,;]\\s*)${name}=([^;]*)`).exec(setCookie ?? "");
  return match ? decodeURIComponent(match[1]) : null;
}

/** A browser signed in as `email`: writes a session row instead of posting the login form. */
export async function loginAs(email: string): Promise<Browser & { user: NonNullable<Browser["user"]> }> {
  const user = await prisma.user.findUniqueOrThrow({ where: { email }, include: { roles: true } });
  const token = cookieValue(await createSession(new Request(BASE_URL), user.id), SESSION_COOKIE);
  const cookie = `${anonymous().cookie}; ${SESSION_COOKIE}=${encodeURIComponent(token ?? "")}`;
  return {
    cookie,
    csrf: formToken(cookie),
    user: { id: user.id, email: user.email, roles: user.roles.map((r) => r.role) },
  };
}

/**
 * The browser after a response: its session cookie replaced (or cleared) by Set-Cookie,
 * and the form token of the next page it loads, which belongs to that session.
 */
export function afterResponse(browser: Browser, response: Response): Browser {
  const session = cookieValue(response.headers.get("Set-Cookie"), SESSION_COOKIE);
  if (session === null) return browser;
  const rest = browser.cookie.split("; ").filter((c) => !c.startsWith(`${SESSION_COOKIE}=`));
  if (session) rest.push(`${SESSION_COOKIE}=${encodeURIComponent(session)}`);
  const cookie = rest.join("; ");
  return { ...browser, cookie, csrf: formToken(cookie) };
}

export function getRequest(path: string, browser?: Browser, headers: Record<string, string> = {}): Request {
  return new Request(new URL(path, BASE_URL), {
    headers: { ...(browser ? { Cookie: browser.cookie } : {}), ...headers },
  });
}

export type FormFields = Record<string, string | readonly string[] | undefined>;

/**
 * A form POST. The browser's CSRF token is added unless `csrf` says otherwise:
 * `null` leaves it out, a string sends that instead.
 */
export function postForm(
  path: string,
  fields: FormFields,
  browser?: Browser,
  options: { csrf?: string | null; headers?: Record<string, string> } = {},
): Request {
  const body = new URLSearchParams();
  const csrf = options.csrf === undefined ? browser?.csrf : options.csrf;
  if (csrf !== null && csrf !== undefined) body.append(CSRF_FIELD, csrf);
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    for (const v of typeof value === "string" ? [value] : value) body.append(name, v);
  }
  return new Request(new URL(path, BASE_URL), {
    method: "POST",
    body,
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      ...(browser ? { Cookie: browser.cookie } : {}),
      ...options.headers,
    },
  });
}

export const TEST_CLIENT_IP = "192.0.2.10";

/** Arguments for a loader or action, with the load context the HTTP server passes. */
export function routeArgs(request: Request, params: Record<string, string> = {}, context: Partial<VigilContext> = {}) {
  return {
    request,
    params,
    context: { clientIp: TEST_CLIENT_IP, requestId: crypto.randomUUID(), ...context },
  };
}

/** Runs a loader or action and gives its Response, whether it was returned or thrown. */
export async function respond(run: () => unknown): Promise<Response> {
  try {
    const result = await run();
    return result instanceof Response ? result : Response.json(result ?? null);
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
}
