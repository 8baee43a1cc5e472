import type { APIRequestContext, Page } from "@playwright/test";
import type { Role } from "~/utils/permissions";
import { ROLE_PERMISSIONS, ROLES } from "~/utils/permissions";
import { e2eDb } from "./database";
import { expect, test } from "./fixtures";
import { checkPage, WIDE } from "./page-checks";
import type { PageRoute } from "./page-routes";
import { addressOf, pageRoutes } from "./page-routes";
import type { Viewer } from "./readme-pages";
import { readmePageTable, VISITOR } from "./readme-pages";

// Every page, as every role and as a visitor without an account. Who may open each page
// is asked per viewer with plain requests carrying the viewer's session (no browser), and
// the README's page table must say truly who can see it. Each page is then opened once in
// Chromium with JavaScript on, as the role that sees the most of it (of those it opens
// for, the one with the most permissions) and, if a visitor may open it, as a visitor too;
// each role's refusal page is opened once, with that role's nav. In the browser a page
// fails on a page error or console error (the fixtures), a serious or critical axe finding,
// anything wider than the window at 1280, 768 or 390 px, the main nav wrapping at 1280 px,
// or an internal id in its text. The pages come from the route files, so a new page is
// visited, and must be in the README, without being listed here.

const routes = pageRoutes();
const VIEWERS: Viewer[] = [VISITOR, ...ROLES];
const nameOf = (viewer: Viewer) => (viewer === VISITOR ? "a visitor without an account" : viewer.replace(/_/g, " "));

// The findings name page, width and element; traces of every page visit would only slow the run.
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

type Visit = { route: PageRoute; address: string; status: number; landed: string };
const visits = new Map<Viewer, Promise<Visit[]>>();

/**
 * What every page answers the viewer, once per run: a GET carrying the viewer's session
 * and following redirects, as the browser's address bar would, without rendering anything.
 */
function visitsOf(viewer: Viewer, personAt: PersonAt, request: APIRequestContext): Promise<Visit[]> {
  let answers = visits.get(viewer);
  if (!answers) {
    answers = (async () => {
      const { caseRef } = await richerDemo(personAt, request);
      const { values, queries } = await seededValues(caseRef);
      const { request: session } = await personAt(viewer === VISITOR ? null : await emailOf(viewer));
      const found: Visit[] = [];
      for (const route of routes) {
        const address = addressOf(route, values, queries);
        const response = await session.get(address, { headers: { Accept: "text/html" } });
        const url = new URL(response.url());
        found.push({ route, address, status: response.status(), landed: url.pathname + url.search });
        await response.dispose();
      }
      return found;
    })();
    visits.set(viewer, answers);
  }
  return answers;
}

const opens = (visit: Visit) => visit.status === 200 && visit.landed === visit.address;

/** Opens the address in the browser as the viewer and checks it; a page that does not open there is a finding. */
async function checkInBrowser(personAt: PersonAt, viewer: Viewer, address: string, expected: 200 | 403, findings: string[]) {
  const page = await personAt(viewer === VISITOR ? null : await emailOf(viewer));
  await page.setViewportSize(WIDE);
  const response = await page.goto(address);
  const status = response?.status() ?? 0;
  const url = new URL(page.url());
  const landed = url.pathname + url.search;
  const where = `${address} as ${nameOf(viewer)}`;
  if (status !== expected || landed !== address) findings.push(`${where}: answers ${status} at ${landed} in the browser, but ${expected} at ${address} to a plain request`);
  else await checkPage(page, where, findings);
}

for (const viewer of VIEWERS) {
  test(`who can see each page, as ${nameOf(viewer)}`, async ({ personAt, request }) => {
    // Time by the number of pages, so a page added (or a machine shared with others) does not
    // turn the run into a timeout that hides the findings.
    test.setTimeout(60_000 + routes.length * 3_000);
    const readme = readmePageTable();
    const findings: string[] = [];
    for (const { route, address, status, landed } of await visitsOf(viewer, personAt, request)) {
      if (status !== 200 && status !== 403) findings.push(`${address}: answered ${status}`);
      const sees = status === 200 && landed === address;
      const listed = readme.get(route.path);
      if (!listed) findings.push(`${route.path}: not in the README's page table`);
      else if (listed.see.has(viewer) !== sees) findings.push(`${route.path}: the README says ${viewer} ${listed.see.has(viewer) ? "can" : "cannot"} see it, but it ${sees ? "opens" : `answers ${status} at ${landed}`}`);
    }
    expect(findings).toEqual([]);
  });
}

// The refusal page is the same on every address but for the nav, which is the role's own.
for (const role of ROLES) {
  test(`the refusal page in the browser, with the nav of ${nameOf(role)}`, async ({ personAt, request }) => {
    test.setTimeout(60_000 + VIEWERS.length * routes.length * 1_000);
    const answers = await visitsOf(role, personAt, request);
    // A role refused nowhere shows its nav on the first page it opens.
    const shown = answers.find((v) => v.status === 403 && v.landed === v.address) ?? answers.find(opens);
    expect(shown, `${role} opens no page and is refused none`).toBeDefined();
    const findings: string[] = [];
    await checkInBrowser(personAt, role, shown!.address, shown!.status === 403 ? 403 : 200, findings);
    expect(findings).toEqual([]);
  });
}

/** The role that opens the page and has the most permissions, and a visitor if one may open it. */
function browserViewers(openedBy: Viewer[]): Viewer[] {
  const roles = openedBy.filter((v): v is Role => v !== VISITOR);
  const fullest = roles.sort((a, b) => ROLE_PERMISSIONS[b].length - ROLE_PERMISSIONS[a].length || ROLES.indexOf(a) - ROLES.indexOf(b))[0];
  return [...(openedBy.includes(VISITOR) ? [VISITOR] : []), ...(fullest ? [fullest] : [])];
}

for (const route of routes) {
  test(`the page ${route.path} in the browser`, async ({ personAt, request }) => {
    // The first test to ask (when this one runs alone) asks every viewer about every page.
    test.setTimeout(60_000 + VIEWERS.length * routes.length * 1_000);
    const openedBy: Viewer[] = [];
    let address = "";
    for (const viewer of VIEWERS) {
      const visit = (await visitsOf(viewer, personAt, request)).find((v) => v.route.path === route.path)!;
      address = visit.address;
      if (opens(visit)) openedBy.push(viewer);
    }
    const viewers = browserViewers(openedBy);
    expect(viewers, `${address}: opens for nobody (see who can see each page)`).not.toEqual([]);
    const findings: string[] = [];
    for (const viewer of viewers) await checkInBrowser(personAt, viewer, address, 200, findings);
    expect(findings).toEqual([]);
  });
}
