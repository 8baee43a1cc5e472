import { beforeAll, describe, expect, it } from "vitest";
import { loader as homeLoader } from "~/routes/_index";
import * as dashboardRoute from "~/routes/dashboard";
import { loader as csvLoader } from "~/routes/dashboard.csv";
import { resetDb } from "../db";
import { reportSubject, userByEmail } from "../factories/cases";
import { seedDemo } from "../factories/demo";
import type { Browser } from "../http";
import { anonymous, getRequest, loginAs, respond, routeArgs } from "../http";
import { renderPage } from "../render-page";
import { applyCaseEvent } from "~/models/cases/case-events.server";

// /dashboard and /dashboard/csv as each kind of person sees them: who may open them, what
// the URL's view does, what a CSV file holds; and where leadership lands after sign-in.

const get = (path: string, browser: Browser) => respond(() => dashboardRoute.loader(routeArgs(getRequest(path, browser))));
const csv = (path: string, browser: Browser) => respond(() => csvLoader(routeArgs(getRequest(path, browser))));

describe("the dashboard's pages", () => {
  let leadership: Browser;
  let lead: Browser;
  let moderator: Browser;

  beforeAll(async () => {
    await resetDb();
    await seedDemo();
    const spam = await reportSubject({ ruleCode: "spam", subject: { type: "content", id: "post-route-1", text: "Buy followers", language: "pl" } });
    await reportSubject({ ruleCode: "respect" });
    await applyCaseEvent({ caseId: spam.id, event: { type: "CLAIM" }, actor: await userByEmail("moderator@example.com") });
    await applyCaseEvent({ caseId: spam.id, event: { type: "DISMISS", reason: "Not spam" }, actor: await userByEmail("moderator@example.com") });
    [leadership, lead, moderator] = await Promise.all(["leadership@example.com", "lead@example.com", "moderator@example.com"].map(loginAs));
  });

  it("opens for leadership, trust & safety leads and admins, and refuses others naming the permission", async () => {
    for (const email of ["leadership@example.com", "lead@example.com", "admin@example.com"]) {
      expect((await get("/dashboard", await loginAs(email))).status, email).toBe(200);
    }
    const refused = await get("/dashboard", moderator);
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain("read:dashboard");
    const visitor = await get("/dashboard?period=30d", anonymous());
    expect(visitor.status).toBe(302);
    expect(visitor.headers.get("Location")).toBe("/login?redirectTo=%2Fdashboard%3Fperiod%3D30d");
  });

  it("shows moderators' workload to leads, never to leadership", async () => {
    const forLead = await (await get("/dashboard", lead)).json();
    expect(forLead.workload).toEqual([{ name: "Mo Moderator", resolved: 1, holding: 0 }]);
    const forLeadership = await (await get("/dashboard", leadership)).json();
    expect(forLeadership.workload).toBeNull();
    const html = await renderPage(getRequest("/dashboard", leadership), "routes/dashboard", "dashboard", dashboardRoute);
    expect(html).not.toContain("Mo Moderator");
    expect(html).not.toContain("Moderator workload");
  });

  it("reads the period and filters from the URL, and names what it could not use, keeping what was typed", async () => {
    const polish = await (await get("/dashboard?period=30d&language=pl", leadership)).json();
    expect(polish.figures.find((f: { key: string }) => f.key === "reports").value).toBe("1");
    expect(polish.period.slots).toHaveLength(30);
    const wrong = await get("/dashboard?period=forever&rule=%3Cscript%3E&source=platform", leadership);
    expect(wrong.status).toBe(400);
    const body = await wrong.json();
    expect(body.errors).toEqual({ period: "Choose a period from the list.", rule: "Choose a rule from the list." });
    expect(body.values).toMatchObject({ period: "forever", rule: "<script>", source: "platform" });
    expect(body.query).toEqual({ period: "7d", source: "platform" });
    const dates = await (await get("/dashboard?period=dates&from=2026-02-30&to=2026-01-01", leadership)).json();
    expect(dates.errors).toEqual({ from: "A date as YYYY-MM-DD." });
    const backwards = await (await get("/dashboard?period=dates&from=2026-03-10&to=2026-03-01", leadership)).json();
    expect(backwards.errors).toEqual({ to: "The last day comes on or after the first." });
  });

  it("renders every chart as SVG with its title, description, a table on request and a CSV link with the view's filters", async () => {
    // The SLA chart counts deadlines by the day they fall due; the case's fall due hours from
    // now, today or tomorrow depending on when the suite runs, so the view takes in next week.
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const view = `period=dates&from=${day(-6)}&to=${day(7)}&language=pl`;
    const html = await renderPage(getRequest(`/dashboard?${view}`, lead), "routes/dashboard", "dashboard", dashboardRoute);
    if (typeof html !== "string") throw new Error(`answered ${html.status}`);
    for (const id of ["volume", "first-response", "resolution", "sla", "escalation", "backlog-age", "by-rule", "by-language", "by-source", "workload"]) {
      expect(html, id).toMatch(new RegExp(`<svg[^>]*aria-labelledby="${id}-title ${id}-desc"`));
      expect(html, id).toContain(`href="/dashboard/csv?${view.replaceAll("&", "&amp;")}&amp;chart=${id}"`);
    }
    expect(html.match(/<summary>Show the data as a table<\/summary>/g)).toHaveLength(10);
    expect(html).not.toMatch(/NaN|undefined/);
    expect(html).toContain("Reports received");
  });

  it("downloads a chart's numbers as CSV with the page's filters, only for those who may see the chart", async () => {
    const res = await csv("/dashboard/csv?chart=by-language&period=30d&language=pl", leadership);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("Content-Disposition")).toMatch(/^attachment; filename="vigil-by-language-30d-\d{4}-\d{2}-\d{2}\.csv"$/);
    const lines = (await res.text()).trim().split("\r\n");
    expect(lines[0]).toBe("Day (UTC),Polish");
    expect(lines).toHaveLength(31);
    expect(lines.slice(1).reduce((n, l) => n + Number(l.split(",")[1]), 0)).toBe(1);

    expect((await csv("/dashboard/csv?chart=workload", leadership)).status).toBe(403);
    const workload = await csv("/dashboard/csv?chart=workload", lead);
    expect(await workload.text()).toContain("Mo Moderator,1,0");
    const unknown = await csv("/dashboard/csv?chart=%27%3Bdrop", leadership);
    expect(unknown.status).toBe(400);
    expect((await csv("/dashboard/csv?chart=volume&period=yesterday", leadership)).status).toBe(400);
    expect((await csv("/dashboard/csv?chart=volume", moderator)).status).toBe(403);
  });

  it("sends leadership and admins to the dashboard when they sign in; case workers to the queue", async () => {
    const home = async (browser: Browser) => (await respond(() => homeLoader(routeArgs(getRequest("/", browser))))).headers.get("Location");
    expect(await home(anonymous())).toBe("/login");
    for (const [email, where] of [
      ["leadership@example.com", "/dashboard"],
      ["admin@example.com", "/dashboard"],
      ["lead@example.com", "/queue"],
      ["comms@example.com", "/cases"],
    ]) {
      expect(await home(await loginAs(email)), email).toBe(where);
    }
  });
});
