// The vocabulary of a compiled playbook: the events a crisis receives, its context, and the
// effects it asks the server to carry out (as data; the machine runs nothing).
import type { CrisisFacts } from "./findings";
import type { Severity } from "./format";

export type { CrisisFacts } from "./findings";

export interface PlaybookActor {
  id: string;
  roles: string[];
}

/** The scheduler fires durable timers; the crisis room reports changed facts. */
export const PLAYBOOK_SYSTEM_ROLE = "system";
export const PLAYBOOK_SCHEDULER: PlaybookActor = { id: "system:scheduler", roles: [PLAYBOOK_SYSTEM_ROLE] };

export type PlaybookEvent =
  | { type: "ACKNOWLEDGE"; step: string; actor: PlaybookActor }
  | { type: "COMPLETE"; step: string; actor: PlaybookActor; answer?: string }
  | { type: "DRAFT"; step: string; actor: PlaybookActor }
  | { type: "APPROVE"; step: string; actor: PlaybookActor }
  | { type: "REJECT"; step: string; actor: PlaybookActor; note?: string }
  // The statement a publish step sends went out (the statements panel, docs/decisions/0024).
  | { type: "PUBLISH"; step: string; actor: PlaybookActor }
  // A durable timer fell due: `key` is the one its schedule effect named.
  | { type: "TIMER"; key: string; actor: PlaybookActor }
  // The crisis's type, reported severity or linked-case count changed.
  | { type: "FACTS"; facts: Partial<CrisisFacts>; actor: PlaybookActor };
export type PlaybookEventType = PlaybookEvent["type"];

export interface PlaybookContext {
  /** As decisions read them: severity after the playbook's rules raised it. */
  facts: CrisisFacts;
  /** The severity the crisis room reported, before the rules. */
  reportedSeverity: Severity;
  /** The latest answer each task recorded. */
  answers: Record<string, string>;
  /** Steps handed to another role by a deadline, until they are entered again. */
  handedTo: Record<string, string>;
  /** Who drafted each statement (an approver may not be its author). */
  authors: Record<string, string>;
  drafted: string[];
  approved: string[];
  /** People who have approved at each approval step since it was entered. */
  approvals: Record<string, string[]>;
}

export interface PlaybookInput {
  facts: CrisisFacts;
}

/** The purposes a timer serves: a step's deadline, or a wait step's duration. */
export type TimerPurpose = "deadline" | "wait";
export const timerKey = (step: string, purpose: TimerPurpose) => `${step}.${purpose === "deadline" ? "due" : "wait"}`;

export interface StatementCells {
  purpose: string;
  audiences: string[];
  channels: string[];
  languages: string[];
}

export type PlaybookEffect =
  | { type: "phase.entered"; phase: string }
  | { type: "step.entered"; step: string }
  | { type: "page"; step: string; roles: string[]; reason: "step" | "deadline" }
  | { type: "task.create"; step: string; role: string; title: string }
  | { type: "task.done"; step: string; by: string; answer: string | null }
  | { type: "task.reassign"; step: string; role: string }
  | ({ type: "statement.draft"; step: string; role: string } & StatementCells)
  | { type: "statement.drafted"; statement: string; by: string }
  | { type: "approval.request"; step: string; statements: string[]; roles: string[]; count: number }
  | { type: "approval.given"; step: string; by: string; remaining: number }
  | { type: "approval.rejected"; step: string; by: string; statements: string[] }
  | { type: "statement.approved"; statement: string; approval: string }
  // A publish step waits for its approved statement to go out.
  | { type: "publish.request"; step: string; statement: string; role: string }
  | ({ type: "statement.publish"; statement: string; step: string } & StatementCells)
  // A publish step was passed with a statement nobody approved: nothing goes out (the
  // verifier refuses plans where this can happen; this is the guard at run time).
  | { type: "statement.withheld"; statement: string; step: string }
  | { type: "deadline.passed"; step: string; dueMs: number; then: { page: string[] } | { handTo: string } | { goto: string } }
  | { type: "timer.schedule"; key: string; step: string; purpose: TimerPurpose; delayMs: number }
  | { type: "timer.cancel"; key: string }
  | { type: "crisis.resolved" }
  | { type: "review.completed"; by: string };
export type PlaybookEffectType = PlaybookEffect["type"];
