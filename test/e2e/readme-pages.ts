import fs from "node:fs";
import path from "node:path";
import type { Role } from "~/utils/permissions";
import { ROLE_LABELS, ROLES } from "~/utils/permissions";

// The README's page table, read as every-page.spec.ts checks it: which roles it says can
// see each page. Its "who can see" cells say "anyone", "anyone not signed in", "every
// signed-in role", or list roles by the names the app shows them ("Moderator, Admin").

export const VISITOR = "visitor" as const;
export type Viewer = Role | typeof VISITOR;

const README = path.resolve(import.meta.dirname, "../../README.md");

function viewersIn(cell: string): Set<Viewer> {
  const text = cell.trim().toLowerCase();
  if (text === "anyone") return new Set([VISITOR, ...ROLES]);
  if (text === "anyone not signed in") return new Set([VISITOR]);
  if (text === "every signed-in role") return new Set(ROLES);
  return new Set(
    text.split(/,\s*/).map((name) => {
      const role = ROLES.find((r) => ROLE_LABELS[r].toLowerCase() === name);
      if (!role) throw new Error(`README page table: “${name}” is not a role's name (${Object.values(ROLE_LABELS).join(", ")}).`);
      return role;
    }),
  );
}

/** Each page address the table lists, with who it says can see it. */
export function readmePageTable(): Map<string, { see: Set<Viewer> }> {
  const lines = fs.readFileSync(README, "utf8").split("\n");
  const header = lines.findIndex((line) => /^\| page \| who can see /.test(line));
  if (header === -1) throw new Error("README.md has no table starting “| page | who can see …”.");
  const pages = new Map<string, { see: Set<Viewer> }>();
  for (const line of lines.slice(header + 2)) {
    if (!line.startsWith("|")) break;
    const [addresses, see] = line.split("|").slice(1);
    for (const [, address] of addresses.matchAll(/`([^`]+)`/g)) pages.set(address, { see: viewersIn(see) });
  }
  return pages;
}
