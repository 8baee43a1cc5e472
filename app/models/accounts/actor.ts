import type { Permission } from "~/utils/permissions";
import { ROLE_PERMISSIONS, isRole } from "~/utils/permissions";

/** Whoever causes a change: recorded on every audit entry. */
export type Actor =
  | { kind: "user"; id: string; email: string; roles: string[] }
  | { kind: "api-key"; id: string; name: string }
  | { kind: "member" }
  | { kind: "system"; name: string };

export function actorLabel(actor: Actor): string {
  switch (actor.kind) {
    case "user":
      return actor.email;
    case "api-key":
      return `api-key:${actor.name}`;
    case "member":
      return "member (public report form)";
    case "system":
      return `system:${actor.name}`;
  }
}

/**
 * A stored actor label in words for people: "Demo platform (API key)", "Vigil (deadline
 * timer)", rather than the log's "api-key:Demo platform" or "system:scheduler".
 */
export function actorWords(label: string): string {
  if (label.startsWith("api-key:")) return `${label.slice("api-key:".length)} (API key)`;
  if (label === "system:scheduler") return "Vigil (deadline timer)";
  if (label.startsWith("system:")) return "Vigil";
  return label;
}

export function actorId(actor: Actor): string | null {
  return actor.kind === "user" || actor.kind === "api-key" ? actor.id : null;
}

/** The role under which a user exercised a permission (first role that grants it). */
export function actingRole(actor: Actor, permission?: Permission): string | null {
  if (actor.kind !== "user") return actor.kind;
  if (!permission) return actor.roles.join(",") || null;
  return actor.roles.find((r) => isRole(r) && ROLE_PERMISSIONS[r].includes(permission)) ?? null;
}

/**
 * Whether an audit entry records a person's act rather than a timer's, intake's or a
 * platform's: only people and API keys have an id, and `actingRole` records an API key's
 * kind as its role.
 */
export function madeByPerson(entry: { actorId: string | null; role: string | null }): boolean {
  return entry.actorId !== null && entry.role !== "api-key";
}
