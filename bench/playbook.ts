// A generated playbook of 500 steps, most of them in 10 tracks side by side: compile it,
// verify it (printing the states the verifier visited: one pass per track, where the
// product of the tracks would be astronomical), and rehearse 72 virtual hours of it.
// Aim on the development machine: verify under 1 s, simulate under 200 ms.
import os from "node:os";
import { compilePlaybook } from "../machines/playbook/compile";
import { Playbook } from "../machines/playbook/format";
import { simulatePlaybook } from "../machines/playbook/simulate/index";
import { parseScenario } from "../machines/playbook/simulate/scenario";
import { verifyPlaybook } from "../machines/playbook/verify/index";
import { templatesFor, VIGIL_WORLD } from "../machines/playbook/world.fixture";

const TRACKS = 10;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

// Seven steps a track repeats: a task, a decision on the facts, a statement with its
// approval and publishing, a wait, and a task that records an answer.
function trackSteps(t: number, count: number) {
  const steps: Record<string, unknown>[] = [];
  for (let i = 0; steps.length < count; i++) {
    const id = (k: string) => `t${t}_${k}${i}`;
    steps.push(
      { id: id("task"), kind: "task", title: `Contain part ${i} of track ${t}`, owner: "crisis_responder", due: "30m", onDue: { page: ["trust_safety_lead"] } },
      { id: id("scale"), kind: "decision", title: "Is it wide?", branches: [{ when: { linkedCases: { atLeast: 20 } }, goto: id("draft") }], otherwise: id("wait") },
      { id: id("draft"), kind: "statement", title: "Draft an update", owner: "comms_lead", purpose: "status_update", audiences: ["public"], channels: ["public_post"], languages: ["en", "pl", "de"], approval: id("approve"), due: "20m", onDue: { page: ["crisis_commander"] } },
      { id: id("approve"), kind: "approval", title: "Approve the update", approvers: ["crisis_commander", "trust_safety_lead"], due: "15m", onDue: { handTo: "trust_safety_lead" }, onReject: id("draft") },
      { id: id("publish"), kind: "publish", title: "Publish the update", statement: id("draft") },
      { id: id("wait"), kind: "wait", title: "Let it settle", for: "1h" },
      { id: id("check"), kind: "task", title: "Check the effect", owner: "crisis_commander", answers: ["better", "worse"], due: "20m", onDue: { page: ["trust_safety_lead"] } },
    );
  }
  return steps.slice(0, count);
}

function generatedPlaybook(totalSteps: number) {
  // Outside the tracks: 2 steps before, the parallel step, 4 after (a monitoring loop and the wrap-up).
  const perTrack = Math.floor((totalSteps - 7) / TRACKS);
  const extra = totalSteps - 7 - perTrack * TRACKS;
  const tracks = Array.from({ length: TRACKS }, (_, t) => ({ id: `track${t}`, title: `Track ${t}`, steps: trackSteps(t, perTrack + (t < extra ? 1 : 0)) }));
  return Playbook.parse({
    key: "bench_wide",
    title: "Wide crisis (generated)",
    crisisTypes: ["harassment_raid"],
    severity: { levels: ["high", "critical"], raise: [{ when: { linkedCases: { atLeast: 50 } }, to: "critical" }] },
    review: { owner: "crisis_commander", due: "4h", onDue: { page: ["trust_safety_lead"] } },
    phases: [
      {
        id: "assess",
        title: "Assess",
        steps: [
          { id: "page_commander", kind: "page", title: "Page the commander", roles: ["crisis_commander"], due: "10m", onDue: { page: ["trust_safety_lead"] } },
          { id: "scope", kind: "task", title: "Confirm the scope", owner: "crisis_responder", due: "15m", onDue: { handTo: "crisis_commander" } },
        ],
      },
      { id: "respond", title: "Respond", steps: [{ id: "respond_all", kind: "parallel", title: "Everything at once", tracks }] },
      {
        id: "monitor",
        title: "Monitor",
        steps: [
          { id: "watch", kind: "wait", title: "Watch for an hour", for: "1h" },
          { id: "hourly_check", kind: "task", title: "Hourly check", owner: "crisis_responder", due: "30m", onDue: { page: ["crisis_commander"] } },
          { id: "still_active", kind: "decision", title: "Still active?", branches: [{ when: { linkedCases: { atLeast: 1 } }, goto: "watch" }], otherwise: "wrap_up" },
          { id: "wrap_up", kind: "task", title: "Wrap up", owner: "crisis_commander", due: "1h", onDue: { page: ["trust_safety_lead"] } },
        ],
      },
    ],
  });
}

