import { beforeEach, describe, expect, it } from "vitest";
import { applyCaseEvent } from "~/models/cases/case-events.server";
import { DEFAULT_POLICY, currentPolicyVersion, publishPolicyVersion } from "~/models/escalation/escalation-policy.server";
import { loadQueue, parseQueueFilters } from "~/models/queue/queue.server";
import { resetDb } from "../db";
import { reportSubject, userByEmail } from "../factories/cases";
import { seedDemo } from "../factories/demo";

beforeEach(async () => {
  await resetDb();
  await seedDemo();
});

const refs = async (query: string, email: string, now?: Date) => {
  const viewer = await userByEmail(email);
  const { cases } = await loadQueue(parseQueueFilters(new URLSearchParams(query)), viewer, now);
  return cases.map((c) => c.ref).sort();
};

describe("the queue's escalation filters", () => {
  it("list cases escalated to a tier the viewer may act on, by tier, and by SLA deadline", async () => {
    const plain = await reportSubject();
    const escalated = await reportSubject();
    const paged = await reportSubject({ ruleCode: "self_harm", subject: { type: "content", id: "post-q-sh", text: "help" } });
    const mo = await userByEmail("moderator@example.com");
    await applyCaseEvent({ caseId: escalated.id, event: { type: "CLAIM" }, actor: mo });
    await applyCaseEvent({ caseId: escalated.id, event: { type: "ESCALATE", reason: "Beyond me" }, actor: mo });

    expect(await refs("escalated=me", "senior@example.com")).toEqual([escalated.ref]);
    expect(await refs("escalated=me", "commander@example.com")).toEqual([paged.ref]);
    expect(await refs("escalated=me", "lead@example.com")).toEqual([escalated.ref, paged.ref].sort());
    expect(await refs("escalated=me", "moderator@example.com")).toEqual([]);
    expect(await refs("tier=crisis_team", "moderator@example.com")).toEqual([paged.ref]);

    const { cases } = await loadQueue(parseQueueFilters(new URLSearchParams("")), mo);
    expect(cases.find((c) => c.ref === paged.ref)?.escalation?.tierKey).toBe("crisis_team");
    // The crisis team has 15 minutes to acknowledge a page; the plain case has hours.
    expect(await refs("due=soon", "moderator@example.com")).toEqual([paged.ref]);
    expect(await refs("due=breached", "moderator@example.com")).toEqual([]);
    const later = new Date(Date.now() + 5 * 3600_000);
    expect(await refs("due=breached", "moderator@example.com", later)).toEqual([plain.ref, escalated.ref, paged.ref].sort());
  });

  it("offer every tier a case can be on, a tier an admin added as well as one a newer version dropped", async () => {
    const admin = await userByEmail("admin@example.com");
    const current = (await currentPolicyVersion())!;
    const tiers = [...DEFAULT_POLICY.tiers.filter((t) => t.key !== "legal"), { ...DEFAULT_POLICY.tiers[1], key: "regional_lead", label: "Regional lead" }];
    await publishPolicyVersion({ definition: { ...DEFAULT_POLICY, tiers }, note: "Regional leads", actor: admin, expectedVersion: current.version });

    const { tiers: choices } = await loadQueue(parseQueueFilters(new URLSearchParams("")), await userByEmail("moderator@example.com"));
    // The current version's order first, then keys only older versions have (cases may still run under them).
    expect(choices.map((t) => t.key)).toEqual(["moderator", "senior_moderator", "trust_safety_lead", "crisis_team", "regional_lead", "legal"]);
    expect(choices.find((t) => t.key === "regional_lead")?.label).toBe("Regional lead");
  });
});

