import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { beforeEach, describe, expect, it } from "vitest";
import { loader as health } from "~/routes/healthz";
import { appendAudit } from "~/models/audit/audit.server";
import { createDb, prisma } from "~/utils/db.server";
import { resetDb } from "./db";

describe("health and audit basics", () => {
  beforeEach(resetDb);

  it("answers 200 {ok:true} when the database answers", async () => {
    const res = await health();
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  it("answers 503 {ok:false} when the database does not answer", async () => {
    // A real client whose database cannot be opened: its path is a directory.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vigil-health-"));
    const working = globalThis.__vigilPrisma;
    globalThis.__vigilPrisma = createDb(`file:${dir}`);
    try {
      const res = await health();
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ ok: false });
    } finally {
      globalThis.__vigilPrisma = working;
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses to seed demo data when NODE_ENV=production", async () => {
    const root = path.resolve(import.meta.dirname, "..");
    const run = promisify(execFile);
    const failure = await run(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), "prisma/seed.ts"], {
      cwd: root,
      env: { ...process.env, NODE_ENV: "production" },
    }).catch((error: { code: number; stderr: string }) => error);
    expect(failure).toMatchObject({ code: 1 });
    expect((failure as { stderr: string }).stderr).toContain("Refusing to seed demo data when NODE_ENV=production.");
    expect(await prisma.user.count()).toBe(0);
  });

  it("chains audit entries from the genesis hash", async () => {
    const a = await prisma.$transaction((tx) =>
      appendAudit(tx, { actor: { kind: "system", name: "test" }, action: "test.one", subjectType: "test", subjectId: "1" }),
    );
    const b = await prisma.$transaction((tx) =>
      appendAudit(tx, { actor: { kind: "system", name: "test" }, action: "test.two", subjectType: "test", subjectId: "2" }),
    );
    expect(a.seq).toBe(1);
    expect(b.seq).toBe(2);
    expect(b.prevHash).toBe(a.hash);
  });
});
