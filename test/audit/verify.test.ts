import { execFileSync } from "node:child_process";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { appendAudit } from "~/models/audit/audit.server";
import { entryHash } from "~/models/audit/audit-chain";
import { verifyAuditChain } from "~/models/audit/audit-verify.server";
import { prisma } from "~/utils/db.server";
import { resetDb, rawSql } from "../db";

const root = path.resolve(import.meta.dirname, "../..");

async function appendEntries(n: number) {
  for (let i = 1; i <= n; i++) {
    await prisma.$transaction((tx) =>
      appendAudit(tx, {
        actor: { kind: "system", name: "test" },
        action: i % 2 ? "case.claimed" : "case.dismissed",
        subjectType: "case",
        subjectId: `case-${i}`,
        before: { state: "open" },
        after: { state: i % 2 ? "claimed" : "dismissed", step: i },
        reason: `step ${i}`,
      }),
    );
  }
}

const sql = rawSql;

async function swapSeq(a: number, b: number) {
  await sql(`UPDATE "AuditEntry" SET "seq" = -1 WHERE "seq" = ?`, a);
  await sql(`UPDATE "AuditEntry" SET "seq" = ? WHERE "seq" = ?`, a, b);
  await sql(`UPDATE "AuditEntry" SET "seq" = ? WHERE "seq" = -1`, b);
}

function runCli(): { status: number; stdout: string; stderr: string } {
  try {
    const stdout = execFileSync(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), "scripts/audit-verify.ts"], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: process.env.DATABASE_URL },
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
    return { status: 0, stdout, stderr: "" };
  } catch (error) {
    const e = error as { status: number; stdout: string; stderr: string };
    return { status: e.status, stdout: e.stdout, stderr: e.stderr };
  }
}

describe("verifyAuditChain", () => {
  beforeEach(async () => {
    await resetDb();
    await appendEntries(10);
  });

  it("accepts an intact chain and counts its entries", async () => {
    expect(await verifyAuditChain(prisma)).toEqual({ ok: true, count: 10 });
  });

  it("accepts an empty chain", async () => {
    await resetDb();
    expect(await verifyAuditChain(prisma)).toEqual({ ok: true, count: 0 });
  });

  it("names an entry whose reason was edited", async () => {
    await sql(`UPDATE "AuditEntry" SET "reason" = 'nothing to see' WHERE "seq" = 4`);
    expect(await verifyAuditChain(prisma)).toEqual({
      ok: false,
      count: 3,
      firstBad: { seq: 4, reason: "entry 4 was altered: its hash does not match its contents" },
    });
  });

  it("names an entry whose after-state was edited", async () => {
    await sql(`UPDATE "AuditEntry" SET "after" = '{"state":"open"}' WHERE "seq" = 7`);
    const result = await verifyAuditChain(prisma);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.firstBad.seq).toBe(7);
  });

  it("names an entry that was edited and given a freshly computed hash", async () => {
    const row = await prisma.auditEntry.findUniqueOrThrow({ where: { seq: 4 } });
    const forged = { ...row, reason: "rewritten" };
    await sql(`UPDATE "AuditEntry" SET "reason" = ?, "hash" = ? WHERE "seq" = 4`, forged.reason, entryHash(row.prevHash, forged));
    expect(await verifyAuditChain(prisma)).toMatchObject({
      ok: false,
      firstBad: { seq: 4, reason: "entry 4 was altered: entry 5 was chained to a different version of it" },
    });
  });

  it("names an entry deleted from the middle", async () => {
    await sql(`DELETE FROM "AuditEntry" WHERE "seq" = 5`);
    expect(await verifyAuditChain(prisma)).toEqual({
      ok: false,
      count: 4,
      firstBad: { seq: 5, reason: "entry 6 does not follow entry 4: entry 5 is missing" },
    });
  });

  it("names the first entry when the chain's beginning was deleted", async () => {
    await sql(`DELETE FROM "AuditEntry" WHERE "seq" IN (1, 2)`);
    expect(await verifyAuditChain(prisma)).toMatchObject({
      ok: false,
      firstBad: { seq: 1, reason: "entry 3 does not follow the start of the chain: entries 1–2 are missing" },
    });
  });

  it("names the first of two entries whose places were swapped", async () => {
    await swapSeq(5, 6);
    expect(await verifyAuditChain(prisma)).toEqual({
      ok: false,
      count: 4,
      firstBad: { seq: 5, reason: "entry 5 is out of order: it was written after the entry now numbered 6" },
    });
  });

  it("names the first of two entries whose contents were swapped", async () => {
    const [three, four] = await prisma.auditEntry.findMany({ where: { seq: { in: [3, 4] } }, orderBy: { seq: "asc" } });
    await sql(`UPDATE "AuditEntry" SET "action" = ?, "after" = ? WHERE "seq" = 3`, four.action, four.after);
    await sql(`UPDATE "AuditEntry" SET "action" = ?, "after" = ? WHERE "seq" = 4`, three.action, three.after);
    const swapped = await prisma.auditEntry.findMany({ where: { seq: { in: [3, 4] } }, orderBy: { seq: "asc" } });
    expect(swapped.map((e) => e.action)).toEqual(["case.dismissed", "case.claimed"]);
    expect(await verifyAuditChain(prisma)).toMatchObject({ ok: false, count: 2, firstBad: { seq: 3 } });
  });

  it("detects the last entry being deleted", async () => {
    await sql(`DELETE FROM "AuditEntry" WHERE "seq" = 10`);
    expect(await verifyAuditChain(prisma)).toEqual({
      ok: false,
      count: 9,
      firstBad: { seq: 10, reason: "entry 10 is missing: the chain ends at entry 9 but its head records entry 10" },
    });
  });

  it("detects the last entry being rewritten with a fresh hash", async () => {
    const row = await prisma.auditEntry.findUniqueOrThrow({ where: { seq: 10 } });
    const forged = { ...row, reason: "rewritten" };
    await sql(`UPDATE "AuditEntry" SET "reason" = ?, "hash" = ? WHERE "seq" = 10`, forged.reason, entryHash(row.prevHash, forged));
    expect(await verifyAuditChain(prisma)).toMatchObject({ ok: false, count: 9, firstBad: { seq: 10 } });
  });

  it("detects an entry added without moving the chain head", async () => {
    const last = await prisma.auditEntry.findUniqueOrThrow({ where: { seq: 10 } });
    const extra = { ...last, seq: 11, prevHash: last.hash, reason: "slipped in" };
    await prisma.auditEntry.create({ data: { ...extra, hash: entryHash(last.hash, extra) } });
    expect(await verifyAuditChain(prisma)).toMatchObject({ ok: false, count: 10, firstBad: { seq: 11 } });
  });

  it("checks across batch boundaries", async () => {
    expect(await verifyAuditChain(prisma, { batchSize: 3 })).toEqual({ ok: true, count: 10 });
    expect(await verifyAuditChain(prisma, { batchSize: 5 })).toEqual({ ok: true, count: 10 });
    await sql(`DELETE FROM "AuditEntry" WHERE "seq" = 7`);
    expect(await verifyAuditChain(prisma, { batchSize: 3 })).toMatchObject({ ok: false, count: 6, firstBad: { seq: 7 } });
  });
});

