import type { Playbook, Step } from "@machines/playbook";
import { canonicalJson } from "@machines/playbook/hash";

// What changed between two versions of a playbook, as a structure rather than lines of
// text: steps added, removed and changed (field by field, including where a step sits),
// phases added and removed, and the playbook's own fields (types, severity, review).

export type FieldChange = { field: string; before: string; after: string };
export type PlaybookChange =
  | { kind: "added" | "removed"; what: "step" | "phase"; id: string; title: string; where: string }
  | { kind: "changed"; what: "step" | "phase" | "playbook"; id: string; title: string; fields: FieldChange[] };

type Placed = { step: Omit<Step, "tracks"> & { tracks?: string[] }; where: string; follows: string };

/** Every step with where it sits ("phase Contain, track Communication") and the step before it. */
function placed(playbook: Playbook): Map<string, Placed> {
  const out = new Map<string, Placed>();
  const visit = (steps: readonly Step[], where: string) => {
    steps.forEach((step, i) => {
      const follows = i === 0 ? "(first)" : steps[i - 1].id;
      if (step.kind === "parallel") {
        const { tracks, ...rest } = step;
        out.set(step.id, { step: { ...rest, tracks: tracks.map((t) => t.id) }, where, follows });
        for (const t of tracks) visit(t.steps, `${where}, track ${t.title}`);
      } else out.set(step.id, { step, where, follows });
    });
  };
  for (const phase of playbook.phases) visit(phase.steps, `phase ${phase.title}`);
  return out;
}

/** A value as a person reads it in a diff: text as is, lists and maps as compact JSON. */
export function valueWords(value: unknown): string {
  if (value === undefined) return "—";
  if (typeof value === "string") return value;
  return canonicalJson(value);
}

function fieldChanges(before: Record<string, unknown>, after: Record<string, unknown>, skip: readonly string[] = []): FieldChange[] {
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((f) => !skip.includes(f));
  return fields
    .filter((f) => canonicalJson(before[f] ?? null) !== canonicalJson(after[f] ?? null))
    .map((field) => ({ field, before: valueWords(before[field]), after: valueWords(after[field]) }));
}

export function diffPlaybooks(before: Playbook, after: Playbook): PlaybookChange[] {
  const changes: PlaybookChange[] = [];
  const top = fieldChanges(before, after, ["phases"]);
  if (top.length) changes.push({ kind: "changed", what: "playbook", id: after.key, title: after.title, fields: top });

  const oldPhases = new Map(before.phases.map((p) => [p.id, p]));
  const newPhases = new Map(after.phases.map((p) => [p.id, p]));
  after.phases.forEach((p, i) => {
    const old = oldPhases.get(p.id);
    if (!old) changes.push({ kind: "added", what: "phase", id: p.id, title: p.title, where: `phase ${i + 1}` });
    else {
      const fields = fieldChanges({ title: old.title, position: before.phases.indexOf(old) + 1 }, { title: p.title, position: i + 1 });
      if (fields.length) changes.push({ kind: "changed", what: "phase", id: p.id, title: p.title, fields });
    }
  });
  for (const p of before.phases) if (!newPhases.has(p.id)) changes.push({ kind: "removed", what: "phase", id: p.id, title: p.title, where: `was phase ${before.phases.indexOf(p) + 1}` });

  const oldSteps = placed(before);
  const newSteps = placed(after);
  for (const [id, now] of newSteps) {
    const was = oldSteps.get(id);
    if (!was) {
      changes.push({ kind: "added", what: "step", id, title: now.step.title, where: `in ${now.where}` });
      continue;
    }
    const fields = fieldChanges({ ...was.step, "sits in": was.where, "comes after": was.follows }, { ...now.step, "sits in": now.where, "comes after": now.follows });
    if (fields.length) changes.push({ kind: "changed", what: "step", id, title: now.step.title, fields });
  }
  for (const [id, was] of oldSteps) if (!newSteps.has(id)) changes.push({ kind: "removed", what: "step", id, title: was.step.title, where: `was in ${was.where}` });
  return changes;
}
