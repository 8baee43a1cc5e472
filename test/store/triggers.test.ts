import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { isSqlite, prisma } from "~/utils/db.server";

// Tallies and rollups are kept by triggers (the queue's, the dashboard's, the playbook
// versions' guard). On SQLite a migration that rebuilds a table (Prisma's way to add a
// column with a default or change an index) drops every trigger on it without a word, and
// the figures silently stop adding up. Every trigger the migrations create, and do not drop
// again, must exist in the migrated database.

const root = path.resolve(import.meta.dirname, "../..");

function triggersTheMigrationsLeave(store: "sqlite" | "postgresql"): string[] {
  const dir = path.join(root, "prisma/migrations", store);
  const kept = new Set<string>();
  for (const folder of fs.readdirSync(dir).filter((name) => /^\d{4}_/.test(name)).sort()) {
    const sql = fs.readFileSync(path.join(dir, folder, "migration.sql"), "utf8");
    for (const m of sql.matchAll(/(CREATE(?: OR REPLACE)? TRIGGER(?: IF NOT EXISTS)?|DROP TRIGGER(?: IF EXISTS)?)\s+"?([A-Za-z0-9_]+)"?/g)) {
      if (m[1].startsWith("DROP")) kept.delete(m[2]);
      else kept.add(m[2]);
    }
  }
  return [...kept].sort();
}

describe("the migrated database", () => {
  it("has every trigger the migrations create and do not drop", async () => {
    const store = isSqlite() ? "sqlite" : "postgresql";
    const expected = triggersTheMigrationsLeave(store);
    expect(expected.length).toBeGreaterThan(10);
    const rows = isSqlite()
      ? await prisma.$queryRawUnsafe<{ name: string }[]>(`SELECT "name" FROM "sqlite_master" WHERE "type" = 'trigger'`)
      : await prisma.$queryRawUnsafe<{ name: string }[]>(`SELECT DISTINCT "tgname" AS "name" FROM "pg_trigger" WHERE NOT "tgisinternal"`);
    const present = new Set(rows.map((r) => r.name));
    expect(expected.filter((name) => !present.has(name))).toEqual([]);
  });
});
