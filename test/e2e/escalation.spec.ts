import { expect, test } from "./fixtures";

// A moderator escalates a case; a senior moderator acknowledges it from the inbox and
// resolves the escalation with a handoff note. The path taken shows on the case page, the
// moderator's open case page hears of the acknowledgement live, and the lead's inbox shows
// the escalation as done.

test("a senior moderator acknowledges an escalated case from the inbox and resolves it with a handoff note", async ({ personAt, request }) => {
  // A platform reports a post through the ingest API (the demo key), which names the case.
  const reported = await request.post("/api/v1/reports", {
    headers: { Authorization: "Bearer vigil_demo_ingest_key" },
    data: { source: "platform", subject: { type: "content", id: `post-esc-${Date.now()}`, text: "You people are pathetic." }, ruleCode: "respect" },
  });
  expect(reported.status()).toBe(201);
  const { caseRef } = (await reported.json()) as { caseRef: string };

  const mo = await personAt("moderator@example.com");
  await mo.goto(`/cases/${caseRef}`);
  await expect(mo.getByRole("region", { name: "SLA clocks" })).toContainText("First response");
  // The queue's row keeps the wait and the deadline apart, each labelled.
  await mo.goto("/queue");
  const row = mo.getByRole("row").filter({ has: mo.getByRole("link", { name: caseRef }) });
  await expect(row.getByText(/Waited \d+ min/)).toBeVisible();
  await expect(row.getByText(/First response: \d+ h \d+ min left/)).toBeVisible();
  await mo.goto(`/cases/${caseRef}`);
  await mo.getByRole("form", { name: "Claim" }).getByRole("button", { name: "Claim" }).click();
  // The claim answered the first response: the summary and the SLA panel both say so.
  await expect(mo.locator("dt:text-is('Next deadline') + dd")).toContainText("Resolution due");
  await expect(mo.getByRole("region", { name: "SLA clocks" })).toContainText("First response: answered");
  const escalate = mo.getByRole("form", { name: "Escalate" });
  await escalate.getByLabel("Reason for escalating").fill("Part of a pile-on; needs a senior call.");
  await escalate.getByRole("button", { name: "Escalate" }).click();
  await expect(mo.getByRole("region", { name: "Escalation" })).toContainText("Senior moderator");

  const senior = await personAt("senior@example.com");
  await senior.goto("/");
  await expect(senior.getByRole("link", { name: /Inbox, \d+ unread/ })).toBeVisible();
  await senior.getByRole("link", { name: /Inbox/ }).click();
  const item = senior.getByRole("listitem", { name: `${caseRef} escalated to Senior moderator` });
  await expect(item).toContainText("Part of a pile-on");
  await item.getByRole("button", { name: `Acknowledge ${caseRef}` }).click();

  await expect(senior).toHaveURL(new RegExp(`/cases/${caseRef}`));
  // The lead was told too; the matter is done now, for the lead as well.
  const lead = await personAt("lead@example.com");
  await lead.goto("/inbox");
  const leadItem = lead.getByRole("listitem", { name: `${caseRef} escalated to Senior moderator` });
  await expect(leadItem).toContainText("Done: Acknowledged by Sen Senior at");
  await expect(leadItem.getByRole("button", { name: `Acknowledge ${caseRef}` })).toHaveCount(0);
  // The moderator, still on the case page, hears of it without reloading.
  await expect(mo.getByRole("alert").filter({ hasText: "acknowledged" })).toContainText(`The escalation of case ${caseRef} was acknowledged by senior@example.com.`);
  const panel = senior.getByRole("region", { name: "Escalation" });
  await expect(panel).toContainText("You acknowledged the escalation.");
  await expect(panel).toContainText("acknowledged by Sen Senior");
  const resolve = senior.getByRole("form", { name: "Resolve the escalation" });
  await resolve.getByLabel("Handoff note: what was decided").fill("Warned the author; the thread is locked.");
  await resolve.getByRole("button", { name: "Resolve the escalation" }).click();

  await expect(panel).toContainText("The escalation is resolved.");
  const path = senior.getByRole("list", { name: "Escalation path" });
  await expect(path.getByRole("listitem")).toHaveCount(3);
  await expect(path).toContainText("Escalated → Senior moderator by Mo Moderator");
  await expect(path).toContainText("Resolved → Senior moderator by Sen Senior: “Warned the author; the thread is locked.”");
});
