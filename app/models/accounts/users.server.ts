import { Prisma } from "~/generated/prisma/client";
import { appendAudit } from "../audit/audit.server";
import type { Actor } from "./actor";
import { hitBackoff, hitRateLimit, resetRateLimit } from "./rate-limit.server";
import { createSession, destroySession, getOptionalUser, userActor } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import { DUMMY_PASSWORD_HASH, hashPassword, verifyPassword } from "~/utils/password.server";
import type { Role } from "~/utils/permissions";

/** Who makes a change and under which request: recorded on its audit entry. */
export type ChangeContext = { actor: Actor; requestId?: string | null };

export type ChangeResult<T> =
  | { ok: true; value: T }
  | { ok: false; formError?: string; fieldErrors?: Record<string, string[]> };

// Sign-in limits, shared by every instance (see docs/decisions/0004). Failures count
// per account and address together, with growing waits, so a stranger guessing from
// elsewhere cannot lock the owner out; each address also has a limit across accounts.
// Each attempt is counted before the password is checked; a success clears the
// account-and-address count and gives the attempt back to the address.
export const LOGIN_LIMITS = {
  perAccountAndAddress: {
    free: 5,
    // After the 5th attempt in a row: 1, 2, 4, 8, 16, 32 minutes, then an hour each.
    waitsSeconds: [60, 120, 240, 480, 960, 1920, 3600],
    forgetAfterSeconds: 24 * 3600,
  },
  perIp: { limit: 20, windowSeconds: 15 * 60 },
} as const;

const NO_SUCH_USER = "This user no longer exists.";

// The address comes first: it holds no "|", so no two pairs share a key.
const accountAndAddressBucket = (email: string, ip: string) => `login:address-account:${ip}|${email}`;
const ipBucket = (ip: string) => `login:ip:${ip}`;

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

function sortedRoles(roles: readonly string[]): string[] {
  return [...new Set(roles)].sort();
}

export async function listUsers() {
  return prisma.user.findMany({
    select: { id: true, email: true, name: true, createdAt: true, disabledAt: true, roles: { select: { role: true } } },
    orderBy: { email: "asc" },
  });
}

export async function getUser(id: string) {
  return prisma.user.findUnique({
    where: { id },
    select: {
      id: true,
      email: true,
      name: true,
      createdAt: true,
      disabledAt: true,
      roles: { select: { role: true } },
      _count: { select: { sessions: true } },
    },
  });
}

export type LoginResult =
  | { ok: true; userId: string; setCookie: string }
  | { ok: false; reason: "invalid" | "disabled" }
  | { ok: false; reason: "rate_limited"; retryAfterSeconds: number };

/**
 * Checks a sign-in attempt against both rate limits and the password, and on
 * success creates the session and its audit entry together. Failures are audited
 * too (actor `system:sign-in`: nobody is known to be acting); attempts refused by
 * the rate limit are not, so a flood cannot flood the audit chain.
 */
export async function logIn(
  request: Request,
  input: { email: string; password: string },
  ctx: { clientIp: string; requestId: string },
): Promise<LoginResult> {
  const email = normaliseEmail(input.email);
  const pairKey = accountAndAddressBucket(email, ctx.clientIp);
  const byAddress = await hitRateLimit(ipBucket(ctx.clientIp), LOGIN_LIMITS.perIp.limit, LOGIN_LIMITS.perIp.windowSeconds);
  const limit = byAddress.allowed ? await hitBackoff(pairKey, LOGIN_LIMITS.perAccountAndAddress) : byAddress;
  if (!limit.allowed) return { ok: false, reason: "rate_limited", retryAfterSeconds: limit.retryAfterSeconds };

  const user = await prisma.user.findUnique({ where: { email }, include: { roles: true } });
  // Hash against a dummy when there is no account, so the answer takes as long.
  const passwordOk = await verifyPassword(input.password, user?.passwordHash ?? DUMMY_PASSWORD_HASH);

  if (!user || !passwordOk || user.disabledAt) {
    const reason = !user ? "unknown_account" : !passwordOk ? "wrong_password" : "disabled";
    await prisma.$transaction((tx) =>
      appendAudit(tx, {
        actor: { kind: "system", name: "sign-in" },
        action: "user.login_failed",
        subjectType: "user",
        subjectId: user?.id ?? email,
        after: { email, reason, ip: ctx.clientIp },
        requestId: ctx.requestId,
      }),
    );
    // Only someone who knows the password learns that the account is disabled.
    return { ok: false, reason: user && passwordOk ? "disabled" : "invalid" };
  }

  const now = new Date();
  const setCookie = await prisma.$transaction(async (tx) => {
    await tx.session.deleteMany({ where: { userId: user.id, expiresAt: { lt: now } } });
    const cookie = await createSession(request, user.id, tx);
    await appendAudit(tx, {
      actor: { kind: "user", id: user.id, email: user.email, roles: user.roles.map((r) => r.role) },
      action: "user.login",
      subjectType: "user",
      subjectId: user.id,
      after: { ip: ctx.clientIp },
      requestId: ctx.requestId,
      at: now,
    });
    return cookie;
  });
  await resetRateLimit(pairKey);
  // Give the attempt back to the address's bucket: people behind one office NAT
  // address are limited by their failures, not by how many of them sign in.
  await prisma.rateLimit.updateMany({ where: { key: ipBucket(ctx.clientIp), count: { gt: 0 } }, data: { count: { decrement: 1 } } });
  return { ok: true, userId: user.id, setCookie };
}

