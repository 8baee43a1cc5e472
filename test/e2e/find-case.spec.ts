import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";

// A member quotes the reference on their receipt; a moderator types it into the nav's
// search box and lands on the case. Handles with several cases list them; a miss says so.

async function reportPost(page: Page, text: string) {
  const url = `https://community.example/p/${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
  await page.goto("/report");
  await page.getByLabel("Link to the post or account, or its id").fill(url);
  await page.getByLabel("Which rule does it break?").selectOption({ label: "Respectful communication" });
  await page.getByLabel("The text, as you see it (optional)").fill(text);
  await page.getByRole("button", { name: "Send report" }).click();
  await expect(page.getByRole("heading", { name: "Thank you: your report was received" })).toBeVisible();
  return { url, reference: (await page.locator("strong.mono").innerText()).trim() };
}

test("a moderator types a report reference from a receipt into the nav box and lands on its case", async ({ page, personAt }) => {
  const { url, reference } = await reportPost(page, "Nobody wants you here, loser.");
  expect(reference).toMatch(/^R-/);

  const mo = await personAt("moderator@example.com");
  await mo.goto("/");
  const box = mo.getByRole("search", { name: "Find a case" }).getByRole("searchbox");
  await box.fill(`  ${reference.toLowerCase()} `);
  await box.press("Enter");
  await expect(mo).toHaveURL(/\/cases\/C-[2-9A-Z]{8}$/);
  await expect(mo.getByRole("heading", { level: 1, name: /^Case C-/ })).toBeVisible();
  await expect(mo.getByText("Nobody wants you here, loser.")).toBeVisible();
  await expect(mo.getByText(url).first()).toBeVisible();

  // The same case from its link, pasted with a tracking parameter.
  const caseUrl = mo.url();
  await box.fill(`${url}?utm_source=email`);
  await box.press("Enter");
  await expect(mo).toHaveURL(caseUrl);

  // A miss says so and keeps what was typed.
  await box.fill("@nobody-reported-this");
  await box.press("Enter");
  await expect(mo.getByText(/No case matches “@nobody-reported-this”/)).toBeVisible();
  await expect(box).toHaveValue("@nobody-reported-this");
  const axe = await new AxeBuilder({ page: mo }).analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);

  // The queue row shows the subject and a line of the text.
  await mo.goto("/queue?sort=age");
  await expect(mo.getByRole("row").filter({ hasText: "Nobody wants you here, loser." }).first()).toBeVisible();
});
