import { expect, test } from "./fixtures";

// What keeps long pages and the nav short: the admin pages behind one menu, the escalation
// policy's tiers folded to one line each. (every-page.spec.ts checks every page's width.)

test("an admin opens the rules from the Admin menu, which closes on the way", async ({ page, login }) => {
  await login("admin@example.com");
  await page.goto("/queue");
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Rules" })).toBeHidden();
  await nav.getByText("Admin", { exact: true }).click();
  await nav.getByRole("link", { name: "Rules" }).click();
  await expect(page.getByRole("heading", { name: "Community rules" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Rules" })).toBeHidden();
});

test("a moderator's nav has no Admin menu", async ({ page, login }) => {
  await login("moderator@example.com");
  await page.goto("/queue");
  await expect(page.getByRole("navigation", { name: "Main" }).getByText("Admin", { exact: true })).toHaveCount(0);
});

test("the escalation policy folds every tier but the first to one line, and opens one on request", async ({ page, login }) => {
  await login("admin@example.com");
  await page.goto("/admin/escalation");
  const editor = page.getByRole("form", { name: "Edit the policy" });
  const first = editor.getByRole("group", { name: /^Tier 1/ });
  const second = editor.getByRole("group", { name: /^Tier 2/ });
  await expect(first.getByLabel("Key", { exact: true })).toBeVisible();
  await expect(second.getByLabel("Key", { exact: true })).toBeHidden();
  await expect(second.getByText(/^Who may act: Senior moderator, Trust & safety lead · critical: \d+ \/ \d+ minutes$/)).toBeVisible();
  await second.getByText(/^Who may act:/).click();
  await expect(second.getByLabel("Key", { exact: true })).toBeVisible();
  await expect(second.getByRole("group", { name: "Who may act" }).getByLabel("Senior moderator")).toBeChecked();
});
