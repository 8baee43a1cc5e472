import { beforeEach, describe, expect, it } from "vitest";
import { applyCrisisEvent } from "~/models/crises/crisis-commands.server";
import { crisisFacts } from "~/models/crises/crisis-review-facts.server";
import { draftCell, moveStatement } from "~/models/statements/statement-commands.server";
import { statementMatrix } from "~/models/statements/statement-matrix.server";
import { statusNotices } from "~/models/statements/status-page.server";
import { prisma } from "~/utils/db.server";
import { reportSubject, userByEmail } from "../factories/cases";
import { DEMO_CRISIS_REF, seedCrises } from "../factories/crises";
import { seedWithPlaybooks } from "../playbooks/helpers";

// The matrix as the comms lead reads it: a cell drafted in a language no template speaks
// names its fallback; the lint stops a text from going up for approval and says why; a
// published cell is stale once a newer update of its audience went out, not when the same
// update goes out in another language. The status page lists a crisis's updates newest
// first with the next promised one; the review times an approval from its submission.

beforeEach(async () => {
  await seedWithPlaybooks();
  await seedCrises();
});

const MINUTE = 60_000;
/** Minutes after the moment it is made, for statements published in a known order. */
const minutesFromNow = () => {
  const t = Date.now();
  return (minutes: number) => new Date(t + minutes * MINUTE);
};
const people = async () => ({ comms: await userByEmail("comms@example.com"), commander: await userByEmail("commander@example.com"), lead: await userByEmail("lead@example.com") });
type Cell = { stage: "holding" | "update"; audience: string; channel: string; language: string };

async function drafted(cell: Cell, at?: Date) {
  const outcome = await draftCell({ crisisRef: DEMO_CRISIS_REF, ...cell, actor: (await people()).comms, at });
  if (outcome.status !== "applied") throw new Error(outcome.message);
  return { outcome, row: await prisma.statement.findUniqueOrThrow({ where: { ref: outcome.ref } }) };
}

/** Drafts, submits, approves and publishes a cell at `at`. */
async function published(cell: Cell, at: Date) {
  const { comms, commander } = await people();
  const { row } = await drafted(cell, at);
  for (const [event, actor] of [[{ type: "SUBMIT" }, comms], [{ type: "APPROVE", hash: row.textHash }, commander], [{ type: "PUBLISH" }, comms]] as const) {
    const moved = await moveStatement({ ref: row.ref, event, actor, at });
    if (moved.status !== "applied") throw new Error(`${event.type}: ${moved.message}`);
  }
  return row;
}

const cellsOf = async (stage: string, audience: string, channel: string) => {
  const matrix = (await statementMatrix(DEMO_CRISIS_REF, (await people()).comms, null))!;
  const row = matrix.stages.find((s) => s.stage === stage)!.rows.find((r) => r.audience === audience && r.channel === channel)!;
  return Object.fromEntries(row.cells.map((c) => [c.language, c.state]));
};

describe("drafting a cell", () => {
  it("in a language of a linked case that no template speaks, starts from the fallback and says which", async () => {
    const { lead, comms } = await people();
    const french = await reportSubject({ subject: { type: "content", id: `post-fr-${Date.now()}`, authorHandle: "@auteur", text: "Mon adresse est visible.", language: "fr" } });
    expect((await prisma.case.findUniqueOrThrow({ where: { id: french.id } })).language).toBe("fr");
    const crisis = await prisma.crisis.findUniqueOrThrow({ where: { ref: DEMO_CRISIS_REF } });
    expect(await applyCrisisEvent({ id: crisis.id, event: { type: "LINK_CASE", caseId: french.id, caseRef: french.ref }, actor: lead })).toMatchObject({ status: "applied" });

    const { outcome, row } = await drafted({ stage: "holding", audience: "members", channel: "public_post", language: "fr" });
    expect(outcome.status === "applied" && outcome.message).toContain("The template has no fr text: it starts from en.");
    expect(row).toMatchObject({ language: "fr", templateLanguage: "en", body: "We are aware of the Member emails visible on public profiles and are looking into it. We will share an update soon." });
    const matrix = (await statementMatrix(DEMO_CRISIS_REF, comms, "holding.members.public_post.fr"))!;
    expect(matrix.languages).toContain("fr");
    expect(matrix.chosen).toMatchObject({ language: "fr", statement: { ref: row.ref, templateLanguage: "en" } });
  });
});

describe("the lint", () => {
  it("keeps a text with a placeholder left, a listed word or too many characters from going up for approval, saying what it found", async () => {
    const { comms } = await people();
    const { row } = await drafted({ stage: "holding", audience: "members", channel: "public_post", language: "pl" });
    for (const [body, code, said] of [
      [`${row.body} Kontakt: {{support.url}}`, "missing_variable", "{{support.url}} is not filled in."],
      [`${row.body} Co za kurwa bałagan.`, "profanity", "word list"],
      [`${row.body} ${"x".repeat(280)}`, "too_long", "public post allows 280"],
    ] as const) {
      const current = await prisma.statement.findUniqueOrThrow({ where: { id: row.id } });
      expect((await moveStatement({ ref: row.ref, event: { type: "EDIT", subject: null, body }, actor: comms })).status).toBe("applied");
      const page = (await statementMatrix(DEMO_CRISIS_REF, comms, "holding.members.public_post.pl"))!;
      expect(page.chosen?.statement?.issues.map((i) => i.code), code).toContain(code);
      expect(page.chosen?.statement?.actions, code).not.toContain("SUBMIT");
      const refused = await moveStatement({ ref: row.ref, event: { type: "SUBMIT" }, actor: comms });
      expect(refused, code).toMatchObject({ status: "refused", message: expect.stringContaining(said) });
      expect(await prisma.statement.findUniqueOrThrow({ where: { id: row.id } }), code).toMatchObject({ state: "drafted", version: current.version + 1 });
    }
  });
});

