import type { CompiledPlaybook, PlaybookEventType } from "@machines/playbook";
import { RESOLVED, REVIEW, REVIEWED } from "@machines/playbook";
import { rolesFor } from "@machines/playbook/implementations";
import type { DiagramLayout } from "~/utils/diagram";
import { layoutDiagram } from "~/utils/diagram-layout.server";
import { prisma } from "~/utils/db.server";
import type { Actor } from "../accounts/actor";
import { actorWords } from "../accounts/actor";
import { playbookStatechart } from "../playbooks/playbook-diagram";
import { roleNames } from "../playbooks/playbook-words";
import { stepTitle } from "./crisis-refusals";
import { readStepProgress } from "./crisis-statement-steps.server";
import type { StepProgress } from "./statement-steps";
import { progressWords, stillBlocking } from "./statement-steps";
import { stageOfPurpose } from "../statements/statement-words";
import { readCrisis, readNotes } from "./crisis-rows.server";
import { playbookActor } from "./crisis-subject.server";
import type { TimelineEntry } from "./crisis-timeline";
import { timelineEntry } from "./crisis-timeline";
import type { CrisisRole } from "./crisis-words";
import { CRISIS_ROLES } from "./crisis-words";

// The crisis room as a person reads it: the header, the playbook's diagram with its live
// steps marked and what each lets this person do, tasks by role (theirs first), people in
// roles now and before, linked cases and the timeline. Nothing here writes.

export const TIMELINE_LIMIT = 300;

/**
 * `href`: where the step is worked instead of here (the review, on its own page).
 * `statements`: for a step the statements drive, what it waits for and which cells hold it up.
 */
export type LiveStep = {
  id: string;
  title: string;
  who: string;
  actions: { type: PlaybookEventType; label: string }[];
  answers: string[];
  mine: boolean;
  href: string | null;
  statements: { href: string; summary: string; blocking: string[] } | null;
};
export type RoomTask = { id: string; step: string | null; title: string; role: string; roleLabel: string; owner: string | null; dueAt: string | null; status: string; blockedReason: string | null; answer: string | null; mine: boolean };

export type CrisisRoomView = {
  ref: string;
  title: string;
  type: string;
  severity: string;
  state: string;
  known: string;
  version: number;
  declaredAt: string;
  declaredBy: string;
  resolvedAt: string | null;
  closedAt: string | null;
  nextUpdateDueAt: string | null;
  updateEveryMinutes: number;
  playbook: { key: string; title: string; version: number };
  commander: { id: string; name: string } | null;
  diagram: DiagramLayout;
  liveSteps: LiveStep[];
  tasks: RoomTask[];
  people: { role: string; roleLabel: string; name: string; since: string; until: string | null; note: string | null }[];
  cases: { ref: string; state: string; ruleCode: string | null; priority: number }[];
  timeline: TimelineEntry[];
  timelineTotal: number;
  /** The notes the team pinned, oldest first: shown above the timeline, whatever its length. */
  pinned: TimelineEntry[];
};

const ACTION_LABELS: Partial<Record<PlaybookEventType, string>> = { ACKNOWLEDGE: "Acknowledge", COMPLETE: "Complete", DRAFT: "Mark drafted", APPROVE: "Approve", REJECT: "Reject", PUBLISH: "Mark sent" };

function liveStepsOf(ref: string, compiled: CompiledPlaybook, snapshot: Parameters<typeof rolesFor>[2], steps: string[], actorRoles: string[], progress: StepProgress[]): LiveStep[] {
  return steps.flatMap((id): LiveStep[] => {
    if (id === REVIEWED) return [];
    const review = id === RESOLVED;
    const step = review ? ("review" as const) : compiled.plan.nodes.get(id)?.step;
    if (!step) return [];
    const roles = rolesFor(compiled.playbook, step, snapshot);
    const kind = step === "review" ? "task" : step.kind;
    const byKind: Record<string, PlaybookEventType[]> = {
      task: ["COMPLETE"],
      page: ["ACKNOWLEDGE"],
      statement: ["DRAFT"],
      approval: step !== "review" && step.kind === "approval" && step.onReject ? ["APPROVE", "REJECT"] : ["APPROVE"],
      publish: ["PUBLISH"],
    };
    // The review is written and signed off on its own page (decision 25); the statements'
    // steps follow their cells on the statements panel (decision 24).
    const driven = progress.find((p) => p.step === id);
    const types = review || driven ? [] : (byKind[kind] ?? []);
    const answers = step !== "review" && step.kind === "task" ? (step.answers ?? []) : [];
    const stage = driven ? compiled.plan.nodes.get(driven.statements[0])?.step : null;
    const statements = driven
      ? {
          href: `/crises/${ref}/statements${stage?.kind === "statement" ? `#stage-${stageOfPurpose(stage.purpose) ?? ""}` : ""}`,
          summary: progressWords(driven),
          blocking: stillBlocking(driven),
        }
      : null;
    const title = stepTitle(compiled, review ? REVIEW : id);
    return [{ id: review ? REVIEW : id, title, who: roleNames(roles), actions: types.map((type) => ({ type, label: ACTION_LABELS[type]! })), answers, mine: roles.some((r) => actorRoles.includes(r)), href: review ? `/crises/${ref}/review` : null, statements }];
  });
}

