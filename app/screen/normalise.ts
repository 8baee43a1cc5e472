// Folds text into the form the word lists are matched in, remembering for every folded
// UTF-16 unit which span of the original text it came from, so hits can be highlighted.

/** What a folded unit is to the matchers. */
export const SEPARATOR = 0;
/** A letter, mark or non-ASCII digit of a script that separates words with spaces. */
export const LETTER = 1;
/** An ASCII digit: part of words, and a letter in disguise (0 for o, 3 for e...). */
export const DIGIT = 2;
/** @ $ ! + : punctuation, or a letter in disguise (@ for a, $ for s...). */
export const DISGUISE = 3;
/** Han, kana, Thai or a pictograph: scripts without spaces, matched as substrings. */
export const UNSPACED = 4;
/** Hangul: spaced, but particles attach to words, so lists match at word starts. */
export const HANGUL = 5;

export type CharClass = typeof SEPARATOR | typeof LETTER | typeof DIGIT | typeof DISGUISE | typeof UNSPACED | typeof HANGUL;

export type NormalisedText = {
  /** Case-folded, NFKC, accents stripped, invisible characters removed. */
  text: string;
  /** Class of each UTF-16 unit of `text`. */
  cls: Uint8Array;
  /** `text[k]` came from `original.slice(start[k], end[k])`; null when that is just [k, k+1). */
  start: Int32Array | null;
  end: Int32Array | null;
  hasUnspaced: boolean;
  hasHangul: boolean;
};

// Invisible characters that split a word without showing: format characters (zero-width
// space and joiners, soft hyphen, bidi controls, BOM), variation selectors, fillers.
const INVISIBLE = /^[\p{Cf}\p{Variation_Selector}\u034f\u115f\u1160\u3164\uffa0\u2800]$/u;
// Accents that stack on Latin, Greek and Cyrillic letters. Marks of other scripts (Thai
// vowels, kana voicing, Devanagari) carry meaning and are kept.
const ACCENTS = /[\u0300-\u036f\u0483-\u0489\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;
const IS_ACCENT = /^[\u0300-\u036f\u0483-\u0489\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]$/;
// Letters that carry their accent in the glyph, so NFD leaves them whole.
const LETTER_FOLDS: Record<string, string> = {
  ß: "ss", ł: "l", đ: "d", ð: "d", ø: "o", æ: "ae", œ: "oe", ı: "i", ħ: "h", þ: "th", ŧ: "t", ŀ: "l", ς: "σ",
};
const LETTER_FOLD_RE = new RegExp(`[${Object.keys(LETTER_FOLDS).join("")}]`, "g");
const UNSPACED_RE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Extended_Pictographic}]/u;
const HANGUL_RE = /\p{Script=Hangul}/u;
const LETTER_RE = /[\p{L}\p{M}\p{Nd}]/u;

const ASCII_CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const ch = String.fromCharCode(c);
  ASCII_CLASS[c] = /[a-zA-Z]/.test(ch) ? LETTER : /[0-9]/.test(ch) ? DIGIT : /[@$!+]/.test(ch) ? DISGUISE : SEPARATOR;
}

function classify(cp: number): CharClass {
  if (cp < 128) return ASCII_CLASS[cp] as CharClass;
  const ch = String.fromCodePoint(cp);
  if (UNSPACED_RE.test(ch)) return UNSPACED;
  if (HANGUL_RE.test(ch)) return HANGUL;
  return LETTER_RE.test(ch) ? LETTER : SEPARATOR;
}

type Folded = { text: string; cls: CharClass[]; accent: boolean };

/** Folds one code point: NFKC, lower case, accents off, special letters spelled out. */
function foldCodePoint(cp: number): Folded {
  const ch = String.fromCodePoint(cp);
  if (INVISIBLE.test(ch)) return { text: "", cls: [], accent: false };
  if (IS_ACCENT.test(ch)) return { text: "", cls: [], accent: true };
  const text = ch
    .normalize("NFKC")
    .toLowerCase()
    .normalize("NFD")
    .replace(ACCENTS, "")
    .normalize("NFC")
    .replace(LETTER_FOLD_RE, (m) => LETTER_FOLDS[m]);
  const cls: CharClass[] = [];
  for (const unit of text) {
    const c = classify(unit.codePointAt(0)!);
    cls.push(c);
    if (unit.length === 2) cls.push(c);
  }
  return { text, cls, accent: false };
}

// Folding is memoised per code point: an array for the Basic Multilingual Plane, a
// bounded map beyond it.
const bmpFolds: (Folded | undefined)[] = new Array(0x10000);
const astralFolds = new Map<number, Folded>();
const MAX_ASTRAL_FOLDS = 10_000;

function fold(cp: number): Folded {
  if (cp < 0x10000) return (bmpFolds[cp] ??= foldCodePoint(cp));
  let f = astralFolds.get(cp);
  if (!f) {
    f = foldCodePoint(cp);
    if (astralFolds.size < MAX_ASTRAL_FOLDS) astralFolds.set(cp, f);
  }
  return f;
}

