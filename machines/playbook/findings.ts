// What the verifier reports. Every finding names its step and YAML line where it has one,
// says in a sentence what is wrong, and, for problems of behaviour, carries a witness: the
// shortest sequence of events from the start that reaches the problem.
import type { Severity } from "./format";

export const FINDING_CODES = {
  // The text itself.
  yaml_syntax: "error",
  schema: "error",
  duplicate_id: "error",
  unknown_target: "error",
  unknown_role: "error",
  unknown_purpose: "error",
  unknown_language: "error",
  unknown_channel: "error",
  unknown_audience: "error",
  unknown_crisis_type: "error",
  bad_reference: "error",
  target_out_of_scope: "error",
  // Behaviour.
  unreachable_step: "error",
  dead_end: "error",
  decision_no_match: "error",
  publish_without_approval: "error",
  deadline_incomplete: "error",
  deadline_not_positive: "error",
  deadline_target_unreachable: "error",
  deadline_target_finished: "error",
  automatic_cycle: "error",
  // Warnings: publishing records them.
  no_deadline: "warning",
  template_fallback: "warning",
  empty_phase: "warning",
  empty_track: "warning",
  branch_never_taken: "warning",
} as const;
export type FindingCode = keyof typeof FINDING_CODES;
export type FindingSeverity = "error" | "warning";

/** The crisis's facts as decisions read them. */
export interface CrisisFacts {
  type: string;
  severity: Severity;
  linkedCases: number;
}

/** One event of a witness, in words and as the machine would receive it. */
export interface WitnessEvent {
  type: "ACKNOWLEDGE" | "COMPLETE" | "DRAFT" | "APPROVE" | "REJECT" | "PUBLISH" | "TIMER" | "FACTS";
  step?: string;
  role?: string;
  answer?: string;
  facts?: Partial<CrisisFacts>;
  text: string;
}

export interface Finding {
  code: FindingCode;
  severity: FindingSeverity;
  stepId: string | null;
  /** 1-based line in the YAML text; null when the playbook came without its text. */
  line: number | null;
  message: string;
  /** Null for problems of the text; [] when the problem is there from the start. */
  witness: WitnessEvent[] | null;
}

export function finding(code: FindingCode, fields: Omit<Finding, "code" | "severity" | "witness"> & { witness?: WitnessEvent[] | null }): Finding {
  return { code, severity: FINDING_CODES[code], witness: null, ...fields };
}

export const isError = (f: Finding) => f.severity === "error";

/** Stable order for people and tests: by line, then code, then step. */
export function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) => (a.line ?? Infinity) - (b.line ?? Infinity) || a.code.localeCompare(b.code) || (a.stepId ?? "").localeCompare(b.stepId ?? ""),
  );
}
