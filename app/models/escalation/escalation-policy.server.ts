import { z } from "zod";
import type { EscalationTier } from "@machines/escalation";
import type { Tx } from "~/utils/db.server";
import { prisma } from "~/utils/db.server";
import { Prisma } from "~/generated/prisma/client";
import { select } from "~/utils/sqlite-lane.server";
import { ROLES } from "~/utils/permissions";
import type { Actor } from "../accounts/actor";
import { appendAudit } from "../audit/audit.server";
import type { PriorityBand } from "../cases/priority";
import { PRIORITY_BAND_KEYS } from "../cases/priority";

// Escalation policies: ordered tiers, who may act on each, how long each may take by
// priority band, and the rules that skip tiers. A policy is versioned: every edit writes
// a new immutable version row, and a case keeps the version it started under.

export const DEFAULT_POLICY_NAME = "default";

const MINUTES = "Whole minutes, from 1 to 43,200 (30 days).";
const Minutes = z.number({ error: MINUTES }).int(MINUTES).min(1, MINUTES).max(60 * 24 * 30, MINUTES);
const ByBand = z.object(Object.fromEntries(PRIORITY_BAND_KEYS.map((b) => [b, Minutes])) as Record<PriorityBand, typeof Minutes>);
const PERCENT = "A whole percent from 10 to 95.";

export const PolicyTier = z.object({
  key: z
    .string()
    .trim()
    .regex(/^[a-z][a-z0-9_]{1,39}$/, "2 to 40 lowercase letters, digits and _, starting with a letter."),
  label: z.string().trim().min(1, "Name the tier.").max(60, "At most 60 characters."),
  roles: z.array(z.enum(ROLES, { error: "Not a known role." })).min(1, "Choose at least one role that may act on this tier."),
  firstResponseMinutes: ByBand,
  resolutionMinutes: ByBand,
});

type Issue = { message: string; path: (string | number)[] };

/** Checks across fields, also when some fields are wrong, so every message shows at once. */
function crossChecks(def: { tiers?: unknown; skipRules?: unknown }): Issue[] {
  const issues: Issue[] = [];
  const keyOf = (t: unknown) => (t && typeof t === "object" && "key" in t && typeof t.key === "string" ? t.key.trim() : null);
  const keys = Array.isArray(def.tiers) ? def.tiers.map(keyOf) : [];
  keys.forEach((key, i) => {
    if (key && keys.indexOf(key) < i) issues.push({ message: `Another tier already has the key “${key}”.`, path: ["tiers", i, "key"] });
  });
  const rules = Array.isArray(def.skipRules) ? (def.skipRules as { ruleCode?: unknown; tier?: unknown }[]) : [];
  rules.forEach((rule, i) => {
    const tier = typeof rule?.tier === "string" ? rule.tier.trim() : "";
    if (tier && !keys.includes(tier)) issues.push({ message: `No tier has the key “${tier}”.`, path: ["skipRules", i, "tier"] });
    const code = typeof rule?.ruleCode === "string" ? rule.ruleCode.trim() : "";
    if (code && rules.findIndex((r) => typeof r?.ruleCode === "string" && r.ruleCode.trim() === code) < i) {
      issues.push({ message: `The rule “${code}” already skips to a tier.`, path: ["skipRules", i, "ruleCode"] });
    }
  });
  return issues;
}

const isObject = (payload: { value: unknown }) => typeof payload.value === "object" && payload.value !== null;

export const PolicyDefinition = z
  .object({
    tiers: z
      .array(PolicyTier)
      .min(2, "A policy needs at least two tiers: where cases start, and where they climb to.")
      .max(10, "At most 10 tiers."),
    // A report under one of these rules starts at the named tier and pages it.
    skipRules: z.array(z.object({ ruleCode: z.string().trim().min(1, "Choose a rule."), tier: z.string().trim().min(1, "Choose a tier."), page: z.boolean() })),
    // The warning comes when this share of a clock's window has passed.
    warnAtPercent: z.number({ error: PERCENT }).int(PERCENT).min(10, PERCENT).max(95, PERCENT),
  })
  .superRefine((def, ctx) => crossChecks(def).forEach((issue) => ctx.addIssue({ code: "custom", ...issue })), { when: isObject });
