import { prisma } from "~/utils/db.server";
import { parseRef } from "../cases/refs";

// The audit log keeps each subject as a type and a database id; people read it as the
// thing it is: "Case C-…", "Report R-…", "User Ada Admin", "API key “Forum”".

type Subject = { subjectType: string; subjectId: string };

const key = (s: Subject) => `${s.subjectType}:${s.subjectId}`;

function idsOf(subjects: Subject[], type: string): string[] {
  return [...new Set(subjects.filter((s) => s.subjectType === type).map((s) => s.subjectId))];
}

export type SubjectName = { name: string; href: string | null };

/** A name for each entry's subject, by `type:id`, and where it can be opened. */
export async function auditSubjectNames(subjects: Subject[]): Promise<Map<string, SubjectName>> {
  const [cases, reports, users, keys, hooks, messages] = await Promise.all([
    prisma.case.findMany({ where: { id: { in: idsOf(subjects, "Case") } }, select: { id: true, ref: true } }),
    prisma.report.findMany({ where: { id: { in: idsOf(subjects, "Report") } }, select: { id: true, ref: true, case: { select: { ref: true } } } }),
    prisma.user.findMany({ where: { id: { in: idsOf(subjects, "user") } }, select: { id: true, name: true, email: true } }),
    prisma.apiKey.findMany({ where: { id: { in: idsOf(subjects, "api_key") } }, select: { id: true, name: true } }),
    prisma.webhook.findMany({ where: { id: { in: idsOf(subjects, "Webhook") } }, select: { id: true, name: true } }),
    prisma.message.findMany({ where: { id: { in: idsOf(subjects, "Message") } }, select: { id: true, caseRef: true, templateKey: true } }),
  ]);
  const at = (name: string, href: string | null = null): SubjectName => ({ name, href });
  const names = new Map<string, SubjectName>([
    ...cases.map((c) => [`Case:${c.id}`, at(`Case ${c.ref}`, `/cases/${c.ref}`)] as const),
    ...reports.map((r) => [`Report:${r.id}`, at(`Report ${r.ref}`, `/cases/${r.case.ref}`)] as const),
    ...users.map((u) => [`user:${u.id}`, at(`User ${u.name} (${u.email})`, `/admin/users/${u.id}`)] as const),
    ...keys.map((k) => [`api_key:${k.id}`, at(`API key “${k.name}”`, "/admin/keys")] as const),
    ...hooks.map((h) => [`Webhook:${h.id}`, at(`Webhook “${h.name}”`, "/admin/webhooks")] as const),
    ...messages.map((m) => [`Message:${m.id}`, at(`Message ${m.templateKey}${m.caseRef ? ` on case ${m.caseRef}` : ""}`, m.caseRef ? `/cases/${m.caseRef}/messages` : "/messages")] as const),
  ]);
  for (const s of subjects) {
    if (names.has(key(s))) continue;
    // Rules, templates and playbooks are kept by their code and key, which people know; the rest by kind.
    const named: Record<string, SubjectName> = {
      rule: at(`Rule ${s.subjectId}`, `/admin/rules/${encodeURIComponent(s.subjectId)}`),
      template: at(`Template ${s.subjectId}`, `/templates/${encodeURIComponent(s.subjectId)}`),
      playbook: at(`Playbook ${s.subjectId}`, `/admin/playbooks/${encodeURIComponent(s.subjectId)}`),
      EscalationPolicy: at("Escalation policy", "/admin/escalation"),
      audit: at("Audit log"),
    };
    names.set(key(s), named[s.subjectType] ?? at(`${s.subjectType.replace(/_/g, " ")} (no longer exists)`));
  }
  return names;
}

/**
 * The subject filter takes a case reference, or a report reference (which finds its
 * case's entries: the case is where a report's story is told), as well as an id.
 */
export async function subjectIdOf(typed: string): Promise<string> {
  const caseRef = parseRef(typed, "case");
  if (caseRef) return (await prisma.case.findUnique({ where: { ref: caseRef }, select: { id: true } }))?.id ?? typed;
  const reportRef = parseRef(typed, "report");
  if (reportRef) return (await prisma.report.findUnique({ where: { ref: reportRef }, select: { caseId: true } }))?.caseId ?? typed;
  return typed;
}

export { key as auditSubjectKey };
