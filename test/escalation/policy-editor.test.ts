import { beforeEach, describe, expect, it } from "vitest";
import type { PolicyDefinition } from "~/models/escalation/escalation-policy.server";
import { DEFAULT_POLICY } from "~/models/escalation/escalation-policy.server";
import type { PolicyDraft } from "~/models/escalation/policy-form";
import { action, loader } from "~/routes/admin.escalation";
import { prisma } from "~/utils/db.server";
import { resetDb } from "../db";
import { reportSubject } from "../factories/cases";
import { seedDemo } from "../factories/demo";
import type { Browser, FormFields } from "../http";
import { getRequest, loginAs, postForm, respond, routeArgs } from "../http";

// The escalation policy editor as an admin's browser uses it, JavaScript or not: the page,
// then form posts with nested field names and the button pressed as `intent`.

type Page = { versions: { version: number; current: boolean; note: string | null; createdBy: { name: string; email: string } | null; definition: PolicyDefinition }[]; draft: PolicyDraft };
type Reply = { status: "draft" | "invalid"; draft: PolicyDraft; errors?: Record<string, string[]>; message?: string; focus?: string };

beforeEach(async () => {
  await resetDb();
  await seedDemo();
});

/** The form's fields as a browser posts them for this definition: what the admin would have typed. */
function fieldsOf(definition: PolicyDefinition, extra: FormFields = {}): FormFields {
  const fields: FormFields = { baseVersion: "1", warnAtPercent: String(definition.warnAtPercent), note: "" };
  definition.tiers.forEach((t, i) => {
    fields[`tiers[${i}].key`] = t.key;
    fields[`tiers[${i}].label`] = t.label;
    fields[`tiers[${i}].roles`] = [...t.roles];
    for (const clock of ["firstResponseMinutes", "resolutionMinutes"] as const) {
      for (const [band, minutes] of Object.entries(t[clock])) fields[`tiers[${i}].${clock}.${band}`] = String(minutes);
    }
  });
  definition.skipRules.forEach((r, i) => {
    fields[`skipRules[${i}].ruleCode`] = r.ruleCode;
    // The tier select posts the tier's position.
    fields[`skipRules[${i}].tier`] = String(definition.tiers.findIndex((t) => t.key === r.tier));
    if (r.page) fields[`skipRules[${i}].page`] = "on";
  });
  return { ...fields, ...extra };
}

const post = async (browser: Browser, fields: FormFields) => respond(() => action(routeArgs(postForm("/admin/escalation", fields, browser))));
const reply = async (res: Response) => (await res.json()) as Reply;
const page = async (browser: Browser) => (await (await respond(() => loader(routeArgs(getRequest("/admin/escalation", browser))))).json()) as Page;
const written = async () => ({ versions: await prisma.escalationPolicyVersion.count(), published: await prisma.auditEntry.count({ where: { action: "escalation_policy.published" } }) });
const NOTHING = { versions: 1, published: 0 };

