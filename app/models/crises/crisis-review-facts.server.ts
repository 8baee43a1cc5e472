import type { CompiledPlaybook } from "@machines/playbook";
import { prisma } from "~/utils/db.server";
import { actorWords } from "../accounts/actor";
import { stepTitle } from "./crisis-refusals";
import type { ReviewFacts } from "./crisis-review-facts";
import { reviewFacts } from "./crisis-review-facts";
import { compiledVersion } from "./crisis-rows.server";
import { statementFacts } from "./statement-facts";

// A crisis's review facts from its rows: its audit entries (the timeline), the entries of
// its statements, its tasks and its linked cases' first report. Nothing here writes.

/** The phase that contains a crisis: the one named `contain`, else the first after assessing. */
export function containmentCheck(compiled: CompiledPlaybook): ((step: string) => boolean) | null {
  const phases = compiled.playbook.phases.map((p) => p.id);
  const index = phases.includes("contain") ? phases.indexOf("contain") : phases.length > 1 ? 1 : -1;
  if (index === -1) return null;
  return (step) => {
    const phase = compiled.plan.nodes.get(step)?.phase;
    return phase !== null && phase !== undefined && phases.indexOf(phase) <= index;
  };
}

/** Statement entries of other subjects (the statement subject's) name the crisis in what they record. */
async function statementEntriesOf(crisis: { id: string; ref: string }) {
  return prisma.auditEntry.findMany({
    where: { action: { startsWith: "statement." }, subjectType: { not: "Crisis" }, OR: [{ after: { contains: crisis.id } }, { after: { contains: crisis.ref } }] },
    select: { at: true, action: true, subjectType: true, subjectId: true, after: true },
    orderBy: { seq: "asc" },
  });
}

export async function crisisFacts(crisisId: string, now = new Date()): Promise<ReviewFacts | null> {
  const crisis = await prisma.crisis.findUnique({
    where: { id: crisisId },
    select: { id: true, ref: true, declaredAt: true, resolvedAt: true, playbookVersion: { select: { hash: true, compiled: true } }, cases: { select: { caseId: true } } },
  });
  if (!crisis) return null;
  const compiled = compiledVersion(crisis.playbookVersion);
  const [entries, statementEntries, tasks, firstReport] = await Promise.all([
    prisma.auditEntry.findMany({ where: { subjectType: "Crisis", subjectId: crisis.id }, select: { at: true, action: true, actorLabel: true, subjectType: true, subjectId: true, after: true }, orderBy: { seq: "asc" } }),
    statementEntriesOf(crisis),
    prisma.crisisTask.findMany({ where: { crisisId: crisis.id }, select: { title: true, dueAt: true, doneAt: true, status: true, actionItem: true }, orderBy: { createdAt: "asc" } }),
    crisis.cases.length ? prisma.report.findFirst({ where: { caseId: { in: crisis.cases.map((c) => c.caseId) } }, orderBy: { receivedAt: "asc" }, select: { receivedAt: true } }) : Promise.resolve(null),
  ]);
  const emails = [...new Set(entries.map((e) => e.actorLabel))];
  const users = await prisma.user.findMany({ where: { email: { in: emails } }, select: { email: true, name: true } });
  const names = new Map(users.map((u) => [u.email, u.name]));
  const titleOf = (step: string) => stepTitle(compiled, step);
  return reviewFacts({
    declaredAt: crisis.declaredAt,
    resolvedAt: crisis.resolvedAt,
    firstReportAt: firstReport?.receivedAt ?? null,
    entries,
    tasks,
    statements: statementFacts([...entries, ...statementEntries], titleOf),
    beforeContainment: containmentCheck(compiled),
    titleOf,
    nameOf: (label) => names.get(label) ?? actorWords(label),
    now,
  });
}
