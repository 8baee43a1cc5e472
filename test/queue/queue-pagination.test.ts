import { beforeAll, describe, expect, it } from "vitest";
import { QUEUE_PAGE_SIZE } from "~/models/queue/queue.server";
import { loader } from "~/routes/queue";
import { prisma } from "~/utils/db.server";
import { resetDb } from "../db";
import { seedDemo } from "../factories/demo";
import { loginAs } from "../http";
import type { QueueJson } from "./helpers";
import { openCase, queueAs, refsOf } from "./helpers";

// Keyset pages: following "Next page" from the first page visits every open case exactly
// once, in the order of the sort, even where many cases share a priority or a time.

const RULES = ["spam", "off_topic", "respect", "privacy", "hate", "threats"];
const TOTAL = QUEUE_PAGE_SIZE * 2 + 23;

async function walk(search: string) {
  const browser = await loginAs("moderator@example.com");
  const pages: QueueJson[] = [await queueAs(loader, browser, search)];
  while (pages.at(-1)!.next) {
    const params = new URLSearchParams(search);
    params.set("after", pages.at(-1)!.next!);
    pages.push(await queueAs(loader, browser, `?${params}`));
    if (pages.length > 10) throw new Error("pagination does not end");
  }
  return pages;
}

describe("queue pages", () => {
  let open: { ref: string; priority: number; createdAt: Date }[];

  beforeAll(async () => {
    await resetDb();
    await seedDemo();
    const base = Date.now() - 86_400_000;
    for (let i = 0; i < TOTAL; i++) {
      // Ten cases share each timestamp and six rules share each priority: ties everywhere.
      await openCase({ ruleCode: RULES[i % RULES.length], createdAt: new Date(base + Math.floor(i / 10) * 60_000) });
    }
    open = await prisma.case.findMany({ where: { isOpen: true }, select: { ref: true, priority: true, createdAt: true } });
  });

  for (const sort of ["priority", "age"] as const) {
    it(`visit every case exactly once, in ${sort} order`, async () => {
      const pages = await walk(`?sort=${sort}`);
      expect(pages.map((p) => p.cases.length)).toEqual([QUEUE_PAGE_SIZE, QUEUE_PAGE_SIZE, TOTAL - 2 * QUEUE_PAGE_SIZE]);
      const seen = pages.flatMap(refsOf);
      expect(new Set(seen).size).toBe(seen.length);
      expect(new Set(seen)).toEqual(new Set(open.map((c) => c.ref)));

      const rows = pages.flatMap((p) => p.cases);
      const key = sort === "priority" ? (c: (typeof rows)[number]) => -c.priority : (c: (typeof rows)[number]) => Date.parse(c.createdAt);
      for (let i = 1; i < rows.length; i++) expect(key(rows[i]), `row ${i}`).toBeGreaterThanOrEqual(key(rows[i - 1]));
      // The counts describe the whole queue, not the page.
      expect(pages.every((p) => p.counts.total === TOTAL)).toBe(true);
    });
  }

  it("page within a filter, and keep the filter on every page", async () => {
    const pages = await walk("?sort=age&band=low");
    const low = open.filter((c) => c.priority < 50);
    expect(low.length).toBeGreaterThan(QUEUE_PAGE_SIZE);
    expect(new Set(pages.flatMap(refsOf))).toEqual(new Set(low.map((c) => c.ref)));
    expect(pages.flatMap(refsOf)).toHaveLength(low.length);
    expect(pages[1].filters).toMatchObject({ sort: "age", band: "low" });
  });
});
