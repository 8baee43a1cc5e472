import type { BrowserContext, BrowserContextOptions, Page } from "@playwright/test";
import { test as base, expect } from "@playwright/test";
import { createSession, SESSION_COOKIE } from "~/utils/auth.server";
import { e2eDb } from "./database";

// Every spec imports `test` from here (the lint config refuses `test` from
// @playwright/test in specs), so every spec:
// - fails on any uncaught error in a page, any console error, and any 5xx answer, in every
//   page of every context it opens. A 4xx the app chose to answer to a page load or a
//   form post (a refused permission, a form with errors) is the app speaking, not an error;
//   a 4xx for a script, style or image is a broken page and fails.
// - waits, after each `goto` and `reload`, until the page has hydrated when its scripts run
//   (not with JavaScript off, nor for a feed or a download): a key pressed or a control used
//   before then reaches no handler, and the test would depend on how fast the machine is.
// - signs people in by writing a session row into the server's database and setting the
//   cookie, as the Epic Stack's login fixture does: only the spec about signing in
//   (foundation.spec.ts) goes through the login page.

type Problems = {
  /** Lets this test see a console error matching the pattern without failing. */
  allow(pattern: RegExp): void;
  /** Watches the pages of another browser context too. */
  watch(context: BrowserContext): void;
};

type Fixtures = {
  /** Signs the test's `page` in as the user with this email. */
  login: (email: string) => Promise<void>;
  /** A page in a new browser context of its own, signed in as the user with this email (or anonymous: null). */
  personAt: (email: string | null, options?: BrowserContextOptions) => Promise<Page>;
  pageProblems: Problems;
  /** Each test is a member on a network of its own: the public form's per-address limit starts afresh. */
  freshAddress: void;
};

type Seen = { page: string; text: string; url: string };

export const test = base.extend<Fixtures>({
  // Every browser here comes from 127.0.0.1, and the suite sends more reports through the
  // public form than one address may in ten minutes (REPORT_FORM_LIMIT).
  freshAddress: [
    async ({}, provide) => {
      await e2eDb().rateLimit.deleteMany({ where: { key: { startsWith: "report-form:ip:" } } });
      await provide();
    },
    { auto: true },
  ],

  pageProblems: [
    async ({ context }, provide) => {
      const problems: string[] = [];
      const consoleErrors: Seen[] = [];
      const answeredByApp = new Set<string>();
      // A form sent while a fetcher's load is still on its way (the case page loads its
      // messages with one as it opens) makes Remix abort that load and run it again after the
      // form's action; the browser prints the aborted request's AbortError. Nothing is lost.
      const allowed: RegExp[] = [/^AbortError: signal is aborted without reason/];
      const watchPage = (page: Page) => {
        waitForHydrationAfterLoads(page);
        page.on("pageerror", (error) => problems.push(`page error on ${page.url()}: ${error.stack ?? error.message}`));
        page.on("console", (message) => {
          if (message.type() === "error") consoleErrors.push({ page: page.url(), text: message.text(), url: message.location().url });
        });
        page.on("response", (response) => {
          const status = response.status();
          if (status >= 500) problems.push(`${status} from ${response.request().method()} ${response.url()} on ${page.url()}`);
          const kind = response.request().resourceType();
          if (status >= 400 && (kind === "document" || kind === "fetch")) answeredByApp.add(response.url());
        });
      };
      const watch = (watched: BrowserContext) => {
        for (const page of watched.pages()) watchPage(page);
        watched.on("page", watchPage);
      };
      watch(context);
      await provide({ allow: (pattern) => allowed.push(pattern), watch });
      const unexpected = consoleErrors
        .filter((seen) => !(isHttpStatusReport(seen.text, 4) && answeredByApp.has(seen.url)))
        .filter((seen) => !allowed.some((pattern) => pattern.test(seen.text)))
        .map((seen) => `console error on ${seen.page}: ${seen.text}${seen.url ? ` (${seen.url})` : ""}`);
      expect([...problems, ...unexpected], "page errors, console errors and 5xx answers").toEqual([]);
    },
    { auto: true },
  ],

  login: async ({ page, baseURL }, provide) => {
    await provide(async (email) => {
      await page.context().addCookies([await sessionCookie(email, baseURL!)]);
    });
  },

  personAt: async ({ browser, baseURL, pageProblems }, provide) => {
    const opened: BrowserContext[] = [];
    await provide(async (email, options = {}) => {
      const context = await browser.newContext(options);
      opened.push(context);
      pageProblems.watch(context);
      if (email) await context.addCookies([await sessionCookie(email, baseURL!)]);
      return context.newPage();
    });
    for (const context of opened) await context.close();
  },
});

export { expect };

/** Makes `page.goto` and `page.reload` resolve once React has hydrated a page that Remix rendered. */
function waitForHydrationAfterLoads(page: Page) {
  const goto = page.goto.bind(page);
  const reload = page.reload.bind(page);
  page.goto = async (...args) => {
    const response = await goto(...args);
    await untilHydrated(page);
    return response;
  };
  page.reload = async (...args) => {
    const response = await reload(...args);
    await untilHydrated(page);
    return response;
  };
}

/** Remix's inline script sets `__remixContext` only when scripts run; the root then hydrates. */
async function untilHydrated(page: Page) {
  await page.waitForFunction(
    () => !("__remixContext" in window) || Object.keys(document.documentElement).some((key) => key.startsWith("__reactFiber$")),
  );
}

/** Chromium's console report of an HTTP status, e.g. "…responded with a status of 403 (Forbidden)". */
function isHttpStatusReport(text: string, hundreds: number) {
  return new RegExp(`^Failed to load resource: the server responded with a status of ${hundreds}\\d\\d\\b`).test(text);
}

async function sessionCookie(email: string, baseURL: string) {
  const db = e2eDb();
  const user = await db.user.findUnique({ where: { email }, select: { id: true } });
  if (!user) throw new Error(`No user ${email} in the end-to-end database.`);
  const setCookie = await createSession(new Request(baseURL), user.id, db);
  const token = decodeURIComponent(/^[^=]+=([^;]*)/.exec(setCookie)![1]);
  return { name: SESSION_COOKIE, value: token, url: baseURL, httpOnly: true, sameSite: "Lax" as const };
}
