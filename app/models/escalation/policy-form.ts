import type { PolicyDefinition } from "./escalation-policy.server";
import type { PriorityBand } from "../cases/priority";
import { PRIORITY_BAND_KEYS } from "../cases/priority";

// The escalation policy editor's form, as plain HTML posts it: nested names such as
// `tiers[0].key`, `tiers[0].roles` (one per checked box) and
// `tiers[0].firstResponseMinutes.high`, read into a draft that keeps every value as typed.
// Buttons named `intent` add, remove and move tiers and skip rules, so the form works
// without JavaScript: the server answers with the rearranged draft. Pure: the page and
// the server share it.

export type MinutesDraft = Record<PriorityBand, string>;
export type TierDraft = { key: string; label: string; roles: string[]; firstResponseMinutes: MinutesDraft; resolutionMinutes: MinutesDraft };
export type SkipRuleDraft = { ruleCode: string; tier: string; page: boolean };
export type PolicyDraft = {
  tiers: TierDraft[];
  skipRules: SkipRuleDraft[];
  warnAtPercent: string;
  note: string;
  /** The version the admin started from: publishing over a newer one is refused. */
  baseVersion: number | null;
};

export type PolicyFormIntent =
  | { kind: "save" }
  | { kind: "add-tier" }
  | { kind: "remove-tier"; index: number }
  | { kind: "move-tier"; index: number; by: -1 | 1 }
  | { kind: "add-rule" }
  | { kind: "remove-rule"; index: number };

/** Messages by field name (`tiers[1].roles`, `warnAtPercent`); `form` for the whole form. */
export type PolicyFieldErrors = Record<string, string[]>;

export const MINUTE_FIELDS = ["firstResponseMinutes", "resolutionMinutes"] as const;
export type MinuteField = (typeof MINUTE_FIELDS)[number];

export const tierField = (i: number, name: keyof TierDraft | `${MinuteField}.${PriorityBand}`) => `tiers[${i}].${name}`;
export const ruleField = (i: number, name: keyof SkipRuleDraft) => `skipRules[${i}].${name}`;
/** The element id of a field or button, for labels, errors and focus. */
export const fieldId = (name: string) => `policy-${name.replace(/[^A-Za-z0-9_-]+/g, "-").replace(/-+$/, "")}`;

export const intentValue = {
  removeTier: (i: number) => `remove-tier:${i}`,
  moveUp: (i: number) => `move-up:${i}`,
  moveDown: (i: number) => `move-down:${i}`,
  removeRule: (i: number) => `remove-rule:${i}`,
};

// More rows than any policy may have are ignored rather than read (the schema allows 10 tiers).
const MAX_ROWS = 50;

const minutesOf = (byBand: Partial<Record<PriorityBand, number | string>> = {}): MinutesDraft =>
  Object.fromEntries(PRIORITY_BAND_KEYS.map((b) => [b, byBand[b] === undefined ? "" : String(byBand[b])])) as MinutesDraft;

const emptyTier = (): TierDraft => ({ key: "", label: "", roles: [], firstResponseMinutes: minutesOf(), resolutionMinutes: minutesOf() });

/** A stored definition as the form shows it. */
export function draftOf(definition: PolicyDefinition, baseVersion: number | null): PolicyDraft {
  return {
    tiers: definition.tiers.map((t) => ({
      key: t.key,
      label: t.label,
      roles: [...t.roles],
      firstResponseMinutes: minutesOf(t.firstResponseMinutes),
      resolutionMinutes: minutesOf(t.resolutionMinutes),
    })),
    skipRules: definition.skipRules.map((r) => ({ ...r })),
    warnAtPercent: String(definition.warnAtPercent),
    note: "",
    baseVersion,
  };
}

function parseIntent(value: string): PolicyFormIntent {
  if (value === "add-tier" || value === "add-rule") return { kind: value };
  const match = /^(remove-tier|move-up|move-down|remove-rule):(\d{1,2})$/.exec(value);
  if (!match) return { kind: "save" };
  const index = Number(match[2]);
  if (match[1] === "remove-tier") return { kind: "remove-tier", index };
  if (match[1] === "remove-rule") return { kind: "remove-rule", index };
  return { kind: "move-tier", index, by: match[1] === "move-up" ? -1 : 1 };
}

const TIER_NAME = /^tiers\[(\d{1,2})\]\.(key|label|roles|(firstResponseMinutes|resolutionMinutes)\.(critical|high|medium|low))$/;
const RULE_NAME = /^skipRules\[(\d{1,2})\]\.(ruleCode|tier|page)$/;

function rowsOf<T>(rows: Map<number, T>): T[] {
  return [...rows.entries()].sort(([a], [b]) => a - b).map(([, row]) => row);
}

