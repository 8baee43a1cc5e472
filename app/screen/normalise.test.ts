import { describe, expect, it } from "vitest";
import { normalise } from "./normalise";
import { spellings } from "./tokens";
import { screenText } from "./index";

/** The folded text, and for each folded unit the original text it came from. */
function fold(original: string) {
  const n = normalise(original);
  const from = (k: number) => original.slice(n.start ? n.start[k] : k, n.end ? n.end[k] : k + 1);
  return { text: n.text, sources: [...n.text].map((_, k) => from(k)) };
}

/** The original text each hit covers, as a UI would highlight it. */
const highlighted = (text: string, language?: string | null) => screenText(text, language).hits.map((h) => text.slice(h.start, h.end));

describe("normalisation", () => {
  it("folds case", () => {
    expect(fold("HeLLo WoRLD").text).toBe("hello world");
    expect(fold("ΣΟΦΙΑ").text).toBe("σοφια");
  });

  it("applies NFKC: fullwidth letters, ligatures and circled digits become plain ones", () => {
    expect(fold("ｆｕｃｋ").text).toBe("fuck");
    expect(fold("ﬁne").text).toBe("fine");
    expect(fold("①②").text).toBe("12");
    // The ligature's two letters both point back at the one original character.
    expect(fold("ﬁne").sources).toEqual(["ﬁ", "ﬁ", "n", "e"]);
  });

  it("strips accents from Latin, Greek and Cyrillic, and spells out letters NFD keeps whole", () => {
    expect(fold("gówno zażółć").text).toBe("gowno zazolc");
    expect(fold("Straße").text).toBe("strasse");
    expect(fold("ёлка").text).toBe("елка");
    expect(fold("ΆΈ").text).toBe("αε");
  });

  it("keeps the marks other scripts need: kana voicing, Thai vowels", () => {
    expect(fold("ガギ").text).toBe("ガギ");
    expect(fold("มึง").text).toBe("มึง");
  });

  it("removes zero-width and other invisible characters, keeping offsets into the original", () => {
    const f = fold("f\u200bu\u200cc\u200dk\u2060\ufeff!");
    expect(f.text).toBe("fuck!");
    expect(f.sources).toEqual(["f", "u", "c", "k", "!"]);
    expect(fold("a\u00adb").text).toBe("ab");
  });

  it("counts a combining accent with the letter it sits on", () => {
    const f = fold("fu\u0308ck");
    expect(f.text).toBe("fuck");
    expect(f.sources[1]).toBe("u\u0308");
  });

  it("reads digits and symbols as the letters they stand for, inside words only", () => {
    expect(spellings("sh1t")).toEqual(["shit", "shlt"]);
    expect(spellings("4r5e")).toEqual(["arse"]);
    expect(spellings("@$$")).toEqual(["ass"]);
    expect(spellings("b!+ch")).toEqual(["bitch"]);
    expect(spellings("h3ll0")).toEqual(["hello"]);
    expect(spellings("7wat")).toEqual(["twat"]);
    // Numbers stay numbers.
    expect(spellings("2000")).toEqual(["2000"]);
  });

  it("reads Cyrillic look-alikes in a Latin word as Latin, and stretched letters short", () => {
    expect(spellings("fuсk")).toContain("fuck"); // Cyrillic с
    expect(spellings("fuuuuck")).toContain("fuck");
    expect(spellings("asssss")).toContain("ass");
  });
});

describe("what a caller sees of normalisation", () => {
  it.each([
    ["FUCK", "FUCK"],
    ["ｆｕｃｋ this", "ｆｕｃｋ"],
    ["f\u200bu\u200bc\u200bk this", "f\u200bu\u200bc\u200bk"],
    ["what the fück", "fück"],
    ["what the fu\u0308ck", "fu\u0308ck"],
    ["sh1t happens", "sh1t"],
    ["$hit happens", "$hit"],
    ["you b!tch", "b!tch"],
    ["5h17 happens", "5h17"],
    ["fuuuuuck", "fuuuuuck"],
    ["f u c k you", "f u c k"],
    ["s.h.i.t happens", "s.h.i.t"],
    ["fuсk (Cyrillic с)", "fuсk"],
  ])("flags %j and highlights %j", (text, match) => {
    expect(highlighted(text, "en")).toContain(match);
  });

  it("does not read ordinary words or numbers as disguised ones", () => {
    for (const text of ["Call me at 555-0134", "The year 2000", "I passed the class", "Scunthorpe United", "hello!", "@moderator see this"]) {
      expect(screenText(text, "en").flagged, text).toBe(false);
    }
  });
});
