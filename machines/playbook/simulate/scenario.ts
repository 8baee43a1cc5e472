// A rehearsal's scenario: timed actions written as people say them ("+5m commander
// acknowledges", "+12m responder completes confirm_scope answer=spreading"), and what
// everyone else does: act at half of each deadline, or never.
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import { parseDuration } from "../durations";
import type { CrisisFacts } from "../findings";
import { SEVERITIES } from "../format";

export type ScenarioVerb = "acknowledges" | "completes" | "drafts" | "approves" | "rejects" | "publishes" | "reports";

export interface ScenarioAction {
  /** Milliseconds from the crisis's start. */
  at: number;
  /** A role, or "room" for the crisis room reporting facts. */
  role: string;
  /** Which person of that role (1, 2, …): approvals need distinct people. */
  person: number;
  verb: ScenarioVerb;
  /** Without one, the first step waiting for this role and verb. */
  step?: string;
  answer?: string;
  facts?: Partial<CrisisFacts>;
  text: string;
}

export interface Scenario {
  actions: ScenarioAction[];
  /** What everyone the actions do not name does. */
  policy: "half-deadline" | "never";
  /** Steps nobody acts on unless an action says so ("nobody approves the holding statement"). */
  never: string[];
  /** Answers the default policy records, by task; otherwise a task's first answer. */
  answers: Record<string, string>;
  /** When the default policy acts on a step without a deadline. */
  undatedDelayMs: number;
  horizonMs: number;
  /** Stop after this many events, still running: a plan of second-long steps chasing each other would otherwise run for millions. */
  maxEvents: number;
  facts?: Partial<CrisisFacts>;
}

export const DEFAULT_SCENARIO: Scenario = { actions: [], policy: "half-deadline", never: [], answers: {}, undatedDelayMs: 5 * 60_000, horizonMs: 72 * 3_600_000, maxEvents: Infinity };

/** Short names people use for Vigil's roles. */
export const ROLE_ALIASES: Record<string, string> = {
  commander: "crisis_commander",
  responder: "crisis_responder",
  comms: "comms_lead",
  lead: "trust_safety_lead",
  senior: "senior_moderator",
};

const VERBS: Record<string, ScenarioVerb> = {
  acknowledge: "acknowledges",
  acknowledges: "acknowledges",
  complete: "completes",
  completes: "completes",
  draft: "drafts",
  drafts: "drafts",
  approve: "approves",
  approves: "approves",
  reject: "rejects",
  rejects: "rejects",
  publish: "publishes",
  publishes: "publishes",
  report: "reports",
  reports: "reports",
};

/** "+12m responder completes confirm_scope answer=yes" → an action; throws a sentence on nonsense. */
export function parseAction(line: string): ScenarioAction {
  const words = line.trim().split(/\s+/);
  const [when, who, verbWord, ...rest] = words;
  const at = when?.startsWith("+") ? parseDuration(when.slice(1)) : null;
  if (at === null || at < 0) throw new Error(`“${line}”: start with a time from the crisis's start, such as +5m`);
  const verb = VERBS[verbWord ?? ""];
  if (!who || !verb) throw new Error(`“${line}”: write who and what, such as “+5m commander acknowledges”`);
  const [roleName, personText] = who.split("#");
  const role = ROLE_ALIASES[roleName] ?? roleName;
  const person = personText ? Number(personText) : 1;
  if (!Number.isInteger(person) || person < 1) throw new Error(`“${line}”: ${who} names no person`);
  const action: ScenarioAction = { at, role, person, verb, text: line.trim() };
  for (const word of rest) {
    const [key, value] = word.split("=");
    if (value === undefined) {
      if (action.step) throw new Error(`“${line}”: one step per action`);
      action.step = key;
    } else if (key === "answer") action.answer = value;
    else if (key === "type") action.facts = { ...action.facts, type: value };
    else if (key === "severity") {
      if (!(SEVERITIES as readonly string[]).includes(value)) throw new Error(`“${line}”: severity is one of ${SEVERITIES.join(", ")}`);
      action.facts = { ...action.facts, severity: value as CrisisFacts["severity"] };
    } else if (key === "linkedCases") action.facts = { ...action.facts, linkedCases: Number(value) };
    else throw new Error(`“${line}”: unknown ${key}=`);
  }
  if (verb === "reports" && !action.facts) throw new Error(`“${line}”: report facts, such as severity=critical or linkedCases=30`);
  return action;
}

const ScenarioFile = z.strictObject({
  facts: z.strictObject({ type: z.string().optional(), severity: z.enum(SEVERITIES).optional(), linkedCases: z.number().int().min(0).optional() }).optional(),
  default: z.enum(["half-deadline", "never"]).optional(),
  never: z.array(z.string()).optional(),
  answers: z.record(z.string(), z.string()).optional(),
  undated: z.string().optional(),
  horizon: z.string().optional(),
  actions: z.array(z.string()).optional(),
});

/** A scenario file (YAML): facts, default, never, answers, undated, horizon, actions. */
export function parseScenario(text: string): Scenario {
  const parsed = ScenarioFile.safeParse(parseYaml(text) ?? {});
  if (!parsed.success) throw new Error(`the scenario does not fit: ${parsed.error.issues.map((i) => `${i.path.join(".") || "file"}: ${i.message}`).join("; ")}`);
  const file = parsed.data;
  const duration = (value: string | undefined, fallback: number, what: string) => {
    if (value === undefined) return fallback;
    const ms = parseDuration(value);
    if (ms === null || ms <= 0) throw new Error(`the scenario's ${what} is not a duration: ${value}`);
    return ms;
  };
  return {
    actions: (file.actions ?? []).map(parseAction),
    policy: file.default ?? DEFAULT_SCENARIO.policy,
    never: file.never ?? [],
    answers: file.answers ?? {},
    undatedDelayMs: duration(file.undated, DEFAULT_SCENARIO.undatedDelayMs, "undated delay"),
    horizonMs: duration(file.horizon, DEFAULT_SCENARIO.horizonMs, "horizon"),
    maxEvents: DEFAULT_SCENARIO.maxEvents,
    facts: file.facts,
  };
}
