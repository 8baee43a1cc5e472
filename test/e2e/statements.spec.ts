import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";

// One voice in a crisis: the comms lead drafts the data leak's holding statement for members
// in English and Polish from the approved templates; the author cannot approve it; the
// commander approves each; the comms lead publishes them; the public status page shows the
// Polish notice to a Polish browser and the English one to an English browser, no sign-in.

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
});