export type PolicyDefinition = z.infer<typeof PolicyDefinition>;
export type PolicyTier = z.infer<typeof PolicyTier>;

const band = (critical: number, high: number, medium: number, low: number) => ({ critical, high, medium, low });

export const DEFAULT_POLICY: PolicyDefinition = {
  tiers: [
    {
      key: "moderator",
      label: "Moderator",
      roles: ["moderator", "senior_moderator", "trust_safety_lead"],
      // Members expect an answer within about half an hour.
      firstResponseMinutes: band(15, 30, 60, 240),
      resolutionMinutes: band(60, 240, 720, 2880),
    },
    {
      key: "senior_moderator",
      label: "Senior moderator",
      roles: ["senior_moderator", "trust_safety_lead"],
      firstResponseMinutes: band(15, 30, 60, 240),
      resolutionMinutes: band(60, 240, 720, 2880),
    },
    {
      key: "trust_safety_lead",
      label: "Trust & safety lead",
      roles: ["trust_safety_lead"],
      firstResponseMinutes: band(15, 30, 60, 120),
      resolutionMinutes: band(120, 240, 720, 1440),
    },
    {
      key: "legal",
      label: "Legal",
      roles: ["trust_safety_lead", "admin"],
      firstResponseMinutes: band(30, 60, 120, 240),
      resolutionMinutes: band(240, 480, 1440, 2880),
    },
    {
      key: "crisis_team",
      label: "Crisis team",
      roles: ["crisis_commander", "crisis_responder", "trust_safety_lead"],
      firstResponseMinutes: band(5, 10, 15, 15),
      resolutionMinutes: band(60, 120, 240, 240),
    },
  ],
  skipRules: [
    { ruleCode: "self_harm", tier: "crisis_team", page: true },
    { ruleCode: "threats", tier: "crisis_team", page: true },
  ],
  warnAtPercent: 80,
};

export type PolicyVersion = { id: string; policyId: string; version: number; definition: PolicyDefinition; note: string | null; createdAt: Date };

function parse(row: { id: string; policyId: string; version: number; definition: string; note: string | null; createdAt: Date }): PolicyVersion {
  return { ...row, definition: PolicyDefinition.parse(JSON.parse(row.definition)) };
}

/** The version new cases start under, or null before any policy exists. */
export async function currentPolicyVersion(db: Tx | typeof prisma = prisma): Promise<PolicyVersion | null> {
  const policy = await db.escalationPolicy.findUnique({ where: { name: DEFAULT_POLICY_NAME } });
  if (!policy) return null;
  const row = await db.escalationPolicyVersion.findUnique({ where: { policyId_version: { policyId: policy.id, version: policy.currentVersion } } });
  return row && parse(row);
}

const versionCache = new Map<string, PolicyVersion>();

/** A version by id; versions never change, so they are cached. */
export async function policyVersionById(db: Tx | typeof prisma, id: string): Promise<PolicyVersion> {
  const cached = versionCache.get(id);
  if (cached) return cached;
  const version = parse(await db.escalationPolicyVersion.findUniqueOrThrow({ where: { id } }));
  versionCache.set(id, version);
  return version;
}

/** A version by id in a lane transaction (no client there); from the same cache. */
export async function policyVersionOnLane(tx: Tx, id: string): Promise<PolicyVersion> {
  const cached = versionCache.get(id);
  if (cached) return cached;
  const [row] = await select<{ id: string; policyId: string; version: number; definition: string; note: string | null; createdAt: Date }>(
    tx,
    Prisma.sql`SELECT "id", "policyId", "version", "definition", "note", "createdAt" FROM "EscalationPolicyVersion" WHERE "id" = ${id}`,
  );
  if (!row) throw new Error(`Escalation policy version ${id} does not exist.`);
  const version = parse(row);
  versionCache.set(id, version);
  return version;
}

/** Every version, newest first, with who published it (null: installed with the demo data). */
/**
 * Every tier a case can be on, across the policy's versions (a case keeps the version it
 * started under): the current version's tiers in order, then keys only older ones had.
 */
