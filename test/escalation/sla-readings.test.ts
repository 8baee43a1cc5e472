import { createElement } from "react";
import type { ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { CaseFacts } from "~/components/case/case-summary";
import { SlaClocks } from "~/components/escalation/escalation-panel";
import { SlaCell } from "~/components/escalation/queue-sla";
import type { QueueCase } from "~/components/queue/types";
import { applyCaseEvent } from "~/models/cases/case-events.server";
import { fireCaseTimer } from "~/models/cases/case-timers.server";
import { applyEscalationCommand } from "~/models/escalation/escalation-commands.server";
import { loadQueue, parseQueueFilters } from "~/models/queue/queue.server";
import type { CasePage } from "~/models/cases/case-view.server";
import { loader as queueLoader } from "~/routes/queue";
import { createScheduler } from "~/services/scheduler.server";
import { prisma } from "~/utils/db.server";
import { resetDb } from "../db";
import { pageAs } from "../case-page/helpers";
import { reportSubject, userByEmail } from "../factories/cases";
import { seedDemo } from "../factories/demo";
import { loginAs } from "../http";
import { queueAs } from "../queue/helpers";

// The case summary, the SLA panel and the queue read one SLA state (models/cases/sla-state.ts):
// whatever happens to a case, they say the same thing about its deadlines.

beforeEach(async () => {
  await resetDb();
  await seedDemo();
});
afterEach(() => vi.useRealTimers());

/** What a reader sees of a rendered piece: its text, and whether anything counts down or shows late. */
function seen(element: ReactElement) {
  const html = renderToStaticMarkup(element);
  const text = html
    .replace(/<\/(dt|dd|li|p|h2|div)>/g, " ")
    .replace(/<[^>]+>/g, "")
    .replace(/&amp;/g, "&")
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, " ");
  return { text, counting: html.includes('role="timer"'), lateMark: html.includes('class="sla-late"') };
}
const summaryOf = (page: CasePage) => seen(createElement(CaseFacts, { c: page }));
const panelOf = (page: CasePage) => seen(createElement(SlaClocks, { c: page }));
const utc = (iso: string) => `${iso.slice(0, 16).replace("T", " ")} UTC`;

describe("the case summary and the SLA panel", () => {
  it("agree after a claim: the first response is answered, the resolution deadline is next", async () => {
    const c = await reportSubject();
    const moderator = await loginAs("moderator@example.com");
    await applyCaseEvent({ caseId: c.id, event: { type: "CLAIM" }, actor: await userByEmail("moderator@example.com") });
    const page = await pageAs(moderator, c.ref);

    expect(page.sla.firstResponse.state).toBe("met");
    expect(page.sla.nextDeadline).toEqual({ clock: "resolution", dueAt: page.resolutionDueAt, state: "due" });
    const summary = summaryOf(page);
    const panel = panelOf(page);
    // The summary used to say "First response due 03:33 (12 min left)" here while the panel said "answered".
    expect(summary.text).not.toContain("First response");
    expect(summary.text).toContain(`Next deadline Resolution due ${utc(page.resolutionDueAt!)}`);
    expect(panel.text).toContain("First response: answered");
    expect(panel.text).toContain(`Resolution: due ${utc(page.resolutionDueAt!)}`);
    expect(summary.lateMark || panel.lateMark).toBe(false);
  });

  it("agree after the case is resolved: nothing counts down any more", async () => {
    const c = await reportSubject();
    const mo = await userByEmail("moderator@example.com");
    await applyCaseEvent({ caseId: c.id, event: { type: "CLAIM" }, actor: mo });
    await applyCaseEvent({ caseId: c.id, event: { type: "DISMISS", reason: "Banter between friends." }, actor: mo });
    const page = await pageAs(await loginAs("moderator@example.com"), c.ref);

    expect(page.sla).toMatchObject({ nextDeadline: null, firstResponse: { state: "met" }, resolution: { state: "met" }, tier: null });
    const summary = summaryOf(page);
    const panel = panelOf(page);
    expect(summary.text).toContain("Next deadline None: the case is closed");
    expect(panel.text).toContain("First response: answered");
    expect(panel.text).toContain("Resolution: resolved");
    expect(summary.counting || panel.counting).toBe(false);
  });

  it("agree on a missed deadline at the top tier: late, in a colour and a word, and the case climbs nowhere", async () => {
    // The report came in 40 minutes ago; the crisis team had minutes to acknowledge the page.
    vi.useFakeTimers({ toFake: ["Date"], now: Date.now() - 40 * 60_000 });
    const c = await reportSubject({ ruleCode: "self_harm", subject: { type: "content", id: "post-sla-top", text: "I can't go on." } });
    vi.useRealTimers();
    const scheduler = createScheduler({ fire: fireCaseTimer, instanceId: "sla-readings", onError: (e) => console.error(e) });
    while ((await scheduler.tick(new Date())) > 0);
    expect(await prisma.caseEscalation.findUniqueOrThrow({ where: { caseId: c.id } })).toMatchObject({ tierKey: "crisis_team", state: "awaiting_ack", version: 2 });

    const commander = await loginAs("commander@example.com");
    const page = await pageAs(commander, c.ref);
    expect(page.sla).toMatchObject({
      firstResponse: { state: "late", dueAt: page.firstResponseDueAt },
      nextDeadline: { clock: "first_response", state: "late" },
      escalated: true,
      tier: { key: "crisis_team", label: "Crisis team" },
      climbsTo: null,
      topTier: true,
    });
    const summary = summaryOf(page);
    const panel = panelOf(page);
    expect(summary.text).toContain(`Next deadline First response due ${utc(page.firstResponseDueAt!)} (⚠ Late by`);
    expect(panel.text).toContain("First response (acknowledgement by Crisis team): ⚠ Late by");
    expect(panel.text).toContain("Crisis team is the top tier: a missed deadline is recorded and announced, and the case stays here.");
    expect(summary.lateMark && panel.lateMark).toBe(true);

    // The queue reads the same state, and marks the row late too.
    const queue = await queueAs(queueLoader, commander);
    const row = (queue.cases as unknown as QueueCase[]).find((q) => q.ref === c.ref)!;
    expect(row.sla.nextDeadline).toEqual(page.sla.nextDeadline);
    const cell = seen(createElement(SlaCell, { c: row, now: new Date().toISOString() }));
    expect(cell.text).toMatch(/^Crisis team First response: ⚠ Late by /);
    expect(cell.lateMark).toBe(true);

    // The inbox says so too: the breach notice no longer promises a climb to a next tier.
    const breach = await prisma.notification.findFirstOrThrow({ where: { userId: commander.user.id, kind: "sla_breached" } });
    expect(breach.body).toBe("Crisis team is the top tier: the missed deadline is recorded, and the case stays with it.");
  });
});

