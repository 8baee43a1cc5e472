// One structure built from every word list, and the passes that ask it about a text:
// bad-words' own matching, whole words (and phrases) by hash map, Hangul word starts, and
// an Aho-Corasick automaton for scripts written without spaces.
import { AhoCorasick } from "./aho-corasick";
import { BadWordsMatcher } from "./bad-words-compat";
import { normalise, SEPARATOR } from "./normalise";
import type { NormalisedText } from "./normalise";
import { keysOf, spelledAs, tokenise } from "./tokens";
import type { Token } from "./tokens";
import { WordIndex } from "./word-index";
import type { ListSource, SourceWord } from "./word-lists";
import {
  FALSE_FRIENDS, LIST_IDS, MIN_BOUNDARY_LETTERS, MIN_THAI_LETTERS, ORDINARY_WORDS, sourceWords, VULGAR_SINGLE_CHARACTERS,
} from "./word-lists";

/** One listed word. `list` indexes LIST_IDS. */
export type Entry = { word: string; list: number; falseFriend: boolean };
type PhraseEntry = Entry & { rest: string[] };

export type Matchers = {
  badWords: BadWordsMatcher;
  /** Word-boundary lists: a first word's spelling -> the entries starting with it. */
  words: WordIndex<PhraseEntry[]>;
  /** Hangul lists, matched at the start of a word. */
  wordStarts: Map<string, Entry[]>;
  longestWordStart: number;
  /** Unspaced scripts, matched anywhere (spaces and punctuation skipped). */
  substrings: AhoCorasick<Entry> | null;
};

/** Receives every hit, with its span in the original text. */
export interface HitSink {
  add(entry: Entry, start: number, end: number): void;
}

const NONE: never[] = [];

/** Runs every pass over `text`, telling `sink` what each finds. */
export function findHits(m: Matchers, text: string, sink: HitSink): void {
  // What bad-words finds, found the way bad-words finds it.
  for (const hit of m.badWords.find(text)) sink.add({ word: hit.word, list: 0, falseFriend: false }, hit.start, hit.end);

  const norm = normalise(text);
  const tokens = tokenise(norm);
  lookUpWords(m, norm, tokens.plain, tokens.plain, sink);
  if (tokens.disguised.length) lookUpWords(m, norm, tokens.disguised, tokens.plain, sink);
  if (tokens.spelled.length) lookUpWords(m, norm, tokens.spelled, tokens.plain, sink);

  if (norm.hasHangul) {
    for (const t of tokens.hangul) {
      const word = keysOf(norm.text, t)[0];
      for (let len = 1; len <= Math.min(word.length, m.longestWordStart); len++) {
        for (const e of m.wordStarts.get(word.slice(0, len)) ?? NONE) sink.add(e, origin(norm, t.from), originEnd(norm, t.from + len - 1));
      }
    }
  }

  if (norm.hasUnspaced && m.substrings) {
    const { text: squeezed, index } = squeeze(norm);
    for (const { end, length, values } of m.substrings.search(squeezed)) {
      for (const e of values) sink.add(e, origin(norm, index[end - length]), originEnd(norm, index[end - 1]));
    }
  }
}

function lookUpWords(m: Matchers, norm: NormalisedText, tokens: Token[], plain: Token[], sink: HitSink) {
  for (const t of tokens) {
    if (t.keys === null) {
      const entries = m.words.getSpan(norm.text, t.from, t.to, t.hash);
      if (entries) for (const e of entries) lookUpPhrase(norm, plain, t, e, sink);
      continue;
    }
    for (const key of t.keys) {
      const entries = m.words.get(key);
      if (entries) for (const e of entries) lookUpPhrase(norm, plain, t, e, sink);
    }
  }
}

function lookUpPhrase(norm: NormalisedText, plain: Token[], first: Token, e: PhraseEntry, sink: HitSink) {
  let last = first;
  let i = first.next;
  for (const word of e.rest) {
    const t = plain[i++];
    if (!t || !spelledAs(norm.text, t, word)) return;
    last = t;
  }
  sink.add(e, origin(norm, first.from), originEnd(norm, last.to - 1));
}

const origin = (norm: NormalisedText, k: number) => (norm.start ? norm.start[k] : k);
const originEnd = (norm: NormalisedText, k: number) => (norm.end ? norm.end[k] : k + 1);

/** The normalised text without separators, so "操 你 妈" reads as "操你妈". */
function squeeze(norm: NormalisedText): { text: string; index: number[] } {
  const index: number[] = [];
  const parts: string[] = [];
  for (let k = 0; k < norm.text.length; ) {
    if (norm.cls[k] === SEPARATOR) {
      k++;
      continue;
    }
    let j = k;
    while (j < norm.text.length && norm.cls[j] !== SEPARATOR) index.push(j++);
    parts.push(norm.text.slice(k, j));
    k = j;
  }
  return { text: parts.join(""), index };
}

/**
 * Builds the matchers. `englishList` and `exclude` are bad-words' list and exclusions as
 * addWords/removeWords left them; `added` are the words added since.
 */
