// A library of broken playbooks: one or more per error code, each an edit of a sound drill,
// with the finding the verifier must return: its step, a snippet of the line it names, and
// the witness (null for problems of the text).
import type { FindingCode } from "../findings";
import { DRILL } from "./fixtures";

/** A sound playbook with two tracks side by side. */
export const PARALLEL_DRILL = `key: drill_parallel
title: Parallel drill
crisisTypes: [data_leak]
severity:
  levels: [high]
phases:
  - id: respond
    title: Respond
    steps:
      - id: both
        kind: parallel
        title: Contain and communicate
        tracks:
          - id: containment
            title: Containment
            steps:
              - id: revoke
                kind: task
                title: Revoke the leaked access
                owner: admin
                due: 30m
                onDue: { page: [crisis_commander] }
          - id: communication
            title: Communication
            steps:
              - id: notice
                kind: statement
                title: Draft the notice to members
                owner: comms_lead
                purpose: status_update
                audiences: [members]
                channels: [email]
                languages: [en]
                approval: sign_off
              - id: sign_off
                kind: approval
                title: Sign off the notice
                approvers: [crisis_commander]
              - id: send
                kind: publish
                title: Send the notice
                statement: notice
`;

/** Applies text edits, each of which must match once, so a case cannot silently go stale. */
export function edit(text: string, ...edits: [string, string][]): string {
  return edits.reduce((out, [from, to]) => {
    const at = out.indexOf(from);
    if (at < 0 || out.indexOf(from, at + 1) >= 0) throw new Error(`edit does not match exactly once: ${JSON.stringify(from)}`);
    return out.slice(0, at) + to + out.slice(at + from.length);
  }, text);
}

export interface BrokenCase {
  name: string;
  code: FindingCode;
  text: string;
  stepId: string | null;
  /** A snippet of the line the finding names. */
  line: string;
  witness: string[] | null;
}

const COMPLETE_TRIAGE = "crisis_responder completes triage answering minor";
const DRAFT_HOLDING = "comms_lead drafts holding";
const APPROVALS = ["crisis_commander (1 of 2) approves approve", "crisis_commander (2 of 2) approves approve"];
const afterPublish = (steps: string) => edit(DRILL, ["        statement: holding\n", `        statement: holding\n${steps}`]);

