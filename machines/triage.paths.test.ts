// Paths generated from the machine: every reachable case state is reached, and from each
// one every representative event is sent by every kind of actor. A transition added to
// the machine without a way to reach it here fails the coverage test.
import { getShortestPaths } from "@xstate/graph";
import { describe, expect, it } from "vitest";
import { triageEdgeId } from "./triage.diagram";
import { actors, AT, claimExpiry, firstReport, nonWorkers, roles } from "./triage.fixtures";
import type { TriageActor, TriageEvent, TriageEventType, TriageSnapshot, TriageStep } from "./triage";
import {
  allowedTriageEvents,
  applyTriageEvent,
  DISMISS_UNDO_MINUTES,
  ENFORCEMENT_ACTIONS,
  initialTriageSnapshot,
  restoreTriageSnapshot,
  serializeTriageSnapshot,
  TRIAGE_STATES,
  triageDiagram,
  triageMachine,
} from "./triage";

const everyone: TriageActor[] = Object.values(actors);
// Every path dismisses at AT, so this is past every dismissal's undo window.
const AFTER_UNDO_WINDOW = new Date(Date.parse(AT) + (DISMISS_UNDO_MINUTES * 60 + 1) * 1000).toISOString();

function eventsFrom(actor: TriageActor, claimedAt: string): TriageEvent[] {
  const sent = { actor, at: AT };
  return [
    { ...sent, type: "REPORT_ADDED", ruleCode: "spam", severity: 1 }, // nothing new
    { ...sent, type: "REPORT_ADDED", ruleCode: "hate", severity: 4 }, // another rule
    { ...sent, type: "REPORT_ADDED", ruleCode: "spam", severity: 5 }, // higher severity
    { ...sent, type: "CLAIM" },
    { ...sent, type: "ASSIGN", assigneeId: actors.otherModerator.id, assigneeRoles: actors.otherModerator.roles }, // to a moderator
    { ...sent, type: "ASSIGN", assigneeId: actors.lead.id, assigneeRoles: actors.lead.roles }, // to a senior
    { ...sent, type: "ASSIGN", assigneeId: actors.admin.id, assigneeRoles: actors.admin.roles }, // to someone who cannot work cases
    { ...sent, type: "RELEASE" },
    { ...sent, type: "CLAIM_EXPIRED", claimedAt },
    { ...sent, type: "CLAIM_EXPIRED", claimedAt: "2000-01-01T00:00:00.000Z" }, // a stale timer
    { ...sent, type: "REQUEST_INFO", reason: "which post?" },
    { ...sent, type: "INFO_RECEIVED" },
    ...ENFORCEMENT_ACTIONS.map((action): TriageEvent => ({ ...sent, type: "ACT", action, ruleCode: "spam", reason: "spam" })),
    { ...sent, type: "DISMISS", reason: "no rule broken" },
    { ...sent, type: "UNDO_DISMISS" },
    { ...sent, type: "UNDO_DISMISS", at: AFTER_UNDO_WINDOW }, // too late
    { ...sent, type: "ESCALATE", reason: "possible threat" },
    { ...sent, type: "APPROVE" },
    { ...sent, type: "REJECT", reason: "too harsh" },
    { ...sent, type: "REOPEN", reason: "appeal upheld" },
    { ...sent, type: "CLOSE" },
  ];
}

const representativeEvents = (snapshot: TriageSnapshot) => everyone.flatMap((actor) => eventsFrom(actor, snapshot.context.claimedAt ?? AT));

// Only what guards read tells states apart; counts, reasons and outcomes would make the
// state space unbounded without adding behaviour.
const guardRelevant = (snapshot: TriageSnapshot) => {
  const c = snapshot.context;
  return JSON.stringify([snapshot.value, c.assigneeId, c.claimedAt, c.escalation !== null, c.pendingBan?.proposerId ?? null, c.ruleCodes, c.maxSeverity]);
};

const paths = getShortestPaths(triageMachine, { input: firstReport, events: representativeEvents, serializeState: guardRelevant });

// Replays a generated path through the helper the server uses, checking each step.
function replay(steps: (typeof paths)[number]["steps"]): TriageSnapshot {
  let snapshot = initialTriageSnapshot(firstReport);
  for (const step of steps.slice(1)) {
    const result = applyTriageEvent(snapshot, step.event);
    expect(result.accepted, `${snapshot.value} --${step.event.type}-->`).toBe(true);
    expect(guardRelevant(result.snapshot)).toBe(guardRelevant(step.state));
    snapshot = result.snapshot;
  }
  return snapshot;
}

