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
  "work:escalation", // acknowledge, climb, hand back, resolve (the tier's roles decide who, on the machine)
  "manage:escalation", // escalation policies
  "manage:webhooks",
  "read:playbook", // the crisis plans, their versions, diagram and rehearsals
  "draft:playbook", // save a new draft version (edit, import)
  "publish:playbook", // make a verified draft the version new crises start with
  "read:crisis", // the crisis list and rooms
  "declare:crisis", // declare one by hand or from a case
  "command:crisis", // take command, assign roles, promise updates, page, add tasks
  "work:crisis-task", // start, finish or block a task; act on the playbook's steps
  "link:crisis-case", // link cases to a crisis
  "draft:statement", // draft, edit and submit a crisis statement; publish one fully approved
  "approve:statement", // approve or send back a statement (its chain's roles decide who, on the machine)
  "sign-off:crisis-review", // complete a post-crisis review, which closes the crisis
  "read:dashboard", // the leadership dashboard
  "read:workload", // the dashboard's workload per moderator: leads and admins, never leadership
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const moderation: Permission[] = ["read:case", "work:case", "work:escalation", "read:template", "send:message"];

// Playbooks (decision 18): the crisis team and leadership read them; a crisis commander
// may draft one; a trust & safety lead or an admin publishes it.
// Crises (decision 23): the crisis team and T&S leads declare and work them, commanders and
// T&S leads command; comms leads work their tasks, and admins the steps a playbook gives
// them (revoking access in a data leak); moderators link the cases they see to a crisis;
// leadership reads only.
// A post-crisis review is signed off by a T&S lead or leadership (decision 25): the one
// change leadership makes.
const crisisTeam: Permission[] = ["read:crisis", "declare:crisis", "work:crisis-task", "link:crisis-case"];
// Statements (decision 24): comms leads draft and publish; commanders and T&S leads approve
// when a chain names their role; leadership reads.
export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  moderator: [...moderation, "link:crisis-case"],
  senior_moderator: [...moderation, "approve:ban", "read:reporter-identity", "link:crisis-case"],
  trust_safety_lead: [...moderation, "approve:ban", "read:reporter-identity", "read:audit", "read:playbook", "draft:playbook", "publish:playbook", ...crisisTeam, "command:crisis", "approve:statement", "sign-off:crisis-review", "read:dashboard", "read:workload"],
  crisis_responder: ["read:case", "work:escalation", "read:template", "read:playbook", ...crisisTeam],
  crisis_commander: ["read:case", "work:escalation", "read:template", "read:playbook", "draft:playbook", ...crisisTeam, "command:crisis", "approve:statement"],
  comms_lead: ["read:case", "work:escalation", "read:template", "edit:template", "approve:template", "read:playbook", "read:crisis", "work:crisis-task", "draft:statement"],
  leadership: ["read:case", "read:audit", "verify:audit", "read:template", "read:playbook", "read:crisis", "sign-off:crisis-review", "read:dashboard"],
  admin: [
    "read:case",
    "work:escalation",
    "read:audit",
    "verify:audit",
    "manage:users",
    "manage:api-keys",
    "manage:rules",
    "read:template",
    "edit:template",
    "manage:escalation",
    "manage:webhooks",
    "read:playbook",
    "draft:playbook",
    "publish:playbook",
    "read:crisis",
    "work:crisis-task",
    "read:dashboard",
    "read:workload",
  ],
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
