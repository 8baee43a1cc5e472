import type { StatementActor, StatementSnapshot } from "@machines/statement";
import { statementState } from "@machines/statement";
import { roleNames } from "../playbooks/playbook-words";
import type { MachineBody } from "./statement-events";
import type { StatementIssue } from "./statement-text";

// Why the statement machine refused an event, in words for the person who sent it.

const STATE_WORDS = { drafted: "a draft", submitted: "awaiting approval", approved: "approved", published: "published", superseded: "superseded" } as const;

export function refusalOfStatement(snapshot: StatementSnapshot, body: MachineBody, actor: StatementActor, issues: StatementIssue[]): string {
  const state = statementState(snapshot);
  const { chain, authors, approvals, textHash } = snapshot.context;
  const inChain = actor.roles.some((r) => chain.roles.includes(r));
  switch (body.type) {
    case "EDIT":
      if (state === "published" || state === "superseded") return "A published statement is not changed: draft the next one in its cell.";
      return "The text is the same as before: nothing to save.";
    case "SUBMIT":
      if (state !== "drafted") return `Only a draft is submitted; this statement is ${STATE_WORDS[state]}.`;
      return `Fix what the lint found first: ${issues.map((i) => i.message).join(" ")}`;
    case "APPROVE":
    case "REJECT":
      if (state !== "submitted") return `Only a statement awaiting approval is ${body.type === "APPROVE" ? "approved" : "sent back"}; this one is ${STATE_WORDS[state]}.`;
      if (authors.includes(actor.id)) return "You wrote this statement: someone else must approve it.";
      if (!inChain) return `This statement's approval chain needs a ${roleNames(chain.roles)}.`;
      if (body.type === "REJECT") return "Say why you send it back.";
      if (approvals.some((a) => a.by === actor.id)) return "You have approved it already: the next approval must be someone else's.";
      if (body.hash !== textHash) return "The text changed since you read it: read it again before approving.";
      return "You cannot approve this statement.";
    case "PUBLISH":
      if (state === "published" || state === "superseded") return "This statement is already published.";
      return `Only a fully approved statement is published; this one is ${STATE_WORDS[state]} (${approvals.length} of ${chain.count} approvals of this text).`;
    case "SUPERSEDE":
      return "Only a published statement is superseded.";
  }
}
