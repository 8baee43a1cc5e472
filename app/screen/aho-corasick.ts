// Aho-Corasick automaton over UTF-16 units: finds every occurrence of many patterns in
// one pass, for the scripts written without spaces between words.

export class AhoCorasick<T> {
  private readonly next: Map<number, number>[] = [new Map()];
  private readonly fail: number[] = [0];
  /** Patterns ending at each state, including those reached through fail links. */
  private readonly out: { length: number; values: T[] }[][] = [[]];

  constructor(patterns: Iterable<[pattern: string, values: T[]]>) {
    for (const [pattern, values] of patterns) {
      if (pattern.length === 0) continue;
      let s = 0;
      for (let i = 0; i < pattern.length; i++) {
        const c = pattern.charCodeAt(i);
        let t = this.next[s].get(c);
        if (t === undefined) {
          t = this.next.length;
          this.next.push(new Map());
          this.fail.push(0);
          this.out.push([]);
          this.next[s].set(c, t);
        }
        s = t;
      }
      this.out[s].push({ length: pattern.length, values });
    }
    // Breadth-first, so every state's fail target is finished before the state itself.
    const queue: number[] = [...this.next[0].values()];
    for (let q = 0; q < queue.length; q++) {
      const s = queue[q];
      for (const [c, t] of this.next[s]) {
        let f = this.fail[s];
        while (f !== 0 && !this.next[f].has(c)) f = this.fail[f];
        const g = this.next[f].get(c);
        this.fail[t] = g !== undefined && g !== t ? g : 0;
        this.out[t] = this.out[t].concat(this.out[this.fail[t]]);
        queue.push(t);
      }
    }
  }

  /** Every occurrence: `text.slice(end - length, end)` is the pattern. */
  search(text: string): { end: number; length: number; values: T[] }[] {
    const found: { end: number; length: number; values: T[] }[] = [];
    let s = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      let t = this.next[s].get(c);
      while (t === undefined && s !== 0) {
        s = this.fail[s];
        t = this.next[s].get(c);
      }
      s = t ?? 0;
      for (const o of this.out[s]) found.push({ end: i + 1, length: o.length, values: o.values });
    }
    return found;
  }
}
