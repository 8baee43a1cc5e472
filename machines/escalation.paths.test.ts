// Paths generated from the escalation machine: every state is reached and, from each
// reachable snapshot, every representative event is sent by every kind of actor. A
// transition added without a way to reach it fails the coverage test.
import { getShortestPaths } from "@xstate/graph";
import type { AnyTransitionDefinition } from "xstate";
import { describe, expect, it } from "vitest";
import type { EscalationActor, EscalationEvent, EscalationSnapshot, EscalationStepResult, EscalationTier } from "./escalation";
import {
  allowedEscalationEvents,
  applyEscalationEvent,
  ESCALATION_STATES,
  escalationMachine,
  initialEscalationSnapshot,
  restoreEscalationSnapshot,
  serializeEscalationSnapshot,
} from "./escalation";

const AT = "2026-11-22T12:00:00.000Z";
const tiers: EscalationTier[] = [
  { key: "moderator", roles: ["moderator", "senior_moderator"] },
  { key: "senior_moderator", roles: ["senior_moderator"] },
  { key: "crisis_team", roles: ["crisis_responder"] },
];
const actors = {
  moderator: { id: "u-mod", roles: ["moderator"] },
  senior: { id: "u-senior", roles: ["senior_moderator"] },
  responder: { id: "u-responder", roles: ["crisis_responder"] },
  admin: { id: "u-admin", roles: ["admin"] },
  system: { id: "system:scheduler", roles: ["system"] },
} satisfies Record<string, EscalationActor>;
const everyone: EscalationActor[] = Object.values(actors);

function eventsFrom(actor: EscalationActor): EscalationEvent[] {
  const sent = { actor, at: AT };
  return [
    { ...sent, type: "START", tier: 0, note: "needs a second look", page: false },
    { ...sent, type: "START", tier: 2, note: "self-harm report", page: true },
    { ...sent, type: "START", tier: 1, note: "  ", page: false }, // no note
    { ...sent, type: "START", tier: 7, note: "no such tier", page: false },
    { ...sent, type: "ACKNOWLEDGE" },
    { ...sent, type: "CLIMB", note: "beyond me" },
    { ...sent, type: "CLIMB", note: "" },
    { ...sent, type: "HAND_BACK", note: "not a threat; back to you" },
    { ...sent, type: "HAND_BACK", note: " " },
    { ...sent, type: "BREACH", clock: "first_response", note: "first response overdue" },
    { ...sent, type: "BREACH", clock: "resolution", note: "resolution overdue" },
    { ...sent, type: "RESOLVE", note: "content removed, reporter told" },
    { ...sent, type: "RESOLVE", note: "" },
  ];
}
const representativeEvents = () => everyone.flatMap(eventsFrom);
const guardRelevant = (s: EscalationSnapshot) => JSON.stringify([s.value, s.context.tier, s.context.acknowledgedBy]);

const paths = getShortestPaths(escalationMachine, { input: { tiers }, events: representativeEvents, serializeState: guardRelevant });

function replay(steps: (typeof paths)[number]["steps"]): EscalationSnapshot {
  let snapshot = initialEscalationSnapshot(tiers);
  for (const step of steps.slice(1)) {
    const result = applyEscalationEvent(snapshot, step.event);
    expect(result.accepted, `${String(snapshot.value)} --${step.event.type}-->`).toBe(true);
    expect(guardRelevant(result.snapshot)).toBe(guardRelevant(step.state));
    snapshot = result.snapshot;
  }
  return snapshot;
}
const reachable = paths.map((path) => replay(path.steps));

interface Edge {
  from: EscalationSnapshot;
  event: EscalationEvent;
  result: EscalationStepResult;
}
const tried: Edge[] = reachable.flatMap((from) => representativeEvents().map((event) => ({ from, event, result: applyEscalationEvent(from, event) })));
const taken = tried.filter((edge) => edge.result.accepted);

function edgeId(transition: AnyTransitionDefinition): string {
  const siblings = transition.source.transitions.get(transition.eventType) ?? [];
  return `${transition.source.key}:${transition.eventType}:${siblings.indexOf(transition)}`;
}
const definedEdges = Object.values(escalationMachine.root.states).flatMap((node) => [...node.transitions.values()].flat().map(edgeId));
const label = ({ from, event }: Edge) => `${String(from.value)}@${from.context.tier} --${event.type} by ${event.actor.id}-->`;

