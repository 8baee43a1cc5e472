import { allowedTriageEvents, restoreTriageSnapshot } from "@machines/triage";
import { beforeEach, describe, expect, it } from "vitest";
import { hashApiKey } from "~/models/accounts/api-keys.server";
import { triageActorFor } from "~/models/cases/case-event-vocabulary";
import type { EscalationView } from "~/models/escalation/escalation-commands.server";
import { recordReport } from "~/models/intake/intake.server";
import { resetPresence } from "~/models/cases/presence.server";
import { prisma } from "~/utils/db.server";
import { resetDb } from "../db";
import { reportSubject, userByEmail } from "../factories/cases";
import { DEMO_API_KEY, seedDemo } from "../factories/demo";
import { loginAs } from "../http";
import { pageAs, sendEvent } from "./helpers";
import { TRIAGE_ROLES } from "~/models/cases/case-roles";

const sorted = (list: readonly string[]) => [...list].sort();

/** What the machine itself answers for this viewer on the case as stored now. */
async function machineAnswer(caseId: string, email: string) {
  const row = await prisma.case.findUniqueOrThrow({ where: { id: caseId } });
  return allowedTriageEvents(restoreTriageSnapshot(row, TRIAGE_ROLES), triageActorFor(await userByEmail(email)));
}

