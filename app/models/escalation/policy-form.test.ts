import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY, PolicyDefinition } from "./escalation-policy.server";
import type { PolicyDraft } from "./policy-form";
import { candidateOf, draftOf, fieldErrorsOf, readPolicyForm, rearrange } from "./policy-form";

// The editor's form as a browser posts it: repeated names for checked roles, minutes as
// typed, the skip rule's tier as the tier's position, an `intent` from the button pressed.

const minutes = (prefix: string, values: [string, string, string, string]) =>
  (["critical", "high", "medium", "low"] as const).map((band, i) => [`${prefix}.${band}`, values[i]] as [string, string]);

function posted(entries: [string, string][]) {
  return new URLSearchParams(entries);
}

const twoTiers: [string, string][] = [
  ["baseVersion", "3"],
  ["tiers[0].key", "moderator"],
  ["tiers[0].label", "Moderator"],
  ["tiers[0].roles", "moderator"],
  ["tiers[0].roles", "senior_moderator"],
  ...minutes("tiers[0].firstResponseMinutes", ["15", "30", "60", "240"]),
  ...minutes("tiers[0].resolutionMinutes", ["60", "240", "720", "2880"]),
  ["tiers[1].key", "crisis"],
  ["tiers[1].label", "Crisis team"],
  ["tiers[1].roles", "crisis_commander"],
  ...minutes("tiers[1].firstResponseMinutes", ["5", "10", "15", "15"]),
  ...minutes("tiers[1].resolutionMinutes", ["60", "120", "240", "240"]),
  ["skipRules[0].ruleCode", "self_harm"],
  ["skipRules[0].tier", "1"],
  ["skipRules[0].page", "on"],
  ["skipRules[1].ruleCode", "threats"],
  ["skipRules[1].tier", "1"],
  ["warnAtPercent", "80"],
  ["note", "Fewer tiers for a small team."],
];

