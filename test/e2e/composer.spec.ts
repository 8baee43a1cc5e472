import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "./fixtures";

// The reply composer offers only what the case can fill, shows each text as the reporter
// gets it beside the moderator's language, and looks like a choice, not a warning.

test("the composer hides the outcome until there is one and shows the moderator's language beside the reporter's", async ({ personAt, page }) => {
  await page.goto("/report");
  await page.getByLabel("Link to the post or account, or its id").fill(`https://community.example/p/pl-composer-${Date.now()}`);
  await page.getByLabel("Which rule does it break?").selectOption({ label: "Illegal content" });
  await page.getByLabel("The text, as you see it (optional)").fill("Sprzedam kradzione karty, kurwa, tanio.");
  await page.getByLabel("Language of the text (optional)").selectOption("pl");
  await page.getByRole("button", { name: "Send report" }).click();
  await expect(page.getByRole("heading", { name: "Thank you: your report was received" })).toBeVisible();

  const mo = await personAt("moderator@example.com", { locale: "en-GB" });
  await mo.goto("/queue");
  const ref = (await mo.getByRole("link", { name: /^C-/ }).first().innerText()).trim();
  await mo.goto(`/cases/${ref}`);

  const messages = mo.getByRole("region", { name: "Messages" });
  const ack = messages.getByRole("radio", { name: /acknowledge_reporter\.in_app v1 \(pl\)/ });
  await expect(ack).toBeVisible();
  await expect(messages.getByRole("radio", { name: /outcome_reporter/ })).toHaveCount(0);
  await expect(messages).toContainText("Not offered: outcome_reporter.in_app needs the case's outcome, and the case has none yet.");

  // The text the reporter gets, and beside it the same in the moderator's language, not sent.
  const choice = messages.locator(".message-choice").filter({ has: mo.getByRole("radio", { name: /acknowledge_reporter\.in_app v1 \(pl\)/ }) });
  await expect(choice).toContainText("Sent in Polish");
  await expect(choice.locator('[lang="pl"]')).toContainText(`Dziękujemy`);
  await expect(choice).toContainText("In English, for you to read (not sent)");
  await expect(choice.locator('[lang="en"]')).toContainText(`Thank you for your report.`);
  await expect(ack).toHaveAccessibleDescription(/Sent in Polish.*In English, for you to read/);

  // A neutral frame of its own, not the amber of the ban proposal's warning.
  const warn = await mo.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue("--warn").trim());
  expect(warn).toBe("#9a6700");
  expect(await choice.evaluate((el) => getComputedStyle(el).borderTopColor)).not.toBe("rgb(154, 103, 0)");
  await ack.check();
  expect(await choice.evaluate((el) => getComputedStyle(el).borderTopColor)).toBe("rgb(11, 92, 173)");

  const axe = await new AxeBuilder({ page: mo }).include(".case-messages").analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);

  // Once the case is decided, the outcome is offered first.
  await mo.getByRole("button", { name: "Claim", exact: true }).click();
  const act = mo.getByRole("form", { name: "Act" });
  await act.getByLabel("Action").selectOption("remove_content");
  await act.getByLabel("Rule").selectOption("illegal");
  await act.getByLabel("Reason").fill("Offers stolen payment cards.");
  await act.getByRole("button", { name: "Act", exact: true }).click();
  await expect(mo.getByText(/current state: actioned/i).first()).toBeVisible();
  const outcome = messages.getByRole("radio", { name: /outcome_reporter\.in_app v1 \(pl\)/ });
  await expect(outcome).toBeVisible();
  await expect(messages).not.toContainText("Not offered: outcome_reporter");
  await expect(messages.locator(".message-choice").filter({ has: mo.getByRole("radio", { name: /outcome_reporter\.in_app v1 \(pl\)/ }) })).toContainText("Outcome: content removed.");
});
