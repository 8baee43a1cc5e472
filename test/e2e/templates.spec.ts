import { expect, test } from "./fixtures";

test("a comms lead approves a template the admin drafted; the admin cannot approve it", async ({ personAt }) => {
  const admin = await personAt("admin@example.com");
  await admin.goto("/templates");
  await admin.getByLabel("Key").fill("thank_you.in_app.short");
  await admin.getByLabel("Purpose").selectOption("thank_you");
  await admin.getByLabel("Channel").selectOption("in_app");
  await admin.getByLabel("Text in the default language").fill("Thank you for your report, {{reporter.handle}}.");
  await admin.getByRole("button", { name: "Create draft" }).click();
  await expect(admin.getByRole("heading", { name: "Template thank_you.in_app.short" })).toBeVisible();

  // Add Polish in a new tab, reached with the keyboard, with its live preview.
  await admin.getByLabel("Add a language").fill("pl");
  await admin.getByRole("button", { name: "Add", exact: true }).click();
  await expect(admin.getByRole("tab", { name: "pl" })).toHaveAttribute("aria-selected", "true");
  await admin.getByLabel("Text (pl)").fill("Dziękujemy za zgłoszenie, {{reporter.handle}}.");
  await expect(admin.getByRole("region", { name: "Preview (pl)" })).toContainText("Dziękujemy za zgłoszenie, @river.");
  await admin.getByRole("tab", { name: "pl" }).press("ArrowLeft");
  await expect(admin.getByRole("tab", { name: "en" })).toBeFocused();
  await admin.getByRole("button", { name: "Save as new draft" }).click();
  await expect(admin.getByRole("status")).toContainText("Saved as a new draft: version 2.");
  await expect(admin.getByRole("region", { name: "Changes from version 1 to 2" })).toContainText("Dziękujemy");
  await admin.getByRole("button", { name: "Submit for review" }).click();
  await expect(admin.getByRole("status")).toContainText("Submitted for review: version 2.");
  await expect(admin.getByRole("button", { name: "Approve" })).toHaveCount(0);

  const comms = await personAt("comms@example.com");
  await comms.goto("/templates/thank_you.in_app.short");
  await expect(comms.getByText("Written by admin@example.com")).toBeVisible();
  await comms.getByRole("button", { name: "Approve" }).click();
  await expect(comms.getByRole("status")).toContainText("Approved: version 2.");
  await expect(comms.getByRole("heading", { name: /Version 2\s+approved/ })).toBeVisible();
});

test("a moderator resolves a Polish case and the reporter's outcome appears in the message log with its version", async ({ personAt, page }) => {
  await page.goto("/report");
  await page.getByLabel("Link to the post or account, or its id").fill(`https://community.example/p/pl-${Date.now()}`);
  await page.getByLabel("Which rule does it break?").selectOption({ label: "Illegal content" });
  await page.getByLabel("The text, as you see it (optional)").fill("Sprzedam kradzione karty, kurwa.");
  await page.getByLabel("Language of the text (optional)").selectOption("pl");
  await page.getByRole("button", { name: "Send report" }).click();
  await expect(page.getByRole("heading", { name: "Thank you: your report was received" })).toBeVisible();

  const mo = await personAt("moderator@example.com");
  await mo.goto("/queue");
  const ref = (await mo.getByRole("link", { name: /^C-/ }).first().innerText()).trim();
  await mo.goto(`/cases/${ref}`);
  await mo.getByRole("button", { name: "Claim", exact: true }).click();
  const act = mo.getByRole("form", { name: "Act" });
  await act.getByLabel("Action").selectOption("remove_content");
  await act.getByLabel("Rule").selectOption("illegal");
  await act.getByLabel("Reason").fill("Offers stolen payment cards.");
  await act.getByRole("button", { name: "Act", exact: true }).click();
  await expect(mo.getByText(/current state: actioned/i).first()).toBeVisible();

  const messages = mo.getByRole("region", { name: "Messages" });
  const outcome = messages.getByRole("radio", { name: /outcome_reporter\.in_app v1 \(pl\)/ });
  await expect(outcome).toBeVisible();
  await expect(messages).toContainText(`Sprawdziliśmy sprawę ${ref}`);
  await outcome.check();
  await messages.getByRole("button", { name: "Send message" }).click();
  await expect(messages.getByRole("status")).toContainText("Sent outcome_reporter.in_app version 1 in pl.");

  await mo.goto("/messages");
  const row = mo.getByRole("row", { name: new RegExp(ref) });
  await expect(row).toContainText("outcome_reporter.in_app");
  await expect(row).toContainText("v1");
  await expect(row.getByRole("cell", { name: "pl", exact: true })).toBeVisible();
  await expect(row).toContainText("Wynik: usunięcie treści");
  // This run configures no delivery endpoint: the message waits for one, and the log says so.
  await expect(row.getByRole("cell", { name: "Queued: no delivery endpoint is configured" })).toBeVisible();
  await expect(mo.getByRole("note")).toContainText("MESSAGE_DELIVERY_URL");

  // Filters from the keyboard; the address keeps them, and an empty result says so.
  await mo.getByLabel("Language").selectOption("pl");
  await mo.getByLabel("Delivery").selectOption("delivered");
  await mo.getByRole("button", { name: "Apply filters" }).press("Enter");
  await expect(mo).toHaveURL(/language=pl.*delivery=delivered/);
  await expect(mo.getByText("No messages match these filters.")).toBeVisible();
  await mo.getByLabel("Delivery").selectOption("queued");
  await mo.getByRole("button", { name: "Apply filters" }).press("Enter");
  await expect(mo.getByRole("row", { name: new RegExp(ref) })).toContainText("Queued");
});
