import { beforeEach, describe, expect, it } from "vitest";
import { bandOf } from "~/models/cases/priority";
import type { QueueFilters } from "~/models/queue/queue-filters.server";
import { OPEN_STATES, SLA_AGE_KEYS } from "~/models/queue/queue-filters.server";
import { PRIORITY_BAND_KEYS } from "~/models/cases/priority";
import { countCasesDirectly, queueCounts } from "~/models/queue/queue-counts.server";
import { prisma } from "~/utils/db.server";
import { resetDb } from "../db";
import { userByEmail } from "../factories/cases";
import { seedDemo } from "../factories/demo";
import { act, openCase } from "./helpers";

// The queue's counts come from a tally kept by triggers on "Case". These tests move cases
// through every kind of change the write path makes and check the tally against the
// cases themselves, and the counts against counting the cases directly.

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);

async function talliedByCombination() {
  const rows = await prisma.queueTally.findMany({ where: { count: { gt: 0 } } });
  return rows.map((r) => `${r.state}|${r.ruleCode}|${r.language}|${r.band}|${r.assigneeId}=${r.count}`).sort();
}

async function openCasesByCombination() {
  const open = await prisma.case.findMany({ where: { isOpen: true }, select: { state: true, ruleCode: true, language: true, priority: true, assigneeId: true } });
  const counts = new Map<string, number>();
  for (const c of open) {
    const key = `${c.state}|${c.ruleCode}|${c.language ?? ""}|${bandOf(c.priority)}|${c.assigneeId ?? ""}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([key, n]) => `${key}=${n}`).sort();
}

describe("queue counts", () => {
  let moderatorId: string;

  beforeEach(async () => {
    await resetDb();
    await seedDemo();
    moderatorId = (await userByEmail("moderator@example.com")).id;
    const ages = [2, 20, 40, 59, 61, 100, 239, 241, 600, 1439, 1441, 5000];
    const rules = ["spam", "respect", "hate", "privacy", "off_topic", "threats"];
    const languages = ["en", "pl", "it", "de", "zh"];
    const cases = [];
    for (let i = 0; i < 24; i++) {
      cases.push(await openCase({ ruleCode: rules[i % rules.length], language: languages[i % languages.length], createdAt: minutesAgo(ages[i % ages.length]) }));
    }
    // Every kind of change the write path makes to what the queue filters on.
    await act(cases[0].id, "moderator@example.com", { type: "CLAIM" });
    await act(cases[1].id, "senior@example.com", { type: "CLAIM" });
    await act(cases[2].id, "moderator@example.com", { type: "CLAIM" });
    await act(cases[2].id, "moderator@example.com", { type: "RELEASE" });
    await act(cases[3].id, "moderator@example.com", { type: "CLAIM" });
    await act(cases[3].id, "moderator@example.com", { type: "DISMISS", reason: "No breach" });
    await act(cases[4].id, "moderator@example.com", { type: "CLAIM" });
    await act(cases[4].id, "moderator@example.com", { type: "REQUEST_INFO", reason: "Which post?" });
    await act(cases[5].id, "moderator@example.com", { type: "CLAIM" });
    await act(cases[5].id, "moderator@example.com", { type: "ESCALATE", reason: "Needs a senior" });
    await act(cases[6].id, "moderator@example.com", { type: "CLAIM" });
    await act(cases[6].id, "moderator@example.com", { type: "ACT", action: "ban", ruleCode: "hate", reason: "Repeated abuse" });
    await act(cases[7].id, "senior@example.com", { type: "ASSIGN", assigneeId: moderatorId, assigneeRoles: ["moderator"] });
    await act(cases[8].id, "moderator@example.com", { type: "CLAIM" });
    await act(cases[8].id, "moderator@example.com", { type: "ACT", action: "remove_content", ruleCode: "spam", reason: "Spam link" });
    // A closed case reopens with a more severe rule, a higher priority and a language filled in.
    const subject = await prisma.case.findUniqueOrThrow({ where: { id: cases[3].id } });
    const { recordReport } = await import("~/models/intake/intake.server");
    await recordReport(
      { source: "form", subject: { type: "content", id: subject.subjectId, text: "I know where you live", language: "pl" }, ruleCode: "threats" },
      { actor: { kind: "member" } },
    );
  });

  it("keep the tally equal to the open cases through claims, releases, resolutions, escalation, approval and reopening", async () => {
    const expected = await openCasesByCombination();
    expect(expected.length).toBeGreaterThan(10);
    expect(await talliedByCombination()).toEqual(expected);
  });

  it("answer what counting the cases directly answers, for every single filter and for combinations", async () => {
    const now = new Date();
    const present = await prisma.case.findMany({ where: { isOpen: true }, select: { ruleCode: true, language: true } });
    const singles: Omit<QueueFilters, "sort">[] = [
      {},
      ...OPEN_STATES.map((state) => ({ state })),
      ...[...new Set(present.map((c) => c.ruleCode))].map((rule) => ({ rule })),
      ...[...new Set(present.flatMap((c) => (c.language ? [c.language] : [])))].map((language) => ({ language })),
      ...PRIORITY_BAND_KEYS.map((band) => ({ band })),
      { assignee: "mine" as const },
      { assignee: "unassigned" as const },
      ...SLA_AGE_KEYS.map((sla) => ({ sla })),
    ];
    const combinations = [
      ...singles,
      { state: "new" as const, sla: "1h" as const },
      { language: "en", assignee: "unassigned" as const, sla: "30m" as const },
      { rule: "spam", band: "low" as const, sla: "24h" as const },
      { state: "in_review" as const, assignee: "mine" as const, language: "pl" },
      { band: "critical" as const, sla: "4h" as const, state: "new" as const },
    ];
    for (const filters of combinations) {
      const query = { ...filters, sort: "priority" as const };
      const direct = await countCasesDirectly(query, moderatorId, now);
      expect(await queueCounts(query, moderatorId, now), JSON.stringify(filters)).toEqual(direct);
    }
    // Not a vacuous comparison: the filters do split the cases.
    const all = await countCasesDirectly({ sort: "priority" }, moderatorId, now);
    expect(all.total).toBeGreaterThan(15);
    expect(Object.values(all.sla).filter((n) => n > 0 && n < all.total).length).toBe(SLA_AGE_KEYS.length);
  });

  it("put each priority into the band the queue names, at every band's edges", async () => {
    const edges = [0, 49, 50, 79, 80, 99, 100, 140];
    const c = await openCase({ ruleCode: "spam" });
    for (const priority of edges) {
      // The write path moves priority as reports arrive; here it is set straight to each edge.
      await prisma.case.update({ where: { id: c.id }, data: { priority } });
      const row = await prisma.queueTally.findFirstOrThrow({ where: { count: { gt: 0 }, ruleCode: "spam", language: "en", state: "new", assigneeId: "" } });
      expect(row.band, `priority ${priority}`).toBe(bandOf(priority));
    }
  });
});
