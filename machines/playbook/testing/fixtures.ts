// Shared by the playbook tests: people, the seeded library, and a parse that fails loudly.
import fs from "node:fs";
import path from "node:path";
import type { Playbook } from "../format";
import { parsePlaybook } from "../parse";
import type { PlaybookActor } from "../types";
import { PLAYBOOK_SCHEDULER } from "../types";
import { templatesFor, VIGIL_WORLD } from "../world.fixture";

export const LIBRARY_DIR = path.resolve(import.meta.dirname, "../library");
export const LIBRARY = ["harassment-raid", "data-leak", "pr-backlash", "imminent-harm"] as const;

export const libraryText = (name: (typeof LIBRARY)[number]) => fs.readFileSync(path.join(LIBRARY_DIR, `${name}.yaml`), "utf8");

/** Vigil's world with an approved template for every purpose, channel and seeded language. */
export const WORLD = { ...VIGIL_WORLD, templates: templatesFor(VIGIL_WORLD) };

export const person = (role: string, n = 1): PlaybookActor => ({ id: `${role}#${n}`, roles: [role] });
export const scheduler = PLAYBOOK_SCHEDULER;

export function parsed(text: string): Playbook {
  const result = parsePlaybook(text);
  if (!result.ok) throw new Error(`playbook does not parse: ${result.findings.map((f) => `${f.line}: ${f.message}`).join("; ")}`);
  return result.playbook;
}

/** A small playbook to build variants from: triage, a holding statement, its approval, publish. */
export const DRILL = `key: drill
title: Drill
crisisTypes: [harassment_raid]
severity:
  levels: [medium, high]
phases:
  - id: assess
    title: Assess
    steps:
      - id: triage
        kind: task
        title: Triage the reports
        owner: crisis_responder
        answers: [minor, major]
        due: 15m
        onDue: { handTo: crisis_commander }
      - id: holding
        kind: statement
        title: Draft the holding statement
        owner: comms_lead
        purpose: holding_statement
        audiences: [public]
        channels: [public_post]
        languages: [en, pl]
        approval: approve
      - id: approve
        kind: approval
        title: Approve the holding statement
        approvers: [crisis_commander, comms_lead]
        count: 2
        onReject: holding
      - id: publish
        kind: publish
        title: Publish the holding statement
        statement: holding
`;
