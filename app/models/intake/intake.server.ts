import crypto from "node:crypto";
import { Prisma } from "~/generated/prisma/client";
import { execute } from "~/utils/sqlite-lane.server";
import type { Tx } from "~/utils/db.server";
import type { ScreenResult } from "~/screen";
import { screenText } from "~/screen";
import type { Actor } from "../accounts/actor";
import { appendAudit } from "../audit/audit.server";
import { publishChange } from "~/utils/live-bus.server";
import type { CaseChange } from "../cases/case-live";
import { caseChangeEnvelope } from "../cases/case-live";
import { actorLabel } from "../accounts/actor";
import { authorKeyOf } from "../cases/case-query";
import { linkKeyOf } from "../cases/case-search.server";
import { addReportToCase, createCase, findCaseBySubjectKey } from "../cases/cases.server";
import { lockCaseRow } from "../cases/case-rows.server";
import { isRetryableWriteError, withWriteRetry, WRITE_ATTEMPTS } from "../workflow/write-retry.server";
import { laneTransaction } from "~/utils/lane-transaction.server";
import type { FirstReportResult } from "./first-report.server";
import { newCaseData, recordFirstReport } from "./first-report.server";
import { inGroupCommit } from "../workflow/group-commit.server";
import { isSqlite } from "~/utils/db.server";
import { noteHeadTaken } from "~/utils/write-stats.server";
import { startCaseClocks } from "../escalation/escalation-sla.server";
import { scoreCase, storedFactorValue } from "../cases/priority";
import { newReportRef } from "../cases/refs";
import type { ReporterIdentity } from "./reports.server";
import { createReport, isNewReporter } from "./reports.server";
import type { SubjectType } from "./subject-key";
import { subjectKey } from "./subject-key";

// The one function that records a report. Everything it writes (report, case, audit
// entries, idempotency record) commits in one transaction, and it returns only after
// the commit: an accepted report is on disk before anyone is told so.

export type ReportSubmission = {
  /** "form" for the public form; from the API "member" (a member reported it on the platform) or "platform" (its own detection). */
  source: "form" | "member" | "platform";
  subject: {
    type: SubjectType;
    id: string;
    url?: string | null;
    authorHandle?: string | null;
    /** Stored exactly as sent. */
    text?: string | null;
    language?: string | null;
  };
  ruleCode: string;
  note?: string | null;
  reporter?: { id?: string | null; handle?: string | null; contact?: string | null } | null;
  occurredAt?: Date | null;
};

export type IntakeContext = {
  actor: Extract<Actor, { kind: "member" } | { kind: "api-key" }>;
  requestId?: string | null;
  /** Per API key: the same key answers the first result again. */
  idempotency?: { key: string; requestHash: string } | null;
};

export type ReportAccepted = { reportId: string; reportRef: string; caseId: string; caseRef: string; duplicate: boolean };

export type IntakeOutcome =
  | { kind: "accepted"; status: 201; body: ReportAccepted; bodyJson: string }
  | { kind: "replayed"; status: number; bodyJson: string }
  | { kind: "idempotency_key_reused" }
  | { kind: "unknown_rule"; ruleCode: string };

const EMPTY_SCREEN: ScreenResult = { flagged: false, hits: [], languages: [] };

function screen(text: string | null | undefined, language: string | null | undefined): ScreenResult & { failed?: true } {
  if (!text) return EMPTY_SCREEN;
  try {
    return screenText(text, language);
  } catch (error) {
    // A report is never lost to the screen; the case page shows no hits for it.
    console.error("Text screen failed; the report is recorded without screen hits.", error);
    return { ...EMPTY_SCREEN, failed: true };
  }
}

function distinctWords(result: ScreenResult): number {
  return new Set(result.hits.map((h) => `${h.list}\u0000${h.word}`)).size;
}

