import crypto from "node:crypto";
import { recordReport } from "~/models/intake/intake.server";
import type { ReportSubmission } from "~/models/intake/intake.server";
import { prisma } from "~/utils/db.server";

/**
 * Reports a subject through the real intake (the public form's path) and returns
 * its case. Tests build cases the way members do.
 */
export async function reportSubject(overrides: Partial<ReportSubmission> & { subjectId?: string } = {}) {
  const { subjectId, ...rest } = overrides;
  const submission: ReportSubmission = {
    source: "form",
    subject: {
      type: "content",
      id: subjectId ?? `post-${crypto.randomUUID()}`,
      authorHandle: "@author",
      text: "You are all idiots.",
      language: "en",
    },
    ruleCode: "respect",
    ...rest,
  };
  const outcome = await recordReport(submission, { actor: { kind: "member" }, requestId: null });
  if (outcome.kind !== "accepted") throw new Error(`report not accepted: ${outcome.kind}`);
  return prisma.case.findUniqueOrThrow({ where: { id: outcome.body.caseId } });
}

export async function userByEmail(email: string) {
  const user = await prisma.user.findUniqueOrThrow({ where: { email }, include: { roles: true } });
  return { kind: "user" as const, id: user.id, email: user.email, roles: user.roles.map((r) => r.role) };
}