describe("the case page's data", () => {
  beforeEach(async () => {
    await resetDb();
    await seedDemo();
    resetPresence();
  });

  it("offers a moderator the claim on a new case, exactly as the machine answers", async () => {
    const c = await reportSubject();
    const page = await pageAs(await loginAs("moderator@example.com"), c.ref);
    expect(page.allowed).toContain("CLAIM");
    expect(page.allowed).not.toContain("ACT");
    expect(page.allowed).toEqual(await machineAnswer(c.id, "moderator@example.com"));
    expect(page.holder).toBeNull();
  });

  it("offers the holder the work on the case, names the holder and the claim's expiry to others, and offers them nothing", async () => {
    const c = await reportSubject();
    await sendEvent(c.id, "moderator@example.com", { type: "CLAIM" });
    const asHolder = await pageAs(await loginAs("moderator@example.com"), c.ref);
    expect(sorted(asHolder.allowed)).toEqual(sorted(["CLAIM", "RELEASE", "REQUEST_INFO", "ACT", "DISMISS", "ESCALATE"]));
    expect(asHolder.allowed).toEqual(await machineAnswer(c.id, "moderator@example.com"));
    const row = await prisma.case.findUniqueOrThrow({ where: { id: c.id } });
    expect(asHolder.holder).toEqual({ id: row.assigneeId, name: "Mo Moderator", you: true, expiresAt: row.claimExpiresAt!.toISOString() });

    const asSenior = await pageAs(await loginAs("senior@example.com"), c.ref);
    expect(asSenior.allowed).toEqual([]);
    expect(asSenior.holder).toMatchObject({ name: "Mo Moderator", you: false, expiresAt: row.claimExpiresAt!.toISOString() });
  });

  it("offers a senior approval or rejection of a ban someone else proposed, with the proposal", async () => {
    const c = await reportSubject({ ruleCode: "hate" });
    await sendEvent(c.id, "moderator@example.com", { type: "CLAIM" });
    await sendEvent(c.id, "moderator@example.com", { type: "ACT", action: "ban", ruleCode: "hate", reason: "Repeated slurs after two warnings." });
    const asSenior = await pageAs(await loginAs("senior@example.com"), c.ref);
    expect(asSenior.state).toBe("awaiting_approval");
    expect(sorted(asSenior.allowed)).toEqual(["APPROVE", "REJECT"]);
    expect(asSenior.pendingBan).toMatchObject({ proposer: "Mo Moderator", proposedByViewer: false, ruleCode: "hate", reason: "Repeated slurs after two warnings." });
    expect(asSenior.pendingBan?.ruleTitle).not.toBe("hate");

    const asProposer = await pageAs(await loginAs("moderator@example.com"), c.ref);
    expect(asProposer.allowed).toEqual([]);
    expect(asProposer.pendingBan?.proposedByViewer).toBe(true);
  });

  it("offers admins and leadership nothing: they read cases but do not work them", async () => {
    const c = await reportSubject();
    for (const email of ["admin@example.com", "leadership@example.com"]) {
      const page = await pageAs(await loginAs(email), c.ref);
      expect(page.allowed, email).toEqual([]);
      expect(page.viewer.canWork, email).toBe(false);
    }
  });

  it("hides reporter identity from a moderator, everywhere on the page, and shows it to a senior", async () => {
    const c = await reportSubject({ reporter: { handle: "@alice", contact: "alice@example.org" } });
    const asModerator = await pageAs(await loginAs("moderator@example.com"), c.ref);
    expect(asModerator.reports[0].reporter).toBeNull();
    expect(JSON.stringify(asModerator)).not.toMatch(/alice/);

    const asSenior = await pageAs(await loginAs("senior@example.com"), c.ref);
    expect(asSenior.reports[0].reporter).toEqual({ id: null, handle: "@alice", contact: "alice@example.org" });
  });

  it("shows the author's other cases and their strikes", async () => {
    const earlier = await reportSubject({ subject: { type: "content", id: "post-1", authorHandle: "@troll", text: "first" } });
    await sendEvent(earlier.id, "moderator@example.com", { type: "CLAIM" });
    await sendEvent(earlier.id, "moderator@example.com", { type: "ACT", action: "warn", ruleCode: "respect", reason: "First personal attack." });
    await reportSubject({ subject: { type: "content", id: "post-x", authorHandle: "@someone-else", text: "unrelated" } });
    const now = await reportSubject({ subject: { type: "content", id: "post-2", authorHandle: "@troll", text: "second" } });

    const page = await pageAs(await loginAs("moderator@example.com"), now.ref);
    const history = page.history!;
    expect(history.handle).toBe("@troll");
    expect(history.cases).toEqual([
      expect.objectContaining({ ref: earlier.ref, state: "actioned", outcome: expect.objectContaining({ action: "warn", reason: "First personal attack." }) }),
    ]);
    expect(history.caseCount).toBe(1);
    expect(history.enforcements).toEqual([
      expect.objectContaining({ kind: "warn", ruleCode: "respect", caseRef: earlier.ref, thisCase: false, by: "Mo Moderator", reason: "First personal attack." }),
    ]);
    expect(history.strikes).toEqual({ counts: { warn: 1, mute: 0, suspend: 0, ban: 0 }, removals: 0, highest: "warn" });
  });

  it("builds the timeline from the audit log: the report's arrival, the claim and the act, with actor, role and reason", async () => {
    const c = await reportSubject();
    await sendEvent(c.id, "moderator@example.com", { type: "CLAIM" });
    await sendEvent(c.id, "moderator@example.com", { type: "ACT", action: "remove_content", ruleCode: "respect", reason: "Insults the whole thread." });
    const { timeline } = await pageAs(await loginAs("moderator@example.com"), c.ref);
    const report = await prisma.report.findFirstOrThrow({ where: { caseId: c.id } });
    expect(timeline.total).toBe(timeline.entries.length);
    expect(timeline.entries.map((e) => e.what)).toEqual([`Report ${report.ref} received`, "Case opened", "Claim", "Act"]);
    const [, , claim, act] = timeline.entries;
    expect(claim).toMatchObject({ who: "Mo Moderator (moderator@example.com)", role: "moderator", detail: "new → in review" });
    expect(act).toMatchObject({ who: "Mo Moderator (moderator@example.com)", role: "moderator", reason: "Insults the whole thread." });
    expect(act.detail).toContain("remove content");
    expect(act.detail).toContain("in review → actioned");
  });

  it("tells a platform's report and its skip-rule escalation in words: the API key by its name, the move and the tier as people say them", async () => {
    const key = await prisma.apiKey.findUniqueOrThrow({ where: { hash: hashApiKey(DEMO_API_KEY) } });
    const outcome = await recordReport(
      { source: "platform", subject: { type: "content", id: "post-words", authorHandle: "@author", text: "Watch your back.", language: "en" }, ruleCode: "threats" },
      { actor: { kind: "api-key", id: key.id, name: key.name }, requestId: null },
    );
    if (outcome.kind !== "accepted") throw new Error(outcome.kind);
    const page = (await pageAs(await loginAs("moderator@example.com"), outcome.body.caseRef)) as Awaited<ReturnType<typeof pageAs>> & { escalationPath: EscalationView };
    const byKey = `${key.name} (API key)`;
    expect(page.timeline.entries.map((e) => [e.what, e.who])).toEqual([
      [`Report ${outcome.body.reportRef} received`, byKey],
      ["Case opened", byKey],
      ["Escalated", byKey],
    ]);
    expect(page.timeline.entries[2].detail).toBe("now with Crisis team");
    expect(page.escalationPath.path).toEqual([expect.objectContaining({ move: "start", tier: "Crisis team", by: byKey })]);
  });

  it("draws the machine's diagram with the current state marked and the viewer's transitions highlighted", async () => {
    const c = await reportSubject();
    await sendEvent(c.id, "moderator@example.com", { type: "CLAIM" });
    const { diagram } = await pageAs(await loginAs("moderator@example.com"), c.ref);
    expect(diagram!.nodes.filter((n) => n.current).map((n) => n.id)).toEqual(["in_review"]);
    // The transitions the machine would take: releasing a case that was never escalated
    // returns it to "new", and acting either resolves it or (a ban) waits for approval.
    const now = diagram!.edges.filter((e) => e.allowedNow).map((e) => `${e.event} → ${e.target}`);
    expect(now.sort()).toEqual(
      ["CLAIM → in_review", "RELEASE → new", "REQUEST_INFO → waiting_for_info", "ACT → awaiting_approval", "ACT → actioned", "DISMISS → dismissed", "ESCALATE → escalated"].sort(),
    );
    expect(diagram!.edges.filter((e) => e.allowedNow).every((e) => e.source === "in_review")).toBe(true);
  });

  it("lists who else is viewing the case", async () => {
    const c = await reportSubject();
    await pageAs(await loginAs("senior@example.com"), c.ref);
    const page = await pageAs(await loginAs("moderator@example.com"), c.ref);
    expect(page.viewers).toEqual([{ id: expect.any(String), name: "Sen Senior" }]);
  });
});