describe("generated escalation paths", () => {
  it("reach every state of the machine and every tier", () => {
    expect(new Set(reachable.map((s) => s.value))).toEqual(new Set(ESCALATION_STATES));
    expect(new Set(reachable.filter((s) => s.value === "awaiting_ack").map((s) => s.context.tier))).toEqual(new Set([0, 1, 2]));
  });

  it("take every transition in the machine definition", () => {
    const covered = new Set(taken.flatMap(({ from, event }) => escalationMachine.getTransitionData(from, event).map(edgeId)));
    expect([...covered].sort()).toEqual([...definedEdges].sort());
  });

  it("require a handoff note on every move between tiers and on resolving", () => {
    for (const edge of taken) {
      const moved = edge.result.snapshot.context.tier !== edge.from.context.tier || edge.result.snapshot.value === "resolved";
      if (moved) expect(edge.result.snapshot.context.path.at(-1)?.note, label(edge)).toMatch(/\S/);
    }
    const noted = tried.filter((e) => ["CLIMB", "HAND_BACK", "RESOLVE", "START"].includes(e.event.type) && !("note" in e.event && e.event.note?.trim()));
    expect(noted.filter((e) => e.result.accepted).map(label)).toEqual([]);
  });

  it("let only the current tier's roles act, and only the scheduler breach", () => {
    for (const edge of taken) {
      const { event, from } = edge;
      if (event.type === "BREACH") expect(event.actor.roles, label(edge)).toEqual(["system"]);
      else if (event.type === "START") continue;
      else if (event.actor.id !== actors.system.id) {
        expect(tiers[from.context.tier].roles.some((r) => event.actor.roles.includes(r)), label(edge)).toBe(true);
      }
    }
    expect(taken.filter((e) => e.event.actor.id === actors.admin.id && e.event.type !== "START").map(label)).toEqual([]);
  });

  it("climb one tier on a breach below the top, and page the top tier when reaching it or skipping to it", () => {
    for (const edge of taken) {
      const { from, event, result } = edge;
      const entered = result.effects.find((e) => e.type === "tier.entered");
      if (event.type === "BREACH") {
        const top = from.context.tier === tiers.length - 1;
        expect(result.snapshot.context.tier, label(edge)).toBe(top ? from.context.tier : from.context.tier + 1);
        expect(result.effects.find((e) => e.type === "sla.breached"), label(edge)).toMatchObject({ clock: event.clock, atTop: top });
      }
      if (entered) {
        expect(entered.tier).toBe(result.snapshot.context.tier);
        const skipped = event.type === "START" && event.page;
        expect(entered.page, label(edge)).toBe(skipped || entered.tier === tiers.length - 1);
      }
    }
  });

  it("offer each actor exactly the moves the machine accepts from them", () => {
    for (const from of reachable) {
      for (const actor of everyone) {
        const accepted = new Set(eventsFrom(actor).filter((e) => e.type !== "START" && e.type !== "BREACH" && from.can(e)).map((e) => e.type));
        expect(new Set(allowedEscalationEvents(from, actor)), `${String(from.value)} for ${actor.id}`).toEqual(accepted);
      }
    }
  });

  it("keep behaviour after a JSON round trip, and refuse an unknown machine version", () => {
    for (const from of reachable) {
      const restored = restoreEscalationSnapshot(JSON.parse(JSON.stringify(serializeEscalationSnapshot(from))));
      expect(restored.value).toBe(from.value);
      for (const event of representativeEvents()) {
        const before = applyEscalationEvent(from, event);
        const after = applyEscalationEvent(restored, event);
        expect([after.accepted, after.snapshot.value, after.effects]).toEqual([before.accepted, before.snapshot.value, before.effects]);
      }
    }
    const stored = serializeEscalationSnapshot(reachable[0]);
    expect(() => restoreEscalationSnapshot({ ...stored, machineVersion: 99 })).toThrow(/version 99/);
  });
});
