import { beforeEach, describe, expect, it } from "vitest";
import { action as reviewAction, loader as reviewLoader } from "~/routes/crises.$ref_.review";
import { loader as markdownLoader } from "~/routes/crises.$ref_.review[.md]";
import { prisma } from "~/utils/db.server";
import { DEMO_USERS } from "../factories/demo";
import type { Browser, FormFields } from "../http";
import { getRequest, loginAs, postForm, respond, routeArgs } from "../http";
import { seedWithPlaybooks } from "../playbooks/helpers";
import { crisisThroughItsPlaybook, sendAt } from "./review-helpers";

// The review's page and its Markdown as a browser calls them: who may read, write and sign
// off (each refusal names the permission and changes nothing), bad input answered with what
// was typed, and the exported file's content.

beforeEach(seedWithPlaybooks);

const t0 = new Date(Date.now() - 6 * 3_600_000);

async function resolvedCrisis() {
  const { crisis, who, at } = await crisisThroughItsPlaybook(t0);
  return { ref: crisis.ref, id: crisis.id, who, at };
}
const open = (ref: string, browser: Browser) => respond(() => reviewLoader(routeArgs(getRequest(`/crises/${ref}/review`, browser), { ref })));
const post = (ref: string, browser: Browser, fields: FormFields) => respond(() => reviewAction(routeArgs(postForm(`/crises/${ref}/review`, fields, browser), { ref })));
const changes = async () => ({ audit: await prisma.auditEntry.count(), tasks: await prisma.crisisTask.count(), reviews: await prisma.crisisReview.findMany() });

describe("the review page", () => {
  it("opens for everyone who reads crises and refuses the others naming read:crisis", async () => {
    const { ref } = await resolvedCrisis();
    const readers = ["trust_safety_lead", "crisis_responder", "crisis_commander", "comms_lead", "leadership", "admin"];
    for (const u of DEMO_USERS) {
      const res = await open(ref, await loginAs(u.email));
      expect(res.status, u.email).toBe(readers.includes(u.roles[0]) ? 200 : 403);
      if (!readers.includes(u.roles[0])) expect(await res.json()).toMatchObject({ missing: "read:crisis" });
    }
    const lead = await (await open(ref, await loginAs("lead@example.com"))).json();
    expect(lead.can).toEqual({ write: true, signOff: true });
    expect(lead.view.review).toMatchObject({ status: "draft" });
    expect(lead.view.facts.timings.map((t: { label: string; after: string }) => `${t.label}: ${t.after}`)).toEqual([
      "Declared: 10 min",
      "First page acknowledged: 15 min",
      "First statement published: —",
      "Contained: 52 min",
      "Resolved: 2 h",
    ]);
    const leadership = await (await open(ref, await loginAs("leadership@example.com"))).json();
    expect(leadership.can).toEqual({ write: false, signOff: true });
  });

  it("refuses leadership's writing and a commander's sign-off naming the permission, changing nothing", async () => {
    const { ref, id, who, at } = await resolvedCrisis();
    await sendAt(id, who.lead, { type: "WRITE_REVIEW", whatHappened: "Handled.", wentWell: "", toChange: "" }, at(200));
    await sendAt(id, who.lead, { type: "SUBMIT_REVIEW" }, at(201));
    const version = String((await prisma.crisis.findUniqueOrThrow({ where: { id } })).version);
    const before = await changes();
    const leadership = await post(ref, await loginAs("leadership@example.com"), { intent: "write", version, whatHappened: "Mine now", wentWell: "", toChange: "" });
    expect(leadership.status).toBe(403);
    expect(await leadership.json()).toMatchObject({ missing: "work:crisis-task" });
    const commander = await post(ref, await loginAs("commander@example.com"), { intent: "sign-off", version, note: "" });
    expect(commander.status).toBe(403);
    expect(await commander.json()).toMatchObject({ missing: "sign-off:crisis-review" });
    expect(await changes()).toEqual(before);

    const signed = await post(ref, await loginAs("lead@example.com"), { intent: "sign-off", version, note: "Agreed." });
    expect(signed.status).toBe(302);
    expect((await prisma.crisis.findUniqueOrThrow({ where: { id } })).state).toBe("closed");
  });

  it("answers bad input with the error by field and what was typed, changing nothing; a stale version is a conflict", async () => {
    const { ref, id } = await resolvedCrisis();
    const lead = await loginAs("lead@example.com");
    const version = String((await prisma.crisis.findUniqueOrThrow({ where: { id } })).version);
    const before = await changes();
    const long = await post(ref, lead, { intent: "write", version, whatHappened: "x".repeat(8001), wentWell: "Kept", toChange: "" });
    expect(long.status).toBe(400);
    expect(await long.json()).toMatchObject({ intent: "write", values: { wentWell: "Kept" }, errors: { whatHappened: ["Keep “What happened” under 8000 characters."] } });
    const badDate = await post(ref, lead, { intent: "add-action-item", title: "Fix it", owner: "nobody", due: "next week" });
    expect(badDate.status).toBe(400);
    expect(await badDate.json()).toMatchObject({ values: { title: "Fix it" }, errors: { due: ["Give the due date as YYYY-MM-DD."] } });
    const owner = await post(ref, lead, { intent: "add-action-item", title: "Fix it", owner: "nobody", due: "2999-01-01" });
    expect(owner.status).toBe(422);
    expect(await owner.json()).toMatchObject({ errors: { owner: ["Choose the owner from the list."] } });
    const past = await post(ref, lead, { intent: "add-action-item", title: "Fix it", owner: lead.user.id, due: "2001-01-01" });
    expect(await past.json()).toMatchObject({ errors: { due: ["Give a due date from today on."] } });
    const noCsrf = await respond(() => reviewAction(routeArgs(postForm(`/crises/${ref}/review`, { intent: "submit", version }, lead, { csrf: null }), { ref })));
    expect(noCsrf.status).toBe(403);
    expect(await changes()).toEqual(before);

    expect((await post(ref, lead, { intent: "write", version, whatHappened: "First", wentWell: "", toChange: "" })).status).toBe(302);
    const stale = await post(ref, lead, { intent: "write", version, whatHappened: "Second", wentWell: "", toChange: "" });
    expect(stale.status).toBe(409);
    expect((await prisma.crisisReview.findUniqueOrThrow({ where: { crisisId: id } })).whatHappened).toBe("First");
  });
});

