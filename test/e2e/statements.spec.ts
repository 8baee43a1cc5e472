import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { STATEMENT_DRILL } from "../factories/statement-drill";
import { expect, test } from "./fixtures";

// One voice in a crisis: the comms lead drafts the data leak's holding statement for members
// in English and Polish from the approved templates; the author cannot approve it; the
// commander approves each; the comms lead publishes them; the public status page shows the
// Polish notice to a Polish browser and the English one to an English browser, no sign-in.
// And a playbook's statement steps that follow their cells, on pages that follow each other.

const CRISIS = "CR-DATA7KQ2";
const EN = "We are aware of the Member emails visible on public profiles and are looking into it. We will share an update soon.";
const PL = "Wiemy o problemie: Member emails visible on public profiles i sprawdzamy go. Wkrótce przekażemy więcej informacji.";

const membersPost = (page: Page) => page.getByRole("list", { name: "Members, Status page and social post" });
const chosen = (page: Page) => page.getByRole("region", { name: /^Holding statement · Members/ });

async function draft(page: Page, language: string) {
  const form = page.getByRole("form", { name: "Draft a cell" });
  await form.getByLabel("Stage").selectOption("holding");
  await form.getByLabel("Audience").selectOption("members");
  await form.getByLabel("Channel").selectOption("public_post");
  await form.getByLabel("Language").selectOption(language);
  await form.getByRole("button", { name: "Draft from the template" }).click();
  await expect(page.getByText(/^Drafted ST-[A-Z0-9]{8}: holding statement for members in /)).toBeVisible();
  await expect(chosen(page)).toContainText(`holding_statement.public_post v1, ${language}`);
  await chosen(page).getByRole("button", { name: "Submit for approval" }).click();
  await expect(page.getByText(/^Submitted for approval: ST-/)).toBeVisible();
  await expect(membersPost(page).getByRole("link", { name: new RegExp(`^${language} Awaiting approval`) })).toBeVisible();
}

test("the comms lead drafts the holding statement in English and Polish, the commander approves, the status page speaks each reader's language", async ({ personAt }) => {
  const comms = await personAt("comms@example.com");
  await comms.goto(`/crises/${CRISIS}`);
  await comms.getByRole("link", { name: /^Statements:/ }).click();
  await expect(comms).toHaveURL(new RegExp(`/crises/${CRISIS}/statements$`));
  await expect(comms.getByRole("heading", { name: "Holding statement", level: 2 })).toBeVisible();
  await draft(comms, "en");
  await expect(chosen(comms)).toContainText(EN);
  await draft(comms, "pl");
  await expect(chosen(comms)).toContainText(PL);
  // The author may submit and publish, never approve: there is nothing to approve with.
  await expect(chosen(comms).getByRole("button", { name: "Approve this text" })).toHaveCount(0);

  // Nothing is public before it is approved and published.
  const visitor = await personAt(null, { locale: "pl-PL" });
  await visitor.goto("/status");
  await expect(visitor.getByText("Nie ma incydentów do zgłoszenia.")).toBeVisible();

  const commander = await personAt("commander@example.com");
  await commander.goto(`/crises/${CRISIS}/statements`);
  for (const language of ["en", "pl"]) {
    await membersPost(commander).getByRole("link", { name: new RegExp(`^${language} Awaiting approval`) }).click();
    await expect(chosen(commander)).toContainText(language === "en" ? EN : PL);
    await chosen(commander).getByRole("button", { name: "Approve this text" }).click();
    await expect(commander.getByText(/^Approved: ST-/)).toBeVisible();
    await expect(chosen(commander)).toContainText("Cora Commander (Crisis commander)");
  }

  await comms.goto(`/crises/${CRISIS}/statements`);
  for (const language of ["en", "pl"]) {
    await membersPost(comms).getByRole("link", { name: new RegExp(`^${language} Approved`) }).click();
    await chosen(comms).getByRole("button", { name: "Publish" }).click();
    await expect(comms.getByText(/^Published: ST-/)).toBeVisible();
    await expect(membersPost(comms).getByRole("link", { name: new RegExp(`^${language} Published`) })).toBeVisible();
  }
  // The Polish text going out a moment later is the same notice: the English cell is not stale.
  await expect(membersPost(comms).getByRole("link", { name: /^en Published/ })).toBeVisible();

  await visitor.goto("/status");
  await expect(visitor.getByRole("heading", { name: "Status społeczności", level: 1 })).toBeVisible();
  const notice = visitor.getByRole("article", { name: "Trwający incydent" });
  await expect(notice).toContainText(PL);
  await expect(notice).toContainText("Pierwszy komunikat");
  await expect(notice).toContainText("Następna aktualizacja najpóźniej");
  await expect(notice).not.toContainText(EN);
  await expect(visitor.getByText(CRISIS)).toHaveCount(0);

  const reader = await personAt(null, { locale: "en-US" });
  await reader.goto("/status");
  const english = reader.getByRole("article", { name: "Ongoing incident" });
  await expect(english).toContainText(EN);
  await expect(english).not.toContainText(PL);
  // The switcher changes the language without JavaScript's help: a plain link.
  await reader.getByRole("link", { name: "Polski" }).click();
  await expect(reader.getByRole("article", { name: "Trwający incydent" })).toContainText(PL);

  // Without JavaScript the page is the same: the notices, the times and the switcher all come from the server.
  const plain = await personAt(null, { locale: "pl-PL", javaScriptEnabled: false });
  await plain.goto("/status");
  const served = plain.getByRole("article", { name: "Trwający incydent" });
  await expect(served).toContainText(PL);
  await expect(served).toContainText("Następna aktualizacja najpóźniej");
  await plain.getByRole("link", { name: "English" }).click();
  await expect(plain.getByRole("article", { name: "Ongoing incident" })).toContainText(EN);
});

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

