import { describe, expect, it } from "vitest";
import { languageChain, renderTemplate, renderText, toIcu, variablesOf } from "./template-render";

describe("rendering", () => {
  it("fills shorthand placeholders and ICU plurals", () => {
    const text = "Hi {{author.handle}}, you now have {strike.count, plural, one {# strike} other {# strikes}}.";
    expect(toIcu(text)).toBe("Hi {author__handle}, you now have {strike__count, plural, one {# strike} other {# strikes}}.");
    expect(renderText(text, "en", { "author.handle": "@sam", "strike.count": 1 })).toBe("Hi @sam, you now have 1 strike.");
    expect(renderText(text, "en", { "author.handle": "@sam", "strike.count": 3 })).toBe("Hi @sam, you now have 3 strikes.");
  });

  it("uses the language's plural rules", () => {
    const pl = "{strike.count, plural, one {# ostrzeżenie} few {# ostrzeżenia} many {# ostrzeżeń} other {# ostrzeżenia}}";
    expect([1, 2, 5].map((n) => renderText(pl, "pl", { "strike.count": n }))).toEqual(["1 ostrzeżenie", "2 ostrzeżenia", "5 ostrzeżeń"]);
  });

  it("keeps apostrophes and never interprets values as syntax", () => {
    expect(renderText("We're on it, {{reporter.handle}}.", "en", { "reporter.handle": "{case.ref}" })).toBe("We're on it, {case.ref}.");
  });

  it("lists the variables a text uses, or why it cannot be read", () => {
    expect(variablesOf("{{case.ref}} {strike.count, plural, other {# for {{rule.title}}}}")).toEqual({ variables: ["case.ref", "rule.title", "strike.count"] });
    expect(variablesOf("Broken {{case.ref}")).toHaveProperty("error");
  });
});

describe("language fallback", () => {
  const variants = { en: { body: "Thanks ({{case.ref}})" }, pt: { body: "Obrigado ({{case.ref}})" }, "pt-BR": { body: "" } };

  it("tries the region, the base language, then the template's default", () => {
    expect(languageChain("pt-BR", "en")).toEqual(["pt-BR", "pt", "en"]);
    expect(languageChain(null, "en")).toEqual(["en"]);
    expect(languageChain("PL", "en")).toEqual(["pl", "en"]);
  });

  it("skips empty variants and falls back to the default language", () => {
    expect(renderTemplate(variants, "pt-BR", "en", { "case.ref": "C-1" })).toEqual({ language: "pt", subject: null, body: "Obrigado (C-1)" });
    expect(renderTemplate(variants, "lv", "en", { "case.ref": "C-1" })).toEqual({ language: "en", subject: null, body: "Thanks (C-1)" });
    expect(renderTemplate({}, "lv", "en", {})).toBeNull();
  });
});