describe("changing an action item on the page", () => {
  it("refuses bad input with the error by field and what was typed, and leadership naming the permission, changing nothing", async () => {
    const { ref, id, who, at } = await resolvedCrisis();
    const due = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    await sendAt(id, who.lead, { type: "ADD_ACTION_ITEM", title: "Add crisis-line numbers for Latvia", ownerId: who.comms.id, dueAt: `${due}T23:59:59.999Z` }, at(200));
    const task = (await prisma.crisisTask.findFirstOrThrow({ where: { crisisId: id, actionItem: true } })).id;
    const lead = await loginAs("lead@example.com");
    const footprint = async () => ({ ...(await changes()), item: await prisma.crisisTask.findUniqueOrThrow({ where: { id: task } }), timers: await prisma.timer.findMany({ where: { subjectId: id }, orderBy: { id: "asc" } }) });
    const before = await footprint();

    const empty = await post(ref, lead, { intent: "edit-action-item", task, title: "  ", owner: who.commander.id, due: "2026-02-30" });
    expect(empty.status).toBe(400);
    expect(await empty.json()).toMatchObject({ intent: "edit-action-item", values: { task, title: "  ", owner: who.commander.id, due: "2026-02-30" }, errors: { title: ["Say what is to be done."], due: ["Give the due date as YYYY-MM-DD."] } });
    const owner = await post(ref, lead, { intent: "edit-action-item", task, title: "Add numbers", owner: "nobody", due });
    expect(owner.status).toBe(422);
    expect(await owner.json()).toMatchObject({ values: { title: "Add numbers" }, errors: { owner: ["Choose the owner from the list."] } });
    const past = await post(ref, lead, { intent: "edit-action-item", task, title: "Add numbers", owner: who.comms.id, due: "2001-01-01" });
    expect(await past.json()).toMatchObject({ errors: { due: ["Give a due date from today on."] } });
    const elsewhere = await post(ref, lead, { intent: "edit-action-item", task: "not-an-item", title: "Add numbers", owner: who.comms.id, due });
    expect(elsewhere.status).toBe(404);
    const leadership = await post(ref, await loginAs("leadership@example.com"), { intent: "reopen-action-item", task });
    expect(leadership.status).toBe(403);
    expect(await leadership.json()).toMatchObject({ missing: "work:crisis-task" });
    expect(await footprint()).toEqual(before);

    const saved = await post(ref, lead, { intent: "edit-action-item", task, title: "Add crisis-line numbers for Latvia and Lithuania", owner: who.commander.id, due });
    expect(saved.status).toBe(302);
    expect(saved.headers.get("Location")).toBe(`/crises/${ref}/review?done=${encodeURIComponent(`Action item changed: ${ref}.`)}`);
    const page = await (await open(ref, lead)).json();
    expect(page.view.actionItems).toEqual([expect.objectContaining({ title: "Add crisis-line numbers for Latvia and Lithuania", owner: "Cora Commander", ownerId: who.commander.id, status: "open" })]);
  });
});

