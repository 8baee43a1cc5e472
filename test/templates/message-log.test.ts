import { beforeEach, describe, expect, it } from "vitest";
import { messageLogHref } from "~/components/templates/message-log-filters";
import { MESSAGE_PAGE_SIZE } from "~/models/messages/message-log.server";
import { loader as caseMessagesLoader } from "~/routes/cases.$ref_.messages";
import type { CaseMessagesData } from "~/forms/composer";
import { loader as logLoader } from "~/routes/messages";
import type { MessageLogData } from "~/routes/messages";
import { createMessageDelivery } from "~/services/message-delivery.server";
import { prisma } from "~/utils/db.server";
import { resetDb } from "../db";
import { seedDemo } from "../factories/demo";
import type { LoggedMessage } from "../factories/messages";
import { recordMessages } from "../factories/messages";
import { seedTemplates } from "../factories/templates";
import type { Browser } from "../http";
import { getRequest, loginAs, respond, routeArgs } from "../http";
import { polishCaseRemoved, sendFromCase } from "./helpers";

// /messages as a comms lead or moderator uses it: newest first, Newer and Older pages,
// filters in the address. No delivery endpoint is configured in this file's environment.

let comms: Browser;
beforeEach(async () => {
  await resetDb();
  await seedDemo();
  comms = await loginAs("comms@example.com");
});

async function open(href: string, browser: Browser = comms) {
  const res = await respond(() => logLoader(routeArgs(getRequest(href, browser))));
  expect(res.status).toBe(200);
  return (await res.json()) as MessageLogData;
}
const ids = (page: MessageLogData) => page.messages.map((m) => m.id);
/** The pages a person reaches by following Older from `href` until there is none. */
async function olderPages(href: string) {
  const pages = [await open(href)];
  while (pages.at(-1)!.older) {
    if (pages.length > 10) throw new Error("Older pages never end");
    const { older: _o, newer: _n, ...filters } = pages.at(-1)!.filters;
    pages.push(await open(messageLogHref(filters, { older: pages.at(-1)!.older! })));
  }
  return pages;
}

const T0 = Date.parse("2026-04-01T12:00:00.000Z");
/** 120 messages, three to a millisecond (so order falls back on the id), in and email by turns. */
const many = (): LoggedMessage[] => Array.from({ length: 120 }, (_, i) => ({ at: new Date(T0 + Math.floor(i / 3) * 1000), channel: i % 2 ? "email" : "in_app" }));

describe("the message log's pages", () => {
  it("pages newest first through Older and back through Newer, each message once, stable as new ones arrive", async () => {
    await recordMessages(many());
    const newestFirst = (await prisma.message.findMany({ orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: { id: true } })).map((m) => m.id);

    const pages = await olderPages("/messages");
    expect(pages.map((p) => p.messages.length)).toEqual([MESSAGE_PAGE_SIZE, MESSAGE_PAGE_SIZE, 20]);
    expect(pages.flatMap(ids)).toEqual(newestFirst);
    expect(pages[0].newer).toBeNull();
    expect(pages[0].messages[0].createdAt).toBe(new Date(T0 + 39_000).toISOString());

    // Back: Newer from the last page is the middle one; from the middle one, the first.
    const back = await open(messageLogHref({}, { newer: pages[2].newer! }));
    expect(ids(back)).toEqual(ids(pages[1]));
    expect(ids(await open(messageLogHref({}, { newer: back.newer! })))).toEqual(ids(pages[0]));
    // Both directions at once cannot be meant: Older wins.
    const both = await open(`/messages?older=${pages[0].older}&newer=${pages[2].newer}`);
    expect(both.filters).toEqual({ older: pages[0].older });
    expect(ids(both)).toEqual(ids(pages[1]));

    // A message sent meanwhile goes on top; the Older page a person is about to open stays as it was.
    await recordMessages([{ at: new Date(T0 + 60_000) }]);
    expect(ids(await open(messageLogHref({}, { older: pages[0].older! })))).toEqual(ids(pages[1]));
    const first = await open("/messages");
    expect(first.messages).toHaveLength(MESSAGE_PAGE_SIZE);
    expect(first.messages[0].createdAt).toBe(new Date(T0 + 60_000).toISOString());
  });

  it("keeps the filters on every page", async () => {
    await recordMessages(many());
    const pages = await olderPages("/messages?channel=email");
    expect(pages.map((p) => p.messages.length)).toEqual([MESSAGE_PAGE_SIZE, 10]);
    expect(pages.every((p) => p.filters.channel === "email" && p.messages.every((m) => m.channel === "email"))).toBe(true);
    const emails = await prisma.message.findMany({ where: { channel: "email" }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: { id: true } });
    expect(pages.flatMap(ids)).toEqual(emails.map((m) => m.id));
    expect(messageLogHref(pages[0].filters, { older: pages[0].older! })).toMatch(/^\/messages\?channel=email&older=/);
  });
});