const ASCII_ONLY = /^[\x00-\x7f]*$/;

// Allocating typed arrays costs more than filling them: every call reuses these.
let scratchUnits = new Uint16Array(4096);
let scratchCls = new Uint8Array(4096);
let scratchStart = new Int32Array(4096);
let scratchEnd = new Int32Array(4096);
const utf16 = new TextDecoder("utf-16le", { ignoreBOM: true });

function reserve(capacity: number) {
  if (capacity <= scratchCls.length) return;
  const size = Math.max(capacity, 2 * scratchCls.length);
  const [units, cls, start, end] = [new Uint16Array(size), new Uint8Array(size), new Int32Array(size), new Int32Array(size)];
  units.set(scratchUnits);
  cls.set(scratchCls);
  start.set(scratchStart);
  end.set(scratchEnd);
  [scratchUnits, scratchCls, scratchStart, scratchEnd] = [units, cls, start, end];
}

// Most characters fold to exactly one unit ("Ó" to "o", "Ж" to "ж", "你" to itself). For
// those, per BMP unit: the folded unit (0 = not yet known, NOT_ONE = folds otherwise) and class.
const NOT_ONE = 0xffff;
const oneUnit = new Uint16Array(0x10000);
const oneUnitClass = new Uint8Array(0x10000);
for (let c = 0; c < 128; c++) {
  oneUnit[c] = c >= 65 && c <= 90 ? c + 32 : c;
  oneUnitClass[c] = ASCII_CLASS[c];
}
oneUnit[0] = NOT_ONE; // never cached: zero marks "unknown"; NUL takes the general path

function foldUnit(u: number): number {
  let folded = oneUnit[u];
  if (folded === 0) {
    const f = u >= 0xd800 && u <= 0xdfff ? null : fold(u);
    folded = f && f.text.length === 1 ? f.text.charCodeAt(0) : NOT_ONE;
    oneUnit[u] = folded;
    if (f && folded !== NOT_ONE) oneUnitClass[u] = f.cls[0];
  }
  return folded;
}

/**
 * Folds `original` for matching; see NormalisedText. The arrays are views of buffers the
 * next call reuses: read them before normalising anything else.
 */
export function normalise(original: string): NormalisedText {
  const n = original.length;
  reserve(n);
  if (ASCII_ONLY.test(original)) {
    for (let k = 0; k < n; k++) scratchCls[k] = ASCII_CLASS[original.charCodeAt(k)];
    return { text: original.toLowerCase(), cls: scratchCls.subarray(0, n), start: null, end: null, hasUnspaced: false, hasHangul: false };
  }
  // Where every unit folds to one unit, offsets are unchanged and need no map.
  let hasUnspaced = false;
  let hasHangul = false;
  let k = 0;
  for (; k < n; k++) {
    const u = original.charCodeAt(k);
    const folded = foldUnit(u);
    if (folded === NOT_ONE) break;
    const c = oneUnitClass[u];
    if (c === UNSPACED) hasUnspaced = true;
    else if (c === HANGUL) hasHangul = true;
    scratchUnits[k] = folded;
    scratchCls[k] = c;
  }
  if (k === n) {
    const text = utf16.decode(scratchUnits.subarray(0, n));
    return { text, cls: scratchCls.subarray(0, n), start: null, end: null, hasUnspaced, hasHangul };
  }
  return normaliseFrom(original, k, hasUnspaced, hasHangul);
}

/** The general case, from `i0` on (units before it fold one to one, already in scratch). */
function normaliseFrom(original: string, i0: number, hasUnspaced: boolean, hasHangul: boolean): NormalisedText {
  const n = original.length;
  const parts: string[] = [utf16.decode(scratchUnits.subarray(0, i0))];
  let m = i0;
  for (let k = 0; k < i0; k++) {
    scratchStart[k] = k;
    scratchEnd[k] = k + 1;
  }
  for (let i = i0; i < n; ) {
    const cp = original.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    const f = fold(cp);
    const units = f.text.length;
    if (units === 0) {
      // A stripped accent belongs to the letter before it: highlight it with that letter.
      if (f.accent && m > 0 && scratchEnd[m - 1] === i) scratchEnd[m - 1] = i + width;
    } else {
      reserve(m + units);
      parts.push(f.text);
      for (let u = 0; u < units; u++, m++) {
        const c = f.cls[u];
        if (c === UNSPACED) hasUnspaced = true;
        else if (c === HANGUL) hasHangul = true;
        scratchCls[m] = c;
        scratchStart[m] = i;
        scratchEnd[m] = i + width;
      }
    }
    i += width;
  }
  return {
    text: parts.join(""),
    cls: scratchCls.subarray(0, m),
    start: scratchStart.subarray(0, m),
    end: scratchEnd.subarray(0, m),
    hasUnspaced,
    hasHangul,
  };
}
