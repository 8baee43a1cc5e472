import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";

// The migrations check (scripts/migrations-check.mjs) on the committed migrations,
// and on copies changed the ways a schema change can go wrong. The offline cases
// run in the SQLite project; PostgreSQL's replay runs in the PostgreSQL project.
const root = path.resolve(import.meta.dirname, "../..");
const store = process.env.VIGIL_TEST_STORE;
// Tests about one store are registered only in that store's run (not reported as skipped in the other).
const onStore = (which: string) => (store === which ? it : ((() => undefined) as unknown as typeof it));
const onPostgres = store === "postgresql" ? ["--postgres", process.env.DATABASE_URL!] : [];
const TIMEOUT = 120_000;

function script(name: string, args: string[]): Promise<{ status: number; output: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [path.join(root, "scripts", name), ...args], { cwd: root }, (error, stdout, stderr) => {
      resolve({ status: error ? Number(error.code ?? 1) : 0, output: stdout + stderr });
    });
  });
}

let copies: string[] = [];
afterEach(() => {
  for (const dir of copies) fs.rmSync(dir, { recursive: true, force: true });
  copies = [];
});

/** A copy of the schema and both stores' migrations, the schema given a new column. */
function copyWithNewColumn() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vigil-migrations-"));
  copies.push(dir);
  fs.cpSync(path.join(root, "prisma/migrations"), path.join(dir, "migrations"), { recursive: true });
  const schema = fs.readFileSync(path.join(root, "prisma/schema.prisma"), "utf8");
  const changed = schema.replace(/(model AuditHead \{[^}]*?)\n\}/, "$1\n  note String?\n}");
  expect(changed).not.toBe(schema);
  fs.writeFileSync(path.join(dir, "schema.prisma"), changed);
  return { dir, args: ["--schema", path.join(dir, "schema.prisma"), "--migrations", path.join(dir, "migrations")] };
}

describe("the migrations check", () => {
  it("accepts the committed migrations of both stores", { timeout: TIMEOUT }, async () => {
    const result = await script("migrations-check.mjs", onPostgres);
    expect(result.output).toContain("Migrations are in step with the schema");
    expect(result.status).toBe(0);
  });

  onStore("sqlite")("fails when the schema changed and neither store has a migration for it", { timeout: TIMEOUT }, async () => {
    const { args } = copyWithNewColumn();
    const result = await script("migrations-check.mjs", args);
    expect(result.status).toBe(1);
    expect(result.output).toMatch(/changed since .*migrations\/sqlite was last generated/);
    expect(result.output).toMatch(/changed since .*migrations\/postgresql was last generated/);
    expect(result.output).toContain('ALTER TABLE "AuditHead" ADD COLUMN');
  });

  onStore("sqlite")("fails when only SQLite's migrations followed a schema change", { timeout: TIMEOUT }, async () => {
    const { dir, args } = copyWithNewColumn();
    const pgSnapshot = fs.readFileSync(path.join(dir, "migrations/postgresql/schema.snapshot.prisma"));
    expect((await script("new-migration.mjs", ["audit_head_note", "--no-generate", ...args])).status).toBe(0);
    // Undo the PostgreSQL half, as if the SQLite migration had been written alone.
    const written = fs.readdirSync(path.join(dir, "migrations/postgresql")).find((name) => name.endsWith("_audit_head_note"))!;
    fs.rmSync(path.join(dir, "migrations/postgresql", written), { recursive: true });
    fs.writeFileSync(path.join(dir, "migrations/postgresql/schema.snapshot.prisma"), pgSnapshot);

    const result = await script("migrations-check.mjs", args);
    expect(result.status).toBe(1);
    expect(result.output).toMatch(new RegExp(`migrations/postgresql has no ${written}, which .*migrations/sqlite has`));
    expect(result.output).toMatch(/changed since .*migrations\/postgresql was last generated/);
    expect(result.output).not.toMatch(/migrations\/sqlite (was last generated|do not build)/);
  });

  onStore("sqlite")("accepts what npm run db:migration writes for both stores", { timeout: TIMEOUT }, async () => {
    const { dir, args } = copyWithNewColumn();
    expect((await script("new-migration.mjs", ["audit_head_note", "--no-generate", ...args])).status).toBe(0);
    for (const provider of ["sqlite", "postgresql"]) {
      const written = fs.readdirSync(path.join(dir, `migrations/${provider}`)).find((name) => name.endsWith("_audit_head_note"))!;
      const sql = fs.readFileSync(path.join(dir, `migrations/${provider}/${written}/migration.sql`), "utf8");
      expect(sql).toMatch(/ALTER TABLE "AuditHead" ADD COLUMN\s+"note" TEXT;/);
    }
    const result = await script("migrations-check.mjs", args);
    expect(result.output).toContain("Migrations are in step with the schema");
    expect(result.status).toBe(0);
  });

  onStore("postgresql")("fails when a PostgreSQL migration does not build what its snapshot says", { timeout: TIMEOUT }, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vigil-migrations-"));
    copies.push(dir);
    fs.cpSync(path.join(root, "prisma/migrations"), path.join(dir, "migrations"), { recursive: true });
    const init = path.join(dir, "migrations/postgresql/0001_init/migration.sql");
    const sql = fs.readFileSync(init, "utf8");
    const edited = sql.replace(/-- CreateIndex\nCREATE INDEX "AuditEntry_at_idx"[^;]*;\n/, "");
    expect(edited).not.toBe(sql);
    fs.writeFileSync(init, edited);

    const result = await script("migrations-check.mjs", ["--migrations", path.join(dir, "migrations"), ...onPostgres]);
    expect(result.status).toBe(1);
    expect(result.output).toMatch(/migrations\/postgresql do not build .*they lack:\n[^]*"AuditEntry_at_idx"/);
  });
});