describe("the escalation policy editor", () => {
  it("publishes an edit as a new version with its audit entry; the page shows it current, with who and when", async () => {
    const admin = await loginAs("admin@example.com");
    const before = await page(admin);
    expect(before.draft).toMatchObject({ baseVersion: 1, warnAtPercent: "80" });
    expect(before.draft.tiers.map((t) => t.key)).toEqual(DEFAULT_POLICY.tiers.map((t) => t.key));

    const res = await post(admin, {
      ...fieldsOf(DEFAULT_POLICY, { warnAtPercent: "75", note: "Earlier warnings and a moderator tier for comms leads" }),
      "tiers[0].roles": ["moderator", "senior_moderator", "trust_safety_lead", "comms_lead"],
      "tiers[0].firstResponseMinutes.high": "20",
      intent: "save",
    });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/admin/escalation?published=2");

    const entry = await prisma.auditEntry.findFirstOrThrow({ where: { action: "escalation_policy.published" } });
    expect(entry).toMatchObject({ actorLabel: "admin@example.com", reason: "Earlier warnings and a moderator tier for comms leads" });
    expect(JSON.parse(entry.after!)).toMatchObject({ version: 2, definition: { warnAtPercent: 75 } });
    const after = await page(admin);
    expect(after.versions.map((v) => [v.version, v.current, v.createdBy?.email ?? null])).toEqual([
      [2, true, "admin@example.com"],
      [1, false, null],
    ]);
    expect(after.versions[0].definition.tiers[0]).toMatchObject({ roles: ["moderator", "senior_moderator", "trust_safety_lead", "comms_lead"], firstResponseMinutes: { high: 20 } });
    // The first version is unchanged; the editor now starts from the second.
    expect(after.versions[1].definition).toEqual(DEFAULT_POLICY);
    expect(after.draft.baseVersion).toBe(2);
    // New cases run under the new version.
    const c = await reportSubject();
    const v2 = await prisma.escalationPolicyVersion.findFirstOrThrow({ where: { version: 2 } });
    expect((await prisma.case.findUniqueOrThrow({ where: { id: c.id } })).policyVersionId).toBe(v2.id);
  });

  it("adds, moves and removes tiers and skip rules without JavaScript, keeping what was typed and writing nothing", async () => {
    const admin = await loginAs("admin@example.com");
    const typed = fieldsOf(DEFAULT_POLICY, { "tiers[0].label": "Front line", note: "Draft" });

    const added = await post(admin, { ...typed, intent: "add-tier" });
    expect(added.status).toBe(200);
    const a = await reply(added);
    expect(a.draft.tiers).toHaveLength(6);
    expect(a.draft.tiers[0].label).toBe("Front line");
    expect(a.draft.tiers[5]).toMatchObject({ key: "", roles: [] });
    expect(a.draft.note).toBe("Draft");
    expect(a.focus).toBe("policy-tiers-5-key");

    const moved = await reply(await post(admin, { ...typed, intent: "move-up:4" }));
    expect(moved.draft.tiers.map((t) => t.key)).toEqual(["moderator", "senior_moderator", "trust_safety_lead", "crisis_team", "legal"]);
    const removed = await reply(await post(admin, { ...typed, intent: "remove-tier:3" }));
    expect(removed.draft.tiers.map((t) => t.key)).not.toContain("legal");
    // The skip rules still point at the crisis team, now the fourth tier.
    expect(removed.draft.skipRules.map((r) => r.tier)).toEqual(["crisis_team", "crisis_team"]);
    const rule = await reply(await post(admin, { ...typed, intent: "add-rule" }));
    expect(rule.draft.skipRules).toHaveLength(3);

    expect(await written()).toEqual(NOTHING);
  });

  const invalid: [string, FormFields, Record<string, string[]>][] = [
    [
      "no tiers",
      { warnAtPercent: "80", note: "Start over" },
      { tiers: ["A policy needs at least two tiers: where cases start, and where they climb to."] },
    ],
    ["a tier without roles", { ...fieldsOf(DEFAULT_POLICY, { note: "x" }), "tiers[1].roles": undefined }, { "tiers[1].roles": ["Choose at least one role that may act on this tier."] }],
    ["duplicate keys", fieldsOf(DEFAULT_POLICY, { note: "x", "tiers[3].key": "moderator" }), { "tiers[3].key": ["Another tier already has the key “moderator”."] }],
    [
      "minutes that are not a positive whole number",
      fieldsOf(DEFAULT_POLICY, { note: "x", "tiers[0].firstResponseMinutes.critical": "0", "tiers[0].firstResponseMinutes.high": "1.5", "tiers[2].resolutionMinutes.low": "two days", "tiers[4].resolutionMinutes.medium": "" }),
      {
        "tiers[0].firstResponseMinutes.critical": ["Whole minutes, from 1 to 43,200 (30 days)."],
        "tiers[0].firstResponseMinutes.high": ["Whole minutes, from 1 to 43,200 (30 days)."],
        "tiers[2].resolutionMinutes.low": ["Whole minutes, from 1 to 43,200 (30 days)."],
        "tiers[4].resolutionMinutes.medium": ["Whole minutes, from 1 to 43,200 (30 days)."],
      },
    ],
    ["a skip rule to an unknown tier", fieldsOf(DEFAULT_POLICY, { note: "x", "skipRules[1].tier": "executives" }), { "skipRules[1].tier": ["No tier has the key “executives”."] }],
    ["a skip rule under no community rule", fieldsOf(DEFAULT_POLICY, { note: "x", "skipRules[0].ruleCode": "rudeness" }), { "skipRules[0].ruleCode": ["There is no community rule “rudeness”."] }],
    ["a warning point out of range, and no note", fieldsOf(DEFAULT_POLICY, { warnAtPercent: "100" }), { warnAtPercent: ["A whole percent from 10 to 95."], note: ["Say why the policy changes; the note is kept with the version."] }],
  ];

  for (const [what, fields, errors] of invalid) {
    it(`refuses ${what}: the messages beside the fields, the typed values kept, nothing written`, async () => {
      const admin = await loginAs("admin@example.com");
      const res = await post(admin, { ...fields, intent: "save" });
      expect(res.status).toBe(400);
      const body = await reply(res);
      expect(body.status).toBe("invalid");
      expect(body.errors).toEqual(errors);
      expect(body.message).toMatch(/^Nothing was published: (one field needs|\d fields need) attention\.$/);
      // What the admin typed comes back as typed, wrong values included.
      for (const [name, value] of Object.entries(fields)) {
        const match = /^tiers\[(\d)\]\.(\w+)(?:\.(\w+))?$/.exec(name);
        if (!match || value === undefined || match[2] === "roles") continue;
        const tier = body.draft.tiers[Number(match[1])] as unknown as Record<string, string | Record<string, string>>;
        expect(match[3] ? (tier[match[2]] as Record<string, string>)[match[3]] : tier[match[2]]).toBe(value);
      }
      expect(await written()).toEqual(NOTHING);
    });
  }

  it("refuses to publish over a version published meanwhile, and an unchanged policy", async () => {
    const admin = await loginAs("admin@example.com");
    const lee = fieldsOf(DEFAULT_POLICY, { warnAtPercent: "70", note: "Lee's edit" });
    const sam = fieldsOf(DEFAULT_POLICY, { warnAtPercent: "90", note: "Sam's edit" });
    expect((await post(admin, { ...lee, intent: "save" })).status).toBe(302);
    const stale = await post(admin, { ...sam, intent: "save" });
    expect(stale.status).toBe(400);
    const body = await reply(stale);
    expect(body.errors?.form?.[0]).toContain("version 2 was published while you were editing");
    expect(body.draft).toMatchObject({ warnAtPercent: "90", note: "Sam's edit", baseVersion: 2 });
    expect(await written()).toEqual({ versions: 2, published: 1 });

    const unchanged = await reply(await post(admin, { ...fieldsOf(DEFAULT_POLICY, { warnAtPercent: "70", note: "Again" }), baseVersion: "2", intent: "save" }));
    expect(unchanged.errors).toEqual({ form: ["This is the current policy, unchanged."] });
    expect(await written()).toEqual({ versions: 2, published: 1 });
  });

  it("is for admins only: others get 403 for the page and for a post", async () => {
    for (const email of ["moderator@example.com", "lead@example.com", "leadership@example.com"]) {
      const browser = await loginAs(email);
      expect((await respond(() => loader(routeArgs(getRequest("/admin/escalation", browser))))).status).toBe(403);
      expect((await post(browser, { ...fieldsOf(DEFAULT_POLICY, { note: "sneaky", warnAtPercent: "50" }), intent: "save" })).status).toBe(403);
    }
    expect(await written()).toEqual(NOTHING);
  });
});
