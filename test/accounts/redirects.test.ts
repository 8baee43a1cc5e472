import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { loader as escalationLoader } from "~/routes/cases.$ref.escalation";
import { action as loginAction, loader as loginLoader } from "~/routes/login";
import { safeRedirect } from "~/utils/auth.server";
import { resetDb } from "../db";
import { DEMO_PASSWORD, seedDemo } from "../factories/demo";
import { BASE_URL, anonymous, getRequest, loginAs, postForm, respond, routeArgs } from "../http";

// Open redirects: every redirect target a client can choose goes through safeRedirect,
// and what the routes answer must, as a browser resolves it, stay on Vigil's origin.
// Known bypasses of naive checks (prefix tests, `new URL` alone, a single decode).

const ORIGIN = new URL(BASE_URL).origin;

const BYPASSES = [
  "https://evil.example/steal",
  "HTTPS://evil.example",
  "http:evil.example",
  "http:/evil.example",
  "https:\\\\evil.example",
  "//evil.example",
  "///evil.example",
  "////evil.example",
  "//evil.example@vigil.test",
  "//@evil.example",
  "/\\evil.example",
  "\\\\evil.example",
  "\\/evil.example",
  "/\\/evil.example",
  "/..//evil.example",
  "/../..//evil.example",
  "/.//evil.example",
  "/./\\/evil.example",
  "/./\\/host",
  "/%2e%2e//evil.example",
  "/%2E%2E/%2F/evil.example",
  "/%2f%2fevil.example",
  "/%2F%2Fevil.example",
  "/%5cevil.example",
  "/%5Cevil.example",
  "/%5c%5cevil.example",
  "/%252f%252fevil.example",
  "/%255cevil.example",
  "/%09/evil.example",
  "/\t/evil.example",
  "/\n/evil.example",
  "/\r/evil.example",
  "\t//evil.example",
  " //evil.example",
  "/\u0000//evil.example",
  "%2f%2fevil.example",
  "javascript:alert(1)",
  "JaVaScRiPt:alert(1)",
  "/javascript:alert(1)//%0a",
  "data:text/html,<script>alert(1)</script>",
  "vbscript:msgbox(1)",
  "evil.example",
  "",
];

const KEPT = [
  "/cases?status=open",
  "/audit?action=user.login#top",
  "/cases/C-ABCD2345",
  "/templates/thank_you.in_app?case=C-ABCD2345",
  "/queue?after=eyJwIjoxfQ%3D%3D&rule=spam",
];

/** Where a browser goes on this answer: the Location resolved against the page it came from. */
function destination(response: Response): URL {
  expect(response.status).toBe(302);
  return new URL(response.headers.get("Location") ?? "", `${ORIGIN}/login`);
}

describe("redirect targets chosen by the client", () => {
  beforeAll(async () => {
    await resetDb();
    await seedDemo();
  });

  it.each(BYPASSES)("signing in with redirectTo %j lands on the home page", async (redirectTo) => {
    const response = await respond(() =>
      loginAction(routeArgs(postForm("/login", { email: "admin@example.com", password: DEMO_PASSWORD, redirectTo }, anonymous()))),
    );
    const to = destination(response);
    expect(to.origin).toBe(ORIGIN);
    expect(response.headers.get("Location")).toBe("/");
  });

  it.each(BYPASSES)("a signed-in visitor of /login?redirectTo=%j stays on the site", async (redirectTo) => {
    const browser = await loginAs("moderator@example.com");
    const url = `/login?${new URLSearchParams({ redirectTo })}`;
    const response = await respond(() => loginLoader(routeArgs(getRequest(url, browser))));
    expect(destination(response).origin).toBe(ORIGIN);
    expect(response.headers.get("Location")).toBe("/");
  });

  it.each(KEPT)("keeps a path on this site: %s", async (redirectTo) => {
    const response = await respond(() =>
      loginAction(routeArgs(postForm("/login", { email: "admin@example.com", password: DEMO_PASSWORD, redirectTo }, anonymous()))),
    );
    expect(response.headers.get("Location")).toBe(redirectTo);
  });

  it.each(["..", "../..//evil.example", "//evil.example", "\\evil.example"])(
    "the escalation form's address with the case %j leads to a case page",
    async (ref) => {
      const response = await respond(() => escalationLoader(routeArgs(getRequest("/"), { ref })));
      const to = destination(response);
      expect(to.origin).toBe(ORIGIN);
      expect(to.pathname).toMatch(/^\/cases\/|^\/$/);
    },
  );

  it("never leaves the site, whatever string it is given", () => {
    const pieces = fc.constantFrom("/", "\\", ".", "..", "%2f", "%5c", "%2e", "%25", "\t", "\n", ":", "@", "?", "#", "evil.example", "http:", " ");
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.array(pieces, { maxLength: 8 }).map((p) => p.join(""))), (input) => {
        const to = safeRedirect(input);
        const url = new URL(to, `${ORIGIN}/login`);
        expect(url.origin).toBe(ORIGIN);
        expect(to).toMatch(/^\/(?![/\\])/);
        expect(decodeURIComponent(url.pathname)).not.toMatch(/^\/[/\\]|[\\\u0000-\u001f]/);
      }),
      { numRuns: 2000 },
    );
  });
});
