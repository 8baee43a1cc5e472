import { ROLE_LABELS, isRole } from "~/utils/permissions";

// The names a playbook uses, as people read them on its pages.

/** The kinds of crisis Vigil knows; a playbook says which it fits. */
export const CRISIS_TYPES = {
  harassment_raid: "Harassment raid",
  data_leak: "Data leak",
  pr_backlash: "PR backlash",
  safety_threat: "Safety threat (self-harm or violence)",
  other: "Other",
} as const;
export const CRISIS_TYPE_KEYS = Object.keys(CRISIS_TYPES) as (keyof typeof CRISIS_TYPES)[];

/** Who a statement may address. */
export const STATEMENT_AUDIENCES = ["public", "members", "press", "reporter", "author"] as const;

export const crisisTypeLabel = (type: string) => (CRISIS_TYPES as Record<string, string>)[type] ?? type.replace(/_/g, " ");

export const roleName = (role: string) => (isRole(role) ? ROLE_LABELS[role] : role.replace(/_/g, " "));

/** "crisis commander or trust & safety lead" */
export const roleNames = (roles: readonly string[]) => roles.map((r) => roleName(r).toLowerCase()).join(" or ");

export const VERSION_STATUSES = ["draft", "published", "retired"] as const;
export type VersionStatus = (typeof VERSION_STATUSES)[number];
