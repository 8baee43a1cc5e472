import { beforeEach, describe, expect, it } from "vitest";
import type { NewCase } from "~/models/cases/cases.server";
import { createCase, newCaseRow } from "~/models/cases/cases.server";
import { prisma } from "~/utils/db.server";
import { resetDb } from "../db";
import { seedDemo } from "../factories/demo";

// A first report's case is written in two places (decision 26): by the client (a report
// that finds its subject's case after a race, or whose rule skips tiers) and with raw SQL
// on the lane, from `newCaseRow`. Both must give a case the same columns.

const data = (subjectId: string): NewCase => ({
  ref: `C-${subjectId.toUpperCase().padEnd(8, "2").slice(0, 8)}`,
  subjectKey: `content:${subjectId}`,
  subjectType: "content",
  subjectId,
  source: "platform",
  subjectUrl: "https://community.example/p/7",
  subjectUrlKey: "community.example/p/7",
  authorHandle: "@author",
  authorKey: "author",
  text: "You are all idiots",
  language: "en",
  ruleCode: "harassment",
  severity: 3,
  priority: 72,
  priorityBreakdown: [{ factor: "severity", value: 3, points: 60, explanation: "The rule is severe." }],
  reporterCount: 1,
  at: new Date("2026-12-07T03:00:00.000Z"),
});

describe("a first report's case row", () => {
  beforeEach(async () => {
    await resetDb();
    await seedDemo();
  });

  it("has on the lane every column the client gives the same case, with the same values", async () => {
    const created = await prisma.$transaction((tx) => createCase(tx, data("ABCDEFGH")));
    const row = newCaseRow(data("ABCDEFGH"), { policyVersionId: null, firstResponseDueAt: null, resolutionDueAt: null });
    expect(Object.keys(row).sort()).toEqual(Object.keys(created).sort());
    expect({ ...row, id: "*" }).toEqual({ ...created, id: "*" });
  });
});
