import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { e2eDb } from "./database";
import { expect, test } from "./fixtures";

// A member says they will end their life. A crisis responder declares a crisis from the
// case; the commander sees the page in the inbox, takes command, and the room shows the
// imminent-harm playbook with its first step live; the trust & safety lead judges the risk;
// the responder removes the threat; the promised update's deadline passes and the server's
// scheduler pages the commander; the commander pins a note; the statement is drafted and
// approved and sent; the lead takes over command with a note; the follow-up is done and the crisis
// is resolved, its review open. And a moderator links queue cases to a crisis in bulk.

/** What is new on a page fits at 1280 and 390 px without sideways scrolling and has no serious axe finding. */
async function fitsAndPasses(page: Page, selector: string) {
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth), `sideways at ${width} px`).toBe(0);
  }
  const axe = await new AxeBuilder({ page }).include(selector).analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
  await page.setViewportSize({ width: 1280, height: 844 });
}

const liveStep = (page: Page, title: string) => page.getByRole("list", { name: "Live steps" }).getByRole("listitem", { name: title });

test("a responder declares a crisis from a self-harm case and the team runs it to resolution", async ({ personAt, request }) => {
  // The whole of a crisis, by five people: longer than one page's work.
  test.slow();
  const reported = await request.post("/api/v1/reports", {
    headers: { Authorization: "Bearer vigil_demo_ingest_key" },
    data: { source: "platform", subject: { type: "content", id: `post-crisis-${Date.now()}`, text: "I am going to end it tonight." }, ruleCode: "self_harm" },
  });
  expect(reported.status()).toBe(201);
  const { caseRef } = (await reported.json()) as { caseRef: string };

  // The responder lands on the crises after signing in, and declares from the case page.
  const responder = await personAt("responder@example.com");
  await responder.goto("/");
  await expect(responder).toHaveURL(/\/crises$/);
  await responder.goto(`/cases/${caseRef}`);
  await responder.getByRole("link", { name: "Declare a crisis from this case" }).click();
  await expect(responder.getByLabel("Type")).toHaveValue("safety_threat");
  await expect(responder.getByRole("radio", { name: /SEV1/ })).toBeChecked();
  await expect(responder.getByText("Suggested for this type and severity: Imminent harm.")).toBeVisible();
  await responder.getByLabel("Title").fill("Member says they will end their life tonight");
  await responder.getByRole("button", { name: "Declare the crisis" }).click();
  await expect(responder).toHaveURL(/\/crises\/CR-[A-Z0-9]{8}/);
  const crisisRef = responder.url().match(/CR-[A-Z0-9]{8}/)![0];
  await expect(responder.getByRole("list", { name: "Linked cases" })).toContainText(caseRef);

  // The commander is paged: the inbox opens the room.
  const commander = await personAt("commander@example.com");
  await commander.goto("/inbox");
  const page = commander.getByRole("listitem", { name: new RegExp(`^${crisisRef} pages the`) });
  await expect(page).toContainText("Member says they will end their life tonight");
  await page.getByRole("button", { name: `Open ${crisisRef}` }).click();
  await expect(commander).toHaveURL(new RegExp(`/crises/${crisisRef}$`));
  await expect(commander.getByRole("heading", { name: "Playbook: Imminent harm, version 1" })).toBeVisible();
  await commander.getByLabel("Note (optional)").fill("On call tonight: I have it.");
  await commander.getByRole("button", { name: "Take command" }).click();
  await expect(commander.getByRole("list", { name: "The crisis at a glance" })).toContainText("Commander: Cora Commander");
  await expect(commander.getByRole("list", { name: "Timeline" })).toContainText("On call tonight: I have it.");

  // The first step is live; the commander acknowledges the page.
  const pageStep = liveStep(commander, "Page the trust & safety lead and the crisis commander at once");
  await expect(pageStep).toBeVisible();
  await pageStep.getByRole("button", { name: "Acknowledge" }).click();
  await expect(liveStep(commander, "Read the threat and judge whether someone is in immediate danger")).toContainText("For the trust & safety lead");

  const lead = await personAt("lead@example.com");
  await lead.goto(`/crises/${crisisRef}`);
  const assess = liveStep(lead, "Read the threat and judge whether someone is in immediate danger");
  await assess.getByLabel("Answer").selectOption("not_immediate");
  await assess.getByRole("button", { name: "Complete" }).click();
  await expect(liveStep(lead, "Draft the message with crisis-line resources")).toBeVisible();

  // The responder completes their task; the commander's open room hears of it.
  await responder.goto(`/crises/${crisisRef}`);
  await liveStep(responder, "Hide the threatening content and keep a copy for the authorities").getByRole("button", { name: "Complete" }).click();
  await expect(responder.getByRole("list", { name: "Tasks" }).getByRole("listitem", { name: "Hide the threatening content and keep a copy for the authorities" })).toContainText("Done");
  await expect(liveStep(commander, "Hide the threatening content and keep a copy for the authorities")).toHaveCount(0);

  // The promised update's deadline passes: made due in the store, fired by the server's own scheduler, which pages the commander.
  const db = e2eDb();
  const { id: crisisId } = await db.crisis.findUniqueOrThrow({ where: { ref: crisisRef }, select: { id: true } });
  const due = await db.timer.updateMany({ where: { subjectType: "crisis", subjectId: crisisId, kind: "crisis_update_overdue", status: "pending" }, data: { dueAt: new Date() } });
  expect(due.count).toBe(1);
  const late = commander.getByRole("listitem", { name: new RegExp(`^${crisisRef} pages the crisis commander: the update promised for .+ is late`) });
  await expect(async () => {
    await commander.goto("/inbox");
    await expect(late).toBeVisible({ timeout: 1_000 });
  }).toPass();
  await commander.goto(`/crises/${crisisRef}`);
  await expect(commander.getByRole("list", { name: "Timeline" })).toContainText("The promised update is late: paged the commander");

  // The commander notes what matters and pins it above the timeline.
  await commander.getByLabel("Add a note to the timeline").fill("The member's family has been reached.");
  await commander.getByRole("button", { name: "Add note" }).click();
  await commander.getByRole("button", { name: /^Pin the note by Cora Commander at/ }).click();
  await expect(commander.getByRole("list", { name: "Pinned notes" })).toContainText("The member's family has been reached.");
  await fitsAndPasses(commander, ".pinned-notes");

  // The commander's room is read before the lead's draft lands, and its live stream opens
  // only after: the room still catches up, without a reload.
  let openStream = () => {};
  const streamHeld = new Promise<void>((resolve) => (openStream = resolve));
  await commander.route(`**/crises/${crisisRef}/events`, async (route) => {
    await streamHeld;
    await route.continue();
  });
  await commander.goto(`/crises/${crisisRef}`);
  await expect(liveStep(commander, "Draft the message with crisis-line resources")).toBeVisible();
  await liveStep(lead, "Draft the message with crisis-line resources").getByRole("button", { name: "Mark drafted" }).click();
  await expect(liveStep(lead, "Approve the message with crisis-line resources")).toBeVisible();
  openStream();
  await liveStep(commander, "Approve the message with crisis-line resources").getByRole("button", { name: "Approve" }).click();
  await commander.unroute(`**/crises/${crisisRef}/events`);
  // A second commander takes over with a note for the handoff.
  await lead.goto(`/crises/${crisisRef}`);
  // The message to the member goes out from the case; the lead says it went.
  await liveStep(lead, "Send the crisis-line resources").getByRole("button", { name: "Mark sent" }).click();
  await expect(liveStep(lead, "Send the crisis-line resources")).toHaveCount(0);
  await lead.getByLabel("Note for the handoff from Cora Commander").fill("Cora's shift ends; I have it from here.");
  await lead.getByRole("button", { name: "Take command" }).click();
  await expect(lead.getByRole("list", { name: "The crisis at a glance" })).toContainText("Commander: Lee Lead");
  await expect(lead.getByRole("list", { name: "Timeline" })).toContainText("Cora's shift ends; I have it from here.");
  await liveStep(lead, "Follow up with the member and, if they were involved, the authorities").getByRole("button", { name: "Complete" }).click();

  await expect(lead.getByRole("list", { name: "The crisis at a glance" })).toContainText("State: Resolved, review open");
  await expect(liveStep(lead, "Complete the review, with care for the people who handled it")).toBeVisible();
  await expect(lead.getByRole("list", { name: "Timeline" })).toContainText("the crisis is resolved; its review is open");
});

