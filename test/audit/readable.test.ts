import { beforeEach, describe, expect, it } from "vitest";
import { actionWords, fieldChanges } from "~/models/audit/audit-words";
import { action, loader } from "~/routes/audit";
import { prisma } from "~/utils/db.server";
import { resetDb } from "../db";
import { reportSubject } from "../factories/cases";
import { seedDemo } from "../factories/demo";
import type { Browser } from "../http";
import { getRequest, loginAs, postForm, respond, routeArgs } from "../http";

// The audit log as a person reads it: subjects by name with a link, actions in words,
// what changed field by field, and a report's reference finding its case's story.

const context = { requestId: "req-audit-readable" };
type Row = { seq: number; action: string; subject: string; subjectHref: string | null };

async function page(who: Browser, query = ""): Promise<{ entries: Row[] }> {
  return (await respond(() => loader(routeArgs(getRequest(`/audit${query}`, who), {}, context)))).json();
}

beforeEach(async () => {
  await resetDb();
  await seedDemo();
});

describe("the audit log for people", () => {
  it("links each case's entries to the case, and a report reference finds its case's entries", async () => {
    const c = await reportSubject();
    await reportSubject({ subjectId: "another-post" });
    const report = await prisma.report.findFirstOrThrow({ where: { caseId: c.id } });
    const leadership = await loginAs("leadership@example.com");
    const byReport = await page(leadership, `?subjectId=${report.ref}`);
    expect(byReport.entries.length).toBeGreaterThan(0);
    expect(byReport.entries.every((e) => e.subject === `Case ${c.ref}` && e.subjectHref === `/cases/${c.ref}`)).toBe(true);
    const all = await page(leadership);
    const reportRow = all.entries.find((e) => e.subject === `Report ${report.ref}`);
    expect(reportRow?.subjectHref).toBe(`/cases/${c.ref}`);
  });

  it("says actions in words and shows what changed field by field, changed fields first", () => {
    expect(actionWords("case.undo_dismiss")).toBe("Case: undo dismiss");
    expect(actionWords("api_key.created")).toBe("API key: created");
    const rows = fieldChanges(JSON.stringify({ state: "new", version: 1, assigneeId: null }), JSON.stringify({ state: "in_review", version: 2, assigneeId: null }));
    expect(rows).toEqual([
      { field: "state", before: "new", after: "in_review", changed: true },
      { field: "version", before: "1", after: "2", changed: true },
      { field: "assigneeId", before: "none", after: "none", changed: false },
    ]);
    expect(fieldChanges(null, "not json")).toEqual([{ field: "value", before: "—", after: "not json", changed: true }]);
  });
});

describe("signing a checkpoint from /audit", () => {
  it("signs the head for someone who may verify, records who asked, and refuses others", async () => {
    await reportSubject();
    const leadership = await loginAs("leadership@example.com");
    const res = await respond(() => action(routeArgs(postForm("/audit", { intent: "checkpoint" }, leadership), {}, context)));
    expect(res.status).toBe(200);
    const body = await res.json();
    const head = await prisma.auditHead.findUniqueOrThrow({ where: { id: 1 } });
    expect(body).toMatchObject({ created: true, checkpoint: { seq: head.seq - 1 } });
    expect(await prisma.auditEntry.findFirst({ where: { action: "audit.checkpoint_signed", actorLabel: "leadership@example.com" } })).not.toBeNull();

    const lead = await loginAs("lead@example.com");
    const refused = await respond(() => action(routeArgs(postForm("/audit", { intent: "checkpoint" }, lead), {}, context)));
    expect(refused.status).toBe(403);
    expect(await prisma.auditCheckpoint.count()).toBe(1);
  });
});
