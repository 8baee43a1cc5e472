import type { Finding } from "@machines/playbook";
import type { PlaybookVersion } from "~/generated/prisma/client";
import { Prisma } from "~/generated/prisma/client";
import type { Tx } from "~/utils/db.server";
import { prisma } from "~/utils/db.server";
import type { Permission } from "~/utils/permissions";
import { can } from "~/utils/permissions";
import type { Actor } from "../accounts/actor";
import { appendAudit } from "../audit/audit.server";
import { checkPlaybookText, compiledJson, countOf } from "./playbook-check";
import { playbookWorld } from "./playbook-world.server";

// Changes to playbooks (decision 18): a save or an import writes the next version, a
// draft; publishing makes a verified draft the version new crises start with and retires
// the one before. A version's plan never changes (the database refuses it too), so a
// crisis that started on a version keeps exactly that plan. Every change is audited in
// the transaction that makes it.

type UserActor = Extract<Actor, { kind: "user" }>;

export type PlaybookOutcome<T> =
  | { status: "ok"; value: T }
  | { status: "forbidden" | "not_found" | "refused"; message: string }
  /** The text, or the version, has errors: each with its line. */
  | { status: "invalid"; message: string; findings: Finding[] };

const forbidden = (permission: Permission) => ({ status: "forbidden" as const, message: `You need the permission “${permission}” to do this.` });
const refused = (message: string) => ({ status: "refused" as const, message });
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

export type SavedVersion = { key: string; version: number; created: boolean };

/**
 * Saves YAML as the next version of a playbook, a draft. From the editor, `key` is the
 * page's playbook and the text must keep it; an import (no key) goes to the playbook the
 * text names, created when it is new. The text must read as a playbook; errors of its
 * plan are stored with it and stop only publishing.
 */
export async function saveDraft(
  input: { source: string; note?: string | null; key?: string; via: "editor" | "import" },
  actor: UserActor,
  requestId: string | null = null,
): Promise<PlaybookOutcome<SavedVersion>> {
  if (!can(actor.roles, "draft:playbook")) return forbidden("draft:playbook");
  const checked = checkPlaybookText(input.source, await playbookWorld());
  const { playbook, verification } = checked;
  if (!playbook) {
    const errors = verification.findings.length;
    return { status: "invalid", message: `The text does not read as a playbook: ${plural(errors, "error")} to fix. Nothing was saved.`, findings: verification.findings };
  }
  if (input.key !== undefined && playbook.key !== input.key) {
    return refused(`The text names the playbook ${playbook.key}, but this is ${input.key}. Keep “key: ${input.key}”, or import the text as a playbook of its own.`);
  }
  const existing = await prisma.playbook.findUnique({ where: { key: playbook.key }, include: { versions: { orderBy: { version: "desc" }, take: 1 } } });
  if (input.key !== undefined && !existing) return { status: "not_found", message: `There is no playbook ${input.key}.` };
  const previous = existing?.versions[0] ?? null;
  if (previous && previous.source === input.source) return refused(`Nothing changed since version ${previous.version}, so nothing was saved.`);
  const version = (previous?.version ?? 0) + 1;
  const { findings } = verification;
  try {
    await prisma.$transaction(async (tx) => {
      const row = existing ?? (await tx.playbook.create({ data: { key: playbook.key, title: playbook.title } }));
      // Until a version is published, the list shows the newest draft's title.
      if (existing && existing.publishedVersion === null) await tx.playbook.update({ where: { id: row.id }, data: { title: playbook.title } });
      await tx.playbookVersion.create({
        data: {
          playbookId: row.id,
          version,
          source: input.source,
          compiled: compiledJson(playbook),
          hash: verification.hash!,
          findings: JSON.stringify(findings),
          errors: countOf(findings, "error"),
          warnings: countOf(findings, "warning"),
          note: input.note || null,
          authorId: actor.id,
        },
      });
      const action = !existing ? "playbook.created" : input.via === "import" ? "playbook.imported" : "playbook.draft_saved";
      await audit(tx, actor, "draft:playbook", action, playbook.key, previous ? { version: previous.version } : null, {
        version,
        status: "draft",
        via: input.via,
        hash: verification.hash,
        errors: countOf(findings, "error"),
        warnings: countOf(findings, "warning"),
      }, input.note, requestId);
    });
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      return refused(`Someone saved ${playbook.key} at the same moment, as version ${version}. Nothing was saved: reload the page and save again.`);
    }
    throw error;
  }
  return { status: "ok", value: { key: playbook.key, version, created: !existing } };
}

export type PublishedVersion = { key: string; version: number; retired: number | null; warnings: number };

