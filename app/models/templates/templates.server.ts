import type { Template, TemplateVersion } from "~/generated/prisma/client";
import type { Tx } from "~/utils/db.server";
import { prisma } from "~/utils/db.server";
import type { Permission } from "~/utils/permissions";
import { can } from "~/utils/permissions";
import type { Actor } from "../accounts/actor";
import { appendAudit } from "../audit/audit.server";
import type { LintIssue } from "./template-lint";
import { lintTemplate } from "./template-lint";
import type { Channel, Purpose } from "./template-purposes";
import { isChannel, isPurpose } from "./template-purposes";
import type { Variants } from "./template-render";
import { readStoredJson } from "~/utils/json";
import { z } from "zod";

// The template library. A version's words never change: an edit writes the next
// version. Status moves draft -> in_review -> approved -> retired; approving a version
// retires the one approved before it, so a template has at most one approved version.
// Every change is audited in the transaction that makes it.

export const TEMPLATE_STATUSES = ["draft", "in_review", "approved", "retired"] as const;
export type TemplateStatus = (typeof TEMPLATE_STATUSES)[number];

export type TemplateOutcome<T = unknown> =
  | { status: "ok"; value: T }
  | { status: "forbidden" | "not_found" | "refused"; message: string }
  | { status: "lint"; message: string; issues: LintIssue[] };

type UserActor = Extract<Actor, { kind: "user" }>;

const StoredVariants = z.record(z.string(), z.object({ subject: z.string().optional(), body: z.string() }));

/** A template version's variants as stored: language → subject and body. */
export function parseVariants(json: string): Variants {
  return readStoredJson(StoredVariants, json, "A template version's variants");
}

export function templateSpec(t: Pick<Template, "purpose" | "channel">): { purpose: Purpose; channel: Channel } {
  if (!isPurpose(t.purpose) || !isChannel(t.channel)) throw new Error(`Unknown purpose or channel: ${t.purpose}/${t.channel}`);
  return { purpose: t.purpose, channel: t.channel };
}

export function lintVersion(t: Template, variants: Variants): LintIssue[] {
  return lintTemplate({ ...templateSpec(t), defaultLanguage: t.defaultLanguage, variants });
}

const forbidden = (permission: Permission) => ({ status: "forbidden" as const, message: `You need the permission “${permission}” to do this.` });
const ok = <T>(value: T) => ({ status: "ok" as const, value });

/** Every template with its latest version and the version approved for sending. */
export async function listTemplates() {
  const templates = await prisma.template.findMany({ orderBy: [{ purpose: "asc" }, { channel: "asc" }], include: { versions: { orderBy: { version: "desc" } } } });
  return templates.map(({ versions, ...t }) => ({
    ...t,
    latest: versions[0] ?? null,
    approved: versions.find((v) => v.status === "approved") ?? null,
    languages: Object.keys(parseVariants(versions[0]?.variants ?? "{}")),
  }));
}

export async function getTemplate(key: string) {
  return prisma.template.findUnique({ where: { key }, include: { versions: { orderBy: { version: "desc" } } } });
}

/** The approved version of each template, for sending. */
export async function approvedTemplates(where: { purpose?: string; channel?: string } = {}) {
  const versions = await prisma.templateVersion.findMany({ where: { status: "approved", template: where }, include: { template: true } });
  return versions.sort((a, b) => a.template.key.localeCompare(b.template.key));
}

export type NewTemplate = { key: string; purpose: Purpose; channel: Channel; defaultLanguage: string; variants: Variants; note?: string | null };

export async function createTemplate(input: NewTemplate, actor: UserActor, requestId: string | null = null): Promise<TemplateOutcome<TemplateVersion>> {
  if (!can(actor.roles, "edit:template")) return forbidden("edit:template");
  if (await prisma.template.findUnique({ where: { key: input.key } })) return { status: "refused", message: `A template “${input.key}” already exists.` };
  const version = await prisma.$transaction(async (tx) => {
    const template = await tx.template.create({ data: { key: input.key, purpose: input.purpose, channel: input.channel, defaultLanguage: input.defaultLanguage } });
    const v = await tx.templateVersion.create({ data: { templateId: template.id, version: 1, variants: JSON.stringify(input.variants), authorId: actor.id, note: input.note ?? null } });
    await audit(tx, actor, "edit:template", "template.created", input.key, null, { version: 1, purpose: input.purpose, channel: input.channel }, input.note, requestId);
    return v;
  });
  return ok(version);
}

/** Saves edited variants as the template's next version, a draft. */
export async function saveDraft(key: string, variants: Variants, actor: UserActor, note: string | null = null, requestId: string | null = null): Promise<TemplateOutcome<TemplateVersion>> {
  if (!can(actor.roles, "edit:template")) return forbidden("edit:template");
  const template = await getTemplate(key);
  if (!template) return { status: "not_found", message: `There is no template “${key}”.` };
  const previous = template.versions[0];
  const next = (previous?.version ?? 0) + 1;
  const version = await prisma.$transaction(async (tx) => {
    const v = await tx.templateVersion.create({ data: { templateId: template.id, version: next, variants: JSON.stringify(variants), authorId: actor.id, note } });
    await audit(tx, actor, "edit:template", "template.edited", key, previous ? { version: previous.version } : null, { version: next, languages: Object.keys(variants) }, note, requestId);
    return v;
  });
  return ok(version);
}

