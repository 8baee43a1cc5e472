import { beforeEach, describe, expect, it } from "vitest";
import { action as statementsAction, loader as statementsLoader } from "~/routes/crises.$ref_.statements";
import { loader as statusLoader } from "~/routes/status";
import { loader as atomLoader } from "~/routes/status[.]atom";
import { prisma } from "~/utils/db.server";
import { DEMO_USERS } from "../factories/demo";
import { DEMO_CRISIS_REF, seedCrises } from "../factories/crises";
import type { Browser, FormFields } from "../http";
import { anonymous, getRequest, loginAs, postForm, respond, routeArgs } from "../http";
import { seedWithPlaybooks } from "../playbooks/helpers";

// The statements panel and the status page as a browser calls them: the server refuses to
// publish what is not fully approved whatever the page sends, and changes nothing then; an
// author never approves their own; /status shows nothing a crisis team has not published,
// in the reader's language once it has, and nothing internal.

beforeEach(async () => {
  await seedWithPlaybooks();
  await seedCrises();
});

const PATH = `/crises/${DEMO_CRISIS_REF}/statements`;
const post = (browser: Browser, fields: FormFields) => respond(() => statementsAction(routeArgs(postForm(PATH, fields, browser), { ref: DEMO_CRISIS_REF })));
const open = (browser: Browser, cell?: string) => respond(() => statementsLoader(routeArgs(getRequest(`${PATH}${cell ? `?cell=${cell}` : ""}`, browser), { ref: DEMO_CRISIS_REF })));
const status = async (language: string) => (await respond(() => statusLoader(routeArgs(getRequest("/status", anonymous(), { "Accept-Language": language }))))).json();

const MEMBERS_POST = { stage: "holding", audience: "members", channel: "public_post" };

async function draft(comms: Browser, language: string) {
  const answer = await post(comms, { intent: "draft", ...MEMBERS_POST, language });
  expect(answer.status).toBe(302);
  return prisma.statement.findFirstOrThrow({ where: { ...MEMBERS_POST, language }, orderBy: { sequence: "desc" } });
}

/** Everything a refused publish must leave as it was. */
const footprint = async (id: string) => ({
  row: await prisma.statement.findUniqueOrThrow({ where: { id } }),
  audit: await prisma.auditEntry.count(),
  outbox: await prisma.outboxMessage.count(),
  messages: await prisma.message.count(),
  crisis: await prisma.crisis.findUniqueOrThrow({ where: { ref: DEMO_CRISIS_REF }, select: { version: true, nextUpdateDueAt: true } }),
});

