import { prisma } from "~/utils/db.server";
import { resetDb } from "../db";
import { seedDemo } from "../factories/demo";
import { libraryPlaybookText, seedPlaybooks } from "../factories/playbooks";
import { seedTemplates } from "../factories/templates";

// The demo data the playbook pages stand on (people, templates, the four published
// playbooks) and the edits the tests make to the harassment raid.

export async function seedWithPlaybooks() {
  await resetDb();
  await seedDemo();
  await seedTemplates();
  await seedPlaybooks();
}

export const RAID = libraryPlaybookText("harassment-raid");

/** Replaces one exact snippet of a playbook's text, failing loudly when it is not there once. */
export function edit(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  if (at < 0 || text.indexOf(from, at + 1) >= 0) throw new Error(`edit does not match exactly once: ${JSON.stringify(from)}`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

/** A step after the first decision: decisions never fall through, so no path reaches it. */
export const UNREACHABLE_STEP = `      - id: call_press
        kind: task
        title: Call the press office
        owner: comms_lead
        due: 30m
        onDue: { page: [crisis_commander] }
`;
export const withUnreachableStep = (text = RAID) => edit(text, "        otherwise: respond\n", `        otherwise: respond\n${UNREACHABLE_STEP}`);
/** The line the unreachable step starts on. */
export const unreachableLine = (text = RAID) => withUnreachableStep(text).split("\n").findIndex((l) => l.includes("id: call_press")) + 1;

/** The same plan with a longer deadline for the commander's page: sound, one field changed. */
export const withLongerPage = (text = RAID) => edit(text, "        roles: [crisis_commander]\n        due: 10m\n", "        roles: [crisis_commander]\n        due: 12m\n");

export async function versionsOf(key: string) {
  return prisma.playbookVersion.findMany({ where: { playbook: { key } }, orderBy: { version: "asc" } });
}

export async function playbookAudit() {
  return prisma.auditEntry.findMany({ where: { subjectType: "playbook" }, orderBy: { seq: "asc" } });
}
