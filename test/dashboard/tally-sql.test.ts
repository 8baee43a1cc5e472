import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { DURATION_BOUNDS_MS, durationBucket, percentileOf, readingWords } from "~/models/dashboard/durations";
import { storeDialect } from "~/models/dashboard/rollups.server";
import { dashboardTriggers, FIRST_RESPONSE_COLUMNS, RESOLUTION_COLUMNS, rebuildSql, triggerSql } from "~/models/dashboard/tally-sql";
import { prisma } from "~/utils/db.server";
import { resetDb } from "../db";
import { reportSubject } from "../factories/cases";
import { seedDemo } from "../factories/demo";

// The rollups' SQL is written once in tally-sql.ts and copied into the migration; the
// duration buckets live in TypeScript and in that SQL. Both pairs must agree.

const migrationsOf = (store: string) => {
  const dir = path.resolve(import.meta.dirname, `../../prisma/migrations/${store}`);
  return fs
    .readdirSync(dir)
    .filter((name) => /^\d{4}_/.test(name))
    .sort()
    .map((name) => ({ name, sql: fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8").replaceAll("CREATE TRIGGER IF NOT EXISTS", "CREATE TRIGGER") }));
};

describe("the rollups' SQL", () => {
  it("is in each store's migrations as tally-sql.ts writes it: the backfill, and each trigger where it was last written", () => {
    for (const store of ["sqlite", "postgresql"] as const) {
      const migrations = migrationsOf(store);
      expect(migrations.find((m) => m.name === "0010_dashboard_tally")?.sql).toContain(rebuildSql(store));
      for (const trigger of dashboardTriggers(store)) {
        const last = migrations.filter((m) => m.sql.includes(`CREATE TRIGGER "${trigger.name}"`)).at(-1);
        expect(last, `${store}: no migration creates ${trigger.name}`).toBeDefined();
        expect(last!.sql, `${store}: ${last!.name} holds another ${trigger.name}`).toContain(triggerSql(trigger, store));
      }
    }
  });

  it("leaves the store with exactly the rollup triggers tally-sql.ts lists, none replaced and left behind", async () => {
    // A trigger left from an earlier migration would count its rows twice.
    const rows =
      storeDialect() === "sqlite"
        ? await prisma.$queryRawUnsafe<{ name: string }[]>(`SELECT "name" FROM sqlite_master WHERE "type" = 'trigger'`)
        : await prisma.$queryRawUnsafe<{ name: string }[]>(`SELECT DISTINCT "trigger_name" AS "name" FROM information_schema.triggers WHERE "trigger_schema" = current_schema()`);
    const rollupTrigger = /_dashboard_|_sla_deadline_|_peak_|^Case_ban_proposal$/;
    const inStore = rows.map((r) => r.name).filter((name) => rollupTrigger.test(name)).sort();
    expect(inStore).toEqual(dashboardTriggers(storeDialect()).map((t) => t.name).sort());
  });
});

describe("durations", () => {
  beforeAll(async () => {
    await resetDb();
    await seedDemo();
  });

  it("fall in the same bucket in the triggers as in TypeScript, at every bound", async () => {
    expect(storeDialect()).toMatch(/sqlite|postgresql/);
    const edges = [-60_000, 0, ...DURATION_BOUNDS_MS.flatMap((b) => [b, b + 1]), 30 * 86_400_000];
    const c = await reportSubject();
    const opened = new Date("2026-03-02T08:00:00.000Z");
    for (const ms of edges) {
      await prisma.case.update({ where: { id: c.id }, data: { createdAt: opened, firstRespondedAt: null, resolvedAt: null } });
      await prisma.case.update({ where: { id: c.id }, data: { firstRespondedAt: new Date(opened.getTime() + ms), resolvedAt: new Date(opened.getTime() + ms) } });
      const rows = await prisma.dashboardTally.findMany({ where: { day: new Date(opened.getTime() + ms).toISOString().slice(0, 10) } });
      const counted = (columns: string[]) => columns.flatMap((col, i) => Array(rows.reduce((n, r) => n + Number(r[col as keyof typeof r]), 0)).fill(i));
      expect(counted(FIRST_RESPONSE_COLUMNS), `first response after ${ms} ms`).toEqual([durationBucket(ms)]);
      expect(counted(RESOLUTION_COLUMNS), `resolution after ${ms} ms`).toEqual([durationBucket(ms)]);
    }
  });

  it("give a percentile as the bound that share of them stays within", () => {
    // 10 durations: 6 within 5 min, 3 within 30 min, 1 over 7 days.
    const histogram = [6, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1];
    expect(readingWords(percentileOf(histogram, 50))).toBe("within 5 min");
    expect(readingWords(percentileOf(histogram, 60))).toBe("within 5 min");
    expect(readingWords(percentileOf(histogram, 61))).toBe("within 30 min");
    expect(readingWords(percentileOf(histogram, 90))).toBe("within 30 min");
    expect(readingWords(percentileOf(histogram, 91))).toBe("over 7 d");
    expect(percentileOf(Array(15).fill(0), 50)).toBeNull();
  });
});
