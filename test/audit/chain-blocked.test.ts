import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { entryHash } from "~/models/audit/audit-chain";
import { verifyAuditChain } from "~/models/audit/audit-verify.server";
import { AuditLogNeedsAttention, appendAudit } from "~/models/audit/audit.server";
import { AUDIT_ATTENTION_MESSAGE, guardRouteModule } from "~/services/audit-attention.server";
import * as auditRoute from "~/routes/audit";
import * as apiReports from "~/routes/api.v1.reports";
import * as caseRoute from "~/routes/cases.$ref";
import * as reportForm from "~/routes/report";
import { prisma } from "~/utils/db.server";
import { resetDb } from "../db";
import { reportSubject } from "../factories/cases";
import { seedDemo } from "../factories/demo";
import { loginAs, postForm, respond, routeArgs } from "../http";
import { apiRequest, call, formRequest, reportBody } from "../intake/helpers";

// A row written into the audit log past its head, bypassing appendAudit (as someone with
// access to the database could): the chain cannot grow. Nothing may be recorded until
// someone deals with it, every writer says so clearly instead of answering 500, and the
// integrity check on /audit names the entry as `npm run audit:verify` does.

/** Inserts the entry after the head without moving the head; answers its seq. */
async function slipInPastHead() {
  const head = await prisma.auditHead.findUniqueOrThrow({ where: { id: 1 } });
  const last = await prisma.auditEntry.findUniqueOrThrow({ where: { seq: head.seq } });
  const extra = { ...last, seq: head.seq + 1, prevHash: last.hash, reason: "slipped in" };
  await prisma.auditEntry.create({ data: { ...extra, hash: entryHash(last.hash, extra) } });
  return extra.seq;
}

const counts = async () => ({ reports: await prisma.report.count(), cases: await prisma.case.count(), entries: await prisma.auditEntry.count() });

describe("an entry past the audit chain's head", () => {
  let caseRef: string;
  let seq: number;
  let logged: ReturnType<typeof vi.spyOn>;

  beforeEach(async () => {
    await resetDb();
    await seedDemo();
    caseRef = (await reportSubject()).ref;
    seq = await slipInPastHead();
    // Each refusal is logged for the operator; the tests read it instead of printing it.
    logged = vi.spyOn(console, "error").mockImplementation(() => {});
  });
  afterEach(() => logged.mockRestore());

  it("stops appends, leaving the head and the foreign entry as they were and rolling back the change", async () => {
    const head = await prisma.auditHead.findUniqueOrThrow({ where: { id: 1 } });
    const append = prisma.$transaction(async (tx) => {
      await tx.rule.update({ where: { code: "spam" }, data: { severity: 4 } });
      await appendAudit(tx, { actor: { kind: "system", name: "test" }, action: "rule.updated", subjectType: "rule", subjectId: "spam" });
    });
    await expect(append).rejects.toThrow(AuditLogNeedsAttention);
    await expect(append).rejects.toMatchObject({ seq, message: expect.stringContaining(`entry ${seq} is not part of the chain`) });
    expect(await prisma.auditHead.findUniqueOrThrow({ where: { id: 1 } })).toEqual(head);
    expect((await prisma.auditEntry.findUniqueOrThrow({ where: { seq } })).reason).toBe("slipped in");
    expect((await prisma.rule.findUniqueOrThrow({ where: { code: "spam" } })).severity).toBe(1);
  });

  it("refuses an API report with 503 saying the log needs attention, records nothing, and takes it once the entry is dealt with", async () => {
    const before = await counts();
    const send = () => call(apiReports.action, apiRequest("/api/v1/reports", { body: reportBody("post-blocked"), headers: { "Idempotency-Key": "blocked-1" } }));
    const refused = await send();
    expect(refused.status).toBe(503);
    expect(refused.headers.get("Retry-After")).toBe("300");
    const { error } = await refused.json();
    expect(error.code).toBe("audit_log_needs_attention");
    expect(error.message).toContain("audit log");
    expect(await counts()).toEqual(before);
    expect(logged).toHaveBeenCalledWith(expect.stringContaining(`entry ${seq} is not part of the chain`));

    await prisma.auditEntry.delete({ where: { seq } });
    const taken = await send();
    expect(taken.status).toBe(201);
    expect(await verifyAuditChain(prisma)).toMatchObject({ ok: true });
  });

  it("refuses a report from the public form with a clear message on the form, keeping what was typed", async () => {
    const before = await counts();
    const typed = { subject: "https://community.example/p/blocked", subjectType: "content", ruleCode: "respect", text: "You are all idiots.", contact: "me@example.org" };
    const res = await call(reportForm.action, formRequest("/report", typed));
    expect(res.status).toBe(503);
    const body = await res.json();
    expect(body.formError).toContain("audit log needs an administrator's attention");
    expect(body.formError).toContain("Your report was not sent");
    expect(body.values).toMatchObject(typed);
    expect(await counts()).toEqual(before);
  });

  it("names the entry in the integrity check on /audit, as the command does, and says the check could not be recorded", async () => {
    const expected = await verifyAuditChain(prisma);
    expect(expected).toMatchObject({ ok: false, firstBad: { seq, reason: `entry ${seq} is not part of the chain: it was added without moving the chain head` } });
    const admin = await loginAs("admin@example.com");
    const res = await respond(() => auditRoute.action(routeArgs(postForm("/audit", { intent: "verify" }, admin))));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ check: expected, unrecorded: `This check could not be recorded in the log: entry ${seq} blocks the chain until it is dealt with.` });
  });

  it("answers a moderator's action with 503 and the reason, changing nothing", async () => {
    const mo = await loginAs("moderator@example.com");
    const c = await prisma.case.findUniqueOrThrow({ where: { ref: caseRef } });
    const { action } = guardRouteModule(caseRoute);
    const res = await respond(() => action!(routeArgs(postForm(`/cases/${caseRef}`, { intent: "CLAIM", version: String(c.version) }, mo), { ref: caseRef })));
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ message: AUDIT_ATTENTION_MESSAGE });
    expect(await prisma.case.findUniqueOrThrow({ where: { ref: caseRef } })).toMatchObject({ state: c.state, version: c.version, assigneeId: null });
  });
});