/** Ends the request's session (if any) and returns the Set-Cookie header that clears it. */
export async function logOut(request: Request, ctx: { requestId: string }): Promise<string> {
  const user = await getOptionalUser(request);
  if (!user) return destroySession(request);
  return prisma.$transaction(async (tx) => {
    const cookie = await destroySession(request, tx);
    await appendAudit(tx, {
      actor: userActor(user),
      action: "user.logout",
      subjectType: "user",
      subjectId: user.id,
      requestId: ctx.requestId,
    });
    return cookie;
  });
}

export async function createUser(
  input: { email: string; name: string; password: string; roles: readonly Role[] },
  ctx: ChangeContext,
): Promise<ChangeResult<{ id: string; email: string; name: string }>> {
  const email = normaliseEmail(input.email);
  const duplicate = { ok: false as const, fieldErrors: { email: ["A user with this email already exists."] } };
  if (await prisma.user.findUnique({ where: { email }, select: { id: true } })) return duplicate;
  const passwordHash = await hashPassword(input.password);
  const roles = sortedRoles(input.roles);
  try {
    const user = await prisma.$transaction(async (tx) => {
      const created = await tx.user.create({
        data: { email, name: input.name, passwordHash, roles: { create: roles.map((role) => ({ role })) } },
        select: { id: true, email: true, name: true },
      });
      await appendAudit(tx, {
        actor: ctx.actor,
        permission: "manage:users",
        action: "user.created",
        subjectType: "user",
        subjectId: created.id,
        after: { email, name: input.name, roles },
        requestId: ctx.requestId,
      });
      return created;
    });
    return { ok: true, value: user };
  } catch (error) {
    // Another admin created the same email between the check and the insert.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return duplicate;
    throw error;
  }
}

export async function setUserRoles(
  userId: string,
  roles: readonly Role[],
  ctx: ChangeContext,
): Promise<ChangeResult<{ changed: boolean; roles: string[] }>> {
  const next = sortedRoles(roles);
  return prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { roles: { select: { role: true } } } });
    if (!user) return { ok: false, formError: NO_SUCH_USER };
    const before = sortedRoles(user.roles.map((r) => r.role));
    if (ctx.actor.kind === "user" && ctx.actor.id === userId && before.includes("admin") && !next.includes("admin")) {
      return { ok: false, formError: "You cannot remove your own admin role. Ask another admin to do it." };
    }
    if (before.join() === next.join()) return { ok: true, value: { changed: false, roles: before } };
    await tx.userRole.deleteMany({ where: { userId } });
    await tx.userRole.createMany({ data: next.map((role) => ({ userId, role })) });
    await appendAudit(tx, {
      actor: ctx.actor,
      permission: "manage:users",
      action: "user.roles_changed",
      subjectType: "user",
      subjectId: userId,
      before: { roles: before },
      after: { roles: next },
      requestId: ctx.requestId,
    });
    return { ok: true, value: { changed: true, roles: next } };
  });
}

/** Disabling also ends every session of the user, so it takes effect at once. */
export async function setUserDisabled(
  userId: string,
  disabled: boolean,
  ctx: ChangeContext,
): Promise<ChangeResult<{ changed: boolean }>> {
  if (disabled && ctx.actor.kind === "user" && ctx.actor.id === userId) {
    return { ok: false, formError: "You cannot disable your own account." };
  }
  return prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { disabledAt: true } });
    if (!user) return { ok: false, formError: NO_SUCH_USER };
    if (Boolean(user.disabledAt) === disabled) return { ok: true, value: { changed: false } };
    const disabledAt = disabled ? new Date() : null;
    await tx.user.update({ where: { id: userId }, data: { disabledAt } });
    if (disabled) await tx.session.deleteMany({ where: { userId } });
    await appendAudit(tx, {
      actor: ctx.actor,
      permission: "manage:users",
      action: disabled ? "user.disabled" : "user.enabled",
      subjectType: "user",
      subjectId: userId,
      before: { disabledAt: user.disabledAt },
      after: { disabledAt },
      requestId: ctx.requestId,
    });
    return { ok: true, value: { changed: true } };
  });
}
