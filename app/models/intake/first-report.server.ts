import type { Report } from "~/generated/prisma/client";
import { Prisma } from "~/generated/prisma/client";
import type { Tx } from "~/utils/db.server";
import { deferredRow, flushDeferred, insertRow, insertRows, selectPastDeferred } from "~/utils/sqlite-lane.server";
import { newRowId } from "~/utils/row-id";
import type { ScreenResult } from "~/screen";
import { actorLabel } from "../accounts/actor";
import { appendAuditEntriesAtCommit } from "../audit/audit.server";
import type { CaseChange } from "../cases/case-live";
import { authorKeyOf } from "../cases/case-query";
import { caseLinkKey } from "../cases/case-search.server";
import type { NewCase } from "../cases/cases.server";
import { newCaseRow } from "../cases/cases.server";
import { scoreCase } from "../cases/priority";
import { newCaseRef, newReportRef } from "../cases/refs";
import { clockTimers } from "../escalation/escalation-clocks.server";
import { DEFAULT_POLICY_NAME, policyVersionOnLane } from "../escalation/escalation-policy.server";
import { firstTierDeadlines, skipsTiers } from "../escalation/escalation-sla.server";
import type { TimerRow } from "../workflow/timers.server";
import { newTimerRow } from "../workflow/timers.server";
import { writeFirstReportOnPostgres } from "./first-report-postgres.server";
import type { AuditInput } from "../audit/audit.server";
import { isSqlite } from "~/utils/db.server";
import type { IntakeContext, IntakeOutcome, ReportAccepted, ReportSubmission } from "./intake.server";

// A raid is mostly first reports: each names a subject no case has yet. Such a report is
// written here with raw statements in a lane transaction (docs/decisions/0026): one read
// for everything intake must know first, then the audit entries (which take the chain's
// head, before the new rows move the tally rows: decision 21), the case, the report, its
// SLA timers and the idempotency record. The rows are the ones the client's path writes
// (intake.server.ts); a report that joins a case, or a rule that skips tiers, goes there.

type Facts = {
  severity: number | null;
  caseId: string | null;
  policyVersionId: string | null;
  requestHash: string | null;
  status: number | null;
  body: string | null;
};

/**
 * What intake reads before it writes, in one statement. In a lane group, the reports before
 * this one wait to be written at its end (deferred writes, sqlite-lane.server.ts); the read
 * goes past them unless one of them is this subject's case or this Idempotency-Key's record,
 * which are written first so that it sees them.
 */
async function readFacts(tx: Tx, submission: ReportSubmission, ctx: IntakeContext, key: string): Promise<Facts> {
  const apiKeyId = ctx.actor.kind === "api-key" ? ctx.actor.id : null;
  const idempotencyKey = apiKeyId ? (ctx.idempotency?.key ?? null) : null;
  const seen =
    deferredRow(tx, "Case", (row) => row.subjectKey === key) ||
    (idempotencyKey !== null && deferredRow(tx, "IdempotencyRecord", (row) => row.apiKeyId === apiKeyId && row.key === idempotencyKey));
  if (seen) await flushDeferred(tx);
  const [facts] = await selectPastDeferred<Facts>(
    tx,
    Prisma.sql`SELECT
      (SELECT "severity" FROM "Rule" WHERE "code" = ${submission.ruleCode}) AS "severity",
      (SELECT "id" FROM "Case" WHERE "subjectKey" = ${key}) AS "caseId",
      (SELECT v."id" FROM "EscalationPolicy" p JOIN "EscalationPolicyVersion" v ON v."policyId" = p."id" AND v."version" = p."currentVersion"
        WHERE p."name" = ${DEFAULT_POLICY_NAME}) AS "policyVersionId",
      i."requestHash", i."status", i."body"
    FROM (SELECT 1 AS "one") AS o
    LEFT JOIN "IdempotencyRecord" i ON i."apiKeyId" = ${apiKeyId} AND i."key" = ${idempotencyKey}`,
  );
  return { ...facts, severity: facts.severity === null ? null : Number(facts.severity), status: facts.status === null ? null : Number(facts.status) };
}

/** The case a first report opens, as the client's path creates it. */
export function newCaseData(submission: ReportSubmission, key: string, rule: { code: string; severity: number }, screenHits: number, at: Date): NewCase {
  const { subject } = submission;
  const priority = scoreCase({ ruleCode: rule.code, severity: rule.severity, reportCount: 1, reporterCount: 1, screenHits });
  return {
    ref: newCaseRef(),
    subjectKey: key,
    subjectType: subject.type,
    subjectId: subject.id,
    source: submission.source,
    subjectUrl: subject.url ?? null,
    subjectUrlKey: caseLinkKey(subject),
    authorHandle: subject.authorHandle ?? null,
    authorKey: authorKeyOf(subject.authorHandle),
    text: subject.text ?? null,
    language: subject.language ?? null,
    ruleCode: rule.code,
    severity: rule.severity,
    priority: priority.score,
    priorityBreakdown: priority.breakdown,
    reporterCount: 1,
    at,
  };
}

