// `npm run playbook:simulate -- <playbook.yaml> [--scenario <file>] [--type t] [--severity s]
// [--linked-cases n] [--horizon 72h]`: rehearses a playbook on a virtual clock and prints
// the timeline. Nothing is written and nobody is paged. Exits 0 after printing, 2 when the
// playbook or scenario cannot be read (naming the problem and its line).
import fs from "node:fs";
import { parseArgs } from "node:util";
import { compilePlaybook } from "../machines/playbook/compile";
import type { CrisisFacts } from "../machines/playbook/findings";
import { parseDuration } from "../machines/playbook/durations";
import { parsePlaybook } from "../machines/playbook/parse";
import { buildPlan } from "../machines/playbook/plan";
import { simulatePlaybook } from "../machines/playbook/simulate/index";
import type { Scenario } from "../machines/playbook/simulate/scenario";
import { parseScenario } from "../machines/playbook/simulate/scenario";
import { SEVERITIES } from "../machines/playbook/format";

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    scenario: { type: "string" },
    type: { type: "string" },
    severity: { type: "string" },
    "linked-cases": { type: "string" },
    horizon: { type: "string" },
  },
});
const [file] = positionals;
if (!file) fail("usage: npm run playbook:simulate -- <playbook.yaml> [--scenario <file>] [--type t] [--severity s] [--linked-cases n] [--horizon 72h]");

const read = (path: string) => {
  try {
    return fs.readFileSync(path, "utf8");
  } catch {
    return fail(`cannot read ${path}`);
  }
};

const parsed = parsePlaybook(read(file));
if (!parsed.ok) fail(parsed.findings.map((f) => `${file}:${f.line ?? "?"}: ${f.message}`).join("\n"));
const { playbook } = parsed;
const problems = buildPlan(playbook).problems;
if (problems.length > 0) fail(problems.map((p) => `${file}: ${p.message}`).join("\n"));

let scenario: Partial<Scenario> = {};
if (values.scenario) {
  try {
    scenario = parseScenario(read(values.scenario));
  } catch (error) {
    fail(`${values.scenario}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
if (values.horizon) {
  const horizon = parseDuration(values.horizon);
  if (horizon === null || horizon <= 0) fail(`--horizon: not a duration: ${values.horizon}`);
  scenario.horizonMs = horizon;
}

// The facts: the options, else the scenario's, else the playbook's first type at its most severe level.
const severity = values.severity ?? scenario.facts?.severity ?? playbook.severity.levels[playbook.severity.levels.length - 1];
if (!(SEVERITIES as readonly string[]).includes(severity)) fail(`--severity: one of ${SEVERITIES.join(", ")}`);
const linkedCases = Number(values["linked-cases"] ?? scenario.facts?.linkedCases ?? 0);
if (!Number.isInteger(linkedCases) || linkedCases < 0) fail("--linked-cases: a whole number, 0 or more");
const facts: CrisisFacts = { type: values.type ?? scenario.facts?.type ?? playbook.crisisTypes[0], severity: severity as CrisisFacts["severity"], linkedCases };
if (!playbook.crisisTypes.includes(facts.type)) fail(`the playbook is for ${playbook.crisisTypes.join(", ")}, not ${facts.type}`);
if (!playbook.severity.levels.includes(facts.severity)) fail(`the playbook is for severity ${playbook.severity.levels.join(", ")}, not ${facts.severity}`);

const run = simulatePlaybook(compilePlaybook(playbook), facts, scenario);
console.log(`${playbook.title} (${playbook.key}), rehearsed on a virtual clock; nobody was paged and nothing was sent.\n`);
console.log(run.text());
