import { z } from "zod";
import type { EscalationTier } from "@machines/escalation";
import type { Tx } from "~/utils/db.server";
import { prisma } from "~/utils/db.server";
import { ROLES } from "~/utils/permissions";
import type { Actor } from "./actor";
import { appendAudit } from "./audit.server";
import type { PriorityBand } from "./priority";
import { PRIORITY_BAND_KEYS } from "./priority";

// Escalation policies: ordered tiers, who may act on each, how long each may take by
// priority band, and the rules that skip tiers. A policy is versioned: every edit writes
// a new immutable version row, and a case keeps the version it started under.

export const DEFAULT_POLICY_NAME = "default";

const Minutes = z.number().int().min(1).max(60 * 24 * 30);
const ByBand = z.object(Object.fromEntries(PRIORITY_BAND_KEYS.map((b) => [b, Minutes])) as Record<PriorityBand, typeof Minutes>);

export const PolicyTier = z.object({
  key: z.string().trim().regex(/^[a-z][a-z0-9_]{1,39}$/, "lowercase letters, digits and _"),
  label: z.string().trim().min(1).max(60),
  roles: z.array(z.enum(ROLES)).min(1),
  firstResponseMinutes: ByBand,
  resolutionMinutes: ByBand,
});

export const PolicyDefinition = z
  .object({
    tiers: z.array(PolicyTier).min(2).max(10),
    // A report under one of these rules starts at the named tier and pages it.
    skipRules: z.array(z.object({ ruleCode: z.string().trim().min(1), tier: z.string().trim().min(1), page: z.boolean() })),
    // The warning comes when this share of a clock's window has passed.
    warnAtPercent: z.number().int().min(10).max(95),
  })
  .superRefine((def, ctx) => {
    const keys = def.tiers.map((t) => t.key);
    if (new Set(keys).size !== keys.length) ctx.addIssue({ code: "custom", message: "Tier keys must differ.", path: ["tiers"] });
    for (const rule of def.skipRules) {
      if (!keys.includes(rule.tier)) ctx.addIssue({ code: "custom", message: `Rule ${rule.ruleCode} names no tier “${rule.tier}”.`, path: ["skipRules"] });
    }
  });
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

export async function listPolicyVersions() {
  const policy = await prisma.escalationPolicy.findUnique({ where: { name: DEFAULT_POLICY_NAME } });
  if (!policy) return [];
  const rows = await prisma.escalationPolicyVersion.findMany({ where: { policyId: policy.id }, orderBy: { version: "desc" } });
  return rows.map((row) => ({ ...parse(row), current: row.version === policy.currentVersion }));
}

/** The tiers as the escalation machine needs them. */
export function machineTiers(definition: PolicyDefinition): EscalationTier[] {
  return definition.tiers.map((t) => ({ key: t.key, roles: [...t.roles] }));
}

/** Publishes a new version (edits never change an old one) and audits it. */
export async function publishPolicyVersion(input: { definition: PolicyDefinition; note: string | null; actor: Actor; requestId?: string | null }) {
  const definition = PolicyDefinition.parse(input.definition);
  return prisma.$transaction(async (tx) => {
    const policy = await tx.escalationPolicy.upsert({
      where: { name: DEFAULT_POLICY_NAME },
      update: {},
      create: { name: DEFAULT_POLICY_NAME, currentVersion: 0 },
    });
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

/** An admin's edit (JSON text) checked against the policy schema. */
export function parsePolicyEdit(text: string): { ok: true; definition: PolicyDefinition } | { ok: false; errors: string[] } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, errors: ["The policy is not valid JSON."] };
  }
  const parsed = PolicyDefinition.safeParse(json);
  if (!parsed.success) return { ok: false, errors: parsed.error.issues.map((i) => `${i.path.join(".") || "policy"}: ${i.message}`) };
  return { ok: true, definition: parsed.data };
}