/** Opens a crisis's statements and waits until the page listens to the crisis's stream. */
async function following(page: Page, crisisRef: string) {
  const listening = page.waitForResponse((r) => r.url().endsWith(`/crises/${crisisRef}/events`));
  await page.goto(`/crises/${crisisRef}/statements`);
  await listening;
}

test("the playbook's statement steps follow the cells, and an open statements page follows what others do", async ({ personAt }) => {
  // A lead publishes a short playbook whose holding statement needs two cells, and declares a crisis on it.
  const lead = await personAt("lead@example.com");
  await lead.goto("/admin/playbooks");
  await lead.getByLabel("Or paste the YAML").fill(STATEMENT_DRILL);
  await lead.getByRole("button", { name: "Import" }).click();
  await expect(lead.getByText("Imported as a new playbook: version 1, a draft.")).toBeVisible();
  await lead.getByRole("button", { name: "Publish version 1" }).click();
  await expect(lead.getByText("Published version 1: a crisis declared from now on runs it.")).toBeVisible();
  await lead.goto("/crises/new");
  await lead.getByLabel("Type").selectOption("pr_backlash");
  await lead.getByRole("radio", { name: /SEV2/ }).check();
  await lead.getByLabel("Title").fill("Members angry about the new feed");
  await lead.getByLabel("Playbook").selectOption({ label: "Statement drill (version 1)" });
  await lead.getByRole("button", { name: "Declare the crisis" }).click();
  await expect(lead).toHaveURL(/\/crises\/CR-[A-Z0-9]{8}/);
  const crisisRef = lead.url().match(/CR-[A-Z0-9]{8}/)![0];

  const commander = await personAt("commander@example.com");
  await commander.goto(`/crises/${crisisRef}`);
  await liveStep(commander, "Confirm what members are saying").getByRole("button", { name: "Complete" }).click();

  // The statement's step has no button of its own: it says which cells hold it up and links to them.
  const drafting = liveStep(commander, "Draft the members' holding statement");
  await expect(drafting).toContainText("2 of 2 required cells still to put up for approval.");
  await expect(drafting.getByRole("list", { name: "What still holds up “Draft the members' holding statement”" })).toHaveText("Members, Status page and social post: en, pl");
  await expect(drafting.getByRole("button")).toHaveCount(0);
  await fitsAndPasses(commander, ".live-steps");

  // The commander keeps the statements open while the comms lead drafts and submits both cells.
  await following(commander, crisisRef);
  await expect(commander.getByText("live at “Draft the members' holding statement”: 2 required cells still to put up for approval")).toBeVisible();
  const comms = await personAt("comms@example.com");
  await comms.goto(`/crises/${crisisRef}`);
  await liveStep(comms, "Draft the members' holding statement").getByRole("link", { name: "Open the statements" }).click();
  await expect(comms).toHaveURL(new RegExp(`/crises/${crisisRef}/statements#stage-holding$`));
  await draft(comms, "en");
  const said = commander.locator("[aria-live=polite]");
  await expect(said).toContainText(/comms@example\.com put up for approval ST-[A-Z0-9]{8}\./);
  await expect(membersPost(commander).getByRole("link", { name: /^en Awaiting approval/ })).toBeVisible();
  await draft(comms, "pl");
  await expect(membersPost(commander).getByRole("link", { name: /^pl Awaiting approval/ })).toBeVisible();
  await expect(commander.getByText("live at “Approve the members' holding statement”: 2 required cells still to approve")).toBeVisible();

  // The comms lead now follows the commander's approvals as they come.
  await following(comms, crisisRef);
  for (const language of ["en", "pl"]) {
    await membersPost(commander).getByRole("link", { name: new RegExp(`^${language} Awaiting approval`) }).click();
    await chosen(commander).getByRole("button", { name: "Approve this text" }).click();
    await expect(commander.getByText(/^Approved: ST-/)).toBeVisible();
    await expect(membersPost(comms).getByRole("link", { name: new RegExp(`^${language} Approved`) })).toBeVisible();
  }
  await expect(comms.locator("[aria-live=polite]")).toContainText(/commander@example\.com approved ST-[A-Z0-9]{8}\./);
  await expect(comms.getByText("live at “Publish the members' holding statement”: 2 required cells still to publish")).toBeVisible();

  for (const language of ["en", "pl"]) {
    await membersPost(comms).getByRole("link", { name: new RegExp(`^${language} Approved`) }).click();
    await chosen(comms).getByRole("button", { name: "Publish" }).click();
    await expect(membersPost(comms).getByRole("link", { name: new RegExp(`^${language} Published`) })).toBeVisible();
  }

  // The last cell published moves the playbook on; its timeline names who and which statement.
  await commander.goto(`/crises/${crisisRef}`);
  await expect(liveStep(commander, "Stand the team down")).toBeVisible();
  const timeline = commander.getByRole("list", { name: "Timeline" });
  await expect(timeline).toContainText("Published “Publish the members' holding statement”");
  await expect(timeline).toContainText(/ST-[A-Z0-9]{8}: every cell “Publish the members' holding statement” requires is published\./);
  await expect(timeline).toContainText("Approved “Approve the members' holding statement”");
});