const reachable = paths.map((path) => replay(path.steps));

interface Edge {
  from: TriageSnapshot;
  event: TriageEvent;
  result: TriageStep;
}
const tried: Edge[] = reachable.flatMap((from) => representativeEvents(from).map((event) => ({ from, event, result: applyTriageEvent(from, event) })));
const taken = tried.filter((edge) => edge.result.accepted);

describe("generated triage paths", () => {
  it("reach every state of the machine", () => {
    expect(new Set(reachable.map((s) => s.value))).toEqual(new Set(TRIAGE_STATES));
  });

  it("take every transition in the machine definition, and nothing else", () => {
    const covered = new Set(taken.flatMap(({ from, event }) => triageMachine.getTransitionData(from, event).map(triageEdgeId)));
    const defined = triageDiagram().edges.map((edge) => edge.id);
    expect([...covered].sort()).toEqual([...defined].sort());
  });

  it("refuse every event from admin, leadership, crisis and comms roles in every state", () => {
    const nonWorkerIds = new Set(nonWorkers.map((a) => a.id));
    const acceptedFromNonWorkers = taken.filter((edge) => nonWorkerIds.has(edge.event.actor.id));
    expect(acceptedFromNonWorkers.map(({ from, event }) => `${from.value} ${event.type} by ${event.actor.id}`)).toEqual([]);
  });

  it("run a claim timer exactly while a case is in review", () => {
    for (const { from, event, result } of taken) {
      const types = result.effects.map((e) => e.type);
      const entering = from.value !== "in_review" && result.snapshot.value === "in_review";
      const leaving = from.value === "in_review" && result.snapshot.value !== "in_review";
      const label = `${from.value} --${event.type}--> ${result.snapshot.value}`;
      if (entering || (event.type === "CLAIM" && result.snapshot.value === "in_review")) {
        expect(result.effects, label).toContainEqual(claimExpiry(result.snapshot.context.claimedAt));
      } else {
        expect(types, label).not.toContain("timer.schedule");
      }
      // An expired timer has already fired; every other way out of review cancels it.
      expect(types.includes("timer.cancel"), label).toBe(leaving && event.type !== "CLAIM_EXPIRED");
      if (result.snapshot.value === "in_review") expect(result.snapshot.context.assigneeId, label).not.toBeNull();
    }
  });

  it("hold an assignee only while a case is worked, and an outcome only once it is resolved", () => {
    for (const { result } of taken) {
      const { value, context } = result.snapshot;
      const worked = value === "in_review" || value === "waiting_for_info" || value === "awaiting_approval";
      expect(context.assigneeId !== null, String(value)).toBe(worked);
      expect(context.outcome !== null, String(value)).toBe(result.snapshot.hasTag("resolved"));
      expect(context.pendingBan !== null, String(value)).toBe(value === "awaiting_approval");
    }
  });

  it("record an enforcement exactly when a case becomes actioned, never for a dismissal", () => {
    for (const { from, event, result } of taken) {
      const records = result.effects.filter((e) => e.type === "enforcement.record");
      const becameActioned = from.value !== "actioned" && result.snapshot.value === "actioned";
      expect(records.length, `${from.value} --${event.type}-->`).toBe(becameActioned ? 1 : 0);
    }
  });

  it("offer each actor exactly the events the machine accepts from them", () => {
    for (const from of reachable) {
      for (const actor of everyone) {
        const accepted = new Set<TriageEventType>(
          eventsFrom(actor, from.context.claimedAt ?? AT)
            .filter((event) => from.can(event))
            .map((event) => event.type),
        );
        expect(new Set(allowedTriageEvents(from, actor, AT)), `${from.value} for ${actor.id}`).toEqual(accepted);
      }
    }
  });

  it("keep behaviour after a JSON round trip, in every reachable state", () => {
    for (const from of reachable) {
      const restored = restoreTriageSnapshot(JSON.parse(JSON.stringify(serializeTriageSnapshot(from))), roles);
      expect(restored.value).toBe(from.value);
      expect(restored.context).toEqual(from.context);
      for (const event of representativeEvents(from)) {
        const before = applyTriageEvent(from, event);
        const after = applyTriageEvent(restored, event);
        expect(after.accepted).toBe(before.accepted);
        expect(after.snapshot.value).toBe(before.snapshot.value);
        expect(after.effects).toEqual(before.effects);
      }
    }
  });
});
