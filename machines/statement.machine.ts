import { and, assertEvent, assign, emit, not, setup } from "xstate";
import type { SnapshotFrom } from "xstate";
import type { StatementContext, StatementEffect, StatementEvent, StatementInput } from "./statement.types";

// A crisis statement (docs/decisions/0024): drafted, submitted, approved by every link of
// its chain (distinct people, never an author), published, superseded by the next one in
// its cell. Any edit sends it back to drafted and drops the approvals it had: an approval
// is of one text, named by its hash.

/** Stored beside each persisted snapshot; bump it when an older snapshot would mean something else. */
export const STATEMENT_MACHINE_VERSION = 1;

const roleInChain = (context: StatementContext, roles: string[]) => roles.find((r) => context.chain.roles.includes(r)) ?? null;
const remaining = (context: StatementContext) => Math.max(0, context.chain.count - context.approvals.length);

export const statementMachine = setup({
  types: {
    context: {} as StatementContext,
    events: {} as StatementEvent,
    input: {} as StatementInput,
    emitted: {} as StatementEffect,
  },
  guards: {
    changesText: ({ context, event }) => {
      assertEvent(event, "EDIT");
      return event.hash !== context.textHash;
    },
    lintClean: ({ event }) => {
      assertEvent(event, "SUBMIT");
      return event.lintErrors === 0;
    },
    isAuthor: ({ context, event }) => context.authors.includes(event.actor.id),
    holdsChainRole: ({ context, event }) => roleInChain(context, event.actor.roles) !== null,
    approvedAlready: ({ context, event }) => context.approvals.some((a) => a.by === event.actor.id),
    readThisText: ({ context, event }) => {
      assertEvent(event, "APPROVE");
      return event.hash === context.textHash;
    },
    completesChain: ({ context }) => context.approvals.length + 1 >= context.chain.count,
    hasNote: ({ event }) => {
      assertEvent(event, "REJECT");
      return event.note.trim().length > 0;
    },
    // The last line before anything goes out: every link approved this very text.
    fullyApproved: ({ context }) =>
      context.approvals.length >= context.chain.count &&
      new Set(context.approvals.map((a) => a.by)).size === context.approvals.length &&
      context.approvals.every((a) => a.hash === context.textHash && !context.authors.includes(a.by)),
  },
  actions: {
    recordEdit: assign(({ context, event }) => {
      assertEvent(event, "EDIT");
      return { textHash: event.hash, approvals: [], authors: context.authors.includes(event.actor.id) ? context.authors : [...context.authors, event.actor.id] };
    }),
    announceEdit: emit(({ context, event }) => {
      assertEvent(event, "EDIT");
      return { type: "statement.edited" as const, hash: event.hash, by: event.actor.id, approvalsDropped: context.approvals.length };
    }),
    announceSubmit: emit(({ context, event }) => ({ type: "statement.submitted" as const, hash: context.textHash, by: event.actor.id })),
    recordApproval: assign(({ context, event }) => ({
      approvals: [...context.approvals, { by: event.actor.id, role: roleInChain(context, event.actor.roles) ?? "", hash: context.textHash, at: event.at }],
    })),
    announceApproval: emit(({ context, event }) => ({
      type: "statement.approval_given" as const,
      hash: context.textHash,
      by: event.actor.id,
      role: context.approvals.at(-1)?.role ?? "",
      remaining: remaining(context),
    })),
    announceApproved: emit(({ context }) => ({ type: "statement.approved" as const, hash: context.textHash, approvers: context.approvals.map((a) => a.by) })),
    dropApprovals: assign({ approvals: [] }),
    announceRejection: emit(({ context, event }) => {
      assertEvent(event, "REJECT");
      return { type: "statement.rejected" as const, hash: context.textHash, by: event.actor.id, note: event.note.trim() };
    }),
    announcePublish: emit(({ context, event }) => ({ type: "statement.publish" as const, hash: context.textHash, by: event.actor.id, approvers: context.approvals.map((a) => a.by) })),
    announceSuperseded: emit(({ context }) => ({ type: "statement.superseded" as const, hash: context.textHash })),
  },
}).createMachine({
  id: "statement",
  initial: "drafted",
  context: ({ input }) => ({ chain: input.chain, authors: [input.author], textHash: input.textHash, approvals: [] }),
  states: {
    drafted: {
      on: {
        EDIT: { guard: "changesText", actions: ["announceEdit", "recordEdit"] },
        SUBMIT: { guard: "lintClean", target: "submitted", actions: "announceSubmit" },
      },
    },
    submitted: {
      on: {
        EDIT: { guard: "changesText", target: "drafted", actions: ["announceEdit", "recordEdit"] },
        APPROVE: [
          {
            guard: and(["holdsChainRole", "readThisText", not("isAuthor"), not("approvedAlready"), "completesChain"]),
            target: "approved",
            actions: ["recordApproval", "announceApproval", "announceApproved"],
          },
          { guard: and(["holdsChainRole", "readThisText", not("isAuthor"), not("approvedAlready")]), actions: ["recordApproval", "announceApproval"] },
        ],
        REJECT: { guard: and(["holdsChainRole", not("isAuthor"), "hasNote"]), target: "drafted", actions: ["announceRejection", "dropApprovals"] },
      },
    },
    approved: {
      on: {
        // An edit after approval sends it back: the approvals were of another text.
        EDIT: { guard: "changesText", target: "drafted", actions: ["announceEdit", "recordEdit"] },
        PUBLISH: { guard: "fullyApproved", target: "published", actions: "announcePublish" },
      },
    },
    published: {
      on: { SUPERSEDE: { target: "superseded", actions: "announceSuperseded" } },
    },
    superseded: { type: "final" },
  },
});

export type StatementSnapshot = SnapshotFrom<typeof statementMachine>;