/** Reads a posted form into the draft it carries and what the admin asked for. */
export function readPolicyForm(form: FormData | URLSearchParams): { draft: PolicyDraft; intent: PolicyFormIntent } {
  const tiers = new Map<number, TierDraft>();
  const rules = new Map<number, SkipRuleDraft & { tierRef: string }>();
  for (const [name, raw] of form.entries()) {
    const value = typeof raw === "string" ? raw : "";
    const tier = TIER_NAME.exec(name);
    if (tier && Number(tier[1]) < MAX_ROWS) {
      const t = tiers.get(Number(tier[1])) ?? emptyTier();
      tiers.set(Number(tier[1]), t);
      if (tier[2] === "roles") t.roles.push(value);
      else if (tier[3]) t[tier[3] as MinuteField][tier[4] as PriorityBand] = value;
      else t[tier[2] as "key" | "label"] = value;
      continue;
    }
    const rule = RULE_NAME.exec(name);
    if (rule && Number(rule[1]) < MAX_ROWS) {
      const r = rules.get(Number(rule[1])) ?? { ruleCode: "", tier: "", tierRef: "", page: false };
      rules.set(Number(rule[1]), r);
      if (rule[2] === "page") r.page = value !== "" && value !== "false";
      else if (rule[2] === "tier") r.tierRef = value;
      else r.ruleCode = value;
    }
  }
  const tierList = rowsOf(tiers);
  // The tier select posts the tier's position, so a key renamed in the same edit still
  // matches; anything else is taken as a key (and refused if no tier has it).
  const skipRules = rowsOf(rules).map(({ tierRef, ...r }) => ({ ...r, tier: /^\d+$/.test(tierRef) ? (tierList[Number(tierRef)]?.key.trim() ?? "") : tierRef }));
  const base = Number(form.get("baseVersion"));
  return {
    draft: {
      tiers: tierList,
      skipRules,
      warnAtPercent: String(form.get("warnAtPercent") ?? ""),
      note: String(form.get("note") ?? ""),
      baseVersion: Number.isInteger(base) && base > 0 ? base : null,
    },
    intent: parseIntent(String(form.get("intent") ?? "")),
  };
}

/**
 * The draft after an add, remove or move, and the id of the control to focus so a keyboard
 * user stays where they were. A new tier starts with the windows of the last one.
 */
export function rearrange(draft: PolicyDraft, intent: Exclude<PolicyFormIntent, { kind: "save" }>): { draft: PolicyDraft; focus: string } {
  const tiers = [...draft.tiers];
  const skipRules = [...draft.skipRules];
  const inTiers = (i: number) => i >= 0 && i < tiers.length;
  switch (intent.kind) {
    case "add-tier": {
      const last = tiers.at(-1);
      tiers.push({ ...emptyTier(), firstResponseMinutes: { ...(last?.firstResponseMinutes ?? minutesOf()) }, resolutionMinutes: { ...(last?.resolutionMinutes ?? minutesOf()) } });
      return { draft: { ...draft, tiers }, focus: fieldId(tierField(tiers.length - 1, "key")) };
    }
    case "remove-tier":
      if (inTiers(intent.index)) tiers.splice(intent.index, 1);
      return { draft: { ...draft, tiers }, focus: tiers.length ? fieldId(tierField(Math.min(intent.index, tiers.length - 1), "key")) : fieldId("add-tier") };
    case "move-tier": {
      const to = intent.index + intent.by;
      if (!inTiers(intent.index) || !inTiers(to)) return { draft, focus: fieldId(tierField(intent.index, "key")) };
      [tiers[intent.index], tiers[to]] = [tiers[to], tiers[intent.index]];
      // Focus follows the tier to its new place, on the button pressed if it is still there.
      const again = intent.by === -1 ? (to > 0 ? intentValue.moveUp(to) : intentValue.moveDown(to)) : to < tiers.length - 1 ? intentValue.moveDown(to) : intentValue.moveUp(to);
      return { draft: { ...draft, tiers }, focus: fieldId(again) };
    }
    case "add-rule":
      skipRules.push({ ruleCode: "", tier: "", page: false });
      return { draft: { ...draft, skipRules }, focus: fieldId(ruleField(skipRules.length - 1, "ruleCode")) };
    case "remove-rule":
      if (intent.index >= 0 && intent.index < skipRules.length) skipRules.splice(intent.index, 1);
      return { draft: { ...draft, skipRules }, focus: fieldId("add-rule") };
  }
}

/** Whole numbers only: "1.5", "1e3", "-5" and "" are refused by the schema, not rounded. */
const whole = (text: string) => (/^\s*\d{1,9}\s*$/.test(text) ? Number(text) : Number.NaN);

/** The draft as the policy schema checks it: numbers where numbers belong. */
export function candidateOf(draft: PolicyDraft): unknown {
  const minutes = (m: MinutesDraft) => Object.fromEntries(PRIORITY_BAND_KEYS.map((b) => [b, whole(m[b])]));
  return {
    tiers: draft.tiers.map((t) => ({ key: t.key, label: t.label, roles: t.roles, firstResponseMinutes: minutes(t.firstResponseMinutes), resolutionMinutes: minutes(t.resolutionMinutes) })),
    skipRules: draft.skipRules,
    warnAtPercent: whole(draft.warnAtPercent),
  };
}

/** Schema issues by the name of the field they belong beside. */
export function fieldErrorsOf(issues: readonly { path: readonly PropertyKey[]; message: string }[]): PolicyFieldErrors {
  const errors: PolicyFieldErrors = {};
  for (const { path, message } of issues) {
    const [head, index, name, band] = path;
    let field = typeof head === "string" ? head : "form";
    if ((head === "tiers" || head === "skipRules") && typeof index === "number" && typeof name === "string") {
      // A wrong role is the roles group's error; a wrong minute the band's own.
      field = `${head}[${index}].${name}${head === "tiers" && typeof band === "string" && name !== "roles" ? `.${band}` : ""}`;
    }
    const list = (errors[field] ??= []);
    if (!list.includes(message)) list.push(message);
  }
  return errors;
}
