import { z } from "zod";
import type { Finding, FindingCode, ParsedPlaybook, PlaybookWorld, Verification } from "@machines/playbook";
import { FINDING_CODES, Playbook as PlaybookSchema, SEVERITIES } from "@machines/playbook";
import type { Playbook } from "@machines/playbook";
import { readStoredJson } from "~/utils/json";
import { buildPlan } from "@machines/playbook/plan";
import { canonicalJson } from "@machines/playbook/hash";
import { parsePlaybook, sortFindings, verifyPlaybook } from "@machines/playbook";

// A playbook's text, read and verified: what the editor's Check shows, what saving stores
// and what publishing checks again. Pure: the world (roles, templates) is passed in.

export type CheckedText = {
  /** The plan, when the text reads as a playbook (its references may still be wrong). */
  playbook: Playbook | null;
  /** Whether the plan's steps name real steps, so it can be compiled, drawn and rehearsed. */
  compiles: boolean;
  verification: Verification;
};

export function checkPlaybookText(source: string, world: PlaybookWorld): CheckedText {
  const parsed: ParsedPlaybook = parsePlaybook(source);
  if (!parsed.ok) {
    return { playbook: null, compiles: false, verification: { ok: false, findings: sortFindings(parsed.findings), reachable: [], statesVisited: 0, hash: null } };
  }
  const verification = verifyPlaybook({ playbook: parsed.playbook, source: parsed.source }, world);
  return { playbook: parsed.playbook, compiles: buildPlan(parsed.playbook).problems.length === 0, verification };
}

/** What a version stores as its compiled form: the plan as the compiler reads it, keys sorted. */
export const compiledJson = (playbook: Playbook) => canonicalJson(playbook);

export const countOf = (findings: readonly Finding[], severity: Finding["severity"]) => findings.filter((f) => f.severity === severity).length;

const WitnessEventSchema = z.object({
  type: z.enum(["ACKNOWLEDGE", "COMPLETE", "DRAFT", "APPROVE", "REJECT", "PUBLISH", "TIMER", "FACTS"]),
  step: z.string().optional(),
  role: z.string().optional(),
  answer: z.string().optional(),
  facts: z.object({ type: z.string(), severity: z.enum(SEVERITIES), linkedCases: z.number() }).partial().optional(),
  text: z.string(),
});

/** The findings a version stores, as the verifier wrote them. */
export const StoredFindings = z.array(
  z.object({
    code: z.enum(Object.keys(FINDING_CODES) as [FindingCode, ...FindingCode[]]),
    severity: z.enum(["error", "warning"]),
    stepId: z.string().nullable(),
    line: z.number().int().nullable(),
    message: z.string(),
    witness: z.array(WitnessEventSchema).nullable(),
  }),
);

/** A stored version's plan and findings, checked against their shapes as they are read. */
export const storedPlan = (compiled: string): Playbook => readStoredJson(PlaybookSchema, compiled, "A playbook version's compiled plan");
export const storedFindings = (findings: string): Finding[] => readStoredJson(StoredFindings, findings, "A playbook version's findings");
