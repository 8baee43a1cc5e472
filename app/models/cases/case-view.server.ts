import type { TriageDiagram, TriageEvent, TriageEventType, TriageOutcome, TriageSnapshot } from "@machines/triage";
import { allowedTriageEvents, dismissalUndoableUntil, restoreTriageSnapshot, triageDiagram, triageMachine } from "@machines/triage";
import { triageEdgeId } from "@machines/triage.diagram";
import type { SessionUser } from "~/utils/auth.server";
import { userActor } from "~/utils/auth.server";
import { prisma } from "~/utils/db.server";
import type { DiagramLayout } from "~/utils/diagram";
import { layoutDiagram } from "~/utils/diagram-layout.server";
import { can } from "~/utils/permissions";
import type { Actor } from "../accounts/actor";
import type { AuthorHistory } from "./author-history.server";
import { authorHistory } from "./author-history.server";
import { triageStatechart } from "./case-diagram";
import { permissionFor, triageActorFor } from "./case-event-vocabulary";
import type { TimelineEntry } from "./case-timeline.server";
import { caseTimeline } from "./case-timeline.server";
import { getCaseView } from "./cases.server";
import type { ReporterView } from "./reporter-identity";
import { reporterViewFor } from "./reporter-identity";
import type { Viewer } from "./presence.server";
import { leavePresence, touchPresence, viewersOf } from "./presence.server";
import type { CaseWorker } from "../queue/queue-work.server";
import { caseWorkers } from "../queue/queue-work.server";
import { listRules, ruleTitle } from "../intake/rules.server";
import type { SlaState } from "./sla-state";
import { slaOfCase } from "./sla.server";
import { TRIAGE_ROLES } from "./case-roles";
import { claimTtlMs } from "./claim-life.server";

// Everything the case page loads, and the one thing it writes: an event from one of its
// forms, through the case write path. What the viewer may do comes from the triage
// machine (allowedTriageEvents), never from a list kept here.

type CaseView = NonNullable<Awaited<ReturnType<typeof getCaseView>>>;
type Iso<T, K extends keyof T> = Omit<T, K> & { [P in K]: string | Extract<T[P], null> };
export type CaseReportView = Iso<CaseView["reports"][number], "receivedAt" | "occurredAt">;

export type Person = { id: string; name: string };
export type CasePage = Iso<Omit<CaseView, "reports">, "createdAt" | "updatedAt" | "claimExpiresAt" | "firstResponseDueAt" | "firstRespondedAt" | "resolutionDueAt" | "slaPausedAt"
> & {
  reports: CaseReportView[];
  /** When the page was computed: client countdowns start from it. */
  now: string;
  /** Where the case stands against its SLA at `now`: what the summary, the SLA panel and countdowns show. */
  sla: SlaState;
  viewer: Person & { canWork: boolean; canSeeReporters: boolean };
  /** The events the machine accepts from the viewer now, in vocabulary order. */
  allowed: TriageEventType[];
  holder: (Person & { you: boolean; expiresAt: string | null }) | null;
  escalation: { by: string; reason: string; at: string } | null;
  pendingBan: { proposer: string; proposedByViewer: boolean; ruleCode: string; ruleTitle: string; reason: string; at: string } | null;
  outcome:
    | (Omit<TriageOutcome, "by" | "approvedBy"> & {
        by: string;
        approvedBy: string | null;
        ruleTitle: string | null;
        /** For a dismissal: until when it can be undone (the machine decides whether the viewer may). */
        undoableUntil: string | null;
      })
    | null;
  history: AuthorHistory | null;
  timeline: { entries: TimelineEntry[]; total: number };
  diagram: { nodes: TriageDiagram["nodes"]; edges: (Omit<TriageDiagram["edges"][number], "guard"> & { allowedNow: boolean })[] } | null;
  /** The same diagram laid out for drawing, in words. */
  statechart: DiagramLayout | null;
  /** Set when the stored snapshot cannot be read by this build: nothing is offered then. */
  machineError: string | null;
  rules: { code: string; title: string; severity: number }[];
  /** People the case can be assigned to, only when the machine offers ASSIGN. */
  workers: Pick<CaseWorker, "id" | "name" | "email" | "senior">[];
  /** Others looking at this case now (the viewer is left out). */
  viewers: Viewer[];
};

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** The events a person may send now: the machine's answer, less what their permissions refuse. */
export function allowedFor(snapshot: TriageSnapshot, actor: Actor, now: Date = new Date()): TriageEventType[] {
  const roles = actor.kind === "user" ? actor.roles : [];
  return allowedTriageEvents(snapshot, triageActorFor(actor), now.toISOString()).filter((type) => {
    const permission = permissionFor(type);
    return permission !== null && can(roles, permission);
  });
}