export async function tierChoices(): Promise<{ key: string; label: string }[]> {
  // Ids only: versions never change, so each is parsed once and then read from the cache.
  const rows = await prisma.escalationPolicyVersion.findMany({ select: { id: true }, orderBy: { version: "desc" } });
  const seen = new Map<string, string>();
  for (const row of rows) for (const t of (await policyVersionById(prisma, row.id)).definition.tiers) if (!seen.has(t.key)) seen.set(t.key, t.label);
  return [...seen].map(([key, label]) => ({ key, label }));
}

export async function listPolicyVersions() {
  const policy = await prisma.escalationPolicy.findUnique({ where: { name: DEFAULT_POLICY_NAME } });
  if (!policy) return [];
  const rows = await prisma.escalationPolicyVersion.findMany({ where: { policyId: policy.id }, orderBy: { version: "desc" } });
  const ids = [...new Set(rows.flatMap((r) => (r.createdById ? [r.createdById] : [])))];
  const people = new Map((await prisma.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, email: true } })).map((u) => [u.id, u]));
  return rows.map((row) => {
    const by = row.createdById ? people.get(row.createdById) : undefined;
    return { ...parse(row), current: row.version === policy.currentVersion, createdBy: by ? { name: by.name, email: by.email } : null };
  });
}

/** The tiers as the escalation machine needs them. */
export function machineTiers(definition: PolicyDefinition): EscalationTier[] {
  return definition.tiers.map((t) => ({ key: t.key, roles: [...t.roles] }));
}

export class PolicyVersionConflict extends Error {
  constructor(readonly current: number) {
    super(`Version ${current} is current now.`);
  }
}

/**
 * Publishes a new version (edits never change an old one) and audits it. With
 * `expectedVersion`, refuses (PolicyVersionConflict) when another version became current.
 */
export async function publishPolicyVersion(input: { definition: PolicyDefinition; note: string | null; actor: Actor; requestId?: string | null; expectedVersion?: number | null }) {
  const definition = PolicyDefinition.parse(input.definition);
  return prisma.$transaction(async (tx) => {
    // Bumping the row first takes its write lock, so two publishers are serialised here.
    await tx.$executeRaw`UPDATE "EscalationPolicy" SET "currentVersion" = "currentVersion" WHERE "name" = ${DEFAULT_POLICY_NAME}`;
    const policy = await tx.escalationPolicy.upsert({
      where: { name: DEFAULT_POLICY_NAME },
      update: {},
      create: { name: DEFAULT_POLICY_NAME, currentVersion: 0 },
    });
    if (input.expectedVersion !== undefined && input.expectedVersion !== null && input.expectedVersion !== policy.currentVersion) {
      throw new PolicyVersionConflict(policy.currentVersion);
    }
    const previous = await currentPolicyVersion(tx);
    const version = policy.currentVersion + 1;
    const row = await tx.escalationPolicyVersion.create({
      data: {
        policyId: policy.id,
        version,
        definition: JSON.stringify(definition),
        note: input.note,
        createdById: input.actor.kind === "user" ? input.actor.id : null,
      },
    });
    await tx.escalationPolicy.update({ where: { id: policy.id }, data: { currentVersion: version } });
    await appendAudit(tx, {
      actor: input.actor,
      permission: input.actor.kind === "user" ? "manage:escalation" : undefined,
      action: "escalation_policy.published",
      subjectType: "EscalationPolicy",
      subjectId: policy.id,
      before: previous ? { version: previous.version, definition: previous.definition } : null,
      after: { version, definition },
      reason: input.note,
      requestId: input.requestId ?? null,
    });
    return parse(row);
  });
}

/** Seeds the default policy once (demo data and tests): installation data, not an edit, so not audited. */
export async function seedDefaultPolicy() {
  if (await currentPolicyVersion()) return;
  await prisma.escalationPolicy.create({
    data: {
      name: DEFAULT_POLICY_NAME,
      currentVersion: 1,
      versions: { create: { version: 1, definition: JSON.stringify(DEFAULT_POLICY), note: "Default policy." } },
    },
  });
}
