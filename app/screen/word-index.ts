// A string-keyed hash table that is asked with a span of a larger string, so the words
// of a message are looked up without cutting each one out of it first.

/** FNV-1a over UTF-16 units: tokenising computes it while scanning a word. */
export const HASH_SEED = 0x811c9dc5;
export const hashStep = (h: number, unit: number) => Math.imul(h ^ unit, 16777619);

export function hashOf(text: string, from = 0, to = text.length): number {
  let h = HASH_SEED;
  for (let k = from; k < to; k++) h = hashStep(h, text.charCodeAt(k));
  return h;
}

export class WordIndex<T> {
  private readonly slots: Int32Array;
  private readonly keys: string[] = [];
  private readonly values: T[] = [];
  private readonly mask: number;

  constructor(entries: Map<string, T>) {
    let size = 16;
    while (size < entries.size * 4) size *= 2;
    this.slots = new Int32Array(size).fill(-1);
    this.mask = size - 1;
    for (const [key, value] of entries) {
      let slot = hashOf(key) & this.mask;
      while (this.slots[slot] !== -1) slot = (slot + 1) & this.mask;
      this.slots[slot] = this.keys.length;
      this.keys.push(key);
      this.values.push(value);
    }
  }

  /** The value for `text.slice(from, to)`, whose hash is `hash`. */
  getSpan(text: string, from: number, to: number, hash: number): T | undefined {
    for (let slot = hash & this.mask; ; slot = (slot + 1) & this.mask) {
      const i = this.slots[slot];
      if (i === -1) return undefined;
      const key = this.keys[i];
      if (key.length === to - from && key.charCodeAt(0) === text.charCodeAt(from) && key === text.slice(from, to)) return this.values[i];
    }
  }

  get(key: string): T | undefined {
    return this.getSpan(key, 0, key.length, hashOf(key));
  }
}
