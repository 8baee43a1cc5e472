// Finds exactly what bad-words 4.1.5's `isProfane` finds, in one pass instead of one
// regular expression per listed word. isProfane tests `new RegExp("\\b" + escaped + "\\b", "gi")`
// for every listed word not in `exclude` (compared lower-cased), so a word matches where its
// characters appear, compared case-insensitively the way a non-Unicode `i` regex compares
// them, and both of its ends sit on a `\b` boundary: between one of [A-Za-z0-9_] and
// anything else (or an end of the text). Accented letters, "_" and symbols all count, so
// "fuck_you" is not flagged, "fucké" is, and "*fuck*" only matches inside "x*fuck*y".

const WORD_UNIT = new Uint8Array(128);
for (let c = 0; c < 128; c++) WORD_UNIT[c] = /[A-Za-z0-9_]/.test(String.fromCharCode(c)) ? 1 : 0;
const isWordUnit = (c: number) => c < 128 && WORD_UNIT[c] === 1;

// A non-Unicode case-insensitive regex compares Canonicalize(unit): its upper case when
// that is a single unit and does not turn a non-ASCII unit into an ASCII one.
const canonical = new Uint16Array(0x10000);
for (let c = 0; c < 128; c++) canonical[c] = String.fromCharCode(c).toUpperCase().charCodeAt(0);
function canonicalize(c: number): number {
  let k = canonical[c];
  if (k === 0 && c >= 128) {
    const upper = String.fromCharCode(c).toUpperCase();
    k = upper.length !== 1 || upper.charCodeAt(0) < 128 ? c : upper.charCodeAt(0);
    canonical[c] = k;
  }
  return k;
}

export type BadWordsMatch = { word: string; start: number; end: number };

type Node = { next: Map<number, Node>; word: string | null };

export class BadWordsMatcher {
  // The trie of listed words, compiled to numbered states: ASCII steps in a dense table
  // (one typed-array read per character), other steps in a map.
  private readonly ascii: Uint16Array;
  private readonly other = new Map<number, number>();
  private readonly words: (string | null)[] = [];

  /** `list` and `exclude` as a bad-words `Filter` holds them. Empty words are ignored. */
  constructor(list: readonly string[], exclude: readonly string[]) {
    const excluded = new Set(exclude);
    const root: Node = { next: new Map(), word: null };
    for (const word of list) {
      if (word.length === 0 || excluded.has(word.toLowerCase())) continue;
      let node = root;
      for (let i = 0; i < word.length; i++) {
        const c = canonicalize(word.charCodeAt(i));
        let child = node.next.get(c);
        if (!child) node.next.set(c, (child = { next: new Map(), word: null }));
        node = child;
      }
      node.word ??= word;
    }
    // Number the states breadth-first; 0 means "no step" in the table, so the root is 1.
    const order: Node[] = [root];
    for (let i = 0; i < order.length; i++) order.push(...order[i].next.values());
    if (order.length >= 0xffff) throw new Error("Word list too large for the bad-words matcher");
    const id = new Map(order.map((node, i) => [node, i + 1]));
    this.ascii = new Uint16Array((order.length + 1) * 128);
    this.words = [null, ...order.map((node) => node.word)];
    for (const node of order) {
      for (const [c, child] of node.next) {
        if (c < 128) this.ascii[id.get(node)! * 128 + c] = id.get(child)!;
        else this.other.set(id.get(node)! * 0x10000 + c, id.get(child)!);
      }
    }
  }

  /** Every listed word isProfane would match, with its span in `text`. */
  find(text: string): BadWordsMatch[] {
    const found: BadWordsMatch[] = [];
    const n = text.length;
    let before = false;
    for (let p = 0; p < n; p++) {
      const c = text.charCodeAt(p);
      const here = isWordUnit(c);
      // A listed word can only start on a boundary (and mostly starts with a letter).
      if (here !== before && (c >= 128 || this.ascii[128 + canonical[c]] !== 0)) this.walk(text, p, found);
      before = here;
    }
    return found;
  }

  private walk(text: string, p: number, found: BadWordsMatch[]) {
    let state = 1;
    for (let q = p; q < text.length; q++) {
      const c = canonicalize(text.charCodeAt(q));
      state = c < 128 ? this.ascii[state * 128 + c] : (this.other.get(state * 0x10000 + c) ?? 0);
      if (state === 0) return;
      const word = this.words[state];
      if (word !== null && isWordUnit(text.charCodeAt(q)) !== isWordUnit(text.charCodeAt(q + 1))) {
        found.push({ word, start: p, end: q + 1 });
      }
    }
  }

  /** What isProfane answers. */
  test(text: string): boolean {
    return this.find(text).length > 0;
  }
}
