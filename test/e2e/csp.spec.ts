import { expect, test } from "./fixtures";

// Under the Content-Security-Policy every answer carries, the pages still hydrate and
// work: Remix's inline scripts run with the answer's nonce, nothing is refused.
test("pages hydrate and navigate under the Content-Security-Policy, with no violation", async ({ page, login }) => {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener("securitypolicyviolation", (e) => seen.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}:${e.columnNumber} ${e.sample}`));
  });
  const refused: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to (execute|load|apply|connect)/i.test(message.text())) refused.push(message.text());
  });
  const violations = () => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);

  const first = await page.goto("/login");
  expect(first?.headers()["content-security-policy"]).toMatch(/script-src 'self' 'nonce-/);
  await login("moderator@example.com");

  // The queue's keyboard shortcuts are the page's own JavaScript (the fixture waits for hydration).
  await page.goto("/queue");
  await expect(page.getByRole("heading", { name: "Queue" })).toBeVisible();
  await page.keyboard.press("?");
  await expect(page.getByRole("dialog", { name: "Queue shortcuts" })).toBeVisible();
  await page.keyboard.press("Escape");
  expect(await violations()).toEqual([]);

  // A link followed in the page fetches the next page's data (single fetch), not a document.
  const dataRequest = page.waitForRequest((request) => /\/cases\/C-[^/]+\.data/.test(request.url()));
  const link = page.getByRole("link", { name: /^C-/ }).first();
  const ref = (await link.innerText()).trim();
  await link.click();
  await dataRequest;
  await expect(page).toHaveURL(new RegExp(`/cases/${ref}$`));
  await expect(page.getByRole("heading", { name: new RegExp(ref) })).toBeVisible();
  expect(await violations()).toEqual([]);

  // The public report form, signed out, and the sign-in page it leads back to.
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.goto("/report");
  await expect(page.getByRole("button", { name: "Send report" })).toBeVisible();
  expect(await violations()).toEqual([]);
  expect(refused).toEqual([]);
});
