import { beforeEach, describe, expect, it } from "vitest";
import { action as escalationAction } from "~/routes/cases.$ref.escalation";
import { action as reviewAction } from "~/routes/crises.$ref_.review";
import { action as statementsAction } from "~/routes/crises.$ref_.statements";
import { action as templateAction } from "~/routes/templates.$key";
import { draftCell } from "~/models/statements/statement-commands.server";
import { prisma } from "~/utils/db.server";
import { resetDb } from "../db";
import { reportSubject, userByEmail } from "../factories/cases";
import { DEMO_CRISIS_REF, seedCrises } from "../factories/crises";
import { seedPlaybooks } from "../factories/playbooks";
import { seedDemo } from "../factories/demo";
import { seedTemplates } from "../factories/templates";
import { crisisThroughItsPlaybook } from "../crises/review-helpers";
import { loginAs, postForm, respond, routeArgs } from "../http";

// A mutating route names the permission of what it does, not the one for reading the
// page: whoever lacks it is answered 403 naming it, before the model is asked, and nothing
// changes. (The models keep their own checks as a second line.)

beforeEach(async () => {
  await resetDb();
  await seedDemo();
  await seedTemplates();
});

async function changes() {
  return { audit: await prisma.auditEntry.count(), escalations: await prisma.caseEscalation.count(), versions: await prisma.templateVersion.count() };
}

describe("mutating routes", () => {
  it("refuse an escalation move to leadership, who read every case and change none, naming work:escalation", async () => {
    const c = await reportSubject({ ruleCode: "threats" });
    const leadership = await loginAs("leadership@example.com");
    const before = await changes();
    const res = await respond(() => escalationAction(routeArgs(postForm(`/cases/${c.ref}/escalation`, { intent: "ACKNOWLEDGE", note: "" }, leadership), { ref: c.ref })));
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ missing: "work:escalation" });
    expect(await changes()).toEqual(before);
  });

  it("refuse a template's approval to someone who may only edit, naming approve:template", async () => {
    const admin = await loginAs("admin@example.com");
    const before = await changes();
    const res = await respond(() => templateAction(routeArgs(postForm("/templates/thank_you.in_app", { intent: "approve", version: "1" }, admin), { key: "thank_you.in_app" })));
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ ok: false, message: "You need the permission “approve:template” to do this." });
    expect(await changes()).toEqual(before);
  });

  it("refuse a post-crisis review's sign-off to a crisis commander, naming sign-off:crisis-review", async () => {
    await seedPlaybooks();
    const { crisis } = await crisisThroughItsPlaybook(new Date(Date.now() - 3_600_000));
    const commander = await loginAs("commander@example.com");
    const before = await changes();
    const res = await respond(() => reviewAction(routeArgs(postForm(`/crises/${crisis.ref}/review`, { intent: "sign-off", version: String(crisis.version), note: "" }, commander), { ref: crisis.ref })));
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ missing: "sign-off:crisis-review" });
    expect(await changes()).toEqual(before);
  });

  it("let a crisis responder on the tier acknowledge, with the permission the route names", async () => {
    const c = await reportSubject({ ruleCode: "threats" });
    const responder = await loginAs("responder@example.com");
    const res = await respond(() => escalationAction(routeArgs(postForm(`/cases/${c.ref}/escalation`, { intent: "ACKNOWLEDGE", note: "" }, responder), { ref: c.ref })));
    expect(res.status).toBe(302);
    expect(new URL(res.headers.get("Location")!, "http://vigil.test").searchParams.get("escalation")).toBe("You acknowledged the escalation.");
  });

  it("refuse a statement's approval to its comms lead and its publishing to a commander, naming approve:statement and draft:statement", async () => {
    await seedPlaybooks();
    await seedCrises();
    const drafted = await draftCell({ crisisRef: DEMO_CRISIS_REF, stage: "holding", audience: "members", channel: "public_post", language: "en", actor: await userByEmail("comms@example.com") });
    if (drafted.status !== "applied") throw new Error(drafted.message);
    const st = await prisma.statement.findUniqueOrThrow({ where: { ref: drafted.ref } });
    const post = async (email: string, fields: Record<string, string>) =>
      respond(async () => statementsAction(routeArgs(postForm(`/crises/${DEMO_CRISIS_REF}/statements`, fields, await loginAs(email)), { ref: DEMO_CRISIS_REF })));
    const before = { audit: await prisma.auditEntry.count(), statement: await prisma.statement.findUniqueOrThrow({ where: { id: st.id } }) };
    const approve = await post("comms@example.com", { intent: "approve", ref: st.ref, version: "1", hash: st.textHash });
    expect(approve.status).toBe(403);
    expect(await approve.json()).toMatchObject({ missing: "approve:statement" });
    const publish = await post("commander@example.com", { intent: "publish", ref: st.ref, version: "1" });
    expect(publish.status).toBe(403);
    expect(await publish.json()).toMatchObject({ missing: "draft:statement" });
    expect({ audit: await prisma.auditEntry.count(), statement: await prisma.statement.findUniqueOrThrow({ where: { id: st.id } }) }).toEqual(before);
  });
});
