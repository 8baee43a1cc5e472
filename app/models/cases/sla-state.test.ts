import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY } from "../escalation/escalation-policy.server";
import type { SlaInput } from "./sla-state";
import { breachAt, runningClockState, slaState } from "./sla-state";

const tiers = DEFAULT_POLICY.tiers.map(({ key, label }) => ({ key, label }));
const now = new Date("2025-03-01T03:21:00.000Z");
const at = (minutes: number) => new Date(now.getTime() + minutes * 60_000).toISOString();

/** A new case on the first tier: 12 minutes to a first response, two hours to resolution. */
const fresh: SlaInput = {
  isOpen: true,
  firstResponseDueAt: at(12),
  firstRespondedAt: null,
  resolutionDueAt: at(120),
  slaPausedAt: null,
  escalation: null,
  tiers,
};

describe("a case's SLA state", () => {
  it("runs both clocks on a new case: the first response comes first, and a miss climbs to the second tier", () => {
    expect(slaState(fresh, now)).toEqual({
      firstResponse: { clock: "first_response", state: "due", dueAt: at(12), answeredAt: null },
      resolution: { clock: "resolution", state: "due", dueAt: at(120) },
      nextDeadline: { clock: "first_response", dueAt: at(12), state: "due" },
      pausedSince: null,
      escalated: false,
      tier: { index: 0, key: "moderator", label: "Moderator" },
      climbsTo: { index: 1, key: "senior_moderator", label: "Senior moderator" },
      topTier: false,
    });
  });

  it("counts a claim as the first response: met, and the resolution deadline is next", () => {
    const s = slaState({ ...fresh, firstRespondedAt: at(-1) }, now);
    expect(s.firstResponse).toMatchObject({ state: "met", answeredAt: at(-1) });
    expect(s.nextDeadline).toEqual({ clock: "resolution", dueAt: at(120), state: "due" });
  });

  it("is late from the deadline on while nobody answered", () => {
    expect(slaState(fresh, at(12)).firstResponse.state).toBe("late");
    const s = slaState(fresh, at(13));
    expect(s.firstResponse.state).toBe("late");
    expect(s.nextDeadline).toEqual({ clock: "first_response", dueAt: at(12), state: "late" });
    expect(s.climbsTo?.key).toBe("senior_moderator");
  });

  it("pauses the running clocks while waiting for information; an answered first response stays met", () => {
    const s = slaState({ ...fresh, firstRespondedAt: at(-5), slaPausedAt: at(-2) }, at(500));
    expect(s.firstResponse.state).toBe("met");
    expect(s.resolution.state).toBe("paused");
    expect(s.nextDeadline).toBeNull();
    expect(s.pausedSince).toBe(at(-2));
    expect(s.tier?.key).toBe("moderator");
    expect(slaState({ ...fresh, slaPausedAt: at(-2) }, now).firstResponse.state).toBe("paused");
  });

  it("stops every clock on a closed case, however late it is", () => {
    const s = slaState({ ...fresh, isOpen: false, slaPausedAt: at(-2) }, at(600));
    expect(s.firstResponse.state).toBe("met");
    expect(s.resolution.state).toBe("met");
    expect(s).toMatchObject({ nextDeadline: null, pausedSince: null, tier: null, climbsTo: null, topTier: false });
  });

  it("runs the first response again on a tier until someone there acknowledges, though the case was claimed before", () => {
    const climbed = { ...fresh, firstRespondedAt: at(-30), escalation: { state: "awaiting_ack", tierIndex: 1 } };
    const waiting = slaState(climbed, now);
    expect(waiting).toMatchObject({ escalated: true, tier: { key: "senior_moderator" }, climbsTo: { key: "trust_safety_lead" } });
    expect(waiting.firstResponse.state).toBe("due");
    expect(waiting.nextDeadline?.clock).toBe("first_response");

    const acknowledged = slaState({ ...climbed, escalation: { state: "acknowledged", tierIndex: 1 } }, now);
    expect(acknowledged.firstResponse.state).toBe("met");
    expect(acknowledged.nextDeadline?.clock).toBe("resolution");
  });

  it("says a missed deadline at the top tier climbs nowhere", () => {
    const s = slaState({ ...fresh, escalation: { state: "awaiting_ack", tierIndex: 4 } }, at(20));
    expect(s.firstResponse.state).toBe("late");
    expect(s).toMatchObject({ tier: { key: "crisis_team", label: "Crisis team" }, climbsTo: null, topTier: true });
  });

  it("stops the clocks of an open case whose escalation the tier resolved", () => {
    const s = slaState({ ...fresh, escalation: { state: "resolved", tierIndex: 2 } }, at(200));
    expect([s.firstResponse.state, s.resolution.state]).toEqual(["met", "met"]);
    expect(s.nextDeadline).toBeNull();
  });

  it("has nothing to say without deadlines (no policy)", () => {
    const s = slaState({ ...fresh, firstResponseDueAt: null, resolutionDueAt: null, tiers: [] }, now);
    expect([s.firstResponse.state, s.resolution.state]).toEqual(["n/a", "n/a"]);
    expect(s).toMatchObject({ nextDeadline: null, tier: null, climbsTo: null, topTier: false });
  });

  it("reads dates as stored (Date) or as sent to the page (ISO strings) alike", () => {
    const asDates = { ...fresh, firstResponseDueAt: new Date(at(12)), resolutionDueAt: new Date(at(120)) };
    expect(slaState(asDates, now)).toEqual(slaState(fresh, now.toISOString()));
  });
});

describe("the pieces other readings share", () => {
  it("turns a running clock late exactly at its deadline", () => {
    expect(runningClockState(at(0), at(-0.001))).toBe("due");
    expect(runningClockState(at(0), at(0))).toBe("late");
  });

  it("names the tier a breach climbs to, and none at the top", () => {
    expect(breachAt(tiers, 3)).toEqual({ climbsTo: { index: 4, key: "crisis_team", label: "Crisis team" }, topTier: false });
    expect(breachAt(tiers, 4)).toEqual({ climbsTo: null, topTier: true });
  });
});
