import AxeBuilder from "@axe-core/playwright";
import type { APIRequestContext, Page } from "@playwright/test";
import type { Role } from "~/utils/permissions";
import { ROLES } from "~/utils/permissions";
import { e2eDb } from "./database";
import { expect, test } from "./fixtures";
import { hydrated } from "./helpers";
import { addressOf, pageRoutes } from "./page-routes";
import { readmePageTable, VISITOR } from "./readme-pages";

// Every page, as every role and as a visitor without an account, in Chromium with
// JavaScript on. A page fails on a page error or console error (the fixtures), a serious
// or critical axe finding, anything wider than the window at 1280, 768 or 390 px, the
// main nav wrapping at 1280 px, or an internal id in its text; and the README's page
// table must say truly who can see it. The pages come from the route files, so a new
// page is visited, and must be in the README, without being listed here.

const WIDE = { width: 1280, height: 800 };
const TABLET = { width: 768, height: 1024 };
const NARROW = { width: 390, height: 844 };
const routes = pageRoutes();

// The findings name page, width and element; a trace of 200 page visits would only slow the run.
test.use({ trace: "off" });

type PersonAt = (email: string | null) => Promise<Page>;

let richer: Promise<{ caseRef: string }> | null = null;

/**
 * Once per run, what the demo data lacks so every part of every page shows: a case
 * reported through the API (escalated by a skip rule), claimed and answered with a
 * message; a second case claimed from the queue; a webhook.
 */
function richerDemo(personAt: PersonAt, request: APIRequestContext) {
  richer ??= (async () => {
    const reported = await request.post("/api/v1/reports", {
      headers: { Authorization: "Bearer vigil_demo_ingest_key" },
      data: {
        source: "platform",
        subject: { type: "content", id: `post-every-page-${Date.now()}`, text: "I know where you live.\nWatch your back tonight.", authorHandle: "@night_owl" },
        reporter: { id: "member-every-page", handle: "@lantern" },
        ruleCode: "threats",
        language: "en",
      },
    });
    expect(reported.status()).toBe(201);
    const { caseRef } = (await reported.json()) as { caseRef: string };

    const mo = await personAt("moderator@example.com");
    await mo.goto(`/cases/${caseRef}`);
    await mo.getByRole("form", { name: "Claim" }).getByRole("button", { name: "Claim" }).click();
    const messages = mo.getByRole("region", { name: "Messages" });
    await messages.getByRole("radio").first().check();
    await messages.getByRole("button", { name: "Send message" }).click();
    await expect(messages.getByRole("status")).toContainText("Sent");
    await mo.goto("/queue");
    await mo.getByRole("button", { name: /^Claim C-/ }).first().click();
    await expect(mo.getByText(/^You hold case C-/)).toBeVisible();

    const admin = await personAt("admin@example.com");
    await admin.goto("/admin/webhooks");
    await admin.getByLabel("Name").fill("Crisis team chat");
    await admin.getByLabel("URL").fill("https://chat.example/hooks/crisis");
    await admin.getByRole("button", { name: "Add webhook" }).click();
    await expect(admin.getByRole("status")).toContainText("Added “Crisis team chat”.");
    return { caseRef };
  })();
  return richer;
}

/** Real references from the database for each route parameter. */
async function seededValues(caseRef: string) {
  const db = e2eDb();
  const [user, report] = await Promise.all([
    db.user.findUniqueOrThrow({ where: { email: "moderator@example.com" }, select: { id: true } }),
    db.report.findFirstOrThrow({ where: { case: { ref: caseRef } }, select: { ref: true } }),
  ]);
  return {
    values: { ref: caseRef, code: "respect", id: user.id, key: "thank_you.in_app" },
    queries: { "/report/sent": `?ref=${report.ref}`, "/templates/:key": `?case=${caseRef}`, "/crises/:ref/statements": "?cell=holding.public.email.pl" },
  };
}

async function emailOf(role: Role) {
  const user = await e2eDb().user.findFirst({ where: { disabledAt: null, roles: { some: { role } } }, select: { email: true }, orderBy: { email: "asc" } });
  if (!user) throw new Error(`No seeded user has the role ${role}.`);
  return user.email;
}