describe("the statements panel", () => {
  it("opens for the crisis team, comms leads and leadership, who reads and changes nothing", async () => {
    const readers = ["trust_safety_lead", "crisis_responder", "crisis_commander", "comms_lead", "leadership", "admin"];
    for (const u of DEMO_USERS) {
      const answer = await open(await loginAs(u.email));
      expect(answer.status, u.email).toBe(readers.includes(u.roles[0]) ? 200 : 403);
    }
    const leadership = await loginAs("leadership@example.com");
    const page = await (await open(leadership)).json();
    expect(page.can).toEqual({ draft: false, approve: false });
    expect(page.matrix.stages[0].rows.map((r: { audience: string; channel: string }) => `${r.audience}.${r.channel}`)).toEqual(["public.public_post", "public.email"]);
    const refused = await post(leadership, { intent: "draft", ...MEMBERS_POST, language: "en" });
    expect(refused.status).toBe(403);
    expect(await prisma.statement.count()).toBe(0);
  });

  it("refuses to publish a statement that is not approved, whatever the page sends, and changes nothing", async () => {
    const comms = await loginAs("comms@example.com");
    const st = await draft(comms, "en");
    for (const [what, fields] of [
      ["a draft", { intent: "publish", ref: st.ref, version: String(st.version) }],
      ["a forged approval hash in a publish", { intent: "publish", ref: st.ref, version: String(st.version), hash: st.textHash, approved: "true" }],
    ] as const) {
      const before = await footprint(st.id);
      const answer = await post(comms, fields);
      expect(answer.status, what).toBe(409);
      expect((await answer.json()).message).toContain("Only a fully approved statement is published");
      expect(await footprint(st.id), what).toEqual(before);
    }
    expect((await post(comms, { intent: "submit", ref: st.ref, version: String(st.version) })).status).toBe(302);
    const submitted = await prisma.statement.findUniqueOrThrow({ where: { id: st.id } });
    const before = await footprint(st.id);
    expect((await post(comms, { intent: "publish", ref: st.ref, version: String(submitted.version) })).status).toBe(409);
    expect(await footprint(st.id)).toEqual(before);
  });

  it("refuses to publish a statement edited after its approval, and changes nothing", async () => {
    const [comms, commander] = await Promise.all([loginAs("comms@example.com"), loginAs("commander@example.com")]);
    const st = await draft(comms, "en");
    await post(comms, { intent: "submit", ref: st.ref, version: "1" });
    expect((await post(commander, { intent: "approve", ref: st.ref, version: "2", hash: st.textHash })).status).toBe(302);
    expect((await post(comms, { intent: "edit", ref: st.ref, version: "3", body: `${st.body} Passwords were not exposed.` })).status).toBe(302);
    const edited = await prisma.statement.findUniqueOrThrow({ where: { id: st.id } });
    expect(edited).toMatchObject({ state: "drafted", approvals: "[]", version: 4 });
    const before = await footprint(st.id);
    const answer = await post(comms, { intent: "publish", ref: st.ref, version: "4" });
    expect(answer.status).toBe(409);
    expect(await footprint(st.id)).toEqual(before);
    // A page still showing the approved version is answered with a conflict, also changing nothing.
    expect((await post(comms, { intent: "publish", ref: st.ref, version: "3" })).status).toBe(409);
    expect(await footprint(st.id)).toEqual(before);
  });

  it("never lets the author approve their own statement, even one holding an approving role", async () => {
    const both = await prisma.user.update({ where: { email: "comms@example.com" }, data: { roles: { create: { role: "crisis_commander" } } } });
    const author = await loginAs(both.email);
    const st = await draft(author, "en");
    await post(author, { intent: "submit", ref: st.ref, version: "1" });
    const page = await (await open(author, `holding.members.public_post.en`)).json();
    expect(page.matrix.chosen.statement.actions).toEqual([]);
    const answer = await post(author, { intent: "approve", ref: st.ref, version: "2", hash: st.textHash });
    expect(answer.status).toBe(409);
    expect((await answer.json()).message).toBe("You wrote this statement: someone else must approve it.");
    expect(await prisma.statement.findUniqueOrThrow({ where: { id: st.id } })).toMatchObject({ state: "submitted", approvals: "[]" });
  });
});

describe("the status page", () => {
  it("shows nothing of a crisis whose statements are unpublished, then the published notice in the reader's language", async () => {
    const [comms, commander] = await Promise.all([loginAs("comms@example.com"), loginAs("commander@example.com")]);
    const en = await draft(comms, "en");
    const pl = await draft(comms, "pl");
    for (const st of [en, pl]) {
      await post(comms, { intent: "submit", ref: st.ref, version: "1" });
      await post(commander, { intent: "approve", ref: st.ref, version: "2", hash: st.textHash });
    }
    expect((await status("pl-PL,pl;q=0.9")).notices).toEqual([]);
    const feed = await (await respond(() => atomLoader(routeArgs(getRequest("/status.atom", anonymous()))))).text();
    expect(feed).not.toContain("<entry");

    for (const st of [en, pl]) expect((await post(comms, { intent: "publish", ref: st.ref, version: "3" })).status).toBe(302);
    const polish = await status("pl-PL,pl;q=0.9");
    expect(polish.notices).toHaveLength(1);
    expect(polish.notices[0]).toMatchObject({ ongoing: true, updates: [{ stage: "holding", language: "pl", fallback: false, text: pl.body }] });
    expect(polish.notices[0].nextText).toMatch(/UTC$/);
    const english = await status("en-GB,en;q=0.8");
    expect(english.notices[0].updates[0]).toMatchObject({ language: "en", text: en.body });
    // Italian has no text: English is shown, and said to be.
    expect((await status("it-IT")).notices[0].updates[0]).toMatchObject({ language: "en", fallback: true, languageName: "English" });

    const everything = JSON.stringify([polish, english]) + (await (await respond(() => atomLoader(routeArgs(getRequest("/status.atom?lang=pl", anonymous()))))).text());
    const crisis = await prisma.crisis.findUniqueOrThrow({ where: { ref: DEMO_CRISIS_REF } });
    for (const internal of [DEMO_CRISIS_REF, crisis.id, en.ref, en.id, "Cora", "comms@example.com", "Member emails visible on public profiles</"]) expect(everything).not.toContain(internal);
    expect(everything).toContain("<content type=\"text\">" + pl.body);
  });
});