describe("the policy editor's form", () => {
  it("reads nested fields into a draft, in order, checked roles together, the skip rule's tier by position", () => {
    const { draft, intent } = readPolicyForm(posted([...twoTiers, ["intent", "save"]]));
    expect(intent).toEqual({ kind: "save" });
    expect(draft.baseVersion).toBe(3);
    expect(draft.tiers.map((t) => [t.key, t.roles])).toEqual([
      ["moderator", ["moderator", "senior_moderator"]],
      ["crisis", ["crisis_commander"]],
    ]);
    expect(draft.tiers[1].firstResponseMinutes).toEqual({ critical: "5", high: "10", medium: "15", low: "15" });
    expect(draft.skipRules).toEqual([
      { ruleCode: "self_harm", tier: "crisis", page: true },
      { ruleCode: "threats", tier: "crisis", page: false },
    ]);
    expect(PolicyDefinition.parse(candidateOf(draft))).toMatchObject({ warnAtPercent: 80, skipRules: [{ tier: "crisis" }, { tier: "crisis" }] });
  });

  it("orders rows by their index whatever order they arrive in, and ignores names it does not know", () => {
    const { draft } = readPolicyForm(posted([["tiers[1].key", "b"], ["tiers[0].key", "a"], ["tiers[0].colour", "red"], ["tiers[70].key", "far"], ["__proto__.x", "1"]]));
    expect(draft.tiers.map((t) => t.key)).toEqual(["a", "b"]);
    expect(draft.tiers[0]).not.toHaveProperty("colour");
  });

  it("keeps a tier with no role checked as an empty list, and values exactly as typed", () => {
    const { draft } = readPolicyForm(posted([["tiers[0].key", " Mod "], ["tiers[0].firstResponseMinutes.high", "1.5"], ["warnAtPercent", "eighty"]]));
    expect(draft.tiers[0]).toMatchObject({ key: " Mod ", roles: [], firstResponseMinutes: { high: "1.5", critical: "" } });
    expect(draft.warnAtPercent).toBe("eighty");
  });

  it("reads which button was pressed; anything else (Enter in a field) publishes", () => {
    const intent = (value: string) => readPolicyForm(posted([["intent", value]])).intent;
    expect(intent("add-tier")).toEqual({ kind: "add-tier" });
    expect(intent("remove-tier:2")).toEqual({ kind: "remove-tier", index: 2 });
    expect(intent("move-up:1")).toEqual({ kind: "move-tier", index: 1, by: -1 });
    expect(intent("move-down:0")).toEqual({ kind: "move-tier", index: 0, by: 1 });
    expect(intent("add-rule")).toEqual({ kind: "add-rule" });
    expect(intent("remove-rule:0")).toEqual({ kind: "remove-rule", index: 0 });
    expect(intent("remove-tier:x")).toEqual({ kind: "save" });
    expect(readPolicyForm(posted([])).intent).toEqual({ kind: "save" });
  });

  describe("rearranging", () => {
    const draft: PolicyDraft = draftOf(DEFAULT_POLICY, 1);
    const keys = (d: PolicyDraft) => d.tiers.map((t) => t.key);

    it("adds an empty tier at the end with the last tier's windows, and focuses its key", () => {
      const { draft: next, focus } = rearrange(draft, { kind: "add-tier" });
      expect(next.tiers).toHaveLength(6);
      expect(next.tiers[5]).toMatchObject({ key: "", label: "", roles: [], firstResponseMinutes: { critical: "5", low: "15" } });
      expect(focus).toBe("policy-tiers-5-key");
      expect(draft.tiers).toHaveLength(5);
    });

    it("moves a tier up or down, keeping focus on the button that moves it on, and not past either end", () => {
      const up = rearrange(draft, { kind: "move-tier", index: 3, by: -1 });
      expect(keys(up.draft)).toEqual(["moderator", "senior_moderator", "legal", "trust_safety_lead", "crisis_team"]);
      expect(up.focus).toBe("policy-move-up-2");
      expect(rearrange(draft, { kind: "move-tier", index: 1, by: -1 }).focus).toBe("policy-move-down-0");
      const down = rearrange(draft, { kind: "move-tier", index: 3, by: 1 });
      expect(keys(down.draft).slice(3)).toEqual(["crisis_team", "legal"]);
      expect(down.focus).toBe("policy-move-up-4");
      expect(keys(rearrange(draft, { kind: "move-tier", index: 0, by: -1 }).draft)).toEqual(keys(draft));
      expect(keys(rearrange(draft, { kind: "move-tier", index: 4, by: 1 }).draft)).toEqual(keys(draft));
    });

    it("removes a tier or a skip rule, and keeps the skip rule naming a removed tier for the admin to see", () => {
      const removed = rearrange(draft, { kind: "remove-tier", index: 4 });
      expect(keys(removed.draft)).not.toContain("crisis_team");
      expect(removed.draft.skipRules[0].tier).toBe("crisis_team");
      expect(removed.focus).toBe("policy-tiers-3-key");
      const rule = rearrange(draft, { kind: "remove-rule", index: 0 });
      expect(rule.draft.skipRules.map((r) => r.ruleCode)).toEqual(["threats"]);
      expect(rearrange(draft, { kind: "add-rule" }).draft.skipRules.at(-1)).toEqual({ ruleCode: "", tier: "", page: false });
    });
  });

  it("puts each schema message beside its field, by the field's form name", () => {
    const draft = draftOf(DEFAULT_POLICY, 1);
    draft.tiers[1].roles = ["janitor"];
    draft.tiers[2].key = "moderator";
    draft.tiers[0].firstResponseMinutes.high = "0";
    draft.tiers[0].resolutionMinutes.low = "1.5";
    draft.skipRules[1].tier = "nowhere";
    draft.warnAtPercent = "";
    const result = PolicyDefinition.safeParse(candidateOf(draft));
    expect(result.success).toBe(false);
    expect(fieldErrorsOf(result.error!.issues)).toEqual({
      "tiers[1].roles": ["Not a known role."],
      "tiers[2].key": ["Another tier already has the key “moderator”."],
      "tiers[0].firstResponseMinutes.high": ["Whole minutes, from 1 to 43,200 (30 days)."],
      "tiers[0].resolutionMinutes.low": ["Whole minutes, from 1 to 43,200 (30 days)."],
      "skipRules[1].tier": ["No tier has the key “nowhere”."],
      warnAtPercent: ["A whole percent from 10 to 95."],
    });
    expect(fieldErrorsOf(PolicyDefinition.safeParse(candidateOf({ ...draft, tiers: [] })).error!.issues).tiers).toEqual([
      "A policy needs at least two tiers: where cases start, and where they climb to.",
    ]);
  });
});
