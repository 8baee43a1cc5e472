import { beforeEach, describe, expect, it } from "vitest";
import * as dashboardRoute from "~/routes/dashboard";
import { loader as csvLoader } from "~/routes/dashboard.csv";
import { loadDashboard } from "~/models/dashboard/dashboard.server";
import { crisisThroughItsPlaybook } from "../crises/review-helpers";
import type { Browser } from "../http";
import { getRequest, loginAs, respond, routeArgs } from "../http";
import { seedWithPlaybooks } from "../playbooks/helpers";
import { renderPage } from "../render-page";

// The dashboard's crisis timings against crises driven through the write path at known
// minutes, worked out by hand: two crises this week, one the week before.

beforeEach(seedWithPlaybooks);

const DAY = 86_400_000;
const NOW = new Date(Math.floor(Date.now() / 60_000) * 60_000);
const figures = (view: Awaited<ReturnType<typeof loadDashboard>>) => Object.fromEntries((view.crises ?? []).map((f) => [f.key, { value: f.value, previous: f.previous, change: f.change }]));

describe("crisis timings", () => {
  it("are left out until a crisis is declared", async () => {
    const view = await loadDashboard(new URLSearchParams(), { workload: false }, NOW);
    expect(view.crises).toBeNull();
  });

  it("count the crises declared in the period and take the medians from their timelines, against the period before", async () => {
    // This week: declared 10 min after their reports, one resolved 120 min after, one still active.
    await crisisThroughItsPlaybook(new Date(NOW.getTime() - 2 * DAY));
    await crisisThroughItsPlaybook(new Date(NOW.getTime() - 1 * DAY), { resolve: false });
    // The week before: declared after 5 min, resolved after 120.
    await crisisThroughItsPlaybook(new Date(NOW.getTime() - 9 * DAY), { declareAfter: 5 });

    const view = await loadDashboard(new URLSearchParams({ period: "7d" }), { workload: false }, NOW);
    expect(figures(view)).toEqual({
      crises: { value: "2", previous: "1", change: "+1 (+100 %)" },
      crisisToDeclare: { value: "10 min", previous: "5 min", change: "slower" },
      crisisToFirstStatement: { value: "—", previous: "—", change: "nothing to measure" },
      crisisToResolve: { value: "2 h", previous: "2 h", change: "no change" },
      // Each crisis promised an update 30 minutes after its declaration and published none.
      crisisUpdatesOnTime: { value: "0 %", previous: "0 %", change: "no change" },
    });
    expect(view.crises!.find((f) => f.key === "crisisToResolve")!.detail).toBe("1 crisis measured.");
    // The 24 hours hold only the crisis declared a day ago (its report came just before the window opened).
    const day = await loadDashboard(new URLSearchParams({ period: "24h" }), { workload: false }, new Date(NOW.getTime() - DAY + 3_600_000));
    expect(figures(day).crises).toMatchObject({ value: "1" });
  });

  it("show on the page for leadership and download as CSV with the period's values beside the previous ones", async () => {
    await crisisThroughItsPlaybook(new Date(NOW.getTime() - 2 * DAY));
    const leadership: Browser = await loginAs("leadership@example.com");
    const html = await renderPage(getRequest("/dashboard", leadership), "routes/dashboard", "dashboard", dashboardRoute);
    if (typeof html !== "string") throw new Error(`answered ${html.status}`);
    expect(html).toContain('aria-label="Crisis timings"');
    expect(html).toContain("Time to declare, median");
    expect(html).toContain('href="/dashboard/csv?chart=crisis-timings"');

    const res = await respond(() => csvLoader(routeArgs(getRequest("/dashboard/csv?chart=crisis-timings", leadership))));
    expect(res.status).toBe(200);
    const lines = (await res.text()).trim().split(/\r?\n/);
    expect(lines[0]).toBe("Figure,\"Value, the last 7 days\",\"Value, the 7 days before\"");
    expect(lines.slice(1)).toEqual([
      "Crises declared,1,0",
      "\"Time to declare, median (minutes)\",10,",
      "\"Time to first statement, median (minutes)\",,",
      "\"Time to resolve, median (minutes)\",120,",
      "Crisis updates published on time (%),0,",
    ]);
  });
});
