import crypto from "node:crypto";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import type { Role } from "../../app/utils/permissions";
import { ROLES, can } from "../../app/utils/permissions";
import type { AppRoute } from "./route-crawl";
import { appRoutes, fillPattern, linkedPaths, loaderDataUrl, patternRegExp } from "./route-crawl";

// The canary crawl: a member's report carries an identity nobody else uses, messages
// that name the reporter are sent, and then every GET route of the app (read from
// app/routes, so new routes are crawled too), page and loader data, with the real
// parameters, is loaded as every role. Only roles with read:reporter-identity may ever
// be sent the canary; they must be, somewhere, or the crawl proves nothing.

const DEMO_LOGINS: Record<Role, string> = {
  moderator: "moderator@example.com",
  senior_moderator: "senior@example.com",
  trust_safety_lead: "lead@example.com",
  crisis_responder: "responder@example.com",
  crisis_commander: "commander@example.com",
  comms_lead: "comms@example.com",
  leadership: "leadership@example.com",
  admin: "admin@example.com",
};
const DEMO_API_KEY = "vigil_demo_ingest_key";
const HIDDEN = "(reporter hidden)";
const TEMPLATE = "thank_you.in_app.privacy";

const tag = crypto.randomBytes(5).toString("hex");
const CANARY = { id: `member-canary-${tag}`, handle: `@canary_${tag}`, contact: `canary-${tag}@example.org` };
const SUBJECT = `https://community.example/p/canary-${tag}`;

type Viewer = { name: string; roles: Role[]; cookie: string };
type Seen = { viewer: string; url: string; text: string };

/** One GET as the viewer's browser sends it, headers and body as text; a live stream is read up to its first message. */
async function fetchAs(baseURL: string, viewer: Viewer, url: string): Promise<Seen> {
  const res = await fetch(new URL(url, baseURL), { headers: { cookie: viewer.cookie }, redirect: "manual" });
  const head = `${res.status}\n${[...res.headers].map(([k, v]) => `${k}: ${v}`).join("\n")}\n`;
  let body: string;
  if (res.headers.get("content-type")?.startsWith("text/event-stream")) {
    const reader = res.body!.getReader();
    const { value } = await reader.read();
    await reader.cancel();
    body = new TextDecoder().decode(value);
  } else {
    body = await res.text();
  }
  return { viewer: viewer.name, url, text: head + body };
}

/** The page at each URL and, for a page route, its loader data; and the root's loader data. */
async function crawl(baseURL: string, viewer: Viewer, targets: { route: AppRoute; url: string }[]): Promise<Seen[]> {
  const requests = [loaderDataUrl("/", "root"), ...targets.flatMap(({ route, url }) => (route.resource || !route.loader ? [url] : [url, loaderDataUrl(url, route.id)]))];
  const seen: Seen[] = [];
  // A few at a time: quick, without crowding the server.
  for (let i = 0; i < requests.length; i += 6) seen.push(...(await Promise.all(requests.slice(i, i + 6).map((url) => fetchAs(baseURL, viewer, url)))));
  return seen;
}

/** Each URL bare, and asking about the canary's case and report (template previews, the message log's filter, the receipt). */
const withQuery = (url: string, caseRef: string, reportRef: string) => [url, `${url}?case=${caseRef}&ref=${reportRef}`];

/** The cookies of a browser signed in as the role, for requests sent outside the browser. */
async function signedIn(person: Page, role: Role): Promise<Viewer> {
  const cookies = await person.context().cookies();
  return { name: role, roles: [role], cookie: cookies.map((c) => `${c.name}=${c.value}`).join("; ") };
}

