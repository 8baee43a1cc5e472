import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { signCheckpoint } from "~/models/audit/audit-checkpoints.server";
import { entryHash } from "~/models/audit/audit-chain";
import type { ExportedEntry } from "~/models/audit/audit-file";
import { verifyExportLines } from "~/models/audit/audit-file";
import type { AuditInput } from "~/models/audit/audit.server";
import { appendAudit } from "~/models/audit/audit.server";
import { loader as exportLoader } from "~/routes/audit.export";
import { loader as wellKnown } from "~/routes/[.well-known].vigil-audit";
import { prisma } from "~/utils/db.server";
import { resetDb } from "../db";
import { seedDemo } from "../factories/demo";
import type { Browser } from "../http";
import { getRequest, loginAs, respond, routeArgs } from "../http";

// Exports an auditor can verify with nothing but the file, and checkpoints that prove the
// log has only grown since one was kept.

const root = path.resolve(import.meta.dirname, "../..");
const context = { requestId: "req-export-test" };

function append(input: Partial<AuditInput> & { action: string }) {
  return prisma.$transaction((tx) => appendAudit(tx, { actor: { kind: "system", name: "scheduler" }, subjectType: "Case", subjectId: "c1", ...input }));
}

async function exportAs(who: Browser, query: string) {
  const res = await respond(() => exportLoader(routeArgs(getRequest(`/audit/export?${query}`, who), {}, context)));
  return { res, text: res.status === 200 ? await res.text() : "" };
}

const lines = (text: string) => text.split("\n").filter(Boolean);

function runCli(args: string[]): { status: number; out: string } {
  try {
    const out = execFileSync(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), "scripts/audit-verify.ts", ...args], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    return { status: 0, out };
  } catch (error) {
    const e = error as { status: number; stdout: string; stderr: string };
    return { status: e.status, out: e.stdout + e.stderr };
  }
}

let leadership: Browser;
beforeEach(async () => {
  await resetDb();
  await seedDemo();
  for (let i = 0; i < 12; i++) await append({ action: i % 3 ? "case.claim" : "case.dismiss", subjectId: `c${i % 4}`, after: { step: i, text: 'a "quoted", line\nwith =formula' } });
  leadership = await loginAs("leadership@example.com");
});

describe("/audit/export", () => {
  it("streams every entry as NDJSON that verifies with nothing but the file, and audits the export", async () => {
    const head = await prisma.auditHead.findUniqueOrThrow({ where: { id: 1 } });
    const { res, text } = await exportAs(leadership, "format=ndjson");
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toContain("application/x-ndjson");
    expect(res.headers.get("Content-Disposition")).toMatch(/attachment; filename="vigil-audit-\d{4}-\d{2}-\d{2}-\d{4}\.ndjson"/);
    const [header, ...entries] = lines(text).map((l) => JSON.parse(l));
    expect(header).toMatchObject({ vigilAuditExport: 1, throughSeq: head.seq, count: head.seq, filters: {} });
    expect(entries.map((e: ExportedEntry) => e.seq)).toEqual(Array.from({ length: head.seq }, (_, i) => i + 1));
    expect(Number(res.headers.get("X-Vigil-Entries"))).toBe(head.seq);
    expect(verifyExportLines(lines(text))).toMatchObject({ ok: true, entries: head.seq, linked: head.seq - 1, gaps: 0 });

    const audited = await prisma.auditEntry.findFirstOrThrow({ where: { action: "audit.exported" } });
    expect(audited.seq).toBe(head.seq + 1);
    expect(audited.actorLabel).toContain("leadership@example.com");
    expect(JSON.parse(audited.after!)).toMatchObject({ format: "ndjson", count: head.seq, throughSeq: head.seq });
  });

  it("names the first entry that was edited, moved or removed in the file", async () => {
    const text = (await exportAs(leadership, "format=ndjson")).text;
    const edited = lines(text);
    const seventh = JSON.parse(edited[7]);
    edited[7] = JSON.stringify({ ...seventh, actorLabel: "someone else" });
    expect(verifyExportLines(edited)).toMatchObject({ ok: false, seq: seventh.seq, line: 8, reason: expect.stringContaining(`entry ${seventh.seq} (line 8) was altered`) });

    const removed = lines(text).filter((_, i) => i !== 5);
    expect(verifyExportLines(removed)).toMatchObject({ ok: false, seq: 5, reason: "entry 5 is missing or out of place before entry 6 (line 6)" });

    const swapped = lines(text);
    [swapped[3], swapped[4]] = [swapped[4], swapped[3]];
    expect(verifyExportLines(swapped)).toMatchObject({ ok: false, seq: 3, reason: "entry 3 is missing or out of place before entry 4 (line 4)" });

    // A whole history rewritten from entry 6 on, every hash recomputed: consistent in itself,
    // so only a head hash or a checkpoint the auditor kept can tell.
    const original = lines(text);
    const rewritten = [original[0]];
    let prevHash = "";
    for (const line of original.slice(1)) {
      const e = JSON.parse(line) as ExportedEntry;
      if (e.seq < 6) {
        rewritten.push(line);
        prevHash = e.hash;
        continue;
      }
      const changed = { ...e, prevHash, reason: e.seq === 6 ? "rewritten" : e.reason };
      changed.hash = entryHash(prevHash, { ...changed, at: new Date(changed.at) });
      prevHash = changed.hash;
      rewritten.push(JSON.stringify(changed));
    }
    expect(verifyExportLines(rewritten).ok).toBe(true);
    const trueHead = JSON.parse(original.at(-1)!).hash as string;
    expect(verifyExportLines(rewritten, { head: trueHead })).toMatchObject({ ok: false, reason: "no entry in the file has the known head hash" });
  });

  it("exports only what the filters match, and each filtered entry still verifies on its own", async () => {
    const { text } = await exportAs(leadership, "format=ndjson&action=case.dismiss");
    const [header, ...entries] = lines(text).map((l) => JSON.parse(l));
    expect(header.filters).toEqual({ action: "case.dismiss" });
    expect(entries.length).toBe(4);
    expect(entries.every((e: ExportedEntry) => e.action === "case.dismiss")).toBe(true);
    const check = verifyExportLines(lines(text));
    expect(check).toMatchObject({ ok: true, entries: 4, gaps: 3 });
  });

  it("writes CSV with one row per entry, quoting text and neutralising formulas", async () => {
    const { res, text } = await exportAs(leadership, "format=csv&subjectId=c1");
    expect(res.headers.get("Content-Type")).toContain("text/csv");
    expect(text.split("\r\n")[0]).toBe("seq,at,actorId,actorLabel,role,action,subjectType,subjectId,before,after,reason,requestId,prevHash,hash");
    expect(text).toContain('"{""step"":1,""text"":""a \\""quoted\\"", line\\nwith =formula""}"');
    expect(text.split("\r\n").filter(Boolean)).toHaveLength(1 + 3);
  });

  it("refuses people without read:audit and answers a bad query with 400, exporting nothing", async () => {
    const before = await prisma.auditEntry.count();
    const moderator = await loginAs("moderator@example.com");
    expect((await exportAs(moderator, "format=ndjson")).res.status).toBe(403);
    const bad = await exportAs(leadership, "format=xml");
    expect(bad.res.status).toBe(400);
    expect((await bad.res.json()).message).toContain("Choose ndjson or csv");
    expect((await exportAs(leadership, "from=9999-12-31T23:59")).res.status).toBe(400);
    expect(await prisma.auditEntry.count()).toBe(before);
  });
});

