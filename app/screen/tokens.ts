// Splits normalised text into the words the word-boundary lists are looked up by, and
// spells each word the ways it may be disguised (digits and symbols for letters, mixed
// Latin and Cyrillic look-alikes, stretched letters).
import type { NormalisedText } from "./normalise";
import { DIGIT, DISGUISE, HANGUL, LETTER, SEPARATOR } from "./normalise";
import { HASH_SEED, hashStep } from "./word-index";

export type Token = {
  /** Span in the normalised text. */
  from: number;
  to: number;
  /** Spellings to look up, most literal first; null when the word is spelled only as written. */
  keys: string[] | null;
  /** hashOf the word as written (when `keys` is null). */
  hash: number;
  /** Index of the first plain word after this token (for phrases). */
  next: number;
};

export type Tokens = {
  /** Runs of letters and digits. */
  plain: Token[];
  /** Runs that also hold @ $ ! +, looked up as disguised words ("$h1t", "a$$"). */
  disguised: Token[];
  /** Three or more single letters in a row, looked up as one word ("f u c k", "s.h.i.t"). */
  spelled: Token[];
  /** Runs of Hangul. */
  hangul: Token[];
};

const DISGUISES: Record<string, string> = {
  "0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", $: "s", "!": "i", "+": "t",
};
// Cyrillic and Greek letters that look like Latin ones, for words that mix the scripts.
const TO_LATIN: Record<string, string> = {
  а: "a", в: "b", е: "e", к: "k", м: "m", н: "h", о: "o", р: "p", с: "c", т: "t", у: "y", х: "x", і: "i", ј: "j", ѕ: "s",
  α: "a", β: "b", ε: "e", ι: "i", κ: "k", ν: "v", ο: "o", ρ: "p", τ: "t", υ: "u", χ: "x",
};
const TO_CYRILLIC: Record<string, string> = { a: "а", b: "в", e: "е", k: "к", m: "м", o: "о", p: "р", c: "с", t: "т", y: "у", x: "х" };
const HAS_CYRILLIC = /[\u0400-\u04ff]/;
const MIXABLE = /[a-z]/;

/** Distinct spellings of one word, most literal first. `stretch` also tries "fuuuck" as "fuck" and "fuuck". */
export function spellings(word: string, stretch = true): string[] {
  let disguised = false;
  let allDigits = true;
  let latin = false;
  let other = false;
  let tripled = false;
  for (let k = 0; k < word.length; k++) {
    const c = word.charCodeAt(k);
    if (c >= 97 && c <= 122) latin = true;
    else if (c >= 128) other = true;
    else disguised = true;
    if (c < 48 || c > 57) allDigits = false;
    if (k >= 2 && c === word.charCodeAt(k - 1) && c === word.charCodeAt(k - 2)) tripled = true;
  }
  // Numbers stay numbers: "2000" is not "2ooo".
  if (allDigits) return [word];
  if (!disguised && !tripled && !(latin && other)) return [word];

  const out = new Set<string>();
  const base = disguised ? undisguise(word, "i") : word;
  out.add(base);
  if (disguised && word.includes("1")) out.add(undisguise(word, "l"));
  if (other && MIXABLE.test(base)) {
    for (const s of [...out]) {
      out.add(s.replace(/[^\x00-\x7f]/g, (ch) => TO_LATIN[ch] ?? ch));
      if (HAS_CYRILLIC.test(s)) out.add(s.replace(/[a-z]/g, (ch) => TO_CYRILLIC[ch] ?? ch));
    }
  }
  if (stretch && tripled) {
    for (const s of [...out]) {
      out.add(s.replace(/(.)\1{2,}/gu, "$1$1"));
      out.add(s.replace(/(.)\1{2,}/gu, "$1"));
    }
  }
  return [...out];
}

function undisguise(word: string, one: "i" | "l"): string {
  return word.replace(/[0134579@$!+]/g, (ch) => (ch === "1" ? one : (DISGUISES[ch] ?? ch)));
}

const isWordClass = (c: number) => c === LETTER || c === DIGIT;

