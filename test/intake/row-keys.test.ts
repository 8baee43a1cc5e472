import { beforeEach, describe, expect, it } from "vitest";
import { action } from "~/routes/api.v1.reports";
import { prisma } from "~/utils/db.server";
import { resetDb } from "../db";
import { seedDemo } from "../factories/demo";
import { apiRequest, call, reportBody } from "./helpers";

// A raid writes a case, a report and the case's timers for every report. Rows whose keys
// come after every key before them are appended to the end of each index; random keys land
// each on another page of each index, and every such page is written to the log again at
// the commit (decision 26: random timer ids were a fifth of what a raid wrote to disk).

async function newRows(after: Date) {
  const [cases, reports, timers] = await Promise.all([
    prisma.case.findMany({ where: { createdAt: { gte: after } }, select: { id: true } }),
    prisma.report.findMany({ where: { receivedAt: { gte: after } }, select: { id: true } }),
    prisma.timer.findMany({ where: { createdAt: { gte: after } }, select: { id: true } }),
  ]);
  return { cases: cases.map((r) => r.id), reports: reports.map((r) => r.id), timers: timers.map((r) => r.id) };
}

describe("the keys of the rows a report writes", () => {
  beforeEach(async () => {
    await resetDb();
    await seedDemo();
  });

  it("sort after the keys of every row written before them", async () => {
    const since = new Date();
    let written = await newRows(since);
    for (let i = 0; i < 6; i++) {
      const res = await call(action, apiRequest("/api/v1/reports", { body: reportBody(`row-keys-${i}`) }));
      expect(res.status).toBe(201);
      const now = await newRows(since);
      for (const kind of ["cases", "reports", "timers"] as const) {
        const added = now[kind].filter((id) => !written[kind].includes(id));
        expect(added.length, `${kind} written by report ${i + 1}`).toBeGreaterThan(0);
        for (const id of added) for (const earlier of written[kind]) expect(id > earlier, `${kind}: ${id} after ${earlier}`).toBe(true);
      }
      written = now;
    }
  });
});
