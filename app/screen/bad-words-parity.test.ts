import { Filter } from "bad-words";
import { describe, expect, it } from "vitest";
import { BadWordsMatcher } from "./bad-words-compat";
import { createScreen, screenText } from "./index";
import { englishMessages } from "./test-corpus";

const filter = new Filter();
const corpus = englishMessages(filter.list, 6000);

// Cases where bad-words' matching is not what one would guess: its \b is ASCII-only, "_"
// and digits are word characters, and entries hold symbols and punctuation.
const TRICKY = [
  "fucké", "éfuck", "ßfuckß", "fuck_you", "_fuck_", "fuck1", "1fuck", "x*fuck*y", "*fuck*", "a *shit* day", "x@$$", "@$$",
  "a_s_s", "A_S_S!", "s.o.b.", "S.O.B.", "s.o.b.x", "nigger;", "nigger;x", "Fu(*x", "masterbat*x", "b!tch", "B!TCH", "sh!t",
  "sh!+", "l3i+ch", "f u c k", "F U C K E R", "s hit", "God", "oh my god!", "GOD-damned", "Ass Monkey", "ass  monkey",
  "mother fucker", "mother-fucker", "son-of-a-bitch", "cock-sucker", "fuckingshitmotherfucker", "ſhit", "ſex", "ıt",
  "K\u212Aunt", "\u212Aunt", "fuck\u0301", "fu\u200bck", "ｆｕｃｋ", "fuck\nyou", "", " ", "\u0000fuck\u0000",
];

// isProfane takes about a millisecond a message: ask it once.
const texts = [...corpus, ...TRICKY];
const profane = texts.map((text) => filter.isProfane(text));

describe("English: never missing what bad-words flags", () => {
  it("finds exactly what isProfane finds, on thousands of generated messages", () => {
    const matcher = new BadWordsMatcher(filter.list, filter.exclude);
    texts.forEach((text, i) => expect(matcher.test(text), text).toBe(profane[i]));
    const flagged = profane.filter(Boolean).length;
    // The corpus is only a test if bad-words flags plenty of it and passes plenty too.
    expect(flagged).toBeGreaterThan(2000);
    expect(flagged).toBeLessThan(corpus.length - 1000);
  });

  it("flags every message bad-words flags, whatever the language given", () => {
    const missed: string[] = [];
    for (const [i, text] of texts.entries()) {
      if (!profane[i]) continue;
      for (const language of ["en", null, "pl", "zh", "lv"]) if (!screenText(text, language).flagged) missed.push(`${language}: ${text}`);
    }
    expect(missed).toEqual([]);
  });

  it("reports bad-words' own matches as hits, with their spans", () => {
    expect(screenText("fucké", "en").hits).toEqual([{ word: "fuck", list: "en", start: 0, end: 4, match: "fuck" }]);
    expect(screenText("x*fuck*y", "en").hits.map((h) => h.word)).toContain("*fuck*");
  });

  it("keeps to bad-words after the same addWords and removeWords", () => {
    const ops: [kind: "add" | "remove", words: string[]][] = [
      ["remove", ["shit", "FUCK", "ass"]],
      ["add", ["Frack", "Fuck", "gosh darn", "x-ray*"]],
      ["remove", ["frack", "bitch"]],
      ["add", ["zażółć", "ünïcödé"]],
    ];
    const reference = new Filter();
    const screen = createScreen();
    for (const [kind, words] of ops) {
      if (kind === "add") {
        reference.addWords(...words);
        screen.addWords(...words);
      } else {
        reference.removeWords(...words);
        screen.removeWords(...words);
      }
      const sample = [...corpus.slice(0, 400), "frack", "FRACK!", "gosh darn it", "an x-ray*z", "zażółć gęślą", "ünïcödé", "shit", "ass"];
      for (const text of sample) {
        if (reference.isProfane(text)) expect(screen.screen(text, "en").flagged, `${kind} ${words}: ${text}`).toBe(true);
      }
    }
  });
});
