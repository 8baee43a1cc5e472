import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";

async function reportPost(page: Page, rule: string, text: string) {
  const url = `https://community.example/p/${Date.now()}-${Math.floor(Math.random() * 1e6)}`;
  await page.goto("/report");
  await page.getByLabel("Link to the post or account, or its id").fill(url);
  await page.getByLabel("Which rule does it break?").selectOption({ label: rule });
  await page.getByLabel("The text, as you see it (optional)").fill(text);
  await page.getByLabel("Language of the text (optional)").selectOption("en");
  await page.getByRole("button", { name: "Send report" }).click();
  await expect(page.getByRole("heading", { name: "Thank you: your report was received" })).toBeVisible();
  return url;
}

/** The ref of the case at the top of the queue (highest priority, newest first among equals). */
async function topOfQueue(page: Page) {
  await page.goto("/queue");
  await expect(page.getByRole("heading", { name: "Queue" })).toBeVisible();
  return (await page.getByRole("link", { name: /^C-/ }).first().innerText()).trim();
}

test("a moderator claims a reported post from the queue with the keyboard and removes it", async ({ personAt, page }) => {
  // Illegal content (severity 5) with a listed word tops the queue.
  await reportPost(page, "Illegal content", "Selling stolen cards here, DM me you shit heads.");

  const mo = await personAt("moderator@example.com");
  const ref = await topOfQueue(mo);
  await mo.keyboard.press("j");
  await mo.keyboard.press("c");
  await expect(mo.getByText(`You hold case ${ref}`)).toBeVisible();

  // Meanwhile a second moderator tries to claim it and is told who holds it.
  const senior = await personAt("senior@example.com");
  expect(await topOfQueue(senior)).toBe(ref);
  await senior.keyboard.press("j");
  await senior.keyboard.press("c");
  await expect(senior.getByRole("alert")).toContainText("held by Mo Moderator (moderator@example.com)");

  // The holder opens it with Enter and removes the content under a rule, with a reason.
  await mo.keyboard.press("Enter");
  await expect(mo).toHaveURL(new RegExp(`/cases/${ref}$`));
  const act = mo.getByRole("form", { name: "Act" });
  await act.getByLabel("Action").selectOption("remove_content");
  await act.getByLabel("Rule").selectOption("illegal");
  await act.getByLabel("Reason").fill("Offers stolen payment cards.");
  await act.getByRole("button", { name: "Act", exact: true }).click();
  await expect(mo.getByText(/current state: actioned/i).first()).toBeVisible();

  // The case has left the queue.
  await mo.goto("/queue");
  await expect(mo.getByRole("link", { name: ref })).toHaveCount(0);

  // The timeline shows each step.
  await mo.goto(`/cases/${ref}`);
  const timeline = mo.getByRole("region", { name: "Timeline" });
  await expect(timeline).toContainText(/Report R-\w+ received/);
  await expect(timeline).toContainText("Claim (new → in review)by Mo Moderator");
  await expect(timeline).toContainText("Act (remove content, rule illegal, in review → actioned)");
  await expect(timeline).toContainText("Offers stolen payment cards.");
});

test("a ban proposed by a moderator waits until a senior moderator approves it", async ({ personAt, page }) => {
  await reportPost(page, "Illegal content", "Buy my stolen cards, you bastards, last warning.");

  const mo = await personAt("moderator@example.com");
  const ref = await topOfQueue(mo);
  await mo.goto(`/cases/${ref}`);
  await mo.getByRole("button", { name: "Claim", exact: true }).click();
  const act = mo.getByRole("form", { name: "Act" });
  await act.getByLabel("Action").selectOption("ban");
  await act.getByLabel("Reason").fill("Repeated sale of stolen cards.");
  await act.getByRole("button", { name: "Act", exact: true }).click();
  await expect(mo.getByText(/current state: awaiting approval/i).first()).toBeVisible();
  // The proposer is offered no approval.
  await expect(mo.getByRole("button", { name: "Approve ban" })).toHaveCount(0);

  const senior = await personAt("senior@example.com");
  await senior.goto(`/cases/${ref}`);
  await expect(senior.getByText("Repeated sale of stolen cards.").first()).toBeVisible();
  await senior.getByRole("button", { name: "Approve ban" }).click();
  await expect(senior.getByText(/current state: actioned/i).first()).toBeVisible();

  const timeline = senior.getByRole("region", { name: "Timeline" });
  await expect(timeline).toContainText(/Act \(ban, rule illegal, in review → awaiting approval\)by Mo Moderator/);
  await expect(timeline).toContainText(/Approve ban \(awaiting approval → actioned\)by Sen Senior/i);
});

test("a case page read just before someone else's claim still tells of it, without reloading", async ({ personAt, page }) => {
  await reportPost(page, "Illegal content", "Selling stolen cards here, DM me you shit heads.");
  const senior = await personAt("senior@example.com");
  const ref = await topOfQueue(senior);

  // The senior's page is read, and its live stream opens only after the claim has landed:
  // the stream has no event for it, so the page must ask once it is open.
  let openStream = () => {};
  const streamHeld = new Promise<void>((resolve) => (openStream = resolve));
  await senior.route("**/queue/events", async (route) => {
    await streamHeld;
    await route.continue();
  });
  await senior.goto(`/cases/${ref}`);
  await expect(senior.getByText(/current state: new/i).first()).toBeVisible();

  const mo = await personAt("moderator@example.com");
  await mo.goto(`/cases/${ref}`);
  await mo.getByRole("button", { name: "Claim", exact: true }).click();
  await expect(mo.getByText(/current state: in review/i).first()).toBeVisible();

  openStream();
  const notice = senior.getByRole("alert").filter({ hasText: "just changed this case" });
  await expect(notice).toContainText("moderator@example.com just changed this case (claim); it is now in review.");
  // What the senior reads is still the page as loaded until they ask for the latest.
  await expect(senior.getByText(/current state: new/i).first()).toBeVisible();
  await notice.getByRole("button", { name: "Show the latest" }).click();
  await expect(senior.getByText(/current state: in review/i).first()).toBeVisible();
  await senior.unroute("**/queue/events");
});
