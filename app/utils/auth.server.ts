import crypto from "node:crypto";
import { redirect } from "@remix-run/node";
import type { Tx } from "./db.server";
import { prisma } from "./db.server";
import { readCookie, serializeCookie } from "./cookies.server";
import type { Permission } from "./permissions";
import { can } from "./permissions";
import type { Actor } from "~/models/accounts/actor";

export const SESSION_COOKIE = "vigil_session";
const SESSION_DAYS = 7;

export type SessionUser = { id: string; email: string; name: string; roles: string[]; sessionId: string };

function hashToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}

/**
 * Creates a session row and returns the Set-Cookie header that carries it. Pass a
 * transaction client to create it together with the audit entry that records it.
 */
export async function createSession(request: Request, userId: string, db: Tx = prisma): Promise<string> {
  const token = crypto.randomBytes(32).toString("base64url");
  await db.session.create({
    data: { id: hashToken(token), userId, expiresAt: new Date(Date.now() + SESSION_DAYS * 86_400_000) },
  });
  return serializeCookie(request, SESSION_COOKIE, token, { maxAgeSeconds: SESSION_DAYS * 86_400 });
}

/** Deletes the request's session and returns the Set-Cookie header that clears it. */
export async function destroySession(request: Request, db: Tx = prisma): Promise<string> {
  const token = readCookie(request, SESSION_COOKIE);
  if (token) await db.session.deleteMany({ where: { id: hashToken(token) } });
  return serializeCookie(request, SESSION_COOKIE, "", { maxAgeSeconds: 0 });
}

export async function getOptionalUser(request: Request): Promise<SessionUser | null> {
  const token = readCookie(request, SESSION_COOKIE);
  if (!token) return null;
  const session = await prisma.session.findUnique({
    where: { id: hashToken(token) },
    include: { user: { include: { roles: true } } },
  });
  if (!session || session.expiresAt < new Date() || session.user.disabledAt) return null;
  const { user } = session;
  return { id: user.id, email: user.email, name: user.name, roles: user.roles.map((r) => r.role), sessionId: session.id };
}

export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getOptionalUser(request);
  if (!user) {
    const url = new URL(request.url);
    throw redirect(`/login?${new URLSearchParams({ redirectTo: url.pathname + url.search })}`);
  }
  return user;
}

/** Answers 403 naming the missing permission; the error boundary shows it. */
export function forbidden(permission: Permission): Response {
  return Response.json(
    { message: `You need the permission “${permission}” to do this.`, missing: permission },
    { status: 403, statusText: "Forbidden" },
  );
}

export async function requirePermission(request: Request, permission: Permission): Promise<SessionUser> {
  const user = await requireUser(request);
  if (!can(user.roles, permission)) throw forbidden(permission);
  return user;
}

export function userActor(user: SessionUser): Actor {
  return { kind: "user", id: user.id, email: user.email, roles: user.roles };
}

/**
 * Where to send someone after signing in, or any other redirect whose target the
 * client chose: only a path on this site. Anything else falls back. Browsers read
 * `//host` and `/\\host` as another site, also once dot segments are resolved
 * (`/..//host`) and after dropping tabs and newlines; some proxies decode `%2f` and
 * `%5c` before routing. Each of those is refused rather than repaired.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || to.length > 2048 || !staysOnSite(to)) return fallback;
  const url = new URL(to, SITE);
  // Decoded (up to three times), the path must still stay here: `/%2f%2fhost`, `/%5chost`.
  let path = url.pathname;
  for (let i = 0; i < 3 && path.includes("%"); i++) {
    try {
      path = decodeURIComponent(path);
    } catch {
      return fallback;
    }
    if (!staysOnSite(path)) return fallback;
  }
  return url.pathname + url.search + url.hash;
}

const SITE = "http://vigil.invalid";

/** A path that, as written and as a browser resolves it, names a page on this site. */
function staysOnSite(path: string): boolean {
  if (!isPlainPath(path)) return false;
  try {
    const url = new URL(path, SITE);
    return url.origin === SITE && isPlainPath(url.pathname);
  } catch {
    return false;
  }
}

/** One slash, not followed by another or a backslash; no backslash or control character anywhere. */
function isPlainPath(path: string): boolean {
  return /^\/(?![/\\])/.test(path) && !/[\\\u0000-\u001f\u007f]/.test(path);
}