describe("appending to the chain", () => {
  beforeEach(async () => {
    await resetDb();
    await appendEntries(3);
  });

  it("stays whole and gapless after a transaction that appended was rolled back", async () => {
    const failed = prisma.$transaction(async (tx) => {
      await appendAudit(tx, { actor: { kind: "system", name: "test" }, action: "case.claimed", subjectType: "case", subjectId: "lost" });
      throw new Error("the change failed after its entry was appended");
    });
    await expect(failed).rejects.toThrow(/the change failed/);
    await appendEntries(1);
    expect(await verifyAuditChain(prisma)).toEqual({ ok: true, count: 4 });
    expect((await prisma.auditEntry.findMany({ orderBy: { seq: "asc" } })).map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(await prisma.auditEntry.count({ where: { subjectId: "lost" } })).toBe(0);
  });

  it("chains onto an entry another instance appended meanwhile", async () => {
    // Another instance on the same database writes entry 4 and moves the head, as appendAudit does there.
    const head = await prisma.auditHead.findUniqueOrThrow({ where: { id: 1 } });
    const theirs = {
      seq: head.seq + 1, at: new Date(), actorId: null, actorLabel: "system:other-instance", role: "system", action: "case.dismissed",
      subjectType: "case", subjectId: "elsewhere", before: null, after: null, reason: null, requestId: null,
    };
    const theirHash = entryHash(head.hash, theirs);
    await prisma.auditEntry.create({ data: { ...theirs, prevHash: head.hash, hash: theirHash } });
    await sql(`UPDATE "AuditHead" SET "seq" = ?, "hash" = ? WHERE "id" = 1`, theirs.seq, theirHash);

    await appendEntries(1);
    const ours = await prisma.auditEntry.findUniqueOrThrow({ where: { seq: 5 } });
    expect(ours.prevHash).toBe(theirHash);
    expect(await verifyAuditChain(prisma)).toEqual({ ok: true, count: 5 });
  });
});

describe("npm run audit:verify", () => {
  beforeEach(async () => {
    await resetDb();
    await appendEntries(12);
  });

  it("prints the number of verified entries and exits 0 on an intact chain", () => {
    const run = runCli();
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe("verified 12 entries");
  });

  it("exits 1 naming the altered entry", async () => {
    await sql(`UPDATE "AuditEntry" SET "reason" = 'nothing happened' WHERE "seq" = 9`);
    const run = runCli();
    expect(run.status).toBe(1);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("entry 9 was altered: its hash does not match its contents");
  });
});
