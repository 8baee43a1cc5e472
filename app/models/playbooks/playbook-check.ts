import type { Finding, ParsedPlaybook, Playbook, PlaybookWorld, Verification } from "@machines/playbook";
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