describe("the review as Markdown", () => {
  it("holds the timings, pages, late tasks, statements, what was written, the action items and the sign-off", async () => {
    const { ref, id, who, at } = await resolvedCrisis();
    const due = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
    await sendAt(id, who.lead, { type: "WRITE_REVIEW", whatHappened: "Declared ten minutes after the report.", wentWell: "The page was answered | quickly.", toChange: "" }, at(200));
    await sendAt(id, who.lead, { type: "ADD_ACTION_ITEM", title: "Add crisis-line numbers for Latvia", ownerId: who.comms.id, dueAt: `${due}T23:59:59.999Z` }, at(201));
    await sendAt(id, who.lead, { type: "SUBMIT_REVIEW" }, at(202));
    await sendAt(id, who.leadership, { type: "SIGN_OFF_REVIEW", note: "Read." }, at(210));

    const comms = await loginAs("comms@example.com");
    const res = await respond(() => markdownLoader(routeArgs(getRequest(`/crises/${ref}/review.md`, comms), { ref })));
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("text/markdown; charset=utf-8");
    const text = await res.text();
    const when = (minutes: number) => `${at(minutes).toISOString().slice(0, 16).replace("T", " ")} UTC`;
    expect(text).toContain(`# Post-crisis review: ${ref}, Member says they will end their life tonight`);
    expect(text).toContain(`- Signed off by Lou Leadership at ${when(210)}: Read.`);
    expect(text).toContain(`Counted from the first linked report (${when(0)}).`);
    expect(text).toContain(`| First page acknowledged | ${when(15)} | 15 min |`);
    expect(text).toContain("| First statement published | no statement yet | — |");
    expect(text).toContain("| Resolved | " + when(120) + " | 2 h |");
    expect(text).toContain("Updates published on time: 0 of 1 promised.");
    expect(text).toContain(`acknowledged |\n|---|---|---|---|\n| ${when(10)} | trust safety lead or crisis commander | Page the trust & safety lead and the crisis commander at once | ${when(15)} by Cora Commander (after 5 min) |`);
    expect(text).toContain(`- Draft the message with crisis-line resources: due ${when(35)}, done 10 min late`);
    expect(text).toContain(`put up for approval ${when(45)}, approved ${when(52)} (after 7 min)`);
    expect(text).toContain("## What happened\n\nDeclared ten minutes after the report.");
    expect(text).toContain("## What to change\n\n_Not written._");
    expect(text).toContain(`| Add crisis-line numbers for Latvia | Cam Comms | ${due} | Open |`);

    const moderator = await loginAs("moderator@example.com");
    expect((await respond(() => markdownLoader(routeArgs(getRequest(`/crises/${ref}/review.md`, moderator), { ref })))).status).toBe(403);
  });
});
