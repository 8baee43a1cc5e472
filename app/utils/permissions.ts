// Roles and the permissions each grants. Checked on the server in every loader and
// action (deny by default); the UI only hides what the server would refuse anyway.

export const ROLES = [
  "moderator",
  "senior_moderator",
  "trust_safety_lead",
  "crisis_responder",
  "crisis_commander",
  "comms_lead",
  "leadership",
  "admin",
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  moderator: "Moderator",
  senior_moderator: "Senior moderator",
  trust_safety_lead: "Trust & safety lead",
  crisis_responder: "Crisis responder",
  crisis_commander: "Crisis commander",
  comms_lead: "Comms lead",
  leadership: "Leadership (read-only)",
  admin: "Admin",
};

export const PERMISSIONS = [
  "read:case",
  "work:case", // claim, act, dismiss, escalate
  "approve:ban",
  "read:reporter-identity",
  "read:audit",
  "verify:audit",
  "manage:users",
  "manage:api-keys",
  "manage:rules",
  "read:template",
  "edit:template", // draft, edit, submit for review, retire
  "approve:template",
  "send:message",
  "manage:escalation", // escalation policies
  "manage:webhooks",
  "read:dashboard", // the leadership dashboard
  "read:workload", // the dashboard's workload per moderator: leads and admins, never leadership
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const moderation: Permission[] = ["read:case", "work:case", "read:template", "send:message"];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  moderator: moderation,
  senior_moderator: [...moderation, "approve:ban", "read:reporter-identity"],
  trust_safety_lead: [...moderation, "approve:ban", "read:reporter-identity", "read:audit", "read:dashboard", "read:workload"],
  crisis_responder: ["read:case", "read:template"],
  crisis_commander: ["read:case", "read:template"],
  comms_lead: ["read:case", "read:template", "edit:template", "approve:template"],
  leadership: ["read:case", "read:audit", "verify:audit", "read:template", "read:dashboard"],
  admin: ["read:case", "read:audit", "verify:audit", "manage:users", "manage:api-keys", "manage:rules", "read:template", "edit:template", "manage:escalation", "manage:webhooks", "read:dashboard", "read:workload"],
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function permissionsOf(roles: readonly string[]): Set<Permission> {
  const granted = new Set<Permission>();
  for (const role of roles) if (isRole(role)) for (const p of ROLE_PERMISSIONS[role]) granted.add(p);
  return granted;
}

export function can(roles: readonly string[], permission: Permission): boolean {
  return permissionsOf(roles).has(permission);
}
