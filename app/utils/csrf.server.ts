import crypto from "node:crypto";
import { env } from "./env.server";
import { SESSION_COOKIE } from "./auth.server";
import { readCookie, serializeCookie } from "./cookies.server";

// CSRF: a random HttpOnly cookie, and in every state-changing form a token that is
// the HMAC, under the server secret, of that cookie and of the session cookie (none
// before signing in). A cross-site page can neither read the cookies nor forge the
// token, and a token from one session is refused in any other. The Origin header,
// when sent, must be our own.

export const CSRF_COOKIE = "vigil_csrf";
export const CSRF_FIELD = "csrf";

function tokenFor(secret: string, request: Request): string {
  const session = readCookie(request, SESSION_COOKIE) ?? "";
  return crypto.createHmac("sha256", env().SESSION_SECRET).update(`${secret}\n${session}`).digest("base64url");
}

/** The token for forms, and a Set-Cookie header when the browser has no cookie yet. */
export function csrfToken(request: Request): { token: string; setCookie: string | null } {
  const existing = readCookie(request, CSRF_COOKIE);
  if (existing && existing.length >= 32) return { token: tokenFor(existing, request), setCookie: null };
  const secret = crypto.randomBytes(32).toString("base64url");
  return { token: tokenFor(secret, request), setCookie: serializeCookie(request, CSRF_COOKIE, secret) };
}

export class CsrfError extends Error {}

function originHost(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

export function checkCsrf(request: Request, form: FormData): void {
  const origin = request.headers.get("Origin");
  if (origin && origin !== "null" && originHost(origin) !== new URL(request.url).host) {
    throw new CsrfError("This form was sent from another site.");
  }
  const secret = readCookie(request, CSRF_COOKIE);
  const sent = form.get(CSRF_FIELD);
  if (!secret || typeof sent !== "string") throw new CsrfError("The form's security token is missing. Reload the page and try again.");
  const want = Buffer.from(tokenFor(secret, request));
  const got = Buffer.from(sent);
  if (want.length !== got.length || !crypto.timingSafeEqual(want, got)) {
    throw new CsrfError("The form's security token does not match. Reload the page and try again.");
  }
}

const FORM_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data"];

/**
 * The form a request carries. Another kind of body (JSON, text), or one that cannot be
 * read as the form it claims to be, answers 400 with what was wrong.
 */
async function readForm(request: Request): Promise<FormData> {
  const type = (request.headers.get("Content-Type") ?? "").split(";")[0].trim().toLowerCase();
  if (!FORM_TYPES.includes(type)) {
    throw Response.json(
      { message: "This address takes a form (application/x-www-form-urlencoded or multipart/form-data); send the page's form." },
      { status: 400, statusText: "Bad Request" },
    );
  }
  try {
    return await request.formData();
  } catch {
    throw Response.json({ message: "The form could not be read. Reload the page and send it again." }, { status: 400, statusText: "Bad Request" });
  }
}

/** Reads a form and checks its CSRF token; a failure answers 403. */
export async function readProtectedForm(request: Request): Promise<FormData> {
  const form = await readForm(request);
  try {
    checkCsrf(request, form);
  } catch (error) {
    if (error instanceof CsrfError) {
      throw Response.json({ message: error.message }, { status: 403, statusText: "Forbidden" });
    }
    throw error;
  }
  return form;
}
