import { and, assertEvent, assign, emit, not, or, setup } from "xstate";
import type { SnapshotFrom } from "xstate";
import type { EscalationContext, EscalationEffect, EscalationEvent, EscalationInput, EscalationMove } from "./escalation.types";
import { ESCALATION_SYSTEM_ROLE } from "./escalation.types";

/** Stored beside each persisted snapshot; bump it when an older snapshot would mean something else. */
export const ESCALATION_MACHINE_VERSION = 1;

const noteOf = (event: EscalationEvent) => ("note" in event && event.note ? event.note.trim() : "");

const step = (move: EscalationMove, tier: number, event: EscalationEvent) => ({ move, tier, by: event.actor.id, note: noteOf(event), at: event.at });

export const escalationMachine = setup({
  types: {
    context: {} as EscalationContext,
    events: {} as EscalationEvent,
    input: {} as EscalationInput,
    emitted: {} as EscalationEffect,
  },
  guards: {
    isSystem: ({ event }) => event.actor.roles.includes(ESCALATION_SYSTEM_ROLE),
    // Who may act: the roles of the current tier (a union, as on the server).
    isOnTier: ({ context, event }) => {
      const tier = context.tiers[context.tier];
      return tier !== undefined && event.actor.roles.some((r) => tier.roles.includes(r));
    },
    hasNote: ({ event }) => noteOf(event).length > 0,
    isValidStartTier: ({ context, event }) => {
      assertEvent(event, "START");
      return Number.isInteger(event.tier) && event.tier >= 0 && event.tier < context.tiers.length;
    },
    isTopTier: ({ context }) => context.tier === context.tiers.length - 1,
    isBottomTier: ({ context }) => context.tier === 0,
  },
  actions: {
    enterStartTier: assign(({ event }) => {
      assertEvent(event, "START");
      return { tier: event.tier, acknowledgedBy: null };
    }),
    climbOne: assign(({ context }) => ({ tier: context.tier + 1, acknowledgedBy: null })),
    stepDown: assign(({ context }) => ({ tier: context.tier - 1, acknowledgedBy: null })),
    recordAcknowledgement: assign(({ event }) => ({ acknowledgedBy: event.actor.id })),
    // Runs after the tier changed, so every step names the tier it leaves the case on.
    recordStep: assign(({ context, event }, params: { move: EscalationMove }) => ({
      path: [...context.path, step(params.move, context.tier, event)],
    })),
    announceTier: emit(({ context, event }, params: { move: "start" | "climb" | "hand_back" | "breach" }) => ({
      type: "tier.entered" as const,
      tier: context.tier,
      move: params.move,
      // A skip rule pages on START; reaching the top tier always pages it.
      page: (event.type === "START" && event.page) || context.tier === context.tiers.length - 1,
    })),
    announceAcknowledgement: emit(({ context, event }) => ({ type: "tier.acknowledged" as const, tier: context.tier, by: event.actor.id })),
    // Runs before climbOne, so it names the tier whose deadline passed.
    announceBreach: emit(({ context, event }) => {
      assertEvent(event, "BREACH");
      return { type: "sla.breached" as const, tier: context.tier, clock: event.clock, atTop: context.tier === context.tiers.length - 1 };
    }),
    announceResolution: emit(({ context }) => ({ type: "escalation.resolved" as const, tier: context.tier })),
  },
}).createMachine({
  id: "escalation",
  initial: "idle",
  context: ({ input }) => ({ tiers: input.tiers, tier: -1, acknowledgedBy: null, path: [] }),
  states: {
    idle: {
      on: {
        START: {
          guard: and(["isValidStartTier", "hasNote"]),
          target: "awaiting_ack",
          actions: ["enterStartTier", { type: "recordStep", params: { move: "start" } }, { type: "announceTier", params: { move: "start" } }],
        },
      },
    },
    // The tier has been told; nobody on it has taken the case yet. The first-response clock runs.
    awaiting_ack: {
      on: {
        ACKNOWLEDGE: {
          guard: "isOnTier",
          target: "acknowledged",
          actions: ["recordAcknowledgement", { type: "recordStep", params: { move: "acknowledge" } }, "announceAcknowledgement"],
        },
        CLIMB: {
          guard: and(["isOnTier", "hasNote", not("isTopTier")]),
          target: "awaiting_ack",
          actions: ["climbOne", { type: "recordStep", params: { move: "climb" } }, { type: "announceTier", params: { move: "climb" } }],
        },
        BREACH: [
          {
            guard: and(["isSystem", "hasNote", not("isTopTier")]),
            target: "awaiting_ack",
            actions: ["announceBreach", "climbOne", { type: "recordStep", params: { move: "breach" } }, { type: "announceTier", params: { move: "breach" } }],
          },
          // At the top there is nowhere to climb: the breach is recorded and announced.
          { guard: and(["isSystem", "hasNote"]), actions: ["announceBreach", { type: "recordStep", params: { move: "breach" } }] },
        ],
        RESOLVE: {
          guard: and([or(["isSystem", "isOnTier"]), "hasNote"]),
          target: "resolved",
          actions: [{ type: "recordStep", params: { move: "resolve" } }, "announceResolution"],
        },
      },
    },
    // Someone on the tier owns the case. The resolution clock runs.
    acknowledged: {
      on: {
        CLIMB: {
          guard: and(["isOnTier", "hasNote", not("isTopTier")]),
          target: "awaiting_ack",
          actions: ["climbOne", { type: "recordStep", params: { move: "climb" } }, { type: "announceTier", params: { move: "climb" } }],
        },
        HAND_BACK: {
          guard: and(["isOnTier", "hasNote", not("isBottomTier")]),
          target: "awaiting_ack",
          actions: ["stepDown", { type: "recordStep", params: { move: "hand_back" } }, { type: "announceTier", params: { move: "hand_back" } }],
        },
        BREACH: [
          {
            guard: and(["isSystem", "hasNote", not("isTopTier")]),
            target: "awaiting_ack",
            actions: ["announceBreach", "climbOne", { type: "recordStep", params: { move: "breach" } }, { type: "announceTier", params: { move: "breach" } }],
          },
          { guard: and(["isSystem", "hasNote"]), actions: ["announceBreach", { type: "recordStep", params: { move: "breach" } }] },
        ],
        RESOLVE: {
          guard: and([or(["isSystem", "isOnTier"]), "hasNote"]),
          target: "resolved",
          actions: [{ type: "recordStep", params: { move: "resolve" } }, "announceResolution"],
        },
      },
    },
    resolved: { type: "final" },
  },
});

export type EscalationSnapshot = SnapshotFrom<typeof escalationMachine>;
