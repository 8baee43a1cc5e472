import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { storedPlan } from "../playbooks/playbook-check";
import type { PlaybookChoice } from "./playbook-choice";
import type { CrisisSeverity } from "./crisis-words";
import { CRISIS_STATES } from "./crisis-words";

// Crises as their list, the declare form and a case read them. Nothing here writes.

export type CrisisFilters = { type?: string; severity?: string; state?: string };

export type CrisisRow = {
  ref: string;
  title: string;
  type: string;
  severity: string;
  state: string;
  commander: string | null;
  declaredAt: string;
  nextUpdateDueAt: string | null;
  late: boolean;
  openTasks: number;
};

export const CRISIS_LIST_LIMIT = 100;

/** Active crises first, then the others, newest first within each. */
export async function listCrises(filters: CrisisFilters, now = new Date()): Promise<CrisisRow[]> {
  const where: Prisma.CrisisWhereInput = {
    ...(filters.type ? { type: filters.type } : {}),
    ...(filters.severity ? { severity: filters.severity } : {}),
    ...(filters.state ? { state: filters.state } : {}),
  };
  const select = {
    ref: true,
    title: true,
    type: true,
    severity: true,
    state: true,
    declaredAt: true,
    nextUpdateDueAt: true,
    roles: { where: { role: "commander", until: null }, select: { userId: true } },
    _count: { select: { tasks: { where: { status: { not: "done" } } } } },
  } as const;
  const active = await prisma.crisis.findMany({ where: { ...where, state: filters.state ?? "active" }, orderBy: { declaredAt: "desc" }, take: CRISIS_LIST_LIMIT, select });
  const others = filters.state ? [] : await prisma.crisis.findMany({ where: { ...where, state: { not: "active" } }, orderBy: { declaredAt: "desc" }, take: CRISIS_LIST_LIMIT - active.length, select });
  const rows = [...active, ...others];
  const ids = [...new Set(rows.flatMap((r) => r.roles.map((x) => x.userId)))];
  const names = new Map((await prisma.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]));
  return rows.map((r) => ({
    ref: r.ref,
    title: r.title,
    type: r.type,
    severity: r.severity,
    state: r.state,
    commander: r.roles[0] ? (names.get(r.roles[0].userId) ?? "a former user") : null,
    declaredAt: r.declaredAt.toISOString(),
    nextUpdateDueAt: r.nextUpdateDueAt?.toISOString() ?? null,
    late: r.state === "active" && r.nextUpdateDueAt !== null && r.nextUpdateDueAt < now,
    openTasks: r._count.tasks,
  }));
}


/** Every published playbook, with the types and levels each is written for. */
export async function playbookChoices(): Promise<PlaybookChoice[]> {
  const versions = await prisma.playbookVersion.findMany({ where: { status: "published" }, include: { playbook: { select: { key: true, title: true } } }, orderBy: { playbook: { title: "asc" } } });
  return versions.map((v) => {
    const plan = storedPlan(v.compiled);
    return { versionId: v.id, key: v.playbook.key, title: v.playbook.title, version: v.version, crisisTypes: plan.crisisTypes, levels: plan.severity.levels };
  });
}


/** What the case page shows of the crises a case is linked to. */
export async function crisesOfCase(caseId: string) {
  const links = await prisma.crisisCase.findMany({ where: { caseId }, include: { crisis: { select: { ref: true, title: true, severity: true, state: true } } } });
  return links.map((l) => ({ ...l.crisis, stateLabel: CRISIS_STATES[l.crisis.state as keyof typeof CRISIS_STATES] ?? l.crisis.state }));
}

/** The active crises each of these cases is linked to, for the queue's badges. */
export async function activeCrisisRefsOf(caseIds: readonly string[]): Promise<Map<string, string[]>> {
  if (caseIds.length === 0) return new Map();
  const links = await prisma.crisisCase.findMany({ where: { caseId: { in: [...caseIds] }, crisis: { state: "active" } }, select: { caseId: true, crisis: { select: { ref: true } } } });
  const byCase = new Map<string, string[]>();
  for (const l of links) byCase.set(l.caseId, [...(byCase.get(l.caseId) ?? []), l.crisis.ref]);
  return byCase;
}

/** The people a commander may give a role to: active users with a crisis permission. */
export async function assignablePeople() {
  const users = await prisma.user.findMany({
    where: { disabledAt: null, roles: { some: { role: { in: ["crisis_commander", "crisis_responder", "comms_lead", "trust_safety_lead"] } } } },
    select: { id: true, name: true, email: true },
    orderBy: { name: "asc" },
  });
  return users.map((u) => ({ id: u.id, label: `${u.name} (${u.email})` }));
}

const TYPE_OF_RULE: Record<string, { type: string; severity: CrisisSeverity }> = {
  self_harm: { type: "safety_threat", severity: "SEV1" },
  threats: { type: "safety_threat", severity: "SEV1" },
  privacy: { type: "data_leak", severity: "SEV2" },
  hate: { type: "harassment_raid", severity: "SEV2" },
  respect: { type: "harassment_raid", severity: "SEV3" },
};

/** A case's facts carried over to the declare form: its rule's kind of crisis, a title and what it says. */
export async function caseFactsForCrisis(ref: string) {
  const c = await prisma.case.findUnique({ where: { ref }, select: { ref: true, ruleCode: true, reportCount: true, text: true } });
  if (!c) return null;
  const kind = c.ruleCode ? TYPE_OF_RULE[c.ruleCode] : undefined;
  const rule = c.ruleCode ? c.ruleCode.replace(/_/g, " ") : "no rule";
  const quoted = c.text ? ` It says: “${c.text.slice(0, 500)}${c.text.length > 500 ? "…" : ""}”` : "";
  return {
    type: kind?.type ?? "",
    severity: kind?.severity ?? "",
    title: `Case ${c.ref}: ${rule}`,
    known: `Declared from case ${c.ref}, reported ${c.reportCount === 1 ? "once" : `${c.reportCount} times`} under ${rule}.${quoted}`,
  };
}
