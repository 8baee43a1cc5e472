import type { Severity } from "@machines/playbook";
import type { CRISIS_TYPES } from "../playbooks/playbook-words";

// A crisis's vocabulary as people read it: its severities with what each means, the update
// cadence each promises by default, the roles people hold in a crisis room and the account
// role each stands for when a playbook step names who may act. Not a .server module: the
// pages read it too.

export const CRISIS_SEVERITIES = {
  SEV1: { label: "SEV1", meaning: "Someone may be harmed, or many members are affected now. Everyone drops what they are doing.", level: "critical", updateMinutes: 30 },
  SEV2: { label: "SEV2", meaning: "Serious and spreading, but no one is in immediate danger. The crisis team works it today.", level: "high", updateMinutes: 60 },
  SEV3: { label: "SEV3", meaning: "Contained to a few members or one place. Worked in office hours, watched for growth.", level: "medium", updateMinutes: 120 },
} as const satisfies Record<string, { label: string; meaning: string; level: Severity; updateMinutes: number }>;
export type CrisisSeverity = keyof typeof CRISIS_SEVERITIES;
export const CRISIS_SEVERITY_KEYS = Object.keys(CRISIS_SEVERITIES) as CrisisSeverity[];
export const isCrisisSeverity = (value: string): value is CrisisSeverity => value in CRISIS_SEVERITIES;

export { CRISIS_TYPES, crisisTypeLabel } from "../playbooks/playbook-words";
export type CrisisType = keyof typeof CRISIS_TYPES;

/** The roles people hold in one crisis. The commander is one person at a time. */
export const CRISIS_ROLES = {
  commander: { label: "Commander", accountRole: "crisis_commander" },
  comms_lead: { label: "Comms lead", accountRole: "comms_lead" },
  scribe: { label: "Scribe", accountRole: null },
  liaison: { label: "Liaison", accountRole: null },
  responder: { label: "Responder", accountRole: "crisis_responder" },
} as const satisfies Record<string, { label: string; accountRole: string | null }>;
export type CrisisRole = keyof typeof CRISIS_ROLES;
export const CRISIS_ROLE_KEYS = Object.keys(CRISIS_ROLES) as CrisisRole[];
export const isCrisisRole = (value: string): value is CrisisRole => value in CRISIS_ROLES;

/** The crisis role that stands for an account role a playbook names, if there is one. */
export function crisisRoleFor(accountRole: string): CrisisRole | null {
  return CRISIS_ROLE_KEYS.find((r) => CRISIS_ROLES[r].accountRole === accountRole) ?? null;
}

export const CRISIS_STATES = { active: "Active", resolved: "Resolved, review open", closed: "Closed" } as const;
export type CrisisState = keyof typeof CRISIS_STATES;

export const TASK_STATUSES = { open: "Open", in_progress: "In progress", done: "Done", blocked: "Blocked" } as const;
export type TaskStatus = keyof typeof TASK_STATUSES;

/** How long before an update is due the comms lead is reminded: a sixth of the interval, at most 10 minutes. */
export const reminderLeadMs = (minutes: number) => Math.min(10, Math.max(1, Math.round(minutes / 6))) * 60_000;