// Wall time, and the CPU time this process spent (closer to the truth on a shared, busy machine).
function timed<T>(run: () => T): { ms: number; cpu: number; value: T } {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const value = run();
  const cpu = process.cpuUsage(cpu0);
  return { ms: performance.now() - t0, cpu: (cpu.user + cpu.system) / 1000, value };
}
function rounds<T>(run: () => T) {
  const first = timed(run);
  const rest = Array.from({ length: ROUNDS }, () => timed(run));
  const median = (pick: (r: { ms: number; cpu: number }) => number) => rest.map(pick).sort((a, b) => a - b)[Math.floor(rest.length / 2)];
  return { first: first.ms, median: median((r) => r.ms), cpu: median((r) => r.cpu), value: first.value };
}
const ms = (x: number) => `${x.toFixed(1).padStart(7)} ms`;
const line = (name: string, r: ReturnType<typeof rounds>) => `${name.padEnd(9)} first ${ms(r.first)}   median ${ms(r.median)} (cpu ${ms(r.cpu)})`;

const playbook = generatedPlaybook(500);
const stepCount = playbook.phases.reduce((n, p) => n + p.steps.length + p.steps.reduce((m, s) => m + (s.kind === "parallel" ? s.tracks.reduce((k, t) => k + t.steps.length, 0) : 0), 0), 0);
const world = { ...VIGIL_WORLD, templates: templatesFor(VIGIL_WORLD) };
// The incident stays wide (40 linked cases) until the room reports it quiet after 70 hours.
const scenario = { ...parseScenario("facts: { linkedCases: 40 }\nactions:\n  - +70h room reports linkedCases=0\n"), horizonMs: 80 * 3_600_000 };
const facts = { type: "harassment_raid", severity: "high", linkedCases: 40 } as const;

console.log(`playbook: ${stepCount} steps, ${TRACKS} parallel tracks; ${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(1)}; median of ${ROUNDS} rounds after the first`);
const compile = rounds(() => compilePlaybook(playbook));
const verify = rounds(() => verifyPlaybook(playbook, world));
const compiled = compile.value;
const simulate = rounds(() => simulatePlaybook(compiled, facts, scenario));
const product = playbook.phases[1].steps[0].kind === "parallel" ? playbook.phases[1].steps[0].tracks.reduce((p, t) => p * (t.steps.length + 1), 1) : 0;

console.log(`${line("compile", compile)}   hash ${compiled.hash.slice(0, 12)}`);
console.log(`${line("verify", verify)}   ${verify.value.statesVisited} states visited (the tracks' product alone: ${product.toExponential(1)}); ${verify.value.findings.filter((f) => f.severity === "error").length} errors, ${verify.value.findings.length} findings`);
const run = simulate.value;
console.log(`${line("simulate", simulate)}   ${run.events} events over ${run.timeline.length} moments; ${run.summary}`);
const meets = (r: ReturnType<typeof rounds>, limit: number) => (r.median < limit ? "yes" : r.cpu < limit ? "yes in CPU time (the machine is busy)" : "NO");
const aims = [`verify under 1 s: ${meets(verify, 1000)}`, `simulate under 200 ms: ${meets(simulate, 200)}`];
console.log(aims.join("; "));
