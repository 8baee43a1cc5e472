import { beforeEach, describe, expect, it } from "vitest";
import { z } from "zod";
import { applyCrisisEvent } from "~/models/crises/crisis-commands.server";
import { crisisRoom } from "~/models/crises/crisis-room-view.server";
import { draftCell, moveStatement } from "~/models/statements/statement-commands.server";
import { statementMatrix } from "~/models/statements/statement-matrix.server";
import { action as roomAction } from "~/routes/crises.$ref";
import { prisma } from "~/utils/db.server";
import { parseJsonAs } from "~/utils/json";
import type { FormFields } from "../http";
import { loginAs, postForm, respond, routeArgs } from "../http";
import { STATEMENT_DRILL } from "../factories/statement-drill";
import { seedWithPlaybooks } from "../playbooks/helpers";
import { declareDrill, drafted, drillPeople, moved } from "./statement-drill";

// The playbook's statement, approval and publish steps follow the statements themselves
// (docs/decisions/0024): when every cell a step requires is up for approval, approved, or
// published, the step completes through the crisis's own write path, audited as the person
// whose statement it was with the statement named; the room offers no button for them, and
// refuses one sent anyway.

beforeEach(seedWithPlaybooks);

type Crisis = Awaited<ReturnType<typeof declareDrill>>;

const stepsOf = async (crisis: Crisis) => (await prisma.crisis.findUniqueOrThrow({ where: { id: crisis.id } })).steps.split(",");
const entries = (crisis: Crisis, action: string) => prisma.auditEntry.findMany({ where: { subjectType: "Crisis", subjectId: crisis.id, action }, orderBy: { seq: "asc" } });
const after = (entry: { after: string | null }) => parseJsonAs(z.record(z.string(), z.unknown()), entry.after ?? "{}");

async function atTheStatement() {
  const crisis = await declareDrill();
  const people = await drillPeople();
  expect(await applyCrisisEvent({ id: crisis.id, event: { type: "COMPLETE", step: "confirm" }, actor: people.commander })).toMatchObject({ status: "applied" });
  return { crisis, ...people };
}

