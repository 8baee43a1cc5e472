import fs from "node:fs";
import { e2eDb } from "./database";
import { expect, test } from "./fixtures";
import { signIn } from "./helpers";

// Leadership opens Vigil and lands on the dashboard; changes the period, narrows it to one
// language, reads a chart's numbers as a table and downloads them as CSV. A trust & safety
// lead also sees who decided how many cases; leadership never does.

const DAY = 86_400_000;

test("leadership lands on the dashboard, changes the period, filters by language, opens a chart's table and downloads its CSV", async ({ page }) => {
  await signIn(page, "leadership@example.com");
  await expect(page).toHaveURL(/\/dashboard$/);
  await expect(page.getByRole("heading", { name: "Dashboard", level: 1 })).toBeVisible();
  await expect(page.getByRole("link", { name: "Dashboard" })).toHaveAttribute("aria-current", "page");

  await page.getByLabel("Period", { exact: true }).selectOption({ label: "Last 30 days" });
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/\?period=30d/);
  await expect(page.getByText("Showing the last 30 days, compared with the 30 days before.")).toBeVisible();

  await page.getByLabel("Language", { exact: true }).selectOption({ label: "Polish" });
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/period=30d/);
  await expect(page).toHaveURL(/language=pl/);
  const since = new Date(Date.now() - 30 * DAY);
  const polish = await e2eDb().report.count({ where: { language: "pl", receivedAt: { gte: since } } });
  expect(polish).toBeGreaterThan(0);
  const reports = page.getByRole("list", { name: "Headline figures" }).getByRole("listitem").filter({ hasText: /^Reports received/ });
  await expect(reports.locator(".figure-value")).toHaveText(String(polish));

  const chart = page.getByRole("figure", { name: "Reports by language" });
  await expect(chart.getByRole("img", { name: /Reports by language/ })).toBeVisible();
  await chart.getByText("Show the data as a table").click();
  const table = chart.getByRole("table", { name: "Reports by language" });
  await expect(table).toBeVisible();
  await expect(table.getByRole("columnheader", { name: "Polish" })).toBeVisible();
  await expect(table.getByRole("row")).toHaveCount(31);

  const downloading = page.waitForEvent("download");
  await chart.getByRole("link", { name: "Download “Reports by language” as CSV" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^vigil-by-language-30d-\d{4}-\d{2}-\d{2}\.csv$/);
  const lines = fs.readFileSync(await download.path(), "utf8").trim().split("\r\n");
  expect(lines[0]).toBe("Day (UTC),Polish");
  expect(lines).toHaveLength(31);
  expect(lines.slice(1).reduce((n, line) => n + Number(line.split(",")[1]), 0)).toBe(polish);
});

test("a trust & safety lead sees moderators' workload; leadership does not, not even as CSV", async ({ personAt }) => {
  // A moderator dismisses a case from the queue, so there is work to show.
  const mo = await personAt("moderator@example.com");
  await mo.goto("/queue");
  const ref = (await mo.getByRole("link", { name: /^C-/ }).first().innerText()).trim();
  await mo.getByRole("checkbox", { name: `Select ${ref}` }).check();
  await mo.getByRole("button", { name: "Dismiss as spam…" }).click();
  await mo.getByRole("dialog", { name: "Dismiss 1 case as spam?" }).getByRole("button", { name: "Yes, dismiss 1 case" }).click();
  await expect(mo.getByRole("status").filter({ hasText: "Dismissed as spam: 1 of 1 case done." })).toBeVisible();

  const lead = await personAt("lead@example.com");
  await lead.goto("/dashboard");
  await expect(lead.getByRole("heading", { name: "Moderator workload", level: 2 })).toBeVisible();
  const workload = lead.getByRole("figure", { name: "Moderator workload" });
  await workload.getByText("Show the data as a table").click();
  await expect(workload.getByRole("row", { name: /Mo Moderator/ })).toBeVisible();

  const leadership = await personAt("leadership@example.com");
  await leadership.goto("/dashboard");
  await expect(leadership.getByRole("heading", { name: "Reports and cases", level: 2 })).toBeVisible();
  await expect(leadership.getByText("Moderator workload")).toHaveCount(0);
  await expect(leadership.getByText("Mo Moderator")).toHaveCount(0);
  const refused = await leadership.request.get("/dashboard/csv?chart=workload");
  expect(refused.status()).toBe(403);
});