type Transition = { from: TemplateStatus; to: TemplateStatus; permission: Permission; action: string };
const TRANSITIONS = {
  submit: { from: "draft", to: "in_review", permission: "edit:template", action: "template.submitted" },
  approve: { from: "in_review", to: "approved", permission: "approve:template", action: "template.approved" },
  reject: { from: "in_review", to: "draft", permission: "approve:template", action: "template.returned" },
  retire: { from: "approved", to: "retired", permission: "edit:template", action: "template.retired" },
} as const satisfies Record<string, Transition>;
export type TemplateTransition = keyof typeof TRANSITIONS;

/**
 * Moves one version along its lifecycle. Submitting and approving need a clean lint;
 * approving needs a comms lead who did not write the version.
 */
export async function moveVersion(key: string, version: number, move: TemplateTransition, actor: UserActor, reason: string | null = null, requestId: string | null = null): Promise<TemplateOutcome<TemplateVersion>> {
  const t: Transition = TRANSITIONS[move];
  if (!can(actor.roles, t.permission)) return forbidden(t.permission);
  const row = await prisma.templateVersion.findFirst({ where: { version, template: { key } }, include: { template: true } });
  if (!row) return { status: "not_found", message: `There is no version ${version} of “${key}”.` };
  if (row.status !== t.from) return { status: "refused", message: `Version ${version} is ${row.status.replace("_", " ")}; only a ${t.from.replace("_", " ")} version can be ${t.to === "draft" ? "returned" : t.to.replace("_", " ")}.` };
  if (move === "approve" && row.authorId === actor.id) return { status: "refused", message: "A version must be approved by someone other than its author." };
  if (move === "submit" || move === "approve") {
    const issues = lintVersion(row.template, parseVariants(row.variants));
    if (issues.length > 0) return { status: "lint", message: `Fix ${issues.length} lint ${issues.length === 1 ? "issue" : "issues"} first.`, issues };
  }
  const at = new Date();
  const updated = await prisma.$transaction(async (tx) => {
    // The status guard in the update refuses a concurrent move of the same version.
    const changed = await tx.templateVersion.updateMany({
      where: { id: row.id, status: t.from },
      data: {
        status: t.to,
        ...(move === "submit" ? { submittedAt: at } : {}),
        ...(move === "approve" ? { approvedById: actor.id, approvedAt: at } : {}),
        ...(move === "retire" ? { retiredAt: at } : {}),
      },
    });
    if (changed.count !== 1) return null;
    if (move === "approve") {
      const earlier = await tx.templateVersion.findMany({ where: { templateId: row.templateId, status: "approved", id: { not: row.id } } });
      for (const e of earlier) {
        await tx.templateVersion.update({ where: { id: e.id }, data: { status: "retired", retiredAt: at } });
        await audit(tx, actor, t.permission, "template.retired", key, { version: e.version, status: "approved" }, { version: e.version, status: "retired" }, `superseded by version ${version}`, requestId);
      }
    }
    await audit(tx, actor, t.permission, t.action, key, { version, status: t.from }, { version, status: t.to }, reason, requestId);
    return tx.templateVersion.findUniqueOrThrow({ where: { id: row.id } });
  });
  return updated ? ok(updated) : { status: "refused", message: `Version ${version} changed meanwhile; reload the page.` };
}

function audit(tx: Tx, actor: UserActor, permission: Permission, action: string, key: string, before: unknown, after: unknown, reason: string | null | undefined, requestId: string | null) {
  return appendAudit(tx, { actor, permission, action, subjectType: "template", subjectId: key, before, after, reason: reason ?? null, requestId });
}

/** A template with every version (variants parsed, people named, lint run), newest first. */
export async function templatePage(key: string) {
  const template = await getTemplate(key);
  if (!template) return null;
  const ids = template.versions.flatMap((v) => [v.authorId, ...(v.approvedById ? [v.approvedById] : [])]);
  const people = new Map((await prisma.user.findMany({ where: { id: { in: ids } }, select: { id: true, email: true } })).map((u) => [u.id, u.email]));
  const { versions, ...rest } = template;
  return {
    ...rest,
    createdAt: rest.createdAt.toISOString(),
    versions: versions.map((v) => {
      const variants = parseVariants(v.variants);
      return {
        version: v.version,
        status: v.status as TemplateStatus,
        variants,
        note: v.note,
        authorId: v.authorId,
        author: people.get(v.authorId) ?? v.authorId,
        approver: v.approvedById ? (people.get(v.approvedById) ?? v.approvedById) : null,
        createdAt: v.createdAt.toISOString(),
        approvedAt: v.approvedAt?.toISOString() ?? null,
        issues: lintVersion(template, variants),
      };
    }),
  };
}
export type TemplatePage = NonNullable<Awaited<ReturnType<typeof templatePage>>>;
