// Everything a decision can see, as a finite list: each combination of facts (from
// conditions.ts) with each answer a read task may hold, or none yet. A set of these is a
// bit set, so a chain of decisions taken in one instant intersects what each allowed.
import { factValuations, matches } from "../conditions";
import type { CrisisFacts } from "../findings";
import type { DecisionStep, Playbook, Step } from "../format";
import { allSteps } from "../conditions";

export interface Valuation {
  facts: CrisisFacts;
  answers: Record<string, string | undefined>;
}

export class Bits {
  private constructor(readonly words: Uint32Array) {}
  static empty(size: number) {
    return new Bits(new Uint32Array(Math.ceil(size / 32)));
  }
  static of(size: number, pick: (i: number) => boolean) {
    const bits = Bits.empty(size);
    for (let i = 0; i < size; i++) if (pick(i)) bits.words[i >> 5] |= 1 << (i & 31);
    return bits;
  }
  and(other: Bits) {
    return new Bits(this.words.map((w, i) => w & other.words[i]));
  }
  isEmpty() {
    return this.words.every((w) => w === 0);
  }
  first(): number {
    for (let i = 0; i < this.words.length; i++) if (this.words[i] !== 0) return i * 32 + (31 - Math.clz32(this.words[i] & -this.words[i]));
    return -1;
  }
  key() {
    return Array.from(this.words, (w) => w.toString(36)).join(".");
  }
}

export interface DecisionSets {
  /** Valuations under which each branch is the first to match. */
  branches: Bits[];
  /** Valuations no branch matches: the otherwise branch, or a crisis left waiting. */
  none: Bits;
}

export class ValuationSpace {
  readonly list: Valuation[];
  readonly all: Bits;
  readonly decisions = new Map<string, DecisionSets>();

  constructor(readonly playbook: Playbook) {
    const steps = allSteps(playbook);
    const tasks = new Map(steps.flatMap((s) => (s.kind === "task" ? [[s.id, s] as const] : [])));
    const read = [...new Set(steps.flatMap((s) => (s.kind === "decision" ? s.branches.flatMap((b) => (b.when.answer ? [b.when.answer.step] : [])) : [])))].filter(
      (id) => tasks.get(id)?.answers,
    );
    let list: Valuation[] = factValuations(playbook).map((facts) => ({ facts, answers: {} }));
    for (const task of read) {
      const options: (string | undefined)[] = [undefined, ...tasks.get(task)!.answers!];
      list = list.flatMap((v) => options.map((answer) => ({ facts: v.facts, answers: { ...v.answers, [task]: answer } })));
    }
    this.list = list;
    this.all = Bits.of(list.length, () => true);
    for (const step of steps) if (step.kind === "decision") this.decisions.set(step.id, this.setsFor(step));
  }

  private setsFor(step: DecisionStep): DecisionSets {
    const firstMatch = this.list.map((v) => step.branches.findIndex((b) => matches(b.when, v.facts, v.answers)));
    return {
      branches: step.branches.map((_, i) => Bits.of(this.list.length, (j) => firstMatch[j] === i)),
      none: Bits.of(this.list.length, (j) => firstMatch[j] === -1),
    };
  }

  /** Valuations in which each of `tasks` has recorded an answer (they ran on every path here). */
  answered(tasks: Iterable<string>): Bits {
    const required = [...tasks];
    return Bits.of(this.list.length, (j) => required.every((t) => !(t in this.list[j].answers) || this.list[j].answers[t] !== undefined));
  }
}

/** The tasks whose answers the decision reads. */
export function tasksRead(step: Step): string[] {
  return step.kind === "decision" ? [...new Set(step.branches.flatMap((b) => (b.when.answer ? [b.when.answer.step] : [])))] : [];
}
