// The vocabulary of a crisis statement's machine: who acts, what they send, what the
// machine remembers and what it asks the server to do (as data; it runs nothing).

export const STATEMENT_STATES = ["drafted", "submitted", "approved", "published", "superseded"] as const;
export type StatementState = (typeof STATEMENT_STATES)[number];

export interface StatementActor {
  id: string;
  /** Account roles and the roles the person holds in this crisis (a commander acts as crisis_commander). */
  roles: string[];
}

/** Who must approve: `count` distinct people, each holding one of `roles`, none an author. */
export interface StatementChain {
  roles: string[];
  count: number;
}

export interface StatementApproval {
  by: string;
  role: string;
  /** The SHA-256 of the text they approved. */
  hash: string;
  at: string;
}

export interface StatementContext {
  chain: StatementChain;
  /** Everyone who wrote any of the text: none of them may approve it. */
  authors: string[];
  textHash: string;
  approvals: StatementApproval[];
}

export interface StatementInput {
  chain: StatementChain;
  author: string;
  textHash: string;
}

type Sent = { actor: StatementActor; at: string };
export type StatementEvent =
  | ({ type: "EDIT"; hash: string } & Sent)
  /** `lintErrors`: what the template lint found in the text; a text with errors is not submitted. */
  | ({ type: "SUBMIT"; lintErrors: number } & Sent)
  /** `hash`: the text the approver read; another text is not theirs to approve. */
  | ({ type: "APPROVE"; hash: string } & Sent)
  | ({ type: "REJECT"; note: string } & Sent)
  | ({ type: "PUBLISH" } & Sent)
  | ({ type: "SUPERSEDE" } & Sent);
export type StatementEventType = StatementEvent["type"];

export type StatementEffect =
  | { type: "statement.edited"; hash: string; by: string; approvalsDropped: number }
  | { type: "statement.submitted"; hash: string; by: string }
  | { type: "statement.approval_given"; hash: string; by: string; role: string; remaining: number }
  | { type: "statement.approved"; hash: string; approvers: string[] }
  | { type: "statement.rejected"; hash: string; by: string; note: string }
  | { type: "statement.publish"; hash: string; by: string; approvers: string[] }
  | { type: "statement.superseded"; hash: string };
export type StatementEffectType = StatementEffect["type"];