/**
 * Publishes a draft: verified again here, with today's roles and templates, and refused
 * on any error; its warnings are recorded. Refused over a newer published version, and
 * for anyone without publish:playbook. The version published before it is retired.
 */
export async function publishVersion(key: string, version: number, actor: UserActor, requestId: string | null = null): Promise<PlaybookOutcome<PublishedVersion>> {
  if (!can(actor.roles, "publish:playbook")) return forbidden("publish:playbook");
  const row = await prisma.playbookVersion.findFirst({ where: { version, playbook: { key } }, include: { playbook: true } });
  if (!row) return { status: "not_found", message: `There is no version ${version} of ${key}.` };
  if (row.status !== "draft") return refused(`Version ${version} is ${row.status}; only a draft can be published. A published version never changes: save a new draft instead.`);
  const current = row.playbook.publishedVersion;
  if (current !== null && current > version) return refused(newerPublished(current, version));
  const { playbook, verification } = checkPlaybookText(row.source, await playbookWorld());
  const errors = countOf(verification.findings, "error");
  if (!playbook || errors > 0) {
    return { status: "invalid", message: `Version ${version} cannot be published: the check finds ${plural(errors, "error")}. Fix them and save a new draft.`, findings: verification.findings };
  }
  const warnings = countOf(verification.findings, "warning");
  const at = new Date();
  const outcome = await prisma.$transaction(async (tx): Promise<PlaybookOutcome<PublishedVersion>> => {
    // Compare-and-set: two people publishing at once cannot both win, nor an older version win over a newer one.
    const moved = await tx.playbook.updateMany({
      where: { id: row.playbookId, OR: [{ publishedVersion: null }, { publishedVersion: { lt: version } }] },
      data: { publishedVersion: version, title: playbook.title },
    });
    if (moved.count !== 1) {
      const now = await tx.playbook.findUniqueOrThrow({ where: { id: row.playbookId } });
      return refused(newerPublished(now.publishedVersion ?? version, version));
    }
    const published = await tx.playbookVersion.updateMany({
      where: { id: row.id, status: "draft" },
      data: { status: "published", publishedById: actor.id, publishedAt: at, findings: JSON.stringify(verification.findings), errors: 0, warnings },
    });
    if (published.count !== 1) throw new Error(`playbook ${key} version ${version} left draft while being published`);
    const earlier = await tx.playbookVersion.findMany({ where: { playbookId: row.playbookId, status: "published", id: { not: row.id } } });
    for (const e of earlier) {
      await tx.playbookVersion.update({ where: { id: e.id }, data: { status: "retired", retiredAt: at } });
      await audit(tx, actor, "publish:playbook", "playbook.retired", key, { version: e.version, status: "published" }, { version: e.version, status: "retired" }, `superseded by version ${version}`, requestId);
    }
    await audit(tx, actor, "publish:playbook", "playbook.published", key, { version: current, status: current === null ? null : "published" }, {
      version,
      status: "published",
      hash: row.hash,
      warnings: verification.findings.map((f) => `${f.code}${f.line !== null ? ` (line ${f.line})` : ""}`),
    }, null, requestId);
    return { status: "ok", value: { key, version, retired: earlier[0]?.version ?? null, warnings } };
  });
  return outcome;
}

function newerPublished(current: number, version: number) {
  return current === version
    ? `Version ${version} was published meanwhile. Reload the page.`
    : `Version ${current}, newer than ${version}, is already published: publishing ${version} would take the plan back. Save ${version}'s text as a new draft to publish it again.`;
}

/** The YAML of a version, as a file; downloading it is recorded (an export). */
export async function exportVersion(key: string, version: number, actor: UserActor, requestId: string | null = null): Promise<PlaybookOutcome<{ filename: string; source: string }>> {
  if (!can(actor.roles, "read:playbook")) return forbidden("read:playbook");
  const row: PlaybookVersion | null = await prisma.playbookVersion.findFirst({ where: { version, playbook: { key } } });
  if (!row) return { status: "not_found", message: `There is no version ${version} of ${key}.` };
  await prisma.$transaction((tx) => audit(tx, actor, "read:playbook", "playbook.exported", key, null, { version, status: row.status, hash: row.hash }, null, requestId));
  return { status: "ok", value: { filename: `${key}-v${version}.yaml`, source: row.source } };
}

function audit(tx: Tx, actor: UserActor, permission: Permission, action: string, key: string, before: unknown, after: unknown, reason: string | null | undefined, requestId: string | null) {
  return appendAudit(tx, { actor, permission, action, subjectType: "playbook", subjectId: key, before, after, reason: reason ?? null, requestId });
}
