import { describe, expect, it } from "vitest";
import { actors, AT, claimExpiry, ev, firstReport, roles } from "./triage.fixtures";
import {
  applyTriageEvent,
  initialTriageSnapshot,
  isTriageResolved,
  RESOLVED_TRIAGE_STATES,
  restoreTriageSnapshot,
  serializeTriageSnapshot,
  TRIAGE_EVENT_TYPES,
  TRIAGE_MACHINE_VERSION,
  TRIAGE_STATES,
  triageDiagram,
  triageMachine,
  triageState,
} from "./triage";

const claimed = () => applyTriageEvent(initialTriageSnapshot(firstReport), ev.claim(actors.moderator)).snapshot;

describe("triage vocabulary", () => {
  it("names exactly the machine's states and events", () => {
    expect(Object.keys(triageMachine.root.states)).toEqual([...TRIAGE_STATES]);
    expect([...triageMachine.events].sort()).toEqual([...TRIAGE_EVENT_TYPES].sort());
  });
});

describe("persisting a triage snapshot", () => {
  it("stores the state, the snapshot and the machine version as the case's columns", () => {
    const stored = serializeTriageSnapshot(claimed());
    expect(stored.state).toBe("in_review");
    expect(stored.machineVersion).toBe(TRIAGE_MACHINE_VERSION);
    expect(JSON.parse(stored.snapshot)).toMatchObject({ value: "in_review", context: { assigneeId: actors.moderator.id, claimedAt: AT } });
  });

  it("restores a claim that still refuses other moderators and still lets the holder act", () => {
    const restored = restoreTriageSnapshot(JSON.parse(JSON.stringify(serializeTriageSnapshot(claimed()))), roles);
    expect(triageState(restored)).toBe("in_review");
    expect(applyTriageEvent(restored, ev.claim(actors.otherModerator)).accepted).toBe(false);
    const step = applyTriageEvent(restored, ev.act(actors.moderator, "ban"));
    expect(step.snapshot.value).toBe("awaiting_approval");
    expect(applyTriageEvent(step.snapshot, ev.approve(actors.lead)).snapshot.context.outcome?.approvedBy).toBe(actors.lead.id);
  });

  it("takes the claim's life from the server on creation and on every restore, and does not store it", () => {
    const threeMinutes = 3 * 60_000;
    const created = initialTriageSnapshot({ ...firstReport, claimTtlMs: threeMinutes });
    expect(applyTriageEvent(created, ev.claim(actors.moderator, AT)).effects).toEqual([claimExpiry(AT, threeMinutes)]);
    const stored = serializeTriageSnapshot(applyTriageEvent(created, ev.claim(actors.moderator, AT)).snapshot);
    expect(JSON.parse(stored.snapshot).context).not.toHaveProperty("claimTtlMs");
    const restored = restoreTriageSnapshot(stored, roles, 20 * 60_000);
    expect(applyTriageEvent(restored, ev.claim(actors.moderator, AT)).effects).toEqual([claimExpiry(AT, 20 * 60_000)]);
  });

  it("refuses a snapshot written by another machine version", () => {
    const stored = serializeTriageSnapshot(claimed());
    expect(() => restoreTriageSnapshot({ ...stored, machineVersion: TRIAGE_MACHINE_VERSION + 1 }, roles)).toThrow(/machine version 2/);
  });

  it("refuses a snapshot with a state this machine does not have", () => {
    const snapshot = JSON.stringify({ value: "archived", context: {} });
    expect(() => restoreTriageSnapshot({ snapshot, machineVersion: TRIAGE_MACHINE_VERSION }, roles)).toThrow(/unknown state/);
  });
});

describe("applying an event", () => {
  it("returns the same snapshot and no effects when refused", () => {
    const before = claimed();
    expect(applyTriageEvent(before, ev.close(actors.moderator))).toEqual({ accepted: false, snapshot: before, effects: [] });
  });

  it("marks resolved states", () => {
    const dismissed = applyTriageEvent(claimed(), ev.dismiss(actors.moderator)).snapshot;
    expect(isTriageResolved(dismissed)).toBe(true);
    expect(isTriageResolved(claimed())).toBe(false);
  });
});

describe("triage diagram", () => {
  it("has a node per state, the initial and resolved ones marked, and the current one", () => {
    const { nodes } = triageDiagram(claimed());
    expect(nodes.map((n) => n.id)).toEqual([...TRIAGE_STATES]);
    expect(nodes.filter((n) => n.initial).map((n) => n.id)).toEqual(["new"]);
    expect(nodes.filter((n) => n.resolved).map((n) => n.id)).toEqual([...RESOLVED_TRIAGE_STATES]);
    expect(nodes.filter((n) => n.current).map((n) => n.id)).toEqual(["in_review"]);
    expect(triageDiagram().nodes.some((n) => n.current)).toBe(false);
  });

  it("draws guarded edges, including ones that stay in place", () => {
    const { edges } = triageDiagram();
    expect(edges).toContainEqual({ id: "in_review:ACT:0", source: "in_review", target: "awaiting_approval", event: "ACT", guard: "and(holdsClaim, isBanProposal)" });
    expect(edges).toContainEqual({ id: "closed:REPORT_ADDED:1", source: "closed", target: "closed", event: "REPORT_ADDED", guard: "isIntake" });
    expect(edges.filter((e) => e.event === "APPROVE")).toEqual([
      { id: "awaiting_approval:APPROVE:0", source: "awaiting_approval", target: "actioned", event: "APPROVE", guard: "isSecondApprover" },
    ]);
  });

  it("is plain data the page can serialise", () => {
    const diagram = triageDiagram(claimed());
    expect(JSON.parse(JSON.stringify(diagram))).toEqual(diagram);
  });
});