describe("signed checkpoints", () => {
  it("publishes the key and checkpoints, and an export verifies against a kept checkpoint", async () => {
    const signed = await signCheckpoint(prisma);
    expect(signed?.created).toBe(true);
    expect((await signCheckpoint(prisma))?.created).toBe(false); // one per head
    const res = await respond(() => wellKnown());
    expect(res.headers.get("Cache-Control")).toContain("public");
    const published = await res.json();
    expect(published.key).toMatchObject({ algorithm: "Ed25519", keyId: signed!.checkpoint.keyId });
    expect(published.checkpoints[0]).toEqual(signed!.checkpoint);

    await append({ action: "case.close" });
    const { text } = await exportAs(leadership, "format=ndjson");
    const checkpoint = { key: published.key, checkpoint: published.checkpoints[0] };
    expect(verifyExportLines(lines(text), { checkpoint })).toMatchObject({ ok: true });

    const forged = { ...checkpoint, checkpoint: { ...checkpoint.checkpoint, hash: "f".repeat(64) } };
    expect(verifyExportLines(lines(text), { checkpoint: forged })).toMatchObject({ ok: false, reason: "the checkpoint's signature does not match the published key" });
  });

  it("audit:verify --file passes on an export and fails naming the entry after one line is edited", async () => {
    await signCheckpoint(prisma);
    const published = await (await respond(() => wellKnown())).json();
    const { text } = await exportAs(leadership, "format=ndjson");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vigil-export-"));
    const file = path.join(dir, "export.ndjson");
    const cp = path.join(dir, "vigil-audit.json");
    fs.writeFileSync(file, text);
    fs.writeFileSync(cp, JSON.stringify(published));
    const ok = runCli(["--file", file, "--checkpoint", cp]);
    expect(ok.status).toBe(0);
    expect(ok.out).toMatch(/verified \d+ entries \(entries 1–\d+\), matching the checkpoint at entry \d+/);

    const edited = lines(text);
    const third = JSON.parse(edited[3]);
    edited[3] = JSON.stringify({ ...third, reason: "edited later" });
    fs.writeFileSync(file, `${edited.join("\n")}\n`);
    const bad = runCli(["--file", file]);
    expect(bad.status).toBe(1);
    expect(bad.out).toContain(`entry ${third.seq} (line 4) was altered`);
  });
});