export function buildMatchers(englishList: readonly string[], exclude: readonly string[], added: readonly SourceWord[]): Matchers {
  if (LIST_IDS.length > 31) throw new Error("Too many word lists for a 31-bit list mask");
  const listIndex = new Map(LIST_IDS.map((id, i) => [id, i]));
  const excluded = new Set(exclude);
  // Removing a word removes every spelling of it: "shit" also takes out "sh1t" and "$hit".
  const excludedKeys = new Set(exclude.map((w) => prepare(w)?.key).filter((k): k is string => !!k));
  const ordinary = curated(ORDINARY_WORDS);
  const falseFriends = curated(FALSE_FRIENDS);

  const words = new Map<string, PhraseEntry[]>();
  const wordStarts = new Map<string, Entry[]>();
  const substrings = new Map<string, Entry[]>();
  let longestWordStart = 0;
  const seen = new Set<string>();

  for (const { word, list, source } of [...sourceWords(), ...added]) {
    const id = `${list}\u0000${word.toLowerCase()}`;
    if (seen.has(id) || excluded.has(word.toLowerCase())) continue;
    seen.add(id);
    if (source !== "custom" && ordinary.has(id)) continue;
    const p = prepare(word);
    if (!p || !keeps(p, source)) continue;
    if (source !== "custom" && excludedKeys.has(p.key)) continue;
    const entry: Entry = { word, list: listIndex.get(list)!, falseFriend: source !== "custom" && falseFriends.has(id) };
    if (p.mode === "substring") push(substrings, p.key, entry);
    else if (p.mode === "word-start") {
      push(wordStarts, p.key, entry);
      longestWordStart = Math.max(longestWordStart, p.key.length);
    } else {
      for (const spelling of p.spellings) push(words, spelling[0], { ...entry, rest: spelling.slice(1) });
    }
  }
  // Of entries spelled alike ("ass", "a55", "@$$"), name the one written as it reads.
  for (const [key, entries] of words) entries.sort((a, b) => literal(b, key) - literal(a, key));
  return {
    badWords: new BadWordsMatcher(englishList, exclude),
    words: new WordIndex(words),
    wordStarts,
    longestWordStart,
    substrings: substrings.size ? new AhoCorasick(substrings) : null,
  };
}

type Prepared = {
  mode: "words" | "word-start" | "substring";
  /** The entry's canonical form, to compare entries with each other. */
  key: string;
  /** For "words": each spelling as its sequence of words. */
  spellings: string[][];
  letters: number;
};

/** How a listed word is matched, in the same folded form as the text it is matched in. */
export function prepare(word: string): Prepared | null {
  const norm = normalise(word);
  if (norm.hasUnspaced || norm.hasHangul) {
    let key = "";
    for (let k = 0; k < norm.text.length; k++) if (norm.cls[k] !== SEPARATOR) key += norm.text[k];
    const letters = [...key].filter((ch) => !/\p{M}/u.test(ch)).length;
    return key ? { mode: norm.hasUnspaced ? "substring" : "word-start", key, spellings: [], letters } : null;
  }
  const tokens = tokenise(norm, false);
  // Where a disguised run covers plain words ("b!+ch" over "b" and "ch"), it stands for them.
  const seq: Token[] = [];
  for (const t of tokens.plain) {
    const d = tokens.disguised.find((x) => x.from <= t.from && t.to <= x.to);
    if (!d) seq.push(t);
    else if (seq[seq.length - 1] !== d) seq.push(d);
  }
  for (const d of tokens.disguised) if (!seq.includes(d)) seq.push(d);
  seq.sort((a, b) => a.from - b.from);
  if (seq.length === 0) return null;
  const keys = seq.map((t) => keysOf(norm.text, t));
  const primary = keys.map((k) => k[0]);
  const letters = primary.join("").replace(/[0-9]/g, "").length;
  // Each further spelling takes every word's next variant (1 read as "l", look-alike letters).
  const spellings = [primary];
  for (let v = 1; v < Math.max(...keys.map((k) => k.length)); v++) spellings.push(keys.map((k) => k[v] ?? k[0]));
  return { mode: "words", key: primary.join(" "), spellings, letters };
}

function keeps(p: Prepared, source: ListSource): boolean {
  if (source === "custom") return p.letters > 0;
  if (p.mode === "words") return p.letters >= MIN_BOUNDARY_LETTERS;
  if (/[\u0e00-\u0e7f]/.test(p.key)) return p.letters >= MIN_THAI_LETTERS;
  return p.letters > 1 || VULGAR_SINGLE_CHARACTERS.has(p.key);
}

const literal = (e: PhraseEntry, key: string) => Number(e.rest.length === 0 && e.word.toLowerCase() === key);

function curated(byList: Readonly<Record<string, readonly string[]>>): Set<string> {
  return new Set(Object.entries(byList).flatMap(([list, words]) => words.map((w) => `${list}\u0000${w.toLowerCase()}`)));
}

function push<T>(map: Map<string, T[]>, key: string, value: T) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