describe("a published cell", () => {
  it("stays published while the same update goes out in another language, and is stale once a newer update of its audience went out", async () => {
    const at = minutesFromNow();
    await published({ stage: "update", audience: "members", channel: "public_post", language: "en" }, at(1));
    await published({ stage: "update", audience: "members", channel: "public_post", language: "pl" }, at(2));
    expect(await cellsOf("update", "members", "public_post")).toMatchObject({ en: "published", pl: "published" });

    await published({ stage: "update", audience: "members", channel: "public_post", language: "en" }, at(30));
    expect(await cellsOf("update", "members", "public_post")).toMatchObject({ en: "published", pl: "stale" });
  });
});

describe("an in-app cell", () => {
  it("shows in the matrix as a row of its own, and opens with its text and what the comms lead may do", async () => {
    const { comms } = await people();
    const { row } = await drafted({ stage: "holding", audience: "members", channel: "in_app", language: "en" });
    const matrix = (await statementMatrix(DEMO_CRISIS_REF, comms, "holding.members.in_app.en"))!;
    const inApp = matrix.stages.find((s) => s.stage === "holding")!.rows.find((r) => r.channel === "in_app");
    expect(inApp).toMatchObject({ audienceLabel: "Members", channelLabel: "In-app" });
    expect(Object.fromEntries(inApp!.cells.map((c) => [c.language, c.state]))).toMatchObject({ en: "draft", pl: "missing" });
    expect(matrix.chosen).toMatchObject({ channelLabel: "In-app", statement: { ref: row.ref, body: row.body, issues: [], actions: expect.arrayContaining(["SUBMIT"]) } });
  });
});

describe("a published holding statement", () => {
  it("is stale once an update for its audience went out, on any channel; another audience's holding statement is not", async () => {
    const at = minutesFromNow();
    await published({ stage: "holding", audience: "members", channel: "public_post", language: "en" }, at(1));
    await published({ stage: "holding", audience: "press", channel: "email", language: "en" }, at(2));
    expect(await cellsOf("holding", "members", "public_post")).toMatchObject({ en: "published" });

    await published({ stage: "update", audience: "members", channel: "email", language: "en" }, at(20));
    expect(await cellsOf("holding", "members", "public_post")).toMatchObject({ en: "stale" });
    expect(await cellsOf("holding", "press", "email")).toMatchObject({ en: "published" });
    expect(await cellsOf("update", "members", "email")).toMatchObject({ en: "published" });
  });
});

describe("the status page", () => {
  it("lists a crisis's updates newest first, each with its time, and the next update the crisis promised", async () => {
    const at = minutesFromNow();
    const holding = await published({ stage: "holding", audience: "members", channel: "public_post", language: "en" }, at(1));
    const update = await published({ stage: "update", audience: "members", channel: "public_post", language: "en" }, at(20));
    const crisis = await prisma.crisis.findUniqueOrThrow({ where: { ref: DEMO_CRISIS_REF } });
    expect(crisis.nextUpdateDueAt).toEqual(new Date(at(20).getTime() + crisis.updateEveryMinutes * MINUTE));

    const [notice, ...others] = await statusNotices("en", at(21));
    expect(others).toEqual([]);
    expect(notice.updates.map((u) => [u.stage, u.at, u.text])).toEqual([
      ["update", at(20).toISOString(), update.body],
      ["holding", at(1).toISOString(), holding.body],
    ]);
    expect(notice).toMatchObject({ ongoing: true, since: at(1).toISOString(), nextUpdateDueAt: crisis.nextUpdateDueAt!.toISOString() });
  });
});

describe("the review's statement facts", () => {
  it("time an approval from when the statement was put up for approval, not from its drafting", async () => {
    const { comms, commander } = await people();
    const at = minutesFromNow();
    const { row } = await drafted({ stage: "update", audience: "members", channel: "email", language: "en" }, at(0));
    expect((await moveStatement({ ref: row.ref, event: { type: "SUBMIT" }, actor: comms, at: at(10) })).status).toBe("applied");
    expect((await moveStatement({ ref: row.ref, event: { type: "APPROVE", hash: row.textHash }, actor: commander, at: at(17) })).status).toBe("applied");

    const crisis = await prisma.crisis.findUniqueOrThrow({ where: { ref: DEMO_CRISIS_REF } });
    const facts = (await crisisFacts(crisis.id, at(20)))!;
    expect(facts.statements).toContainEqual({ label: "update, members, email, en", submittedAt: at(10), approvedAt: at(17), minutes: 7 });
  });

  it("leave out a statement drafted but never put up for approval", async () => {
    await drafted({ stage: "holding", audience: "members", channel: "public_post", language: "en" });
    const crisis = await prisma.crisis.findUniqueOrThrow({ where: { ref: DEMO_CRISIS_REF } });
    expect((await crisisFacts(crisis.id))!.statements).toEqual([]);
  });
});