test("no page or loader data shows a reporter's identity to a role without read:reporter-identity", async ({ personAt, page, baseURL }) => {
  test.setTimeout(300_000);
  const base = baseURL!;
  let caseRef = "";
  const reportRefs: string[] = [];

  await test.step("a platform and a member report the same post, with the canary's id, handle and contact", async () => {
    const res = await fetch(new URL("/api/v1/reports", base), {
      method: "POST",
      headers: { authorization: `Bearer ${DEMO_API_KEY}`, "content-type": "application/json" },
      body: JSON.stringify({ source: "member", subject: { type: "content", id: SUBJECT, text: "Buy followers at my shop.", language: "en" }, ruleCode: "off_topic", reporter: { id: CANARY.id, handle: CANARY.handle } }),
    });
    expect(res.status).toBe(201);
    const accepted = (await res.json()) as { caseRef: string; reportRef: string };
    caseRef = accepted.caseRef;
    reportRefs.push(accepted.reportRef);

    await page.goto("/report");
    await page.getByLabel("Link to the post or account, or its id").fill(SUBJECT);
    await page.getByLabel("Which rule does it break?").selectOption("off_topic");
    await page.getByLabel("Your email or handle, if you want to hear back (optional)").fill(CANARY.contact);
    await page.getByRole("button", { name: "Send report" }).click();
    await expect(page.getByRole("heading", { name: "Thank you: your report was received" })).toBeVisible();
    reportRefs.push(new URL(page.url()).searchParams.get("ref")!);
  });

  await test.step("a template that names the reporter is written and approved", async () => {
    const admin = await personAt(DEMO_LOGINS.admin);
    await admin.goto("/templates");
    await admin.getByLabel("Key").fill(TEMPLATE);
    await admin.getByLabel("Purpose").selectOption("thank_you");
    await admin.getByLabel("Channel").selectOption("in_app");
    await admin.getByLabel("Text in the default language").fill("Thank you, {{reporter.handle}}, for reporting {{case.ref}}.");
    await admin.getByRole("button", { name: "Create draft" }).click();
    await admin.getByRole("button", { name: "Submit for review" }).click();
    await expect(admin.getByRole("status")).toContainText("Submitted for review: version 1.");
    const comms = await personAt(DEMO_LOGINS.comms_lead);
    await comms.goto(`/templates/${TEMPLATE}`);
    await comms.getByRole("button", { name: "Approve" }).click();
    await expect(comms.getByRole("status")).toContainText("Approved: version 1.");
  });

  await test.step("a moderator sends it to the reporter who gave a handle; the other gave none, so it is not offered", async () => {
    const mo = await personAt(DEMO_LOGINS.moderator);
    await mo.goto(`/cases/${caseRef}/messages`);
    const [withHandle, withContact] = reportRefs.map((ref) => mo.getByRole("group", { name: new RegExp(ref) }));
    await expect(withContact).toContainText(`Not offered: ${TEMPLATE} needs the reporter's handle, and this reporter gave none.`);
    await withHandle.getByRole("radio", { name: new RegExp(`${TEMPLATE.replace(/\./g, "\\.")} v1`) }).check();
    await mo.getByRole("button", { name: "Send message" }).click();
    await expect(mo.getByRole("status")).toContainText(`Sent ${TEMPLATE} version 1 in en.`);
  });

  const routes = appRoutes();
  const anonymous: Viewer = { name: "anonymous", roles: [], cookie: "" };
  const viewers = [anonymous];
  for (const role of ROLES) viewers.push(await signedIn(await personAt(DEMO_LOGINS[role]), role));
  const seen: Seen[] = [];

  await test.step("every route without parameters, as everyone", async () => {
    const targets = routes.filter((r) => r.params.length === 0).flatMap((route) => withQuery(route.pattern, caseRef, reportRefs[0]).map((url) => ({ route, url })));
    for (const viewer of viewers) seen.push(...(await crawl(base, viewer, targets)));
  });

  await test.step("every route with parameters, filled from the canary's case or from the links pages show", async () => {
    const links = [...new Set(seen.flatMap((s) => linkedPaths(s.text)))];
    const seeds: Record<string, string[]> = { ref: [caseRef, ...reportRefs], key: [TEMPLATE] };
    const targets = routes
      .filter((r) => r.params.length > 0)
      .flatMap((route) => {
        const match = patternRegExp(route.pattern);
        const linked = links.flatMap((href) => match.exec(href)?.slice(1) ?? []).map(decodeURIComponent);
        // The canary's own case, reports and template where the parameter names one; else what pages link to.
        const values = seeds[route.params[0]] ?? [...new Set(linked)].slice(0, 2);
        expect(route.params, `${route.pattern}: give the crawl a value for each parameter`).toHaveLength(1);
        expect(values.length, `${route.pattern}: no value found for :${route.params[0]}`).toBeGreaterThan(0);
        return values.flatMap((value) => withQuery(fillPattern(route.pattern, { [route.params[0]]: value }), caseRef, reportRefs[0]).map((url) => ({ route, url })));
      });
    for (const viewer of viewers) seen.push(...(await crawl(base, viewer, targets)));
  });

  await test.step("the canary reaches only roles that may see reporters, and reaches them", async () => {
    const allowed = new Set(viewers.filter((v) => v.roles.some((role) => can([role], "read:reporter-identity"))).map((v) => v.name));
    const leaks = seen.filter((s) => !allowed.has(s.viewer)).flatMap((s) => Object.values(CANARY).filter((c) => s.text.includes(c)).map((c) => `${s.viewer} ${s.url}: ${c}`));
    expect(leaks).toEqual([]);
    for (const name of allowed) {
      const theirs = seen.filter((s) => s.viewer === name);
      expect(Object.values(CANARY).filter((c) => !theirs.some((s) => s.text.includes(c))), `${name} is shown the reporters`).toEqual([]);
    }
    // The crawl reached the messages: a moderator is shown them, with the placeholder.
    const moderators = seen.filter((s) => s.viewer === "moderator");
    expect(moderators.some((s) => s.url.startsWith("/messages") && s.text.includes(`Thank you, ${HIDDEN}, for reporting ${caseRef}.`))).toBe(true);
    expect(moderators.some((s) => s.url.startsWith(`/templates/${TEMPLATE}?case=${caseRef}`) && s.text.includes(HIDDEN))).toBe(true);
  });

  // What the crawl cannot see: requests the pages make once they run. One role that may
  // send messages (the composer proposes them) and one that may only read.
  await test.step("in the browser, the case with its messages, the log and the preview, as a moderator and as leadership", async () => {
    const sent = `Thank you, ${HIDDEN}, for reporting ${caseRef}.`;
    for (const role of ["moderator", "leadership"] as const) {
      const person = await personAt(DEMO_LOGINS[role]);
      const bodies: Promise<string>[] = [];
      // Every answer the page receives, the composer's fetch included; not the live stream, which never ends.
      person.on("response", (response) => {
        if (!(response.headers()["content-type"] ?? "").startsWith("text/event-stream")) bodies.push(response.text().catch(() => ""));
      });
      await person.goto(`/cases/${caseRef}`);
      await expect(person.getByRole("region", { name: "Messages" }).getByText(sent).first()).toBeVisible();
      const shown = [await person.locator("body").innerText()];
      await person.goto("/messages");
      await expect(person.getByText(sent).first()).toBeVisible();
      shown.push(await person.locator("body").innerText());
      await person.goto(`/templates/${TEMPLATE}?case=${caseRef}`);
      await expect(person.getByRole("region", { name: "Preview (en)" })).toContainText(sent);
      shown.push(await person.locator("body").innerText());
      const received = [...shown, ...(await Promise.all(bodies))].join("\n");
      for (const c of Object.values(CANARY)) expect(received, `${role} was shown ${c}`).not.toContain(c);
    }
  });
});
