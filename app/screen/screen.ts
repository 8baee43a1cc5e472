// The text screen's public face: a screen built from the word lists, bad-words' add/remove
// semantics, and the language rules. docs/decisions/0002-text-screen.md explains the design.
import { buildMatchers, findHits } from "./matchers";
import type { Entry, HitSink, Matchers } from "./matchers";
import type { SourceWord } from "./word-lists";
import { badWordsList, LANGUAGE_ALIASES, LIST_IDS } from "./word-lists";

export type ScreenHit = {
  /** The listed word or phrase that matched, as it appears in its list. */
  word: string;
  /** The list it came from: "en" (bad-words' list), or a naughty-words language code. */
  list: string;
  /** UTF-16 offsets of the match in the original text: text.slice(start, end). */
  start: number;
  end: number;
  /** The matched original text. */
  match: string;
};

/**
 * `hits`: one per distinct span, in text order (spans may nest: "ass" inside "ass monkey").
 * `languages`: the lists the text was checked against.
 */
export type ScreenResult = { flagged: boolean; hits: ScreenHit[]; languages: string[] };

export type ScreenOptions = {
  /** Added to the English list, as bad-words' `addWords`. */
  addWords?: string[];
  /** Never flagged, as bad-words' `removeWords`. */
  removeWords?: string[];
};

export interface TextScreen {
  /**
   * Screens `text`. A language with a list (a BCP 47 tag: "pl", "pt-BR") checks that list
   * and English; no language, or one without a list (Latvian, say), checks every list.
   */
  screen(text: string, language?: string | null): ScreenResult;
  /** As bad-words' `addWords`: adds to the English list and takes the words off the removed ones. */
  addWords(...words: string[]): void;
  /** As bad-words' `removeWords`: never flag these, in any list, however they are disguised. */
  removeWords(...words: string[]): void;
  /** Adds words to one list ("pl", "it", "zh"...). */
  addListWords(list: string, ...words: string[]): void;
  /** The lists `screen(text, language)` checks. */
  listsFor(language?: string | null): string[];
}

export function createScreen(options: ScreenOptions = {}): TextScreen {
  return new Screen(options);
}

/** Which lists a request checks, which count their false friends, and which list names a shared span. */
type Request = { checked: number; named: number; lists: string[]; rank: number[] };

class Screen implements TextScreen {
  // bad-words' own state, mirrored: its list (with what addWords pushed) and its exclusions.
  private readonly englishList = badWordsList();
  private readonly exclude: string[] = [];
  private readonly added: SourceWord[] = [];
  private matchers: Matchers | null = null;
  private readonly requests = new Map<string, Request>();

  constructor(options: ScreenOptions) {
    if (options.addWords?.length) this.addWords(...options.addWords);
    if (options.removeWords?.length) this.removeWords(...options.removeWords);
  }

  addWords(...words: string[]): void {
    // An empty word would make bad-words flag every text holding a letter: ignored.
    const real = words.filter((w) => w.length > 0);
    this.englishList.push(...real);
    for (const word of real) {
      const i = this.exclude.indexOf(word.toLowerCase());
      if (i >= 0) this.exclude.splice(i, 1);
      this.added.push({ word, list: "en", source: "custom" });
    }
    this.matchers = null;
  }

  removeWords(...words: string[]): void {
    this.exclude.push(...words.map((w) => w.toLowerCase()));
    this.matchers = null;
  }

  addListWords(list: string, ...words: string[]): void {
    if (list === "en") return this.addWords(...words);
    if (!LIST_IDS.includes(list)) throw new Error(`No word list "${list}"; lists: ${LIST_IDS.join(", ")}`);
    for (const word of words) if (word.length > 0) this.added.push({ word, list, source: "custom" });
    this.matchers = null;
  }

  listsFor(language?: string | null): string[] {
    return [...this.request(language).lists];
  }

  screen(text: string, language?: string | null): ScreenResult {
    this.matchers ??= buildMatchers(this.englishList, this.exclude, this.added);
    const hits = new Hits(text, this.request(language));
    findHits(this.matchers, text, hits);
    return hits.result();
  }

  private request(language?: string | null): Request {
    const key = language ?? "";
    let req = this.requests.get(key);
    if (!req) {
      req = resolveLanguage(language);
      if (this.requests.size < 256) this.requests.set(key, req);
    }
    return req;
  }
}

/** Collects the hits a request wants, one per span. */
class Hits implements HitSink {
  private readonly hits: ScreenHit[] = [];
  private readonly ranks: number[] = [];
  constructor(
    private readonly text: string,
    private readonly req: Request,
  ) {}

  add(entry: Entry, start: number, end: number): void {
    const bit = 1 << entry.list;
    if (!(this.req.checked & bit) || (entry.falseFriend && !(this.req.named & bit))) return;
    this.hits.push({ word: entry.word, list: LIST_IDS[entry.list], start, end, match: this.text.slice(start, end) });
    this.ranks.push(this.req.rank[entry.list]);
  }

  result(): ScreenResult {
    const { hits, ranks } = this;
    const languages = this.req.lists.slice();
    if (hits.length <= 1) return { flagged: hits.length > 0, hits, languages };
    const order = hits.map((_, i) => i);
    order.sort((a, b) => hits[a].start - hits[b].start || hits[b].end - hits[a].end || ranks[a] - ranks[b]);
    const distinct: ScreenHit[] = [];
    for (const i of order) {
      const last = distinct[distinct.length - 1];
      if (!last || last.start !== hits[i].start || last.end !== hits[i].end) distinct.push(hits[i]);
    }
    return { flagged: true, hits: distinct, languages };
  }
}

/** A language's own lists and English; every list when it has none of its own. */
function resolveLanguage(language?: string | null): Request {
  const tag = (language ?? "").trim().toLowerCase().replace(/_/g, "-");
  const base = LANGUAGE_ALIASES[tag.split("-")[0]] ?? tag.split("-")[0];
  const own = tag ? LIST_IDS.flatMap((id, i) => (id.toLowerCase() === tag || id.split("-")[0] === base ? [i] : [])) : [];
  if (own.length > 0) {
    const ids = own.includes(0) ? own : [...own, 0];
    const rank = LIST_IDS.map((_, i) => (ids.includes(i) ? ids.indexOf(i) : LIST_IDS.length + i));
    return { checked: mask(ids), named: mask(own), lists: ids.map((i) => LIST_IDS[i]), rank };
  }
  const all = LIST_IDS.map((_, i) => i);
  return { checked: mask(all), named: 0, lists: [...LIST_IDS], rank: all };
}

const mask = (ids: number[]) => ids.reduce((m, i) => m | (1 << i), 0);
