import type { TriageRoles } from "@machines/triage";
import type { Permission } from "~/utils/permissions";
import { can, ROLES } from "~/utils/permissions";

// Who may work a case is defined once, by the permissions (app/utils/permissions.ts), and
// given to the triage machine as its input. The senior queue (escalated cases) and the
// second person on a ban are the same people: those who may approve a ban.

const rolesWith = (permission: Permission) => ROLES.filter((role) => can([role], permission));

export const TRIAGE_ROLES: TriageRoles = { workers: rolesWith("work:case"), seniors: rolesWith("approve:ban") };
