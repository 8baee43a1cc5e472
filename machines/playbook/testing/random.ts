// Small random playbooks for the property test: every kind of step, deadlines that page,
// hand on or move (back as well as forward), rejections, loops, tracks side by side with
// approvals on either side, decisions on the crisis's facts, sometimes without otherwise.
//
// What they avoid, because the verifier's model of time makes it an over-approximation
// there (decision 18): decisions reading answers; a track starting or ending with a step
// passed at once (its facts would be those of the instant the parallel step began or joined).
// They never contain steps passing to one another at once forever: the compiled machine
// would not settle, so the exhaustive search could not run.
import type fc from "fast-check";
import type { Condition, Playbook, Severity, Step } from "../format";
import { Playbook as PlaybookSchema, SEVERITIES } from "../format";

type Gen = fc.GeneratorValue;
type Fc = typeof fc;

const IMMEDIATE = new Set(["decision", "publish", "auto_page"]);
const KINDS = ["task", "task", "statement", "approval", "publish", "page", "auto_page", "wait", "decision"] as const;
type Kind = (typeof KINDS)[number];
const ROLES = ["crisis_responder", "crisis_commander", "comms_lead"];

interface Slot {
  id: string;
  kind: Kind | "parallel";
  region: number;
}

export function randomPlaybook(fcLib: Fc, g: Gen): Playbook {
  const types = g(fcLib.subarray, ["harassment_raid", "data_leak"], { minLength: 1 });
  const levels = g(fcLib.subarray, [...SEVERITIES], { minLength: 1, maxLength: 3 }) as Severity[];
  const threshold = g(fcLib.constantFrom, 2, 3);
  const pick = <T>(items: readonly T[]): T => items[g(fcLib.nat, { max: items.length - 1 })];

  // Layout: region 0 is the main line; a parallel step, if any, holds regions 1 and 2.
  const regions: Slot[][] = [[]];
  const mainLength = g(fcLib.integer, { min: 2, max: 5 });
  const parallelAt = g(fcLib.boolean) ? g(fcLib.nat, { max: mainLength - 1 }) : -1;
  let n = 0;
  for (let i = 0; i < mainLength; i++) {
    if (i === parallelAt) {
      regions[0].push({ id: `p${++n}`, kind: "parallel", region: 0 });
      for (const r of [1, 2]) {
        const length = g(fcLib.integer, { min: 1, max: 3 });
        regions[r] = Array.from({ length }, (_, j) => {
          const edge = j === 0 || j === length - 1;
          const kinds = edge ? KINDS.filter((k) => !IMMEDIATE.has(k)) : KINDS;
          return { id: `s${++n}`, kind: pick(kinds), region: r };
        });
      }
    } else regions[0].push({ id: `s${++n}`, kind: pick(KINDS), region: 0 });
  }
  // Most plans draft, approve and publish a statement, in whatever order and tracks.
  if (g(fcLib.nat, { max: 3 }) > 0) {
    const slots = regions.flat().filter((s) => s.kind !== "parallel");
    for (const kind of ["statement", "approval", "publish"] as const) {
      const free = slots.filter((s) => {
        const track = regions[s.region];
        const edge = s.region !== 0 && (track[0] === s || track[track.length - 1] === s);
        return !["statement", "approval", "publish"].includes(s.kind) || s.kind === kind ? !(kind === "publish" && edge) : false;
      });
      if (free.length > 0) pick(free).kind = kind;
    }
  }
  const all = regions.flat();
  const ofKind = (kind: Kind) => all.filter((s) => s.kind === kind).map((s) => s.id);
  const approvals = ofKind("approval");
  const statements = all.filter((s) => s.kind === "statement" && approvals.length > 0).map((s) => s.id);
  // A step may move within its region or out to the main line, never into another track.
  const reachableTargets = (slot: Slot) => [...regions[slot.region], ...(slot.region === 0 ? [] : regions[0])].filter((s) => s.kind !== "parallel" || s.region === 0).map((s) => s.id);

  const condition = (): Condition =>
    pick([
      () => ({ severity: { is: [pick(levels)] } }),
      () => ({ severity: { atLeast: pick(levels) } }),
      () => ({ linkedCases: { atLeast: threshold } }),
      () => ({ type: [pick(types)] }),
    ])();

  const deadline = (slot: Slot) => {
    if (!g(fcLib.boolean)) return {};
    const onDue = pick([() => ({ page: [pick(ROLES)] }), () => ({ handTo: pick(ROLES) }), () => ({ goto: pick(reachableTargets(slot)) })])();
    return { due: "10m", onDue };
  };
  const nextOf = (slot: Slot) => (g(fcLib.nat, { max: 3 }) === 0 ? { next: pick([...reachableTargets(slot), "resolved"]) } : {});

  const stepOf = (slot: Slot, index: number): Step => {
    const base = { id: slot.id, title: `Step ${slot.id}` };
    const forward = regions[slot.region].slice(index + 1).map((s) => s.id).concat(slot.region === 0 ? ["resolved"] : []);
    let kind = slot.kind;
    if ((kind === "statement" && !statements.includes(slot.id)) || (kind === "publish" && statements.length === 0) || (kind === "decision" && forward.length === 0)) kind = "task";
    switch (kind) {
      case "task":
        return { ...base, kind: "task", owner: pick(ROLES), ...deadline(slot), ...nextOf(slot) };
      case "statement":
        return { ...base, kind: "statement", owner: "comms_lead", purpose: "holding_statement", audiences: ["public"], channels: ["public_post"], languages: ["en"], approval: pick(approvals), ...deadline(slot), ...nextOf(slot) };
      case "approval":
        return {
          ...base,
          kind: "approval",
          approvers: [pick(["crisis_commander", "comms_lead"])],
          count: g(fcLib.integer, { min: 1, max: 2 }),
          ...(g(fcLib.boolean) ? { onReject: pick(reachableTargets(slot)) } : {}),
          ...deadline(slot),
          ...nextOf(slot),
        };
      case "publish":
        return { ...base, kind: "publish", statement: pick(statements) };
      case "page":
        return { ...base, kind: "page", roles: [pick(ROLES)], acknowledge: true, ...deadline(slot), ...nextOf(slot) };
      case "auto_page":
        return { ...base, kind: "page", roles: [pick(ROLES)], acknowledge: false };
      case "wait":
        return { ...base, kind: "wait", for: "30m", ...nextOf(slot) };
      case "decision": {
        const branches = Array.from({ length: g(fcLib.integer, { min: 1, max: 2 }) }, () => ({ when: condition(), goto: pick(forward) }));
        return { ...base, kind: "decision", branches, ...(g(fcLib.boolean) ? { otherwise: pick(forward) } : {}) };
      }
      case "parallel":
        return {
          ...base,
          kind: "parallel",
          tracks: [1, 2].map((r) => ({ id: `t${r}`, title: `Track ${r}`, steps: regions[r].map((s, j) => stepOf(s, j)) })),
          ...nextOf(slot),
        };
    }
  };

  const raise = levels.length > 1 && g(fcLib.boolean) ? [{ when: { linkedCases: { atLeast: threshold } }, to: levels[levels.length - 1] }] : [];
  return PlaybookSchema.parse({
    key: "random",
    title: "Random",
    crisisTypes: types,
    severity: { levels, raise },
    phases: [{ id: "only", title: "Only", steps: regions[0].map((s, i) => stepOf(s, i)) }],
  });
}
