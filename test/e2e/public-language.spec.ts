import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "./fixtures";

// A member whose browser asks for Polish reads the report form in Polish, rule titles
// included; after a failed submit, focus lands on the error summary. The language switcher
// and the summary work without JavaScript too.

test.use({ locale: "pl-PL" });

test("a Polish browser sees the form in Polish, and focus lands on the error summary after a failed submit", async ({ page }) => {
  await page.goto("/report");
  await expect(page.locator("html")).toHaveAttribute("lang", "pl");
  await expect(page.getByRole("heading", { level: 1, name: "Zgłoś treść" })).toBeVisible();
  await expect(page.getByLabel("Jaką zasadę narusza?").getByRole("option", { name: "Kultura wypowiedzi" })).toBeAttached();
  await expect(page).toHaveTitle("Zgłoś treść · Vigil");

  // Spaces satisfy the browser's own check, not the server's.
  await page.getByLabel("Link do wpisu lub konta albo jego identyfikator").fill("   ");
  await page.getByLabel("Jaką zasadę narusza?").selectOption({ label: "Kultura wypowiedzi" });
  await page.getByRole("button", { name: "Wyślij zgłoszenie" }).click();
  const summary = page.getByRole("alert").filter({ hasText: "Zgłoszenie nie zostało wysłane." });
  await expect(summary).toBeFocused();
  await summary.getByRole("link", { name: "Podaj link do wpisu lub konta albo jego identyfikator." }).click();
  await expect(page.getByLabel("Link do wpisu lub konta albo jego identyfikator")).toBeFocused();
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);

  // The switcher: German for the rest of the visit, through the receipt.
  await page.getByRole("navigation", { name: "Język" }).getByRole("link", { name: "Deutsch" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "de");
  await page.getByLabel("Link zum Beitrag oder Konto oder dessen ID").fill(`https://community.example/p/pl-${Date.now()}`);
  await page.getByLabel("Gegen welche Regel verstößt es?").selectOption({ index: 1 });
  await page.getByRole("button", { name: "Meldung senden" }).click();
  await expect(page.getByRole("heading", { name: "Danke: Ihre Meldung ist eingegangen" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "de");
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the summary is at the top of the answer as an alert, and the switcher still switches", async ({ page }) => {
    await page.goto("/report");
    await page.getByLabel("Link do wpisu lub konta albo jego identyfikator").fill("   ");
    await page.getByLabel("Jaką zasadę narusza?").selectOption({ label: "Kultura wypowiedzi" });
    await page.getByRole("button", { name: "Wyślij zgłoszenie" }).click();
    const summary = page.getByRole("alert").filter({ hasText: "Zgłoszenie nie zostało wysłane." });
    await expect(summary).toBeVisible();
    await expect(page.locator("main section > :first-child")).toHaveAttribute("role", "alert");
    await expect(page.locator("main section > :first-child")).toContainText("Podaj link do wpisu lub konta albo jego identyfikator.");
    await page.getByRole("link", { name: "Español" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Denunciar contenido" })).toBeVisible();
  });
});
