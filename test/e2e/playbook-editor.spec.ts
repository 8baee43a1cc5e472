import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";

// A trust & safety lead edits a seeded playbook: an unreachable step is found on its line
// and publishing it is refused; fixed, the check (as they type) comes back clean; a
// rehearsal in which nobody approves the holding statement is stuck at that approval; the
// version is published and the page shows what changed. And the same editor without
// JavaScript, as plain forms.

const UNREACHABLE = `      - id: call_press
        kind: task
        title: Call the press office
        owner: comms_lead
        due: 30m
        onDue: { page: [crisis_commander] }
`;

/** Serious axe findings, and whatever reaches past the window or the editor's column, at each width. */
async function layoutProblems(page: Page) {
  const found: string[] = [];
  const axe = await new AxeBuilder({ page }).analyze();
  for (const v of axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical")) found.push(`axe ${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  for (const width of [1280, 768, 390]) {
    await page.setViewportSize({ width, height: 900 });
    const sizes = await page.evaluate(() => {
      const area = document.querySelector("textarea[name=source]")!;
      const column = area.closest("form")!;
      return { page: document.documentElement.scrollWidth, window: document.documentElement.clientWidth, area: area.getBoundingClientRect().width, column: column.getBoundingClientRect().width };
    });
    if (sizes.page > sizes.window) found.push(`at ${width} px the page is ${sizes.page} px wide`);
    if (sizes.area > sizes.column + 0.5) found.push(`at ${width} px the editor is ${sizes.area} px wide in a ${sizes.column} px column`);
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  return found;
}

async function openEditor(page: Page, key: string) {
  // From the Admin menu, which the crisis team and leadership have for this page alone.
  await page.goto("/inbox");
  const nav = page.getByRole("navigation", { name: "Main" });
  await nav.getByText("Admin", { exact: true }).click();
  await nav.getByRole("link", { name: "Playbooks" }).click();
  await expect(page.getByRole("heading", { name: "Crisis playbooks" })).toBeVisible();
  await page.getByRole("link", { name: key === "harassment_raid" ? "Harassment raid" : "Data leak" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(key === "harassment_raid" ? "Harassment raid" : "Data leak");
  return page.getByLabel("Playbook (YAML)");
}

test("a lead finds an unreachable step by its line, cannot publish it, fixes it, rehearses a stuck approval, publishes and sees the changes", async ({ personAt }) => {
  const lead = await personAt("lead@example.com");
  const source = await openEditor(lead, "harassment_raid");
  const original = await source.inputValue();
  const broken = original.replace("        otherwise: respond\n", `        otherwise: respond\n${UNREACHABLE}`);
  const line = broken.split("\n").findIndex((l) => l.includes("id: call_press")) + 1;

  await source.fill(broken);
  await lead.getByRole("button", { name: "Check", exact: true }).click();
  const findings = lead.getByRole("region", { name: "Findings in the text above" });
  await expect(findings).toContainText("1 error and 0 warnings.");
  await expect(findings.getByRole("listitem").first()).toContainText(`Error on line ${line} (unreachable step)`);
  await expect(findings).toContainText("- id: call_press");
  await expect(findings).toContainText("No path reaches step call_press (“Call the press office”).");
  // The line number takes the keyboard to that line of the text.
  await findings.getByRole("link", { name: `line ${line}` }).press("Enter");
  await expect(source).toBeFocused();
  expect(await source.evaluate((el: HTMLTextAreaElement) => el.value.slice(el.selectionStart, el.selectionEnd))).toBe("      - id: call_press");

  await lead.getByLabel("What changed (optional)").fill("Call the press");
  await lead.getByRole("button", { name: "Save as new draft" }).click();
  await expect(lead.getByRole("status")).toContainText("Saved as version 2, a draft.");
  await lead.getByRole("button", { name: "Publish version 2" }).click();
  await expect(lead.getByRole("alert")).toContainText("Version 2 cannot be published: the check finds 1 error.");
  await expect(lead.getByRole("heading", { name: /^Version 2\s+draft$/ })).toBeVisible();
  await expect(lead.getByRole("region", { name: "Findings in version 2" })).toContainText(`Error on line ${line}`);

  // Fixed (and the commander given two more minutes): the check runs as the lead types.
  const fixed = original.replace("        roles: [crisis_commander]\n        due: 10m\n", "        roles: [crisis_commander]\n        due: 12m\n");
  await source.fill(fixed);
  await expect(lead.getByRole("region", { name: "Findings in the text above" })).toContainText("No errors and no warnings");

  const rehearsal = lead.getByRole("group", { name: "Rehearse on a virtual clock" });
  await rehearsal.getByLabel("Severity").selectOption("high");
  await rehearsal.getByLabel("Linked cases").fill("12");
  await rehearsal.getByRole("checkbox", { name: "Approve the holding statement" }).check();
  await rehearsal.getByLabel("Timed actions (optional)").fill("+5m commander acknowledges\n+12m responder completes confirm_scope answer=spreading");
  await rehearsal.getByRole("button", { name: "Rehearse" }).click();
  const result = lead.getByRole("region", { name: "Rehearsal" });
  await expect(result.getByRole("status")).toContainText("Stuck. Stuck at approve_holding (“Approve the holding statement”) since");
  await expect(result).toContainText("crisis commander 1 acknowledges page_commander");
  await expect(result).toContainText("Deadline of “Approve the holding statement” passed (15m): paged trust & safety lead");
  await expect(lead.getByRole("img", { name: /the rehearsal ended at Approve the holding statement/ })).toBeVisible();
  // What was typed stays after the rehearsal.
  await expect(source).toHaveValue(fixed);
  // With its findings, timeline and marked diagram, the page still fits and passes axe.
  expect(await layoutProblems(lead)).toEqual([]);

  await lead.getByRole("button", { name: "Save as new draft" }).click();
  await expect(lead.getByRole("status")).toContainText("Saved as version 3, a draft.");
  await lead.getByRole("button", { name: "Publish version 3" }).click();
  await expect(lead.getByRole("status")).toContainText("Published version 3: a crisis declared from now on runs it.");
  await expect(lead.getByText("Version 3 is published")).toBeVisible();
  const changes = lead.getByRole("region", { name: "Changes from version 2 to 3" });
  await expect(changes).toContainText("Removed step call_press (“Call the press office”) was in phase Assess");
  await expect(changes).toContainText("Changed step page_commander (“Page the crisis commander”)");
  await expect(changes.getByRole("definition")).toContainText("10m → 12m");

  await changes.getByLabel("Compare version 3 with").selectOption("1");
  await changes.getByRole("button", { name: "Compare" }).click();
  const fromOne = lead.getByRole("region", { name: "Changes from version 1 to 3" });
  await expect(fromOne.getByRole("listitem")).toHaveCount(1);
  await expect(fromOne).toContainText("Changed step page_commander");
  const row = lead.getByRole("row", { name: /Version 1/ });
  await expect(row).toContainText("retired");
  expect(await layoutProblems(lead)).toEqual([]);
});

test("without JavaScript the editor is plain forms: Check keeps the typed text and names the line; a rehearsal runs", async ({ personAt }) => {
  const commander = await personAt("commander@example.com", { javaScriptEnabled: false });
  const source = await openEditor(commander, "data_leak");
  await expect(commander.getByRole("button", { name: "Publish version 1" })).toHaveCount(0);
  const typed = (await source.inputValue()).replace("key: data_leak", "key: data_leak\nsurprise: true");
  await source.fill(typed);
  await commander.getByRole("button", { name: "Check", exact: true }).click();
  await expect(commander.getByRole("region", { name: "Findings in the text above" })).toContainText("unknown field surprise");
  await expect(commander.getByLabel("Playbook (YAML)")).toHaveValue(typed);

  await commander.getByRole("button", { name: "Rehearse" }).click();
  await expect(commander.getByRole("alert")).toContainText("A rehearsal needs a playbook that compiles");
  await commander.getByLabel("Playbook (YAML)").fill(typed.replace("\nsurprise: true", ""));
  await commander.getByRole("button", { name: "Rehearse" }).click();
  await expect(commander.getByRole("region", { name: "Rehearsal" }).getByRole("status")).toContainText(/Resolved at \+/);
});