/** The case workers the machine would let `actor` hand the case to (escalated cases go to seniors only). */
async function assignableWorkers(snapshot: TriageSnapshot, actor: Actor, now: Date): Promise<CaseWorker[]> {
  const sender = { actor: triageActorFor(actor), at: now.toISOString() };
  return (await caseWorkers()).filter((w) => snapshot.can({ ...sender, type: "ASSIGN", assigneeId: w.id, assigneeRoles: w.roles }));
}

/**
 * The diagram edges the viewer can take now: for each allowed event, the transition the
 * machine would pick for it (release goes back to the queue the case came from; an act
 * either resolves the case or, for a ban, waits for approval).
 */
function edgesOpenTo(snapshot: TriageSnapshot, actor: Actor, allowed: readonly TriageEventType[], ruleCode: string, now: Date): Set<string> {
  const sent = { actor: triageActorFor(actor), at: now.toISOString() };
  const probes = allowed.flatMap((type): TriageEvent[] => {
    switch (type) {
      case "ACT":
        return (["warn", "ban"] as const).map((action) => ({ ...sent, type, action, ruleCode, reason: "…" }));
      case "ASSIGN":
        return [{ ...sent, type, assigneeId: sent.actor.id, assigneeRoles: sent.actor.roles }];
      case "REQUEST_INFO":
      case "DISMISS":
      case "ESCALATE":
      case "REJECT":
      case "REOPEN":
        return [{ ...sent, type, reason: "…" }];
      case "CLAIM":
      case "RELEASE":
      case "INFO_RECEIVED":
      case "APPROVE":
      case "CLOSE":
      case "UNDO_DISMISS":
        return [{ ...sent, type }];
      default:
        return [];
    }
  });
  return new Set(probes.flatMap((event) => triageMachine.getTransitionData(snapshot, event).map(triageEdgeId)));
}

export function restoreForView(row: { snapshot: string; machineVersion: number }): { snapshot: TriageSnapshot | null; error: string | null } {
  try {
    return { snapshot: restoreTriageSnapshot(row, TRIAGE_ROLES, claimTtlMs()), error: null };
  } catch (error) {
    return { snapshot: null, error: error instanceof Error ? error.message : String(error) };
  }
}

async function namesOf(ids: (string | null | undefined)[]): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id): id is string => typeof id === "string" && id !== ""))];
  if (wanted.length === 0) return new Map();
  const users = await prisma.user.findMany({ where: { id: { in: wanted } }, select: { id: true, name: true } });
  return new Map(users.map((u) => [u.id, u.name]));
}

/** The case view and its snapshot from the same version (re-read if a write slipped between). */
async function readCase(ref: string, reporters: ReporterView) {
  for (let attempt = 0; attempt < 3; attempt++) {
    const stored = await prisma.case.findUnique({ where: { ref }, select: { snapshot: true, machineVersion: true, version: true } });
    if (!stored) return null;
    const view = await getCaseView(ref, { reporters });
    if (!view) return null;
    if (view.version === stored.version) return { view, stored };
  }
  throw new Error(`case ${ref} kept changing while it was read`);
}

/**
 * Everything the case page shows `user`, or null for an unknown case. Marks the user as
 * viewing the case. Reporter identity is removed unless the user may read it.
 */