/** The report row, as the client's path creates it. */
export function newReportRow(submission: ReportSubmission, ctx: IntakeContext, fields: { ref: string; caseId: string; ruleCode: string; screen: ScreenResult; at: Date }): Report {
  const { subject } = submission;
  return {
    id: newRowId(),
    ref: fields.ref,
    caseId: fields.caseId,
    source: submission.source,
    apiKeyId: ctx.actor.kind === "api-key" ? ctx.actor.id : null,
    idempotencyKey: ctx.idempotency?.key ?? null,
    reporterId: submission.reporter?.id ?? null,
    reporterHandle: submission.reporter?.handle ?? null,
    reporterContact: submission.reporter?.contact ?? null,
    subjectType: subject.type,
    subjectId: subject.id,
    subjectUrl: subject.url ?? null,
    authorHandle: subject.authorHandle ?? null,
    text: subject.text ?? null,
    language: subject.language ?? null,
    ruleCode: fields.ruleCode,
    note: submission.note ?? null,
    screen: JSON.stringify(fields.screen),
    occurredAt: submission.occurredAt ?? null,
    receivedAt: fields.at,
  };
}

export type FirstReportResult =
  | { kind: "answered"; outcome: IntakeOutcome; change?: CaseChange }
  /** The subject has a case, or the rule skips tiers: the client's path records it. */
  | { kind: "for-write-path" };

/** Records a first report in a lane transaction, or says it is not one. */
export async function recordFirstReport(
  tx: Tx,
  input: { submission: ReportSubmission; ctx: IntakeContext; key: string; screen: ScreenResult; screenHits: number },
): Promise<FirstReportResult> {
  const { submission, ctx, key } = input;
  const facts = await readFacts(tx, submission, ctx, key);
  const apiKeyId = ctx.actor.kind === "api-key" ? ctx.actor.id : null;
  if (apiKeyId && ctx.idempotency && facts.requestHash !== null) {
    return {
      kind: "answered",
      outcome:
        facts.requestHash === ctx.idempotency.requestHash
          ? { kind: "replayed", status: facts.status ?? 201, bodyJson: facts.body ?? "" }
          : { kind: "idempotency_key_reused" },
    };
  }
  if (facts.severity === null) return { kind: "answered", outcome: { kind: "unknown_rule", ruleCode: submission.ruleCode } };
  const rule = { code: submission.ruleCode, severity: facts.severity };
  const policy = facts.policyVersionId ? await policyVersionOnLane(tx, facts.policyVersionId) : null;
  if (facts.caseId !== null || (policy && skipsTiers(policy, rule.code))) return { kind: "for-write-path" };

  const at = new Date();
  const data = newCaseData(submission, key, rule, input.screenHits, at);
  const deadlines = policy ? firstTierDeadlines(policy, data.priority, at) : { firstResponseDueAt: null, resolutionDueAt: null };
  const created = newCaseRow(data, { policyVersionId: policy?.id ?? null, ...deadlines });
  const report = newReportRow(submission, ctx, { ref: newReportRef(), caseId: created.id, ruleCode: rule.code, screen: input.screen, at });

  const audit = { actor: ctx.actor, requestId: ctx.requestId ?? null, at };
  const entries: AuditInput[] = [
    {
      ...audit,
      action: "report.received",
      subjectType: "Report",
      subjectId: report.id,
      after: { ref: report.ref, caseRef: created.ref, source: submission.source, ruleCode: rule.code, duplicate: false },
    },
    {
      ...audit,
      action: "case.created",
      subjectType: "Case",
      subjectId: created.id,
      after: {
        ref: created.ref,
        state: created.state,
        ruleCode: created.ruleCode,
        priority: created.priority,
        reportCount: created.reportCount,
        reporterCount: created.reporterCount,
        language: created.language,
      },
      reason: `Report ${report.ref} opened the case.`,
    },
  ];
  // The SLA clocks start with the case, on the policy's first tier.
  const timers: TimerRow[] = [];
  if (policy && deadlines.firstResponseDueAt && deadlines.resolutionDueAt) {
    const clock = { policy, tier: 0, priority: created.priority, now: at };
    const firstResponse = clockTimers({ ...clock, clock: "first_response", dueAt: deadlines.firstResponseDueAt });
    const resolution = clockTimers({ ...clock, clock: "resolution", dueAt: deadlines.resolutionDueAt });
    for (const t of [firstResponse.breach, firstResponse.warning, resolution.breach, resolution.warning]) {
      if (t) timers.push(newTimerRow({ type: "case", id: created.id }, t, at));
    }
  }
  const body: ReportAccepted = { reportId: report.id, reportRef: report.ref, caseId: created.id, caseRef: created.ref, duplicate: false };
  const bodyJson = JSON.stringify(body);
  const idempotency =
    apiKeyId && ctx.idempotency ? { apiKeyId, key: ctx.idempotency.key, requestHash: ctx.idempotency.requestHash, status: 201, body: bodyJson, createdAt: at } : null;

  if (isSqlite()) {
    // Statements on the connection cost microseconds each; in a lane group these wait and go
    // in with the group's others at its end. The entries first: appending takes the chain's
    // head, the lock every writer takes before the rows the case's triggers move.
    await appendAuditEntriesAtCommit(tx, entries);
    await insertRow(tx, "Case", created);
    await insertRow(tx, "Report", report);
    await insertRows(tx, "Timer", timers);
    if (idempotency) await insertRow(tx, "IdempotencyRecord", idempotency);
  } else {
    await writeFirstReportOnPostgres(tx, { entries, kase: created, report, timers, idempotency });
  }
  const change: CaseChange = {
    caseId: created.id,
    ref: created.ref,
    state: created.state,
    version: created.version,
    assigneeId: null,
    action: "case.created",
    by: actorLabel(ctx.actor),
    at: at.toISOString(),
  };
  return { kind: "answered", outcome: { kind: "accepted", status: 201, body, bodyJson }, change };
}
