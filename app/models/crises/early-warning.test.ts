import { describe, expect, it } from "vitest";
import type { MonitorConfig, ReportFacts } from "./early-warning";
import { proposals, spikes } from "./early-warning";

// The monitor's arithmetic on a raid's window: in a raid the hour's window holds tens of
// thousands of reports, and every one of them counts towards "overall". Grouping that copied
// a signal's reports for each new one took time in the square of the window (minutes for
// this one, on the event loop that answers intake); it is one pass.

const CONFIG: MonitorConfig = { windowsMinutes: [60], baselineDays: 7, minReports: 25, factor: 5, coolDownMs: 0 };

function report(i: number, author: string): ReportFacts {
  return { id: `r${i}`, caseId: `c${i % 5000}`, ruleCode: i % 2 ? "respect" : "spam", language: "en", authorHandle: author };
}

describe("the early-warning monitor over a raid's window", () => {
  it("counts 200,000 reports under each of their signals and proposes the raid's author", () => {
    const current = Array.from({ length: 200_000 }, (_, i) => report(i, i % 4 === 0 ? "@bystander" : "@raider"));
    const past = Array.from({ length: 7 }, (_, day) => Array.from({ length: 300 }, (_, i) => report(1_000_000 + day * 1000 + i, "@regular")));
    const found = spikes(60, current, past, CONFIG);
    const counts = Object.fromEntries(found.map((c) => [c.signal, c.count]));
    expect(counts).toEqual({
      "author:@raider": 150_000,
      "author:@bystander": 50_000,
      "rule:respect": 100_000,
      "rule:spam": 100_000,
      "language:en": 200_000,
      overall: 200_000,
    });
    expect(found.find((c) => c.signal === "overall")?.baseline).toBe(300);
    expect(found.find((c) => c.signal === "author:@raider")?.caseIds).toHaveLength(3750);
    expect(proposals(found, () => false).map((c) => c.signal)).toEqual(["author:@raider", "author:@bystander"]);
  });
});
