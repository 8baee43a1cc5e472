import { beforeEach, describe, expect, it } from "vitest";
import { PUBLIC_LOCALES, publicCopy } from "~/i18n/public";
import * as reportRoute from "~/routes/report";
import * as receiptRoute from "~/routes/report_.sent";
import { prisma } from "~/utils/db.server";
import { RULES } from "../../prisma/seed-data/rules";
import { resetDb } from "../db";
import { seedDemo } from "../factories/demo";
import { anonymous, BASE_URL } from "../http";
import { renderPage } from "../render-page";

// The public pages speak one language: the member's (Accept-Language, or the switcher's
// ?lang=), for the page's own words, the header, the rule titles and the error messages.

const member = anonymous();

function get(path: string, acceptLanguage?: string) {
  return new Request(new URL(path, BASE_URL), { headers: { Cookie: member.cookie, ...(acceptLanguage ? { "Accept-Language": acceptLanguage } : {}) } });
}

function post(path: string, fields: Record<string, string>, acceptLanguage?: string) {
  return new Request(new URL(path, BASE_URL), {
    method: "POST",
    body: new URLSearchParams({ csrf: member.csrf, ...fields }),
    headers: { Cookie: member.cookie, "Content-Type": "application/x-www-form-urlencoded", ...(acceptLanguage ? { "Accept-Language": acceptLanguage } : {}) },
  });
}

async function html(request: Request, route: "report" | "receipt" = "report") {
  const page = route === "report" ? await renderPage(request, "routes/report", "report", reportRoute) : await renderPage(request, "routes/report_.sent", "report/sent", receiptRoute);
  if (typeof page !== "string") throw new Error(`answered ${page.status}`);
  return page;
}

const POLISH = "pl-PL,pl;q=0.9,en;q=0.5";
const titlesIn = (locale: string) => RULES.map((rule) => rule.translations[locale].title);

describe("the public pages' language", () => {
  beforeEach(async () => {
    await resetDb();
    await seedDemo();
  });

  it("gives a Polish browser the form in Polish: its words, the header and the rule titles", async () => {
    const page = await html(get("/report", POLISH));
    for (const words of ["Zgłoś treść", "Jaką zasadę narusza?", "Wyślij zgłoszenie", "Przejdź do treści", "Zaloguj się", ...titlesIn("pl")]) {
      expect(page).toContain(words);
    }
    for (const english of ["Which rule does it break?", "Send report", "Sign in", ...titlesIn("en")]) expect(page).not.toContain(english);
    // The switcher: every language named in itself, the current one marked.
    expect(page).toMatch(/<strong aria-current="true">Polski<\/strong>/);
    expect(page).toContain('href="/report?lang=de"');
  });

  it("lets the switcher override the browser, and keeps the choice through a failed submit and to the receipt", async () => {
    const page = await html(get("/report?lang=de", POLISH));
    expect(page).toContain("Inhalt melden");
    for (const title of titlesIn("de")) expect(page).toContain(title);
    expect(page).not.toContain("Wyślij zgłoszenie");

    const failed = await html(post("/report?lang=de", { subject: "  ", subjectType: "content", ruleCode: "" }, POLISH));
    expect(failed).toContain("Ihre Meldung wurde nicht gesendet.");
    expect(failed).toContain("Geben Sie den Link zum Beitrag oder Konto oder dessen ID ein.");
    expect(failed).toMatch(/<div class="notice error error-summary" role="alert" tabindex="-1"/);
    expect(failed).toContain('href="#report-subject"');

    const sent = await reportRoute.action({ request: post("/report?lang=de", { subject: "https://community.example/p/1", subjectType: "content", ruleCode: "respect" }, POLISH), params: {}, context: {} });
    const location = (sent as Response).headers.get("Location") ?? "";
    expect(location).toMatch(/^\/report\/sent\?ref=R-[A-Z0-9]{8}&lang=de$/);
    const receipt = await html(get(location, POLISH), "receipt");
    expect(receipt).toContain("Danke: Ihre Meldung ist eingegangen");
    expect(receipt).toContain('href="/report?lang=de"');

    // A language no page is written in falls back to the browser's.
    expect(await html(get("/report?lang=xx", POLISH))).toContain("Wyślij zgłoszenie");
  });

  it("answers a Polish browser's mistakes in Polish, and its receipt too", async () => {
    const res = await reportRoute.action({ request: post("/report", { subject: "x", subjectType: "content", ruleCode: "respect", text: "t".repeat(20_001) }, POLISH), params: {}, context: {} });
    const data = await (res as Response).json();
    expect(data.fieldErrors.text).toEqual(["Tekst ma więcej niż 20\u00a0000 znaków. Wklej fragment, który łamie zasadę."]);
    const gone = await reportRoute.action({ request: post("/report", { subject: "x", subjectType: "content", ruleCode: "gone" }, POLISH), params: {}, context: {} });
    expect((await (gone as Response).json()).fieldErrors.ruleCode).toEqual([publicCopy("pl").errors.ruleGone]);

    await reportRoute.action({ request: post("/report", { subject: "post-1", subjectType: "content", ruleCode: "respect" }), params: {}, context: {} });
    const { ref } = await prisma.report.findFirstOrThrow();
    const receipt = await html(get(`/report/sent?ref=${ref}`, POLISH), "receipt");
    expect(receipt).toContain("Dziękujemy: otrzymaliśmy Twoje zgłoszenie");
    expect(receipt).toContain(`Numer Twojego zgłoszenia to <strong class="mono">${ref}</strong>`);
    const missing = await renderPage(get("/report/sent?ref=R-22222222", POLISH), "routes/report_.sent", "report/sent", receiptRoute);
    expect(missing).toContain("Nie ma zgłoszenia o tym numerze.");
  });

  it("keeps English for an English browser, and for languages no page is written in", async () => {
    for (const accept of [undefined, "en-GB", "xh-ZA, fr;q=0.5"]) {
      const page = await html(get("/report", accept));
      expect(page).toContain("Which rule does it break?");
      for (const title of titlesIn("en")) expect(page).toContain(title);
    }
  });
});

describe("the public pages' catalogues", () => {
  const english = publicCopy("en");
  const entries = (copy: object, prefix = ""): [string, unknown][] =>
    Object.entries(copy).flatMap(([key, value]) => (value && typeof value === "object" ? entries(value, `${prefix}${key}.`) : [[`${prefix}${key}`, value]]));
  const text = (value: unknown) => (typeof value === "function" ? String(value(7)) : String(value));

  it("are offered in every language the rules are written in, and every rule has a title in each", () => {
    for (const rule of RULES) expect(Object.keys(rule.translations).sort(), rule.code).toEqual([...PUBLIC_LOCALES].sort());
  });

  it("each say everything the English one says, translated", () => {
    const keys = entries(english).map(([key]) => key);
    for (const locale of PUBLIC_LOCALES.filter((l) => l !== "en")) {
      const copy = entries(publicCopy(locale));
      expect(copy.map(([key]) => key), locale).toEqual(keys);
      for (const [key, value] of copy) {
        expect(text(value).trim(), `${locale} ${key}`).not.toBe("");
        if (typeof value === "function") expect(text(value), `${locale} ${key}`).toContain("7");
      }
      // Titles and messages, not the brand or a sample address, must differ from the English.
      const same = copy.filter(([key, value]) => text(value) === text(entries(english).find(([k]) => k === key)?.[1]));
      expect(same.map(([key]) => key), locale).toEqual([]);
    }
  });
});