function reporterIdentity(submission: ReportSubmission, apiKeyId: string | null): ReporterIdentity {
  const r = submission.reporter;
  if (apiKeyId) {
    if (r?.id) return { apiKeyId, reporterId: r.id };
    if (r?.handle) return { apiKeyId, reporterHandle: r.handle };
    return null;
  }
  return r?.contact ? { contact: r.contact } : null;
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** What an Idempotency-Key is bound to: the validated body, whatever its key order or spacing. */
export function idempotencyHash(body: unknown): string {
  return crypto.createHash("sha256").update(canonicalJson(body)).digest("hex");
}

export async function recordReport(submission: ReportSubmission, ctx: IntakeContext): Promise<IntakeOutcome> {
  const screenResult = screen(submission.subject.text, submission.subject.language);
  const key = subjectKey(submission.subject);
  // Two transactions may both find no case for a subject and both create one; the
  // unique subject key refuses the second, which then runs again (the one retry policy)
  // and joins the case. The same holds for two requests racing with one Idempotency-Key.
  // On SQLite the reports that arrive together share a commit (group-commit.server.ts).
  // A first report (most of a raid) is written without the client, in a lane transaction
  // (first-report.server.ts); one that finds its subject's case, or whose rule skips
  // tiers, through the client below.
  const first = (tx: Tx) => recordFirstReport(tx, { submission, ctx, key, screen: screenResult, screenHits: distinctWords(screenResult) });
  for (let attempt = 1; ; attempt++) {
    let result: FirstReportResult;
    try {
      // On PostgreSQL its reads and its one writing statement each commit by themselves.
      result = await (isSqlite() ? inGroupCommit(first, { lane: true }) : laneTransaction(first, { autocommit: true }));
    } catch (error) {
      // Another report of the subject, or of the Idempotency-Key, committed first: read again.
      if (attempt < WRITE_ATTEMPTS && isRetryableWriteError(error)) continue;
      throw error;
    }
    if (result.kind === "for-write-path") break;
    if (result.change) publishChange(caseChangeEnvelope(result.change));
    return result.outcome;
  }
  const work = (tx: Tx) => recordIn(tx, submission, ctx, key, screenResult);
  const { outcome, change } = await (isSqlite() ? inGroupCommit(work) : withWriteRetry(work));
  // Committed: moderators' queues hear of the new or changed case.
  if (change) publishChange(caseChangeEnvelope(change));
  return outcome;
}

async function recordIn(
  tx: Tx,
  submission: ReportSubmission,
  ctx: IntakeContext,
  key: string,
  screenResult: ScreenResult,
): Promise<{ outcome: IntakeOutcome; change?: CaseChange }> {
  const apiKeyId = ctx.actor.kind === "api-key" ? ctx.actor.id : null;

  if (apiKeyId && ctx.idempotency) {
    const earlier = await tx.idempotencyRecord.findUnique({
      where: { apiKeyId_key: { apiKeyId, key: ctx.idempotency.key } },
    });
    if (earlier) {
      return {
        outcome:
          earlier.requestHash === ctx.idempotency.requestHash
            ? { kind: "replayed", status: earlier.status, bodyJson: earlier.body }
            : { kind: "idempotency_key_reused" },
      };
    }
  }

  const rule = await tx.rule.findUnique({ where: { code: submission.ruleCode }, select: { code: true, severity: true } });
  if (!rule) return { outcome: { kind: "unknown_rule", ruleCode: submission.ruleCode } };

  const at = new Date();
  const { subject } = submission;
  const hits = distinctWords(screenResult);
  // One lock order for every writer: the subject row, then the audit head. A report for a
  // case locks the case and reads its counts under that lock; a first report, with no row
  // to lock yet, takes the head before the new row's insert moves the queue's tally rows,
  // as every case write does (docs/decisions/0021).
  const found = await findCaseBySubjectKey(tx, key);
  const locked = found ? await lockCaseRow(tx, found.id) : null;
  const existing = locked?.row ?? null;
  if (!existing) {
    await execute(tx, Prisma.sql`UPDATE "AuditHead" SET "seq" = "seq" WHERE "id" = 1`);
    noteHeadTaken(tx);
  }
  const reportRef = newReportRef();
  let caseRow: { id: string; ref: string };
  let created: Awaited<ReturnType<typeof createCase>> | null = null;
  let change: CaseChange;
  if (!existing) {
    created = await createCase(tx, newCaseData(submission, key, rule, hits, at));
    caseRow = created;
    change = {
      caseId: created.id,
      ref: created.ref,
      state: created.state,
      version: created.version,
      assigneeId: null,
      action: "case.created",
      by: actorLabel(ctx.actor),
      at: at.toISOString(),
    };
  } else {
    const current = await tx.rule.findUnique({ where: { code: existing.ruleCode }, select: { severity: true } });
    const worst = current && current.severity >= rule.severity ? { code: existing.ruleCode, severity: current.severity } : rule;
    const reporterCount = existing.reporterCount + ((await isNewReporter(tx, existing.id, reporterIdentity(submission, apiKeyId))) ? 1 : 0);
    const reportCount = existing.reportCount + 1;
    const screenHits = Math.max(hits, storedFactorValue(existing.priorityBreakdown, "screen"));
    const priority = scoreCase({ ruleCode: worst.code, severity: worst.severity, reportCount, reporterCount, screenHits });
    const fill = {
      subjectUrl: existing.subjectUrl === null ? (subject.url ?? undefined) : undefined,
      // A case keyed by its id learns its link from the first report that brings one.
      subjectUrlKey: existing.subjectUrl === null && !existing.subjectUrlKey ? (linkKeyOf(subject.url) ?? undefined) : undefined,
      authorHandle: existing.authorHandle === null ? (subject.authorHandle ?? undefined) : undefined,
      authorKey: existing.authorHandle === null ? (authorKeyOf(subject.authorHandle) ?? undefined) : undefined,
      text: existing.text === null ? (subject.text ?? undefined) : undefined,
      language: existing.language === null ? (subject.language ?? undefined) : undefined,
    };
    ({ row: caseRow, change } = await addReportToCase(tx, locked!, {
      ruleCode: worst.code,
      report: { ruleCode: rule.code, severity: rule.severity },
      priority: priority.score,
      priorityBreakdown: priority.breakdown,
      reportCount,
      reporterCount,
      fill,
      actor: ctx.actor,
      requestId: ctx.requestId ?? null,
      note: `Report ${reportRef} joined the case.`,
      at,
    }));
  }

  const report = await createReport(tx, {
    ref: reportRef,
    caseId: caseRow.id,
    source: submission.source,
    apiKeyId,
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
    ruleCode: rule.code,
    note: submission.note ?? null,
    screen: JSON.stringify(screenResult),
    occurredAt: submission.occurredAt ?? null,
    receivedAt: at,
  });

  const duplicate = existing !== null;
  const audit = { actor: ctx.actor, requestId: ctx.requestId ?? null, at };
  await appendAudit(tx, {
    ...audit,
    action: "report.received",
    subjectType: "Report",
    subjectId: report.id,
    after: { ref: report.ref, caseRef: caseRow.ref, source: submission.source, ruleCode: rule.code, duplicate },
  });
  // A joining report's case change was audited by the triage write path.
  if (created) {
    await appendAudit(tx, {
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
    });
    // The SLA clocks start with the case (or a rule that skips tiers pages a higher one).
    await startCaseClocks(tx, created, ctx.actor, at);
  }

  const body: ReportAccepted = { reportId: report.id, reportRef: report.ref, caseId: caseRow.id, caseRef: caseRow.ref, duplicate };
  const bodyJson = JSON.stringify(body);
  if (apiKeyId && ctx.idempotency) {
    await tx.idempotencyRecord.create({
      data: { apiKeyId, key: ctx.idempotency.key, requestHash: ctx.idempotency.requestHash, status: 201, body: bodyJson },
    });
  }
  return { outcome: { kind: "accepted", status: 201, body, bodyJson }, change };
}