export async function loadCasePage(ref: string, user: SessionUser, now: Date = new Date()): Promise<CasePage | null> {
  const reporters = reporterViewFor(user.roles);
  const read = await readCase(ref, reporters);
  if (!read) return null;
  const { view, stored } = read;
  await touchPresence(ref, { id: user.id, name: user.name }, now);

  const { snapshot, error } = restoreForView(stored);
  const allowed = snapshot ? allowedFor(snapshot, userActor(user), now) : [];
  const ctx = snapshot?.context ?? null;
  const [history, timeline, rules, workers, viewers, names, sla] = await Promise.all([
    authorHistory(view.authorHandle, view.id),
    caseTimeline(view.id, view.reports.map((r) => r.id)),
    listRules(),
    snapshot && allowed.includes("ASSIGN") ? assignableWorkers(snapshot, userActor(user), now) : Promise.resolve([]),
    viewersOf([ref], now),
    namesOf([view.assigneeId, ctx?.pendingBan?.proposerId, ctx?.escalation?.by, ctx?.outcome?.by, ctx?.outcome?.approvedBy]),
    slaOfCase(view, now),
  ]);
  const nameOf = (id: string) => names.get(id) ?? "a former moderator";
  const titleOf = (code: string) => {
    const rule = rules.find((r) => r.code === code);
    return rule ? ruleTitle(rule) : code;
  };
  const diagram = snapshot ? triageDiagram(snapshot) : null;
  const open = snapshot ? edgesOpenTo(snapshot, userActor(user), allowed, view.ruleCode, now) : new Set<string>();
  const { reports, ...fields } = view;

  return {
    ...fields,
    createdAt: view.createdAt.toISOString(),
    updatedAt: view.updatedAt.toISOString(),
    claimExpiresAt: iso(view.claimExpiresAt),
    firstResponseDueAt: iso(view.firstResponseDueAt),
    firstRespondedAt: iso(view.firstRespondedAt),
    resolutionDueAt: iso(view.resolutionDueAt),
    slaPausedAt: iso(view.slaPausedAt),
    reports: reports.map((r) => ({ ...r, receivedAt: r.receivedAt.toISOString(), occurredAt: iso(r.occurredAt) })),
    now: now.toISOString(),
    sla,
    viewer: { id: user.id, name: user.name, canWork: can(user.roles, "work:case"), canSeeReporters: reporters === "shown" },
    allowed,
    holder: view.assigneeId
      ? { id: view.assigneeId, name: nameOf(view.assigneeId), you: view.assigneeId === user.id, expiresAt: iso(view.claimExpiresAt) }
      : null,
    escalation: ctx?.escalation ? { by: nameOf(ctx.escalation.by), reason: ctx.escalation.reason, at: ctx.escalation.at } : null,
    pendingBan: ctx?.pendingBan
      ? {
          proposer: nameOf(ctx.pendingBan.proposerId),
          proposedByViewer: ctx.pendingBan.proposerId === user.id,
          ruleCode: ctx.pendingBan.ruleCode,
          ruleTitle: titleOf(ctx.pendingBan.ruleCode),
          reason: ctx.pendingBan.reason,
          at: ctx.pendingBan.proposedAt,
        }
      : null,
    outcome: ctx?.outcome
      ? {
          ...ctx.outcome,
          by: nameOf(ctx.outcome.by),
          approvedBy: ctx.outcome.approvedBy ? nameOf(ctx.outcome.approvedBy) : null,
          ruleTitle: ctx.outcome.ruleCode ? titleOf(ctx.outcome.ruleCode) : null,
          undoableUntil: dismissalUndoableUntil(ctx.outcome),
        }
      : null,
    history,
    timeline,
    diagram: diagram && {
      nodes: diagram.nodes,
      edges: diagram.edges.map(({ guard: _guard, ...e }) => ({ ...e, allowedNow: open.has(e.id) })),
    },
    statechart: diagram && (await layoutDiagram(triageStatechart(diagram, open))),
    machineError: error,
    rules: rules.map((r) => ({ code: r.code, title: ruleTitle(r), severity: r.severity })),
    workers: workers.map(({ id, name, email, senior }) => ({ id, name, email, senior })),
    viewers: (viewers[ref] ?? []).filter((v) => v.id !== user.id),
  };
}

/** The case page's heartbeat: `user` still views the case. Answers who else does, or null for no such case. */
export async function keepViewing(ref: string, user: Person): Promise<Viewer[] | null> {
  if (!(await prisma.case.findUnique({ where: { ref }, select: { id: true } }))) return null;
  await touchPresence(ref, { id: user.id, name: user.name });
  return ((await viewersOf([ref]))[ref] ?? []).filter((v) => v.id !== user.id);
}

/** `userId` closed the case page. */
export async function stopViewing(ref: string, userId: string): Promise<void> {
  await leavePresence(ref, userId);
}
