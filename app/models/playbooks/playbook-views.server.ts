import type { Playbook } from "@machines/playbook";
import type { PlaybookVersion } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { checkPlaybookText, storedFindings, storedPlan } from "./playbook-check";
import type { PlaybookChange } from "./playbook-diff";
import { diffPlaybooks } from "./playbook-diff";
import type { CheckView } from "./playbook-editor.server";
import { planView } from "./playbook-editor.server";
import { playbookWorld } from "./playbook-world.server";
import type { VersionStatus } from "./playbook-words";

// Playbooks as their pages read them: the list with each one's published version and
// drafts, and one playbook with its versions, the selected one's text, findings and
// diagram, and what changed from another version. And the published version a new
// crisis starts with.

const plan = (v: Pick<PlaybookVersion, "compiled">) => storedPlan(v.compiled);
const iso = (d: Date | null) => d?.toISOString() ?? null;

export async function listPlaybooks() {
  const rows = await prisma.playbook.findMany({
    orderBy: { title: "asc" },
    include: { versions: { orderBy: { version: "desc" }, select: { version: true, status: true, errors: true, warnings: true, createdAt: true, compiled: true } } },
  });
  return rows.filter((p) => p.versions.length > 0).map((p) => ({
    key: p.key,
    title: p.title,
    publishedVersion: p.publishedVersion,
    // The types of the version new crises start with, or of the newest draft.
    crisisTypes: plan(p.versions.find((v) => v.version === p.publishedVersion) ?? p.versions[0]).crisisTypes,
    // Drafts older than the published version can no longer be published: they stay on the playbook's page.
    drafts: p.versions.filter((v) => v.status === "draft" && (p.publishedVersion === null || v.version > p.publishedVersion)).map((v) => ({ version: v.version, errors: v.errors, warnings: v.warnings })),
    latest: p.versions[0]?.version ?? null,
    updatedAt: (p.versions[0]?.createdAt ?? p.createdAt).toISOString(),
  }));
}
export type PlaybookRow = Awaited<ReturnType<typeof listPlaybooks>>[number];

export type VersionSummary = {
  version: number;
  status: VersionStatus;
  author: string;
  createdAt: string;
  publisher: string | null;
  publishedAt: string | null;
  retiredAt: string | null;
  errors: number;
  warnings: number;
  note: string | null;
  hash: string;
};

export type PlaybookPage = {
  key: string;
  title: string;
  publishedVersion: number | null;
  versions: VersionSummary[];
  selected: VersionSummary & { source: string; check: CheckView; checkedNow: boolean };
  compare: { from: number; to: number; changes: PlaybookChange[] } | null;
};

/**
 * One playbook's page. `version` picks the version shown (the newest by default); `from`
 * the one compared with it (the one before it by default). A draft is checked again, with
 * what exists now; a published version shows what was recorded when it was published.
 */
export async function playbookPage(key: string, pick: { version?: number; from?: number } = {}): Promise<PlaybookPage | null> {
  const playbook = await prisma.playbook.findUnique({ where: { key }, include: { versions: { orderBy: { version: "desc" } } } });
  if (!playbook || playbook.versions.length === 0) return null;
  const { versions } = playbook;
  const ids = [...new Set(versions.flatMap((v) => [v.authorId, ...(v.publishedById ? [v.publishedById] : [])]))];
  const people = new Map((await prisma.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, email: true } })).map((u) => [u.id, `${u.name} (${u.email})`]));
  const summary = (v: PlaybookVersion): VersionSummary => ({
    version: v.version,
    status: v.status as VersionStatus,
    author: people.get(v.authorId) ?? "a former user",
    createdAt: v.createdAt.toISOString(),
    publisher: v.publishedById ? (people.get(v.publishedById) ?? "a former user") : null,
    publishedAt: iso(v.publishedAt),
    retiredAt: iso(v.retiredAt),
    errors: v.errors,
    warnings: v.warnings,
    note: v.note,
    hash: v.hash,
  });
  const selected = versions.find((v) => v.version === pick.version) ?? versions[0];
  const title = `Playbook “${plan(selected).title}”, version ${selected.version}`;
  let check: CheckView;
  if (selected.status === "draft") {
    const checked = checkPlaybookText(selected.source, await playbookWorld());
    check = await planView(checked.playbook, checked.verification.findings, selected.source, checked.compiles, title);
  } else {
    check = await planView(plan(selected), storedFindings(selected.findings), selected.source, true, title);
  }
  const from = versions.find((v) => v.version === pick.from && v.version !== selected.version) ?? versions.find((v) => v.version < selected.version);
  return {
    key: playbook.key,
    title: playbook.title,
    publishedVersion: playbook.publishedVersion,
    versions: versions.map(summary),
    selected: { ...summary(selected), source: selected.source, check, checkedNow: selected.status === "draft" },
    compare: from ? { from: from.version, to: selected.version, changes: diffPlaybooks(plan(from), plan(selected)) } : null,
  };
}

/** The version a crisis declared now starts with, and keeps: its number, hash and plan. */
export async function publishedPlaybook(key: string): Promise<{ versionId: string; version: number; hash: string; playbook: Playbook } | null> {
  const row = await prisma.playbookVersion.findFirst({ where: { status: "published", playbook: { key } } });
  return row ? { versionId: row.id, version: row.version, hash: row.hash, playbook: plan(row) } : null;
}