describe("the playbook's statement steps", () => {
  it("complete as the cells do: put up for approval, approved, published, each audited on the crisis with the statement named", async () => {
    const { crisis, comms, commander } = await atTheStatement();
    const room = async () => (await crisisRoom(crisis.ref, comms))!.liveSteps;
    expect(await room()).toEqual([
      expect.objectContaining({
        title: "Draft the members' holding statement",
        actions: [],
        statements: { href: `/crises/${crisis.ref}/statements#stage-holding`, summary: "2 of 2 required cells still to put up for approval.", blocking: ["Members, Status page and social post: en, pl"] },
      }),
    ]);

    const en = await moved((await drafted(crisis.ref, "en", comms)).ref, { type: "SUBMIT" }, comms);
    expect(await stepsOf(crisis)).toEqual(["holding"]);
    expect((await room())[0].statements).toMatchObject({ summary: "1 of 2 required cells still to put up for approval.", blocking: ["Members, Status page and social post: pl"] });
    const matrix = (await statementMatrix(crisis.ref, comms, null))!;
    const cells = matrix.stages.find((s) => s.stage === "holding")!.rows.find((r) => r.audience === "members")!.cells;
    expect(cells.filter((c) => c.required).map((c) => [c.language, c.blocking])).toEqual([["en", false], ["pl", true]]);
    expect(matrix.stages[0].steps).toEqual([expect.objectContaining({ live: "Draft the members' holding statement", open: 1, need: "to put up for approval" })]);

    const pl = await moved((await drafted(crisis.ref, "pl", comms)).ref, { type: "SUBMIT" }, comms);
    expect(await stepsOf(crisis)).toEqual(["approve_holding"]);
    const [draft] = await entries(crisis, "crisis.draft");
    expect(draft).toMatchObject({ actorLabel: comms.email, reason: `${pl.ref}: every cell “Draft the members' holding statement” requires is up for approval.` });
    expect(after(draft)).toMatchObject({ step: "holding", statement: pl.ref, steps: ["approve_holding"] });
    expect(await prisma.crisisTask.findFirstOrThrow({ where: { crisisId: crisis.id, step: "holding" } })).toMatchObject({ status: "done", ownerId: comms.id });

    await moved(en.ref, { type: "APPROVE", hash: en.textHash }, commander);
    expect(await stepsOf(crisis)).toEqual(["approve_holding"]);
    await moved(pl.ref, { type: "APPROVE", hash: pl.textHash }, commander);
    expect(await stepsOf(crisis)).toEqual(["publish_holding"]);
    const [approve] = await entries(crisis, "crisis.approve");
    expect(approve).toMatchObject({ actorLabel: commander.email });
    expect(after(approve)).toMatchObject({ statement: pl.ref, effects: expect.arrayContaining([expect.objectContaining({ type: "statement.approved", statement: "holding" })]) });
    expect((await room())[0]).toMatchObject({ title: "Publish the members' holding statement", actions: [], statements: { summary: "2 of 2 required cells still to publish." } });

    await moved(en.ref, { type: "PUBLISH" }, comms);
    expect(await stepsOf(crisis)).toEqual(["publish_holding"]);
    await moved(pl.ref, { type: "PUBLISH" }, comms);
    expect(await stepsOf(crisis)).toEqual(["stand_down"]);
    const [publish] = await entries(crisis, "crisis.publish");
    expect(publish).toMatchObject({ actorLabel: comms.email, reason: `${pl.ref}: every cell “Publish the members' holding statement” requires is published.` });
    expect(await prisma.crisisTask.findFirstOrThrow({ where: { crisisId: crisis.id, step: "publish_holding" } })).toMatchObject({ status: "done" });
  });

  it("refuse the room's buttons for a step the statements drive, whatever the page sends, and change nothing", async () => {
    const { crisis, comms } = await atTheStatement();
    const browser = await loginAs(comms.email);
    const post = (fields: FormFields) => respond(() => roomAction(routeArgs(postForm(`/crises/${crisis.ref}`, fields, browser), { ref: crisis.ref })));
    const before = { crisis: await prisma.crisis.findUniqueOrThrow({ where: { id: crisis.id } }), audit: await prisma.auditEntry.count(), tasks: await prisma.crisisTask.findMany({ where: { crisisId: crisis.id } }) };
    const answer = await post({ intent: "step", type: "DRAFT", step: "holding" });
    expect(answer.status).toBe(409);
    expect(await answer.json()).toMatchObject({ message: "“Draft the members' holding statement” follows its statements: draft, approve and publish them on the statements panel." });
    expect(await applyCrisisEvent({ id: crisis.id, event: { type: "PUBLISH", step: "publish_holding" }, actor: comms })).toMatchObject({ status: "refused" });
    expect({ crisis: await prisma.crisis.findUniqueOrThrow({ where: { id: crisis.id } }), audit: await prisma.auditEntry.count(), tasks: await prisma.crisisTask.findMany({ where: { crisisId: crisis.id } }) }).toEqual(before);
  });

  it("go back to the draft when a required cell is sent back at the approval, and on again once it is approved", async () => {
    const { crisis, comms, commander, lead } = await atTheStatement();
    const en = await moved((await drafted(crisis.ref, "en", comms)).ref, { type: "SUBMIT" }, comms);
    const pl = await moved((await drafted(crisis.ref, "pl", comms)).ref, { type: "SUBMIT" }, comms);
    await moved(en.ref, { type: "APPROVE", hash: en.textHash }, commander);
    await moved(pl.ref, { type: "REJECT", note: "Say when the next update comes." }, lead);
    expect(await stepsOf(crisis)).toEqual(["holding"]);
    const [reject] = await entries(crisis, "crisis.reject");
    expect(reject).toMatchObject({ actorLabel: lead.email, reason: `${pl.ref} was sent back: “Approve the members' holding statement” goes back.` });

    const edited = await moved(pl.ref, { type: "EDIT", subject: null, body: `${pl.body} Kolejna informacja do 18:00.` }, comms);
    await moved(pl.ref, { type: "SUBMIT" }, comms);
    expect(await stepsOf(crisis)).toEqual(["approve_holding"]);
    await moved(pl.ref, { type: "APPROVE", hash: edited.textHash }, lead);
    expect(await stepsOf(crisis)).toEqual(["publish_holding"]);
  });

  it("move once when the last two cells are approved at the same moment by two people", async () => {
    const { crisis, comms, commander, lead } = await atTheStatement();
    const en = await moved((await drafted(crisis.ref, "en", comms)).ref, { type: "SUBMIT" }, comms);
    const pl = await moved((await drafted(crisis.ref, "pl", comms)).ref, { type: "SUBMIT" }, comms);
    const outcomes = await Promise.all([
      moveStatement({ ref: en.ref, event: { type: "APPROVE", hash: en.textHash }, actor: commander }),
      moveStatement({ ref: pl.ref, event: { type: "APPROVE", hash: pl.textHash }, actor: lead }),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(["applied", "applied"]);
    expect(await stepsOf(crisis)).toEqual(["publish_holding"]);
    expect(await entries(crisis, "crisis.approve")).toHaveLength(1);
  });

  it("move on at once when the playbook reaches a step whose cells were ready before it", async () => {
    const crisis = await declareDrill();
    const { comms, commander } = await drillPeople();
    for (const language of ["en", "pl"]) {
      const cell = await moved((await drafted(crisis.ref, language, comms)).ref, { type: "SUBMIT" }, comms);
      await moved(cell.ref, { type: "APPROVE", hash: cell.textHash }, commander);
    }
    expect(await stepsOf(crisis)).toEqual(["confirm"]);
    expect(await applyCrisisEvent({ id: crisis.id, event: { type: "COMPLETE", step: "confirm" }, actor: commander })).toMatchObject({ status: "applied" });
    expect(await stepsOf(crisis)).toEqual(["publish_holding"]);
    expect((await entries(crisis, "crisis.draft")).concat(await entries(crisis, "crisis.approve")).map((e) => e.actorLabel)).toEqual([comms.email, commander.email]);
  });
});

describe("a resolution statement step", () => {
  it("requires resolution-stage cells, drafted from the resolution template, and completes as they go up for approval", async () => {
    const crisis = await declareDrill(STATEMENT_DRILL.replaceAll("holding_statement", "resolution_statement").replaceAll("holding statement", "resolution statement"));
    const { comms, commander } = await drillPeople();
    expect(await applyCrisisEvent({ id: crisis.id, event: { type: "COMPLETE", step: "confirm" }, actor: commander })).toMatchObject({ status: "applied" });
    const matrix = (await statementMatrix(crisis.ref, comms, null))!;
    const resolution = matrix.stages.find((s) => s.stage === "resolution")!;
    expect(resolution.steps).toEqual([expect.objectContaining({ title: "Draft the members' resolution statement", live: "Draft the members' resolution statement", open: 2 })]);
    const members = resolution.rows.find((r) => r.audience === "members" && r.channel === "public_post")!;
    expect(members.cells.filter((c) => c.required).map((c) => [c.language, c.blocking])).toEqual([["en", true], ["pl", true]]);

    for (const language of ["en", "pl"]) {
      const outcome = await draftCell({ crisisRef: crisis.ref, stage: "resolution", audience: "members", channel: "public_post", language, actor: comms });
      if (outcome.status !== "applied") throw new Error(outcome.message);
      const row = await moved(outcome.ref, { type: "SUBMIT" }, comms);
      expect(row).toMatchObject({ templateKey: "resolution_statement.public_post", playbookStep: "holding" });
    }
    expect(await stepsOf(crisis)).toEqual(["approve_holding"]);
  });
});