/** The document, or any element in it, scrolling sideways at the current width. */
async function sidewaysScrolling(page: Page) {
  return page.evaluate(() => {
    const found: string[] = [];
    const root = document.documentElement;
    const nameOf = (element: Element) => element.tagName.toLowerCase() + (element.classList.length ? `.${[...element.classList].join(".")}` : "");
    if (root.scrollWidth > root.clientWidth) {
      // Name the innermost elements that reach past the window, so the finding says what to fix.
      const past = [...document.body.querySelectorAll("*")].filter((e) => e.getBoundingClientRect().right > root.clientWidth && ![...e.children].some((c) => c.getBoundingClientRect().right > root.clientWidth));
      found.push(`the page is ${root.scrollWidth} px wide (${past.slice(0, 3).map((e) => `${nameOf(e)} ends at ${e.getBoundingClientRect().right.toFixed(1)} px`).join(", ")})`);
    }
    for (const element of document.body.querySelectorAll<HTMLElement>("*")) {
      const overflow = getComputedStyle(element).overflowX;
      // A drawing keeps its size, so no label shrinks, and scrolls in its own focusable box
      // (WCAG 1.4.10's exception for diagrams); its words are in the list beside it.
      const drawing = element.children.length === 1 && element.firstElementChild instanceof SVGSVGElement && element.tabIndex === 0;
      if ((overflow === "auto" || overflow === "scroll") && !drawing && element.scrollWidth > element.clientWidth + 1) {
        found.push(`${nameOf(element)} scrolls sideways (${element.scrollWidth} px in ${element.clientWidth} px)`);
      }
    }
    return found;
  });
}

/** Links and menus of the main nav that sit below the first one: the nav has wrapped. */
async function navWraps(page: Page) {
  return page.evaluate(() => {
    const items = [...document.querySelectorAll<HTMLElement>("nav[aria-label='Main'] > *")];
    const top = items[0]?.getBoundingClientRect().top ?? 0;
    return items.filter((item) => item.getBoundingClientRect().top > top + 8).map((item) => item.textContent ?? "");
  });
}

/** Database ids (Prisma's cuids) in the page's text: people are shown references and names. */
async function internalIds(page: Page) {
  return page.evaluate(() => document.body.innerText.match(/\bc[a-z0-9]{24}\b/g) ?? []);
}

async function checkPage(page: Page, where: string, findings: string[]) {
  const axe = await new AxeBuilder({ page }).options({ resultTypes: ["violations"] }).analyze();
  for (const v of axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical")) {
    findings.push(`${where}: axe ${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")})`);
  }
  for (const id of await internalIds(page)) findings.push(`${where}: shows the internal id ${id}`);
  const wrapped = await navWraps(page);
  if (wrapped.length) findings.push(`${where} at 1280 px: the main nav wraps (${wrapped.join(", ")} on a second line)`);
  for (const size of [WIDE, TABLET, NARROW]) {
    await page.setViewportSize(size);
    for (const wide of await sidewaysScrolling(page)) findings.push(`${where} at ${size.width} px: ${wide}`);
  }
  await page.setViewportSize(WIDE);
}

for (const role of [VISITOR, ...ROLES]) {
  test(`every page as ${role === VISITOR ? "a visitor without an account" : role.replace(/_/g, " ")}`, async ({ personAt, request }) => {
    // Time by the number of pages, so a page added (or a machine shared with others) does not
    // turn the run into a timeout that hides the findings.
    test.setTimeout(60_000 + routes.length * 15_000);
    const { caseRef } = await richerDemo(personAt, request);
    const { values, queries } = await seededValues(caseRef);
    const readme = readmePageTable();
    const page = await personAt(role === VISITOR ? null : await emailOf(role));
    await page.setViewportSize(WIDE);
    const findings: string[] = [];
    let refusalChecked = false;
    for (const route of routes) {
      const address = addressOf(route, values, queries);
      const response = await page.goto(address);
      await hydrated(page);
      const status = response?.status() ?? 0;
      const url = new URL(page.url());
      const landed = url.pathname + url.search;
      if (status !== 200 && status !== 403) findings.push(`${address}: answered ${status}`);

      const sees = status === 200 && landed === address;
      const listed = readme.get(route.path);
      if (!listed) findings.push(`${route.path}: not in the README's page table`);
      else if (listed.see.has(role) !== sees) findings.push(`${route.path}: the README says ${role} ${listed.see.has(role) ? "can" : "cannot"} see it, but it ${sees ? "opens" : `answers ${status} at ${landed}`}`);

      // A redirect lands on a page visited in its own turn; the refusal page is the same everywhere.
      if (landed !== address || (status === 403 && refusalChecked)) continue;
      refusalChecked ||= status === 403;
      await checkPage(page, landed, findings);
    }
    expect(findings).toEqual([]);
  });
}
