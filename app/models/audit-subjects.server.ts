import { prisma } from "~/utils/db.server";
import { parseRef } from "./refs";

// The audit log keeps each subject as a type and a database id; people read it as the
// thing it is: "Case C-…", "Report R-…", "User Ada Admin", "API key “Forum”".

type Subject = { subjectType: string; subjectId: string };

const key = (s: Subject) => `${s.subjectType}:${s.subjectId}`;

function idsOf(subjects: Subject[], type: string): string[] {
  return [...new Set(subjects.filter((s) => s.subjectType === type).map((s) => s.subjectId))];
}

/** A name for each entry's subject, by `type:id`. */
export async function auditSubjectNames(subjects: Subject[]): Promise<Map<string, string>> {
  const [cases, reports, users, keys, hooks, messages] = await Promise.all([
    prisma.case.findMany({ where: { id: { in: idsOf(subjects, "Case") } }, select: { id: true, ref: true } }),
    prisma.report.findMany({ where: { id: { in: idsOf(subjects, "Report") } }, select: { id: true, ref: true } }),
    prisma.user.findMany({ where: { id: { in: idsOf(subjects, "user") } }, select: { id: true, name: true, email: true } }),
    prisma.apiKey.findMany({ where: { id: { in: idsOf(subjects, "api_key") } }, select: { id: true, name: true } }),
    prisma.webhook.findMany({ where: { id: { in: idsOf(subjects, "Webhook") } }, select: { id: true, name: true } }),
    prisma.message.findMany({ where: { id: { in: idsOf(subjects, "Message") } }, select: { id: true, caseRef: true, templateKey: true } }),
  ]);
  const names = new Map<string, string>([
    ...cases.map((c) => [`Case:${c.id}`, `Case ${c.ref}`] as const),
    ...reports.map((r) => [`Report:${r.id}`, `Report ${r.ref}`] as const),
    ...users.map((u) => [`user:${u.id}`, `User ${u.name} (${u.email})`] as const),
    ...keys.map((k) => [`api_key:${k.id}`, `API key “${k.name}”`] as const),
    ...hooks.map((h) => [`Webhook:${h.id}`, `Webhook “${h.name}”`] as const),
    ...messages.map((m) => [`Message:${m.id}`, `Message ${m.templateKey}${m.caseRef ? ` on case ${m.caseRef}` : ""}`] as const),
  ]);
  for (const s of subjects) {
    if (names.has(key(s))) continue;
    // Rules and templates are kept by their code and key, which people know; the rest by kind.
    const named: Record<string, string> = { rule: `Rule ${s.subjectId}`, template: `Template ${s.subjectId}`, EscalationPolicy: "Escalation policy", audit: "Audit log" };
    names.set(key(s), named[s.subjectType] ?? `${s.subjectType.replace(/_/g, " ")} (no longer exists)`);
  }
  return names;
}

/** The subject id filter takes a case or report reference as well as an id. */
export async function subjectIdOf(typed: string): Promise<string> {
  const caseRef = parseRef(typed, "case");
  if (caseRef) return (await prisma.case.findUnique({ where: { ref: caseRef }, select: { id: true } }))?.id ?? typed;
  const reportRef = parseRef(typed, "report");
  if (reportRef) return (await prisma.report.findUnique({ where: { ref: reportRef }, select: { id: true } }))?.id ?? typed;
  return typed;
}

export { key as auditSubjectKey };
