import { expect, test } from "./fixtures";
import { signIn, signOut } from "./helpers";

// A member reports a post in Polish; a moderator finds its case; leadership checks
// the audit trail's integrity. The one spec that signs in and out through the login page:
// every other spec signs in with the `login` or `personAt` fixture.
test("a Polish report reaches the moderators and the audit chain verifies", async ({ page }) => {
  const postUrl = `https://community.example/p/${Date.now()}`;
  const text = "Jesteś kompletnym idiotą i wszyscy o tym wiedzą.";

  await page.goto("/report");
  await page.getByLabel("Link to the post or account, or its id").fill(postUrl);
  await page.getByLabel("Which rule does it break?").selectOption({ label: "Respectful communication" });
  await page.getByLabel("The text, as you see it (optional)").fill(text);
  await page.getByLabel("Language of the text (optional)").selectOption("pl");
  await page.getByLabel("Anything else the moderators should know? (optional)").fill("To już trzeci raz w tym tygodniu.");
  await page.getByRole("button", { name: "Send report" }).click();

  await expect(page.getByRole("heading", { name: "Thank you: your report was received" })).toBeVisible();
  const reference = await page.locator("strong.mono").innerText();
  expect(reference).toMatch(/^R-/);

  await signIn(page, "moderator@example.com");
  // The newest case comes first in the plain case list.
  await page.goto("/cases");
  const row = page.getByRole("row").nth(1);
  await expect(row).toContainText("pl");
  await row.getByRole("link").first().click();
  await expect(page.getByText(text)).toBeVisible();
  await expect(page.getByText(postUrl).first()).toBeVisible();
  await signOut(page);

  await signIn(page, "leadership@example.com");
  await page.goto("/audit");
  // Actions read as words; the key stays on hover.
  await expect(page.getByRole("cell", { name: "Report: received" }).first()).toBeVisible();
  await expect(page.locator('abbr[title="report.received"]').first()).toBeVisible();
  await page.getByRole("button", { name: /integrity check/i }).click();
  await expect(page.getByText(/Integrity check passed: \d+ entries verified/)).toBeVisible();
});

test("a moderator is refused the audit log with the missing permission named", async ({ page, login }) => {
  await login("moderator@example.com");
  const response = await page.goto("/audit");
  expect(response?.status()).toBe(403);
  await expect(page.getByText("read:audit")).toBeVisible();
});
