import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";

// "Dismiss as spam" on the queue asks first, then offers an undo that brings the case back;
// with JavaScript the question is a modal dialog, without it a second page. Both end the same.

async function reportIllegalPost(page: Page, text: string) {
  await page.goto("/report");
  await page.getByLabel("Link to the post or account, or its id").fill(`https://community.example/p/spam-${Date.now()}-${Math.floor(Math.random() * 1e6)}`);
  await page.getByLabel("Which rule does it break?").selectOption({ label: "Illegal content" });
  await page.getByLabel("The text, as you see it (optional)").fill(text);
  await page.getByLabel("Language of the text (optional)").selectOption("en");
  await page.getByRole("button", { name: "Send report" }).click();
  await expect(page.getByRole("heading", { name: "Thank you: your report was received" })).toBeVisible();
}

/** The ref of the case at the top of the queue: illegal content with a listed word sorts first, newest among equals. */
async function topOfQueue(page: Page) {
  await page.goto("/queue");
  return (await page.getByRole("link", { name: /^C-/ }).first().innerText()).trim();
}

test("dismissing as spam asks first in a dialog, and Undo brings the case back to the queue", async ({ personAt, page }) => {
  await reportIllegalPost(page, "Cheap stolen cards, DM me you shit heads.");
  const mo = await personAt("moderator@example.com");
  const ref = await topOfQueue(mo);
  const row = mo.getByRole("row", { name: new RegExp(ref) });

  await mo.getByRole("checkbox", { name: `Select ${ref}` }).check();
  await mo.getByRole("button", { name: "Dismiss as spam…" }).click();
  const dialog = mo.getByRole("dialog", { name: "Dismiss 1 case as spam?" });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(ref);
  await expect(dialog).toContainText("You can undo this for 10 minutes afterwards.");
  // The safe answer has the focus.
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
  const axe = await new AxeBuilder({ page: mo }).include(".confirm-dialog").analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
  // Nothing has happened yet; cancelling leaves the case where it is.
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await expect(row).toContainText("New");

  await mo.getByRole("button", { name: "Dismiss as spam…" }).click();
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Yes, dismiss 1 case" }).click();
  await expect(mo.getByRole("status").filter({ hasText: "Dismissed as spam: 1 of 1 case done." })).toBeVisible();
  await expect(mo.getByRole("link", { name: ref, exact: true }).first()).toBeVisible();
  await expect(row).toHaveCount(1); // the result table's row
  await expect(mo.locator(".queue-table").getByRole("link", { name: ref })).toHaveCount(0);

  await expect(mo.getByText(/Until \d{4}-\d\d-\d\d \d\d:\d\d UTC: the case goes back to where it was\./)).toBeVisible();
  await mo.getByRole("button", { name: "Undo", exact: true }).click();
  await expect(mo.getByRole("status").filter({ hasText: "Dismissal undone: 1 of 1 case done." })).toBeVisible();
  await expect(mo.getByRole("cell", { name: "Dismissal undone: back in the queue." })).toBeVisible();
  const back = mo.locator(".queue-table").getByRole("row", { name: new RegExp(ref) });
  await expect(back).toContainText("New");

  await mo.goto(`/cases/${ref}`);
  const timeline = mo.getByRole("region", { name: "Timeline" });
  await expect(timeline).toContainText("Dismiss (in review → dismissed)");
  await expect(timeline).toContainText("Undo dismissal (dismissed → in review)");
  await expect(timeline).toContainText("Release (in review → new)");
});

test("without JavaScript the confirmation is a page of its own, and Undo works the same", async ({ personAt, page }) => {
  await reportIllegalPost(page, "Stolen cards for sale, you bastards, cheap.");
  const mo = await personAt("moderator@example.com", { javaScriptEnabled: false });
  const ref = await topOfQueue(mo);

  await mo.getByRole("checkbox", { name: `Select ${ref}` }).check();
  await mo.getByRole("button", { name: "Dismiss as spam…" }).click();
  await expect(mo).toHaveURL(/\/queue\/bulk/);
  const question = mo.getByRole("dialog", { name: "Dismiss 1 case as spam?" });
  await expect(question).toBeVisible();
  await expect(question).toContainText(ref);
  await question.getByRole("button", { name: "Yes, dismiss 1 case" }).click();
  await expect(mo.getByRole("status").filter({ hasText: "Dismissed as spam: 1 of 1 case done." })).toBeVisible();

  await mo.getByRole("button", { name: "Undo", exact: true }).click();
  await expect(mo.getByRole("status").filter({ hasText: "Dismissal undone: 1 of 1 case done." })).toBeVisible();
  await mo.goto("/queue");
  await expect(mo.locator(".queue-table").getByRole("row", { name: new RegExp(ref) })).toContainText("New");
});

test("a dismissal on the case page can be undone there while the window is open", async ({ personAt, page }) => {
  await reportIllegalPost(page, "More stolen cards, shit heads, cheap.");
  const mo = await personAt("moderator@example.com");
  const ref = await topOfQueue(mo);
  await mo.goto(`/cases/${ref}`);
  await mo.getByRole("button", { name: "Claim", exact: true }).click();
  const dismiss = mo.getByRole("form", { name: "Dismiss" });
  await dismiss.getByLabel("Reason for dismissing").fill("Reported by mistake.");
  await dismiss.getByRole("button", { name: "Dismiss" }).click();
  await expect(mo.getByText(/current state: dismissed/i).first()).toBeVisible();

  const undo = mo.getByRole("form", { name: "Undo dismissal" });
  await expect(undo).toContainText(/Until \d{4}-\d\d-\d\d \d\d:\d\d UTC the dismissal can be taken back/);
  await undo.getByRole("button", { name: "Undo dismissal" }).click();
  await expect(mo.getByText(/current state: in review/i).first()).toBeVisible();
  await expect(mo.getByText(/^Held by you until/)).toBeVisible();
  await expect(mo.getByRole("form", { name: "Undo dismissal" })).toHaveCount(0);
});