describe("the message log's filters", () => {
  it("filters by case, channel, language, template and delivery state, alone and together", async () => {
    const at = (s: number) => new Date(T0 + s * 1000);
    await recordMessages([
      { at: at(1), caseRef: "C-AAAAAAAA", language: "pl", templateKey: "outcome_reporter.in_app" },
      { at: at(2), caseRef: "C-AAAAAAAA", language: "pl", channel: "email", templateKey: "outcome_reporter.email", outbox: { status: "delivered", attempts: 1, deliveredAt: at(3) } },
      { at: at(3), caseRef: "C-BBBBBBBB", language: "it", recipientKind: "author", templateKey: "warning.in_app", outbox: { status: "failed", attempts: 10, lastError: "HTTP 410" } },
      { at: at(4), caseRef: "C-BBBBBBBB", language: "pl", recipientKind: "author", templateKey: "warning.in_app", outbox: { attempts: 2, lastError: "fetch failed", nextAttemptAt: at(20) } },
    ]);
    const keys = async (query: string) => (await open(`/messages${query}`)).messages.map((m) => `${m.caseRef} ${m.templateKey} ${m.language}`);
    expect(await keys("?case=c-aaaaaaaa")).toEqual(["C-AAAAAAAA outcome_reporter.email pl", "C-AAAAAAAA outcome_reporter.in_app pl"]);
    expect(await keys("?channel=email")).toEqual(["C-AAAAAAAA outcome_reporter.email pl"]);
    expect(await keys("?language=it")).toEqual(["C-BBBBBBBB warning.in_app it"]);
    expect(await keys("?template=warning.in_app&language=pl")).toEqual(["C-BBBBBBBB warning.in_app pl"]);
    expect(await keys("?delivery=queued")).toEqual(["C-AAAAAAAA outcome_reporter.in_app pl"]);
    expect(await keys("?delivery=delivered&case=C-AAAAAAAA")).toEqual(["C-AAAAAAAA outcome_reporter.email pl"]);
    expect(await keys("?delivery=delivered&case=C-BBBBBBBB")).toEqual([]);

    const log = await open("/messages");
    expect(log.messages.map((m) => m.delivery)).toEqual([
      { state: "retrying", attempts: 2, lastError: "fetch failed", nextAttemptAt: at(20).toISOString(), noEndpoint: true },
      { state: "failed", attempts: 10, lastError: "HTTP 410" },
      { state: "delivered", deliveredAt: at(3).toISOString(), attempts: 1 },
      { state: "queued", reason: "no_endpoint", nextAttemptAt: at(1).toISOString() },
    ]);
  });

  it("ignores values it does not know rather than refusing the page", async () => {
    await recordMessages([{ at: new Date(T0) }, { at: new Date(T0 + 1) }]);
    const log = await open("/messages?channel=fax&delivery=lost&language=%3Cscript%3E&template=..%2F..%2Fetc&case=nope&older=not-a-cursor&sort=oldest");
    expect(log.filters).toEqual({});
    expect(log.messages).toHaveLength(2);
  });

  it("offers every template key and every language the templates are written in", async () => {
    await seedTemplates();
    const { options } = await open("/messages");
    expect(options.templates).toContain("outcome_reporter.in_app");
    expect(options.templates).toEqual([...options.templates].sort());
    expect(options.languages.map((l) => l.code)).toEqual(expect.arrayContaining(["en", "pl", "it", "lv", "zh"]));
    expect(options.languages.find((l) => l.code === "pl")?.name).toBe("Polish");
  });

  it("asks whoever is not signed in to sign in", async () => {
    const res = await respond(() => logLoader(routeArgs(getRequest("/messages?channel=email"))));
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toMatch(/^\/login/);
  });
});

describe("with no delivery endpoint configured", () => {
  it("keeps a sent message queued, untried, and says why on the log and the case page", async () => {
    await seedTemplates();
    const mo = await loginAs("moderator@example.com");
    const c = await polishCaseRemoved();
    await sendFromCase(mo, c.ref, "author", "content_removed.in_app");

    expect(await createMessageDelivery().tick()).toBe(0);
    expect(await prisma.outboxMessage.findFirstOrThrow({ where: { kind: "message.in_app" } })).toMatchObject({ status: "pending", attempts: 0, lockedBy: null });
    expect(await prisma.deliveryAttempt.count()).toBe(0);

    const log = await open("/messages?delivery=queued", mo);
    expect(log.endpointConfigured).toBe(false);
    expect(log.messages.map((m) => [m.templateKey, m.delivery?.state, m.delivery?.state === "queued" && m.delivery.reason])).toEqual([["content_removed.in_app", "queued", "no_endpoint"]]);
    const res = await respond(() => caseMessagesLoader(routeArgs(getRequest(`/cases/${c.ref}/messages`, mo), { ref: c.ref })));
    const page = (await res.json()) as CaseMessagesData;
    expect(page.messages[0].delivery).toMatchObject({ state: "queued", reason: "no_endpoint" });
    expect(page.moreMessages).toBe(false);
  });
});
