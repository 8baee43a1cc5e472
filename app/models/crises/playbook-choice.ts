import type { CrisisSeverity } from "./crisis-words";
import { CRISIS_SEVERITIES } from "./crisis-words";

// Which published playbook fits a crisis: read on the server when declaring and in the
// browser as the declare form suggests one while the type and severity are chosen.

export type PlaybookChoice = { versionId: string; key: string; title: string; version: number; crisisTypes: string[]; levels: string[] };

/** Whether a playbook is written for a crisis of this type and severity. */
export const fits = (choice: PlaybookChoice, type: string, severity: CrisisSeverity) => choice.crisisTypes.includes(type) && choice.levels.includes(CRISIS_SEVERITIES[severity].level);

/** The playbook suggested for a type and severity: the first published one written for both. */
export const suggestedPlaybook = (choices: PlaybookChoice[], type: string, severity: CrisisSeverity) => choices.find((c) => fits(c, type, severity)) ?? null;
