import type { StatementChain, StatementEventType } from "@machines/statement";
import type { Permission } from "~/utils/permissions";
import type { StatementText } from "./statement-text";

// What a statement receives through the one write path: its drafting (the cell's row is
// created), then the machine's events. Edits carry the new text; the path hashes it.

export type StatementDraft = {
  type: "DRAFT";
  ref: string;
  crisisId: string;
  stage: string;
  audience: string;
  channel: string;
  language: string;
  purpose: string;
  playbookStep: string | null;
  template: { key: string; version: number; versionId: string; language: string };
  text: StatementText;
  chain: StatementChain;
};

export type StatementEventBody =
  | StatementDraft
  | ({ type: "EDIT" } & StatementText)
  | { type: "SUBMIT" }
  /** `hash`: the text the approver read. */
  | { type: "APPROVE"; hash: string }
  | { type: "REJECT"; note: string }
  | { type: "PUBLISH" }
  /** Its cell's next statement was published (publishing does it, in the same transaction). */
  | { type: "SUPERSEDE" };

export type MachineBody = Exclude<StatementEventBody, StatementDraft>;
export const isMachineBody = (body: StatementEventBody): body is MachineBody => body.type !== "DRAFT";

/** Drafting, editing and publishing are the comms lead's; approving is the chain's. */
export function statementPermissionFor(body: StatementEventBody): Permission {
  return body.type === "APPROVE" || body.type === "REJECT" ? "approve:statement" : "draft:statement";
}

export const STATEMENT_EVENT_DONE: Record<StatementEventBody["type"] | StatementEventType, string> = {
  DRAFT: "Drafted",
  EDIT: "Saved; it needs approving again",
  SUBMIT: "Submitted for approval",
  APPROVE: "Approved",
  REJECT: "Sent back to the author",
  PUBLISH: "Published",
  SUPERSEDE: "Superseded",
};