describe("the notices of a deadline", () => {
  it("name the tier a case climbs to below the top", async () => {
    const c = await reportSubject();
    const due = (await prisma.case.findUniqueOrThrow({ where: { id: c.id } })).firstResponseDueAt!;
    const scheduler = createScheduler({ fire: fireCaseTimer, instanceId: "sla-notices", onError: (e) => console.error(e) });
    await scheduler.tick(new Date(due.getTime() - 30 * 60_000));
    await scheduler.tick(new Date(due.getTime() + 60_000));
    const moderator = await userByEmail("moderator@example.com");
    const notices = await prisma.notification.findMany({ where: { userId: moderator.id, caseId: c.id }, orderBy: { createdAt: "asc" } });
    expect(notices.map((n) => [n.kind, n.body])).toEqual([
      ["sla_warning", "If the deadline passes, the case climbs to Senior moderator."],
      ["sla_breached", "The case climbs to Senior moderator."],
    ]);
  });
});

describe("the queue's SLA filters", () => {
  it("pick exactly the cases whose reading is late, or due within 30 minutes, at any time", async () => {
    const mo = await userByEmail("moderator@example.com");
    await reportSubject(); // new: the first tier's first response runs
    const claimed = await reportSubject();
    await applyCaseEvent({ caseId: claimed.id, event: { type: "CLAIM" }, actor: mo });
    const paused = await reportSubject();
    await applyCaseEvent({ caseId: paused.id, event: { type: "CLAIM" }, actor: mo });
    await applyCaseEvent({ caseId: paused.id, event: { type: "REQUEST_INFO", reason: "Which thread?" }, actor: mo });
    const settled = await reportSubject(); // escalated, then resolved by the senior tier while the case stays open
    await applyCaseEvent({ caseId: settled.id, event: { type: "CLAIM" }, actor: mo });
    await applyCaseEvent({ caseId: settled.id, event: { type: "ESCALATE", reason: "Needs a senior." }, actor: mo });
    await applyEscalationCommand({ caseId: settled.id, type: "RESOLVE", note: "Settled with the author directly.", actor: await userByEmail("senior@example.com") });
    await reportSubject({ ruleCode: "self_harm", subject: { type: "content", id: "post-sla-filters", text: "help" } });

    for (const minutes of [0, 20, 5 * 60, 50 * 60]) {
      const now = new Date(Date.now() + minutes * 60_000);
      const { cases } = await loadQueue(parseQueueFilters(new URLSearchParams("")), mo, now);
      const late = cases.filter((c) => c.sla.nextDeadline?.state === "late").map((c) => c.ref);
      const soon = cases.filter((c) => c.sla.nextDeadline && Date.parse(c.sla.nextDeadline.dueAt) <= now.getTime() + 30 * 60_000).map((c) => c.ref);
      const filtered = async (due: string) => (await loadQueue(parseQueueFilters(new URLSearchParams({ due })), mo, now)).cases.map((c) => c.ref);
      expect(await filtered("breached"), `late, ${minutes} min on`).toEqual(late);
      expect(await filtered("soon"), `due soon, ${minutes} min on`).toEqual(soon);
    }
  });
});