test("a moderator links cases ticked in the queue to an active crisis, and they climb with the crisis named", async ({ personAt, request }) => {
  const refs: string[] = [];
  for (const n of [1, 2]) {
    const reported = await request.post("/api/v1/reports", {
      headers: { Authorization: "Bearer vigil_demo_ingest_key" },
      data: { source: "platform", subject: { type: "content", id: `post-leak-${n}-${Date.now()}`, text: "My email shows on my public profile." }, ruleCode: "privacy" },
    });
    expect(reported.status()).toBe(201);
    refs.push(((await reported.json()) as { caseRef: string }).caseRef);
  }
  const moderator = await personAt("moderator@example.com");
  await moderator.goto("/queue?rule=privacy");
  for (const ref of refs) await moderator.getByRole("checkbox", { name: `Select ${ref}` }).check();
  await fitsAndPasses(moderator, ".queue-bulk");
  await moderator.getByLabel("Link to crisis").selectOption("CR-DATA7KQ2");
  await moderator.getByRole("button", { name: "Link", exact: true }).click();
  await expect(moderator.getByRole("status").filter({ hasText: "Linked to CR-DATA7KQ2: 2 of 2 cases done." })).toBeVisible();

  await moderator.goto(`/cases/${refs[0]}`);
  await expect(moderator.getByRole("table", { name: /^Priority/ })).toContainText("Linked to the active crisis CR-DATA7KQ2");

  const lead = await personAt("lead@example.com");
  await lead.goto("/crises/CR-DATA7KQ2");
  for (const ref of refs) await expect(lead.getByRole("list", { name: "Linked cases" })).toContainText(ref);
});