/** Finds the words of a normalised text. */
export function tokenise(norm: NormalisedText, stretch = true): Tokens {
  const { text, cls } = norm;
  const n = text.length;
  const plain: Token[] = [];
  const disguised: Token[] = [];
  const spelled: Token[] = [];
  const hangul: Token[] = [];
  let hasDisguise = false;
  let singleLetters = 0;

  for (let k = 0; k < n; ) {
    const c = cls[k];
    if (c === LETTER || c === DIGIT) {
      // Most words are plain letters, spelled only as written: hash them while scanning,
      // and only words with digits, look-alikes or stretched letters get spellings().
      let j = k;
      let h = HASH_SEED;
      let digits = 0;
      let latin = false;
      let other = false;
      let tripled = false;
      let previous = -1;
      let repeats = 0;
      for (; j < n && (cls[j] === LETTER || cls[j] === DIGIT); j++) {
        const u = text.charCodeAt(j);
        h = hashStep(h, u);
        if (u >= 97 && u <= 122) latin = true;
        else if (u < 128) digits++;
        else other = true;
        repeats = u === previous ? repeats + 1 : 1;
        if (repeats === 3) tripled = true;
        previous = u;
      }
      if (j === k + 1 && c === LETTER) singleLetters++;
      const asWritten = digits === j - k || (digits === 0 && !tripled && !(latin && other));
      plain.push({ from: k, to: j, keys: asWritten ? null : spellings(text.slice(k, j), stretch), hash: h, next: plain.length + 1 });
      k = j;
    } else if (c === HANGUL) {
      let j = k + 1;
      while (j < n && cls[j] === HANGUL) j++;
      hangul.push({ from: k, to: j, keys: [text.slice(k, j)], hash: 0, next: 0 });
      k = j;
    } else {
      // A "!" only disguises a letter when a word goes on after it ("b!tch", not "shit!").
      if (c === DISGUISE && (text.charCodeAt(k) !== 33 || isWordClass(cls[k + 1]))) hasDisguise = true;
      k++;
    }
  }

  if (hasDisguise) {
    for (let k = 0; k < n; ) {
      if (!isWordClass(cls[k]) && cls[k] !== DISGUISE) {
        k++;
        continue;
      }
      let j = k;
      let symbols = 0;
      while (j < n && (isWordClass(cls[j]) || cls[j] === DISGUISE)) if (cls[j++] === DISGUISE) symbols++;
      // "!" at either end is punctuation ("shit!"), not an "i".
      let from = k;
      let to = j;
      for (; from < to && text[from] === "!"; from++) symbols--;
      for (; to > from && text[to - 1] === "!"; to--) symbols--;
      if (symbols > 0 && to - from >= 2) disguised.push({ from, to, keys: spellings(text.slice(from, to), stretch), hash: 0, next: 0 });
      k = j;
    }
    linkNext(disguised, plain);
  }

  if (singleLetters >= 3) {
    for (let i = 0; i < plain.length; ) {
      let j = i;
      while (j < plain.length && isSingleLetter(norm, plain[j]) && (j === i || gapIsShort(norm, plain[j - 1], plain[j]))) j++;
      if (j - i >= 3) {
        const word = plain.slice(i, j).map((t) => text[t.from]).join("");
        spelled.push({ from: plain[i].from, to: plain[j - 1].to, keys: [word], hash: 0, next: j });
      }
      i = Math.max(j, i + 1);
    }
  }
  return { plain, disguised, spelled, hangul };
}

/** The token's spellings, the written word included. */
export function keysOf(text: string, t: Token): string[] {
  return t.keys ?? [text.slice(t.from, t.to)];
}

/** Whether `word` is one of the token's spellings. */
export function spelledAs(text: string, t: Token, word: string): boolean {
  if (t.keys) return t.keys.includes(word);
  return word.length === t.to - t.from && text.startsWith(word, t.from);
}

function isSingleLetter(norm: NormalisedText, t: Token) {
  return t.to - t.from === 1 && norm.cls[t.from] === LETTER;
}

function gapIsShort(norm: NormalisedText, a: Token, b: Token) {
  if (b.from - a.to > 2) return false;
  for (let k = a.to; k < b.from; k++) if (norm.cls[k] !== SEPARATOR || norm.text[k] === "\n") return false;
  return true;
}

/** Points each token at the first plain word that starts at or after its end. */
function linkNext(tokens: Token[], plain: Token[]) {
  let p = 0;
  for (const t of tokens) {
    while (p < plain.length && plain[p].from < t.to) p++;
    t.next = p;
  }
}
