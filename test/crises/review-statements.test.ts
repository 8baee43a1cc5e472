import { beforeEach, describe, expect, it } from "vitest";
import { crisisFacts } from "~/models/crises/crisis-review-facts.server";
import { draftCell, moveStatement } from "~/models/statements/statement-commands.server";
import { prisma } from "~/utils/db.server";
import { userByEmail } from "../factories/cases";
import { DEMO_CRISIS_REF, seedCrises } from "../factories/crises";
import { seedWithPlaybooks } from "../playbooks/helpers";

// The review and the dashboard read a crisis's statements from the statements' own audit
// entries: a statement published through the statements panel is the crisis's first, with
// its cell named and its approval time.

beforeEach(async () => {
  await seedWithPlaybooks();
  await seedCrises();
});

describe("drafting a cell", () => {
  it("names the channels a stage goes out on when the chosen one is not among them, in plain words", async () => {
    const comms = await userByEmail("comms@example.com");
    const refused = await draftCell({ crisisRef: DEMO_CRISIS_REF, stage: "update", audience: "members", channel: "sms", language: "en", actor: comms });
    expect(refused).toMatchObject({ status: "refused", message: "An update goes out on Status page and social post or Email or In-app." });
    expect(await prisma.statement.count()).toBe(0);
  });

  it("in-app, starts from the approved in-app template of its stage, with no subject", async () => {
    const comms = await userByEmail("comms@example.com");
    const drafted = await draftCell({ crisisRef: DEMO_CRISIS_REF, stage: "update", audience: "members", channel: "in_app", language: "pl", actor: comms });
    expect(drafted).toMatchObject({ status: "applied" });
    const row = await prisma.statement.findFirstOrThrow({ where: { channel: "in_app" } });
    expect(row).toMatchObject({ stage: "update", templateKey: "status_update.in_app", templateVersion: 1, templateLanguage: "pl", subject: null });
    expect(row.body).toBe("Aktualizacja 1 w sprawie: Member emails visible on public profiles. Nadal nad tym pracujemy i wkrótce podamy więcej.");
  });
});

describe("a crisis's review facts", () => {
  it("count a statement published through the statements panel, named by its cell, with its approval time", async () => {
    const [comms, commander] = await Promise.all([userByEmail("comms@example.com"), userByEmail("commander@example.com")]);
    const crisis = await prisma.crisis.findUniqueOrThrow({ where: { ref: DEMO_CRISIS_REF } });
    const before = await crisisFacts(crisis.id);
    expect(before?.timings.find((t) => t.key === "firstStatement")?.minutes ?? null).toBeNull();

    const drafted = await draftCell({ crisisRef: DEMO_CRISIS_REF, stage: "update", audience: "members", channel: "email", language: "en", actor: comms });
    if (drafted.status !== "applied") throw new Error(drafted.message);
    const st = await prisma.statement.findUniqueOrThrow({ where: { ref: drafted.ref } });
    expect((await moveStatement({ ref: st.ref, event: { type: "SUBMIT" }, actor: comms })).status).toBe("applied");
    expect((await moveStatement({ ref: st.ref, event: { type: "APPROVE", hash: st.textHash }, actor: commander })).status).toBe("applied");
    expect((await moveStatement({ ref: st.ref, event: { type: "PUBLISH" }, actor: comms })).status).toBe("applied");

    const facts = await crisisFacts(crisis.id);
    expect(facts?.timings.find((t) => t.key === "firstStatement")?.minutes).toEqual(expect.any(Number));
    expect(facts?.statements).toContainEqual(expect.objectContaining({ label: "update, members, email, en", approvedAt: expect.any(Date) }));
  });
});