export const BROKEN: BrokenCase[] = [
  { name: "text that is not YAML", code: "yaml_syntax", text: edit(DRILL, ["title: Triage the reports", "title: Triage: the reports"]), stepId: null, line: "title: Triage: the reports", witness: null },
  { name: "a deadline that is not a duration", code: "schema", text: edit(DRILL, ["due: 15m", "due: soon"]), stepId: "triage", line: "due: soon", witness: null },
  {
    name: "two steps with one id",
    code: "duplicate_id",
    text: afterPublish("      - id: triage\n        kind: task\n        title: Triage again\n        owner: crisis_responder\n"),
    stepId: "triage",
    line: "- id: triage",
    witness: null,
  },
  { name: "a rejection that goes nowhere", code: "unknown_target", text: edit(DRILL, ["onReject: holding", "onReject: holdng"]), stepId: "approve", line: "onReject: holdng", witness: null },
  { name: "an approver role Vigil lacks", code: "unknown_role", text: edit(DRILL, ["approvers: [crisis_commander, comms_lead]", "approvers: [crisis_commander, press_officer]"]), stepId: "approve", line: "approvers:", witness: null },
  { name: "a purpose with no templates", code: "unknown_purpose", text: edit(DRILL, ["purpose: holding_statement", "purpose: press_release"]), stepId: "holding", line: "purpose: press_release", witness: null },
  { name: "a language Vigil does not offer", code: "unknown_language", text: edit(DRILL, ["languages: [en, pl]", "languages: [en, pl, fr]"]), stepId: "holding", line: "languages:", witness: null },
  { name: "a channel the purpose is not sent on", code: "unknown_channel", text: edit(DRILL, ["channels: [public_post]", "channels: [public_post, in_app]"]), stepId: "holding", line: "channels:", witness: null },
  { name: "an audience Vigil does not know", code: "unknown_audience", text: edit(DRILL, ["audiences: [public]", "audiences: [public, investors]"]), stepId: "holding", line: "audiences:", witness: null },
  { name: "a crisis type Vigil does not know", code: "unknown_crisis_type", text: edit(DRILL, ["crisisTypes: [harassment_raid]", "crisisTypes: [harassment_raid, alien_invasion]"]), stepId: null, line: "crisisTypes:", witness: null },
  { name: "publishing a task", code: "bad_reference", text: edit(DRILL, ["statement: holding", "statement: triage"]), stepId: "publish", line: "statement: triage", witness: null },
  {
    name: "a step moving into a track it is not in",
    code: "target_out_of_scope",
    text: edit(PARALLEL_DRILL, ["                onDue: { page: [crisis_commander] }\n", "                onDue: { page: [crisis_commander] }\n                next: send\n"]),
    stepId: "revoke",
    line: "next: send",
    witness: null,
  },
  {
    name: "a step after the end",
    code: "unreachable_step",
    text: edit(afterPublish("      - id: debrief\n        kind: task\n        title: Debrief the team\n        owner: crisis_commander\n"), ["        statement: holding\n", "        statement: holding\n        next: resolved\n"]),
    stepId: "debrief",
    line: "- id: debrief",
    witness: null,
  },
  {
    name: "a rejection that leads to a step that never ends",
    code: "dead_end",
    text: edit(
      afterPublish("        next: resolved\n      - id: stand_down\n        kind: task\n        title: Stand down and wait\n        owner: crisis_commander\n        next: stand_down\n"),
      ["onReject: holding", "onReject: stand_down"],
    ),
    stepId: "stand_down",
    line: "- id: stand_down",
    witness: [COMPLETE_TRIAGE, DRAFT_HOLDING, "crisis_commander rejects approve"],
  },
  {
    name: "a decision with no branch for a medium crisis answered minor",
    code: "decision_no_match",
    text: edit(DRILL, [
      "      - id: holding\n",
      "      - id: scale\n        kind: decision\n        title: How far does it reach?\n        branches:\n          - when: { answer: { step: triage, is: major } }\n            goto: holding\n          - when: { severity: { atLeast: high } }\n            goto: holding\n      - id: holding\n",
    ]),
    stepId: "scale",
    line: "- id: scale",
    witness: ["the crisis starts with severity medium", COMPLETE_TRIAGE],
  },
  {
    name: "publishing before the approval",
    code: "publish_without_approval",
    text: edit(DRILL, ["      - id: publish\n        kind: publish\n        title: Publish the holding statement\n        statement: holding\n", ""], ["      - id: approve\n", "      - id: publish\n        kind: publish\n        title: Publish the holding statement\n        statement: holding\n      - id: approve\n"]),
    stepId: "publish",
    line: "- id: publish",
    witness: [COMPLETE_TRIAGE, DRAFT_HOLDING],
  },
  {
    name: "an approval in another track than the publishing",
    code: "publish_without_approval",
    text: edit(
      PARALLEL_DRILL,
      ["              - id: sign_off\n                kind: approval\n                title: Sign off the notice\n                approvers: [crisis_commander]\n", ""],
      ["                onDue: { page: [crisis_commander] }\n", "                onDue: { page: [crisis_commander] }\n              - id: sign_off\n                kind: approval\n                title: Sign off the notice\n                approvers: [crisis_commander]\n"],
    ),
    stepId: "send",
    line: "- id: send",
    witness: ["comms_lead drafts notice"],
  },
  { name: "a deadline that says nothing", code: "deadline_incomplete", text: edit(DRILL, ["        onDue: { handTo: crisis_commander }\n", ""]), stepId: "triage", line: "due: 15m", witness: null },
  { name: "a deadline at once", code: "deadline_not_positive", text: edit(DRILL, ["due: 15m", "due: 0m"]), stepId: "triage", line: "due: 0m", witness: null },
  {
    name: "a deadline into another track",
    code: "deadline_target_unreachable",
    text: edit(PARALLEL_DRILL, ["onDue: { page: [crisis_commander] }", "onDue: { goto: sign_off }"]),
    stepId: "revoke",
    line: "goto: sign_off",
    witness: null,
  },
  { name: "a deadline that resolves the crisis", code: "deadline_target_finished", text: edit(DRILL, ["onDue: { handTo: crisis_commander }", "onDue: { goto: resolved }"]), stepId: "triage", line: "goto: resolved", witness: null },
  {
    name: "a wait that waits forever",
    code: "automatic_cycle",
    text: afterPublish("      - id: cool_off\n        kind: wait\n        title: Let things cool off\n        for: 10m\n        next: cool_off\n"),
    stepId: "cool_off",
    line: "- id: cool_off",
    witness: [COMPLETE_TRIAGE, DRAFT_HOLDING, ...APPROVALS, "comms_lead publishes holding"],
  },
  {
    name: "two decisions sending the crisis to each other at once",
    code: "automatic_cycle",
    text: afterPublish(
      "      - id: recheck\n        kind: decision\n        title: Recheck\n        branches:\n          - when: { severity: { is: high } }\n            goto: reconsider\n        otherwise: resolved\n      - id: reconsider\n        kind: decision\n        title: Reconsider\n        branches:\n          - when: { severity: { is: high } }\n            goto: recheck\n        otherwise: resolved\n",
    ),
    stepId: "recheck",
    line: "- id: recheck",
    witness: [COMPLETE_TRIAGE, DRAFT_HOLDING, ...APPROVALS, "the crisis room reports severity high", "comms_lead publishes holding"],
  },
];
