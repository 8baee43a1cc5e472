// Where the screen's words come from, and the few entries it deliberately leaves out.
// docs/decisions/0002-text-screen.md explains each choice.
import { Filter } from "bad-words";
import naughtyWords from "naughty-words";

export type ListSource = "bad-words" | "naughty-words" | "custom";
export type SourceWord = { word: string; list: string; source: ListSource };

/** bad-words' English list exactly as `new Filter().list` returns it (duplicates and all). */
export function badWordsList(): string[] {
  return [...new Filter().list];
}

/** Every list id the screen knows: "en" first, then naughty-words' languages. */
export const LIST_IDS: readonly string[] = ["en", ...Object.keys(naughtyWords).filter((id) => id !== "en").sort()];

/** bad-words' list, naughty-words' English entries (also "en") and every other naughty-words list. */
export function sourceWords(): SourceWord[] {
  const words: SourceWord[] = badWordsList().map((word) => ({ word, list: "en", source: "bad-words" }));
  for (const [list, entries] of Object.entries(naughtyWords)) {
    for (const word of entries) words.push({ word, list, source: "naughty-words" });
  }
  return words;
}

/**
 * Entries that are first of all everyday vocabulary in their own language (an Italian
 * "fish", a Portuguese "beer", a Japanese "girl"), or a substring of common words in a
 * script without spaces. Never screened; a team adds any back with `addListWords`.
 * Curated, not exhaustive: the lists it comes from name several thousand entries.
 */
export const ORDINARY_WORDS: Readonly<Record<string, readonly string[]>> = {
  de: ["bonze", "mufti", "nackt", "rosette"],
  es: ["Asesinato", "concha", "Drogas", "Heroína", "infierno", "Maciza", "martillo", "Orina", "Racista", "Trio"],
  fi: ["haahka", "hatullinen", "jätkä", "muna", "palli", "paljaalla", "panna", "pipari", "pistää", "reikä", "tavara", "viiksi"],
  fr: ["folle", "gerbe", "ramoner", "tanche"],
  it: [
    "battere", "bagnarsi", "biga", "cadavere", "cozza", "fava", "monta", "montare", "patacca", "pesce",
    "pistolotto", "pompa", "quaglia", "regina", "rizzarsi", "sbattere", "sbattersi", "sega", "spagnola", "tirare",
  ],
  // 보지/자지 are also everyday verb forms ("don't look", "don't sleep"); 노모 and 유모 are "elderly mother" and "nanny".
  ko: ["노모", "망가", "보지", "야사", "유모", "자지"],
  // Identity words are not profanity; nor are "beer", "spider", "tap", "to eat".
  nl: [
    "anita", "asbak", "balen", "bekken", "beurt", "boemelen", "buffelen", "gat", "gedoogzone", "hol", "johny", "kanen",
    "knor", "matje", "muts", "nicht", "paal", "palen", "poot", "pot", "raaskallen", "remsporen", "reutelen", "schatje",
    "spuiten", "standje", "stootje", "toeter", "vergallen", "wippen", "zuigen",
  ],
  pl: ["jajko"],
  pt: [
    "aborto", "amador", "aranha", "ariano", "bissexual", "burro", "camisinha", "cerveja", "cocaína", "comer", "consolo",
    "fecal", "frango assado", "heroína", "heterosexual", "homem gay", "homosexual", "inferno", "lésbica", "mama", "pinto",
    "saco", "torneira",
  ],
  ru: ["byk", "gol", "uboy", "бугор", "голый", "другой дразнится", "какая разница", "обнаженный", "хапать"],
  sv: ["hård", "olla", "stake", "sås"],
  // Substrings of everyday text: 妈妈的 "mum's", 生日你… "birthday, you…", 靠背 "backrest", 处女座 "Virgo".
  zh: [
    "九游", "他妈", "你妈", "你老闆", "处女", "刚度", "妈妈的", "妈的", "娘的", "屁股", "干你", "成人", "日你", "激情",
    "祖宗", "私服", "老二", "老母", "肥西", "靠背",
  ],
  ja: [
    "いたずら", "エスコート", "カント", "グロ", "コカイン", "スリット", "なめ", "ファンタジー", "フック", "プレイボーイ", "ぽっちゃり",
    "ラティーナ", "ラバー", "ローター", "両性", "人妻", "人種", "女の子", "嫌い", "拷問", "挿入", "支配", "殺人事件", "毛深い", "脱衣",
    "誘惑", "覗き", "噴出", "卍",
  ],
};

/**
 * Entries that are ordinary words in another widely used language once case and accents
 * are folded (French "con" is Spanish and Italian "with", Turkish "göt" folds to English
 * "got", Hungarian "kúr" to Latvian "kur"). They count only when the report's language is
 * their list's language: not for another language, nor when the language is unknown.
 */
export const FALSE_FRIENDS: Readonly<Record<string, readonly string[]>> = {
  de: ["bimbo"],
  // naughty-words' English list: Spanish, Portuguese and Italian for "black".
  en: ["negro"],
  fi: ["pano"],
  fil: ["bobo", "tanga"],
  fr: ["bite", "bitte", "con", "negro"],
  hi: ["chut", "lund", "maal"],
  hu: ["franc", "kúr", "pele"],
  it: ["balle", "brinca", "mona", "pippa"],
  nl: ["del"],
  no: ["fan", "satan"],
  pt: ["pau"],
  sv: ["fan", "mutta", "pippa", "satan"],
  tr: ["amı", "göt", "sik", "sike"],
};

/**
 * One-character entries in scripts without spaces match inside countless ordinary words
 * (性 is in 可能性 "possibility"), so they are dropped, except these, which have no
 * reading but the vulgar one (and the raised middle finger).
 */
export const VULGAR_SINGLE_CHARACTERS: ReadonlySet<string> = new Set([
  "屄", "屌", "肏", "𨳒", "閪", "㞗", "𨳊", "𡳞", "𨶙", "𨳍", "좆", "🖕",
]);

/** Entries of fewer letters than this are dropped from word-boundary lists ("xx", "sm", "cu", "am"). */
export const MIN_BOUNDARY_LETTERS = 3;

/** Thai entries need this many base letters: shorter ones are parts of everyday words. */
export const MIN_THAI_LETTERS = 3;

/** Language tags that name a list under another code. */
export const LANGUAGE_ALIASES: Readonly<Record<string, string>> = { tl: "fil", nb: "no", nn: "no" };
