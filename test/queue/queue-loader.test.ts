import { beforeEach, describe, expect, it } from "vitest";
import { resetPresence, touchPresence } from "~/models/cases/presence.server";
import { loader } from "~/routes/queue";
import { prisma } from "~/utils/db.server";
import { resetDb } from "../db";
import { seedDemo } from "../factories/demo";
import { getRequest, loginAs, respond, routeArgs } from "../http";
import { act, openCase, queueAs, refsOf } from "./helpers";

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000);

describe("/queue", () => {
  beforeEach(async () => {
    await resetDb();
    await seedDemo();
    resetPresence();
  });

  it("sends a visitor who is not signed in to the login page, keeping the filters", async () => {
    const res = await respond(() => loader(routeArgs(getRequest("/queue?state=new&sort=age"))));
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe(`/login?redirectTo=${encodeURIComponent("/queue?state=new&sort=age")}`);
  });

  it("refuses a signed-in user whose roles grant no read:case", async () => {
    await prisma.user.create({ data: { email: "nobody@example.com", name: "No Role", passwordHash: "x" } });
    const browser = await loginAs("nobody@example.com");
    expect((await respond(() => loader(routeArgs(getRequest("/queue", browser))))).status).toBe(403);
  });

  it("shows each open case with what a moderator needs to pick the next one", async () => {
    const held = await openCase({ ruleCode: "hate", language: "pl" });
    await openCase({ ruleCode: "spam" });
    const done = await openCase({ ruleCode: "spam" });
    const claim = await act(held.id, "senior@example.com", { type: "CLAIM" });
    await act(done.id, "moderator@example.com", { type: "CLAIM" });
    await act(done.id, "moderator@example.com", { type: "DISMISS", reason: "not spam" });
    const mo = await loginAs("moderator@example.com");
    await touchPresence(held.ref, { id: mo.user.id, name: "Mo Moderator" });
    await touchPresence(held.ref, { id: "someone", name: "Lee Lead" });

    const data = await queueAs(loader, mo);
    expect(refsOf(data)).not.toContain(done.ref);
    expect(data.cases).toHaveLength(2);
    const row = data.cases.find((c) => c.ref === held.ref)!;
    const expiry = await prisma.case.findUniqueOrThrow({ where: { id: held.id } });
    expect(row).toMatchObject({
      state: "in_review",
      ruleCode: "hate",
      language: "pl",
      band: "high",
      reportCount: 1,
      holder: { name: "Sen Senior" },
      claimExpiresAt: expiry.claimExpiresAt!.toISOString(),
      viewers: [
        { id: "someone", name: "Lee Lead" },
        { id: mo.user.id, name: "Mo Moderator" },
      ],
      // Held by someone else: no Claim button for the moderator.
      claimable: false,
      version: claim.case.version,
    });
    expect(data.cases.find((c) => c.ref !== held.ref)).toMatchObject({ state: "new", holder: null, viewers: [], claimable: true });
    expect(data.viewer.canWork).toBe(true);
    expect(data.workers.map((w) => w.name)).toEqual(["Lee Lead", "Mo Moderator", "Sen Senior"]);
  });

  it("lets read-only roles see the queue without claim buttons or case workers", async () => {
    await openCase();
    const data = await queueAs(loader, await loginAs("leadership@example.com"));
    expect(data.cases).toHaveLength(1);
    expect(data.cases[0].claimable).toBe(false);
    expect(data.viewer.canWork).toBe(false);
    expect(data.workers).toEqual([]);
  });

  describe("filters", () => {
    let c: Record<string, { id: string; ref: string }>;
    beforeEach(async () => {
      c = {
        spamEn: await openCase({ ruleCode: "spam", language: "en", createdAt: minutesAgo(5) }),
        spamDe: await openCase({ ruleCode: "spam", language: "de", createdAt: minutesAgo(45) }),
        hatePl: await openCase({ ruleCode: "hate", language: "pl", createdAt: minutesAgo(90) }),
        threatsEn: await openCase({ ruleCode: "threats", language: "en", createdAt: minutesAgo(60 * 30) }),
        privacyEn: await openCase({ ruleCode: "privacy", language: "en", createdAt: minutesAgo(300) }),
      };
      await act(c.hatePl.id, "moderator@example.com", { type: "CLAIM" });
      await act(c.privacyEn.id, "senior@example.com", { type: "CLAIM" });
    });

    const cases = async (search: string) => new Set(refsOf(await queueAs(loader, await loginAs("moderator@example.com"), search)));
    const set = (...keys: string[]) => new Set(keys.map((k) => c[k].ref));

    it("narrow by state, rule, language, priority band, holder and waiting time", async () => {
      expect(await cases("")).toEqual(set("spamEn", "spamDe", "hatePl", "threatsEn", "privacyEn"));
      expect(await cases("?state=in_review")).toEqual(set("hatePl", "privacyEn"));
      expect(await cases("?state=new")).toEqual(set("spamEn", "spamDe", "threatsEn"));
      expect(await cases("?rule=spam")).toEqual(set("spamEn", "spamDe"));
      expect(await cases("?language=en")).toEqual(set("spamEn", "threatsEn", "privacyEn"));
      expect(await cases("?band=critical")).toEqual(set("threatsEn"));
      expect(await cases("?band=high")).toEqual(set("hatePl"));
      expect(await cases("?band=medium")).toEqual(set("privacyEn"));
      expect(await cases("?band=low")).toEqual(set("spamEn", "spamDe"));
      expect(await cases("?assignee=mine")).toEqual(set("hatePl"));
      expect(await cases("?assignee=unassigned")).toEqual(set("spamEn", "spamDe", "threatsEn"));
      expect(await cases("?sla=30m")).toEqual(set("spamDe", "hatePl", "threatsEn", "privacyEn"));
      expect(await cases("?sla=1h")).toEqual(set("hatePl", "threatsEn", "privacyEn"));
      expect(await cases("?sla=4h")).toEqual(set("threatsEn", "privacyEn"));
      expect(await cases("?sla=24h")).toEqual(set("threatsEn"));
      expect(await cases("?language=en&assignee=unassigned&sla=1h")).toEqual(set("threatsEn"));
    });

    it("ignore values they do not know instead of failing", async () => {
      const data = await queueAs(loader, await loginAs("moderator@example.com"), "?state=archived&band=huge&sort=random&after=nonsense&sla=2y");
      expect(data.cases).toHaveLength(5);
      expect(data.filters).toEqual({ sort: "priority", after: "nonsense" });
    });

    it("count each option with the other filters applied", async () => {
      const data = await queueAs(loader, await loginAs("moderator@example.com"), "?language=en&state=new");
      expect(data.counts.total).toBe(2);
      // State options: English cases by state (the state filter itself left out).
      expect(data.counts.state).toEqual({ new: 2, in_review: 1, waiting_for_info: 0, awaiting_approval: 0, escalated: 0 });
      // Language options: new cases by language.
      expect(data.counts.language).toEqual([
        { value: "de", count: 1 },
        { value: "en", count: 2 },
      ]);
      expect(data.counts.rule).toEqual([
        { value: "spam", count: 1 },
        { value: "threats", count: 1 },
      ]);
      expect(data.counts.band).toEqual({ critical: 1, high: 0, medium: 0, low: 1 });
      expect(data.counts.assignee).toEqual({ mine: 0, unassigned: 2 });
      expect(data.counts.sla).toEqual({ "30m": 1, "1h": 1, "4h": 1, "24h": 1 });

      const all = await queueAs(loader, await loginAs("moderator@example.com"));
      expect(all.counts.assignee).toEqual({ mine: 1, unassigned: 3 });
      expect(all.counts.state).toMatchObject({ new: 3, in_review: 2 });
    });
  });

  it("sorts by priority (highest first) or by age (waiting longest first)", async () => {
    const young = await openCase({ ruleCode: "threats", createdAt: minutesAgo(1) });
    const middle = await openCase({ ruleCode: "spam", createdAt: minutesAgo(10) });
    const old = await openCase({ ruleCode: "hate", createdAt: minutesAgo(100) });
    const mo = await loginAs("moderator@example.com");
    expect(refsOf(await queueAs(loader, mo))).toEqual([young.ref, old.ref, middle.ref]);
    expect(refsOf(await queueAs(loader, mo, "?sort=priority"))).toEqual([young.ref, old.ref, middle.ref]);
    expect(refsOf(await queueAs(loader, mo, "?sort=age"))).toEqual([old.ref, middle.ref, young.ref]);
  });
});
