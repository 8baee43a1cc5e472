import { expect, test } from "./fixtures";

// An admin adds a tier to the escalation policy, mostly from the keyboard: adds it, types
// its key and label, moves it above the crisis team, forgets its roles (the message shows
// beside them, nothing typed is lost), picks one, and publishes the next version. Then the
// same form without JavaScript: every button is a plain form post.

test("an admin adds a tier with the keyboard, is told what is missing, and publishes the next version", async ({ page, login }) => {
  await login("admin@example.com");
  await page.goto("/admin/escalation");
  const heading = page.getByRole("heading", { name: /^Current: version \d+$/ });
  const current = Number(/(\d+)$/.exec((await heading.textContent()) ?? "")![1]);
  const editor = page.getByRole("form", { name: "Edit the policy" });
  const tiers = await editor.getByRole("group", { name: /^Tier \d+/ }).count();

  await editor.getByRole("button", { name: "Add a tier" }).click();
  const added = editor.getByRole("group", { name: new RegExp(`^Tier ${tiers + 1}`) });
  // The new tier's key has the focus: type straight into it, Tab to the label.
  await expect(added.getByLabel("Key", { exact: true })).toBeFocused();
  await page.keyboard.type("executive");
  await page.keyboard.press("Tab");
  await expect(added.getByLabel("Label", { exact: true })).toBeFocused();
  await page.keyboard.type("Executive review");
  await expect(added.getByLabel(`Tier ${tiers + 1}, Critical: first response minutes`)).toHaveValue("5");

  // Move it above the last tier with the keyboard; the focus follows it.
  await added.getByRole("button", { name: `Move tier ${tiers + 1} up` }).focus();
  await page.keyboard.press("Enter");
  const moved = editor.getByRole("group", { name: `Tier ${tiers}: Executive review` });
  await expect(moved.getByRole("button", { name: `Move tier ${tiers} up` })).toBeFocused();
  await expect(editor.getByRole("group", { name: new RegExp(`^Tier ${tiers + 1}: Crisis team`) })).toBeVisible();

  await editor.getByLabel("Why it changes").fill("Executives review cases legal hands up.");
  await editor.getByRole("button", { name: `Publish version ${current + 1}` }).click();
  await expect(editor.getByRole("alert")).toHaveText("Nothing was published: one field needs attention.");
  const roles = moved.getByRole("group", { name: "Who may act" });
  await expect(roles).toContainText("Choose at least one role that may act on this tier.");
  await expect(moved.getByLabel("Key", { exact: true })).toHaveValue("executive");
  await expect(editor.getByLabel("Why it changes")).toHaveValue("Executives review cases legal hands up.");
  await expect(heading).toHaveText(`Current: version ${current}`);

  await roles.getByLabel("Admin", { exact: true }).check();
  await editor.getByRole("button", { name: `Publish version ${current + 1}` }).click();
  await expect(page.getByRole("status").filter({ hasText: "Published version" })).toContainText(`Published version ${current + 1}.`);
  await expect(heading).toHaveText(`Current: version ${current + 1}`);
  await expect(page.getByRole("region", { name: `Current: version ${current + 1}` })).toContainText("Executive review");
  const history = page.getByRole("table", { name: /^Versions, newest first/ });
  const newest = history.getByRole("row").nth(1);
  await expect(newest).toContainText(`${current + 1} current`);
  await expect(newest).toContainText("Ada Admin (admin@example.com)");
  await expect(newest).toContainText("Executives review cases legal hands up.");
  await expect(history.getByText("current", { exact: true })).toHaveCount(1);
});

test("the editor works as a plain HTML form, without JavaScript", async ({ personAt }) => {
  const page = await personAt("admin@example.com", { javaScriptEnabled: false });
  await page.goto("/admin/escalation");
  const heading = page.getByRole("heading", { name: /^Current: version \d+$/ });
  const current = Number(/(\d+)$/.exec((await heading.textContent()) ?? "")![1]);
  const editor = page.getByRole("form", { name: "Edit the policy" });
  const tiers = await editor.getByRole("group", { name: /^Tier \d+/ }).count();

  await editor.getByRole("group", { name: /^Tier 1/ }).getByLabel("Label", { exact: true }).fill("Front line");
  await editor.getByRole("button", { name: "Add a tier" }).click();
  const added = editor.getByRole("group", { name: new RegExp(`^Tier ${tiers + 1}`) });
  await expect(added.getByLabel("Key", { exact: true })).toHaveValue("");
  // The server answered with the draft: what was typed before the button is still there.
  await expect(editor.getByRole("group", { name: /^Tier 1/ }).getByLabel("Label", { exact: true })).toHaveValue("Front line");
  await added.getByLabel("Key", { exact: true }).fill("board");
  await added.getByLabel("Label", { exact: true }).fill("Board");
  await added.getByRole("group", { name: "Who may act" }).getByLabel("Leadership (read-only)").check();
  await editor.getByRole("button", { name: `Remove tier ${tiers + 1}` }).click();
  await expect(editor.getByRole("group", { name: /^Tier \d+/ })).toHaveCount(tiers);

  await editor.getByLabel("Why it changes").fill("The first tier is the front line.");
  await editor.getByRole("button", { name: `Publish version ${current + 1}` }).click();
  await expect(heading).toHaveText(`Current: version ${current + 1}`);
  await expect(page.getByRole("region", { name: `Current: version ${current + 1}` })).toContainText("Front line");
});