export async function crisisRoom(ref: string, viewer: Actor & { kind: "user" }): Promise<CrisisRoomView | null> {
  const found = await prisma.crisis.findUnique({ where: { ref }, select: { id: true } });
  if (!found) return null;
  const locked = await readCrisis(prisma, found.id);
  if (!locked?.row) return null;
  const { row, compiled } = locked;
  const snapshot = compiled.machine.resolveState(JSON.parse(row.snapshot));
  const steps = row.steps ? row.steps.split(",") : [];
  const actorRoles = playbookActor(viewer, locked.room).roles;

  const [tasks, roles, links, entries, timelineTotal, declarer, version, notes] = await Promise.all([
    prisma.crisisTask.findMany({ where: { crisisId: row.id }, orderBy: { createdAt: "asc" } }),
    prisma.crisisRole.findMany({ where: { crisisId: row.id }, orderBy: { since: "asc" } }),
    prisma.crisisCase.findMany({ where: { crisisId: row.id }, orderBy: { linkedAt: "asc" } }),
    prisma.auditEntry.findMany({ where: { subjectType: "Crisis", subjectId: row.id }, orderBy: { seq: "desc" }, take: TIMELINE_LIMIT }),
    prisma.auditEntry.count({ where: { subjectType: "Crisis", subjectId: row.id } }),
    prisma.user.findUnique({ where: { id: row.declaredById }, select: { name: true } }),
    prisma.playbookVersion.findUniqueOrThrow({ where: { id: row.playbookVersionId }, select: { version: true } }),
    readNotes(prisma, row.id),
  ]);
  const pinnedSeqs = [...notes].flatMap(([seq, pinned]) => (pinned ? [seq] : []));
  const pinnedEntries = pinnedSeqs.length > 0 ? await prisma.auditEntry.findMany({ where: { seq: { in: pinnedSeqs } }, orderBy: { seq: "asc" } }) : [];
  const userIds = [...new Set([...tasks.flatMap((t) => (t.ownerId ? [t.ownerId] : [])), ...roles.map((r) => r.userId)])];
  const users = await prisma.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true, email: true } });
  const nameOf = new Map(users.map((u) => [u.id, u.name]));
  const byEmail = new Map(users.map((u) => [u.email, u.name]));
  const cases = await prisma.case.findMany({ where: { id: { in: links.map((l) => l.caseId) } }, select: { ref: true, state: true, ruleCode: true, priority: true } });
  const commanderId = locked.room.commanderId;
  const inWords = (e: (typeof entries)[number]) => timelineEntry(e, (step) => stepTitle(compiled, step), (label) => byEmail.get(label) ?? actorWords(label));

  const roomTasks: RoomTask[] = tasks.map((t) => ({
    id: t.id,
    step: t.step,
    title: t.title,
    role: t.role,
    roleLabel: roleNames([t.role]),
    owner: t.ownerId ? (nameOf.get(t.ownerId) ?? "a former user") : null,
    dueAt: t.dueAt?.toISOString() ?? null,
    status: t.status,
    blockedReason: t.blockedReason,
    answer: t.answer,
    mine: t.ownerId === viewer.id || actorRoles.includes(t.role),
  }));
  roomTasks.sort((a, b) => Number(b.mine) - Number(a.mine) || Number(a.status === "done") - Number(b.status === "done"));

  return {
    ref: row.ref,
    title: row.title,
    type: row.type,
    severity: row.severity,
    state: row.state,
    known: row.known,
    version: row.version,
    declaredAt: row.declaredAt.toISOString(),
    declaredBy: declarer?.name ?? actorWords(row.declaredById),
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
    closedAt: row.closedAt?.toISOString() ?? null,
    nextUpdateDueAt: row.nextUpdateDueAt?.toISOString() ?? null,
    updateEveryMinutes: row.updateEveryMinutes,
    playbook: { key: compiled.playbook.key, title: compiled.playbook.title, version: version.version },
    commander: commanderId ? { id: commanderId, name: nameOf.get(commanderId) ?? "a former user" } : null,
    diagram: await layoutDiagram(
      playbookStatechart(compiled.playbook, `The ${compiled.playbook.title} playbook`, { current: steps, done: tasks.filter((t) => t.status === "done" && t.step).map((t) => t.step!), standing: "live now at" }),
    ),
    liveSteps: row.state === "closed" ? [] : liveStepsOf(row.ref, compiled, snapshot.context, steps, actorRoles, await readStepProgress(prisma, { id: row.id, compiled, steps })),
    tasks: roomTasks,
    people: roles.map((r) => ({ role: r.role, roleLabel: CRISIS_ROLES[r.role as CrisisRole]?.label ?? r.role, name: nameOf.get(r.userId) ?? "a former user", since: r.since.toISOString(), until: r.until?.toISOString() ?? null, note: r.note })),
    cases: cases.map((c) => ({ ref: c.ref, state: c.state, ruleCode: c.ruleCode, priority: c.priority })),
    timeline: entries.reverse().map((e) => ({ ...inWords(e), pinned: notes.get(e.seq) === true })),
    timelineTotal,
    pinned: pinnedEntries.map((e) => ({ ...inWords(e), pinned: true })),
  };
}
