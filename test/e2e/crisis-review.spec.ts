import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";

// After a crisis is resolved, its review shows the timings Vigil read from the timeline, the
// team writes it by keyboard and gives it an action item, and a trust & safety lead signs it
// off: the crisis shows closed, and the action item stays open, to be handed on, rescheduled,
// done and reopened.

const liveStep = (page: Page, title: string) => page.getByRole("list", { name: "Live steps" }).getByRole("listitem", { name: title });

async function noSidewaysScroll(page: Page) {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth), `${width} px`).toBe(true);
  }
}

test("a resolved crisis's review shows its timings, gets an action item and is signed off by a trust & safety lead", async ({ personAt, request }) => {
  // Four people run a whole playbook before the review begins.
  test.slow();
  const reported = await request.post("/api/v1/reports", {
    headers: { Authorization: "Bearer vigil_demo_ingest_key" },
    data: { source: "platform", subject: { type: "content", id: `post-review-${Date.now()}`, text: "I am going to end it tonight." }, ruleCode: "self_harm" },
  });
  expect(reported.status()).toBe(201);
  const { caseRef } = (await reported.json()) as { caseRef: string };

  // The lead declares from the case and the team runs the imminent-harm playbook to its end.
  const lead = await personAt("lead@example.com");
  await lead.goto(`/crises/new?case=${caseRef}`);
  await lead.getByLabel("Title").fill("Member says they will end their life tonight");
  await lead.getByRole("button", { name: "Declare the crisis" }).click();
  await expect(lead).toHaveURL(/\/crises\/CR-[A-Z0-9]{8}/);
  const crisisRef = lead.url().match(/CR-[A-Z0-9]{8}/)![0];
  await liveStep(lead, "Page the trust & safety lead and the crisis commander at once").getByRole("button", { name: "Acknowledge" }).click();
  const assess = liveStep(lead, "Read the threat and judge whether someone is in immediate danger");
  await assess.getByLabel("Answer").selectOption("not_immediate");
  await assess.getByRole("button", { name: "Complete" }).click();
  await liveStep(lead, "Draft the message with crisis-line resources").getByRole("button", { name: "Mark drafted" }).click();
  await expect(liveStep(lead, "Draft the message with crisis-line resources")).toHaveCount(0);

  const responder = await personAt("responder@example.com");
  await responder.goto(`/crises/${crisisRef}`);
  await liveStep(responder, "Hide the threatening content and keep a copy for the authorities").getByRole("button", { name: "Complete" }).click();
  await expect(liveStep(responder, "Hide the threatening content and keep a copy for the authorities")).toHaveCount(0);
  const commander = await personAt("commander@example.com");
  await commander.goto(`/crises/${crisisRef}`);
  await liveStep(commander, "Approve the message with crisis-line resources").getByRole("button", { name: "Approve" }).click();
  await expect(liveStep(commander, "Approve the message with crisis-line resources")).toHaveCount(0);

  await lead.goto(`/crises/${crisisRef}`);
  await liveStep(lead, "Send the crisis-line resources").getByRole("button", { name: "Mark sent" }).click();
  await expect(liveStep(lead, "Send the crisis-line resources")).toHaveCount(0);
  await liveStep(lead, "Follow up with the member and, if they were involved, the authorities").getByRole("button", { name: "Complete" }).click();
  await expect(lead.getByRole("list", { name: "The crisis at a glance" })).toContainText("State: Resolved, review open");

  // The room links to the review, which shows what the timeline says.
  await lead.getByRole("link", { name: "Open the post-crisis review" }).click();
  await expect(lead).toHaveURL(new RegExp(`/crises/${crisisRef}/review$`));
  await expect(lead.getByRole("heading", { name: `Review of ${crisisRef}: Member says they will end their life tonight` })).toBeVisible();
  const timings = lead.getByRole("list", { name: "Timings" });
  await expect(timings.getByRole("listitem", { name: "Declared" })).toContainText(/after (under a minute|\d+ min)/);
  await expect(timings.getByRole("listitem", { name: "First page acknowledged" })).toContainText("after");
  await expect(timings.getByRole("listitem", { name: "First statement published" })).toContainText("no statement yet");
  await expect(timings.getByRole("listitem", { name: "Resolved" })).toContainText("after");
  await expect(lead.getByRole("list", { name: "Statements" })).toContainText("Draft the message with crisis-line resources: put up for approval");
  await expect(lead.getByRole("list", { name: "Pages" })).toContainText("Acknowledged by Lee Lead");

  const axe = await new AxeBuilder({ page: lead }).options({ resultTypes: ["violations"] }).analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
  await noSidewaysScroll(lead);
  await lead.setViewportSize({ width: 1280, height: 900 });

  // The team writes the review by keyboard alone.
  await lead.getByLabel("What happened").focus();
  await lead.keyboard.type("Declared from the first report; the member was safe before midnight.");
  await lead.keyboard.press("Tab");
  await lead.keyboard.type("The page was answered at once.");
  await lead.getByLabel("What to change").fill("Keep crisis-line numbers for every language ready.");
  await lead.getByRole("button", { name: "Save the review" }).press("Enter");
  await expect(lead.getByText("Review saved")).toBeVisible();
  await expect(lead.getByLabel("What went well")).toHaveValue("The page was answered at once.");

  // An action item for the comms lead, due in a week.
  const due = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
  await lead.getByLabel("Action", { exact: true }).fill("Add crisis-line numbers for Latvia");
  await lead.getByLabel("Owner").selectOption({ label: "Cam Comms (comms@example.com)" });
  await lead.getByLabel("Due").fill(due);
  await lead.getByRole("button", { name: "Add the action item" }).click();
  const item = lead.getByRole("list", { name: "Action items" }).getByRole("listitem", { name: "Add crisis-line numbers for Latvia" });
  await expect(item).toContainText(`Cam Comms, due ${due}: Open`);

  await lead.getByRole("button", { name: "Send for sign-off" }).click();
  await expect(lead.getByRole("list", { name: "The review at a glance" })).toContainText("Review: In review");
  await lead.getByLabel("Note with the sign-off (optional)").fill("Read with the team.");
  await lead.getByRole("button", { name: "Sign off and close the crisis" }).click();
  await expect(lead.getByRole("list", { name: "The review at a glance" })).toContainText("Review: Completed");
  await expect(lead.getByText("Signed off by Lee Lead")).toBeVisible();
  await expect(item).toContainText("Open");

  // The crisis is closed, its action item open: the lead hands it to the commander with a later date.
  // A change without its text is refused, keeping what was typed.
  const later = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
  await item.getByText("Change…").click();
  const change = lead.getByRole("form", { name: "Change “Add crisis-line numbers for Latvia”" });
  await change.getByLabel("Action").fill("");
  await change.getByLabel("Owner").selectOption({ label: "Cora Commander (commander@example.com)" });
  await change.getByLabel("Due").fill(later);
  await change.getByRole("button", { name: "Save the change" }).click();
  await expect(change.getByText("Say what is to be done.")).toBeVisible();
  await expect(change.getByLabel("Due")).toHaveValue(later);
  await expect(change.getByLabel("Owner").locator("option:checked")).toHaveText("Cora Commander (commander@example.com)");
  const refusedAxe = await new AxeBuilder({ page: lead }).include(".task-list").analyze();
  expect(refusedAxe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
  await noSidewaysScroll(lead);
  await lead.setViewportSize({ width: 1280, height: 900 });
  await change.getByLabel("Action").fill("Add crisis-line numbers for Latvia and Lithuania");
  await change.getByRole("button", { name: "Save the change" }).click();
  await expect(lead.getByText("Action item changed")).toBeVisible();
  const changed = lead.getByRole("list", { name: "Action items" }).getByRole("listitem", { name: "Add crisis-line numbers for Latvia and Lithuania" });
  await expect(changed).toContainText(`Cora Commander, due ${later}: Open`);
  await changed.getByRole("button", { name: "Mark “Add crisis-line numbers for Latvia and Lithuania” done" }).click();
  await expect(changed).toContainText("Done");
  await changed.getByRole("button", { name: "Reopen “Add crisis-line numbers for Latvia and Lithuania”" }).click();
  await expect(changed).toContainText(`due ${later}: Open`);
  // The new owner hears of it in the inbox.
  const commanderInbox = await personAt("commander@example.com");
  await commanderInbox.goto("/inbox");
  await expect(commanderInbox.getByText(`${crisisRef}: an action item for you, due ${later}`)).toBeVisible();

  // The crisis shows closed; the Markdown file holds the review.
  await lead.getByRole("link", { name: "Back to the crisis room" }).click();
  await expect(lead.getByRole("list", { name: "The crisis at a glance" })).toContainText("State: Closed");
  await expect(lead.getByRole("list", { name: "Timeline" })).toContainText("the review is completed: the crisis is closed");
  const markdown = await lead.request.get(`/crises/${crisisRef}/review.md`);
  expect(markdown.status()).toBe(200);
  expect(await markdown.text()).toContain("| Add crisis-line numbers for Latvia and Lithuania | Cora Commander |");
});
