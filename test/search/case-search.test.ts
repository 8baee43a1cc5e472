import { beforeEach, describe, expect, it } from "vitest";
import type { ReportSubmission } from "~/models/intake/intake.server";
import { recordReport } from "~/models/intake/intake.server";
import { SEARCH_LIMIT, findCases, keyCaseLinks } from "~/models/cases/case-search.server";
import { ROLES } from "~/utils/permissions";
import { prisma } from "~/utils/db.server";
import { resetDb } from "../db";
import { seedDemo } from "../factories/demo";

// Finding a case from what people quote, on the real store: each kind of query, what is
// never searched (reporters' identities), and who may search at all.

const moderator = { roles: ["moderator"] };
let apiKeyId = "";

async function report(subject: Partial<ReportSubmission["subject"]> & { id: string }, extra: Partial<ReportSubmission> = {}) {
  const outcome = await recordReport(
    { source: extra.reporter ? "member" : "form", subject: { type: "content", ...subject }, ruleCode: "respect", ...extra },
    { actor: extra.reporter ? { kind: "api-key", id: apiKeyId, name: "Demo platform ingest" } : { kind: "member" } },
  );
  if (outcome.kind !== "accepted") throw new Error(outcome.kind);
  return outcome.body;
}

const refsOf = async (q: string, viewer = moderator) => (await findCases(q, viewer)).hits.map((h) => h.ref);

describe("finding a case", () => {
  beforeEach(async () => {
    await resetDb();
    await seedDemo();
    apiKeyId = (await prisma.apiKey.findFirstOrThrow()).id;
  });

  it("finds a case by its reference, typed in any case or quoted inside a sentence or a link", async () => {
    const { caseRef } = await report({ id: "post-ref" });
    await report({ id: "post-other" });
    expect(await refsOf(caseRef)).toEqual([caseRef]);
    expect(await refsOf(` ${caseRef.toLowerCase()} `)).toEqual([caseRef]);
    expect(await refsOf(`Re: your case “${caseRef}”.`)).toEqual([caseRef]);
    expect(await refsOf(`https://vigil.example/cases/${caseRef}#actions`)).toEqual([caseRef]);
    expect((await findCases(caseRef, moderator)).hits[0].matches).toEqual(["case reference"]);
  });

  it("finds the case a report joined by the report's reference from the member's receipt", async () => {
    const first = await report({ id: "post-joined" });
    const second = await report({ id: "post-joined" });
    expect(second.caseRef).toBe(first.caseRef);
    expect(await refsOf(second.reportRef)).toEqual([first.caseRef]);
    expect(await refsOf(`my reference is ${second.reportRef.toLowerCase()}`)).toEqual([first.caseRef]);
    expect((await findCases(second.reportRef, moderator)).hits[0].matches).toEqual(["report reference"]);
  });

  it("finds a case by its link, normalised as intake normalises subjects", async () => {
    const form = await report({ id: "https://Community.Example/p/7/?utm_source=mail", url: "https://Community.Example/p/7/?utm_source=mail" });
    // A platform's report keys on its own id, with the link beside it.
    const api = await report({ id: "platform-post-8", url: "https://community.example/p/8" }, { reporter: { id: "member-1" } });
    expect(await refsOf("https://community.example/p/7")).toEqual([form.caseRef]);
    expect(await refsOf("https://community.example/p/7#comments")).toEqual([form.caseRef]);
    expect(await refsOf("HTTPS://COMMUNITY.EXAMPLE/p/7?fbclid=abc")).toEqual([form.caseRef]);
    expect(await refsOf("<https://community.example/p/8/>")).toEqual([api.caseRef]);
    expect((await findCases("https://community.example/p/8", moderator)).hits[0].matches).toEqual(["link"]);
    // The path keeps its case: servers may treat /P/7 as another page.
    expect(await refsOf("https://community.example/P/7")).toEqual([]);
  });

  it("finds a case by the platform id of a post or an account", async () => {
    const post = await report({ id: "t3_9xk2p" });
    const account = await report({ type: "account", id: "user-4412" });
    expect(await refsOf("t3_9xk2p")).toEqual([post.caseRef]);
    expect(await refsOf("user-4412")).toEqual([account.caseRef]);
    expect((await findCases("t3_9xk2p", moderator)).hits[0].matches).toEqual(["subject id"]);
  });

  it("finds every case of an author by handle, with or without @, whatever the case of the letters", async () => {
    const a = await report({ id: "post-a", authorHandle: "@Troll_42" });
    const b = await report({ id: "post-b", authorHandle: "@troll_42" });
    const account = await report({ type: "account", id: "@TROLL_42" });
    await report({ id: "post-c", authorHandle: "@someone_else" });
    const expected = [account.caseRef, b.caseRef, a.caseRef].sort();
    for (const q of ["@troll_42", "troll_42", "@Troll_42"]) expect((await refsOf(q)).sort(), q).toEqual(expected);
    const hit = (await findCases("troll_42", moderator)).hits.find((h) => h.ref === b.caseRef);
    expect(hit?.subject).toEqual({ author: "@troll_42", where: "post-b" });
  });

  it("lists open cases first, newest first, and says when there are more than a page", async () => {
    const cases = [];
    for (let i = 0; i < SEARCH_LIMIT + 2; i++) cases.push(await report({ id: `prolific-${i}`, authorHandle: "@prolific" }));
    await prisma.case.update({ where: { ref: cases[SEARCH_LIMIT + 1].caseRef }, data: { isOpen: false, state: "dismissed" } });
    const found = await findCases("@prolific", moderator);
    expect(found.more).toBe(true);
    expect(found.hits).toHaveLength(SEARCH_LIMIT);
    expect(found.hits[0].ref).toBe(cases[SEARCH_LIMIT].caseRef);
    expect(found.hits.every((h) => h.isOpen)).toBe(true);
  });

  it("shows one line of the reported text, cut without splitting a character", async () => {
    const family = "👩‍👩‍👧";
    const text = `<script>alert(1)</script>\n\u202Eevil ${family.repeat(400)}`;
    const { caseRef } = await report({ id: "post-long", text });
    const [hit] = (await findCases(caseRef, moderator)).hits;
    const snippet = hit.snippet ?? "";
    expect(snippet.startsWith(`<script>alert(1)</script> evil ${family}`)).toBe(true);
    expect(snippet.endsWith("…")).toBe(true);
    expect(snippet).not.toMatch(/[\n\u202E]/);
    const graphemes = Array.from(new Intl.Segmenter().segment(snippet.slice(0, -1)), (s) => s.segment);
    expect(graphemes.every((g) => g === family || g.length === 1)).toBe(true);
  });

  it("never searches reporters' identities, whoever searches", async () => {
    await report(
      { id: "post-reported", authorHandle: "@author" },
      { reporter: { id: "canary-reporter-id", handle: "@canary_reporter" } },
    );
    const form = await recordReport(
      { source: "form", subject: { type: "content", id: "post-form" }, ruleCode: "respect", reporter: { contact: "canary@example.com" } },
      { actor: { kind: "member" } },
    );
    expect(form.kind).toBe("accepted");
    for (const role of ROLES) {
      for (const q of ["@canary_reporter", "canary_reporter", "canary-reporter-id", "canary@example.com"]) {
        expect(await refsOf(q, { roles: [role] }), `${role}: ${q}`).toEqual([]);
      }
    }
  });

  it("finds nothing for someone without read:case, and nothing for what matches no case", async () => {
    const { caseRef } = await report({ id: "post-private" });
    expect(await findCases(caseRef, { roles: [] })).toEqual({ hits: [], more: false });
    expect(await findCases(caseRef, { roles: ["unknown-role"] })).toEqual({ hits: [], more: false });
    expect(await refsOf("C-22222222")).toEqual([]);
    expect(await refsOf("nothing like this")).toEqual([]);
  });

  it("keys the links of cases recorded before links were searchable", async () => {
    const { caseRef } = await report({ id: "platform-old", url: "https://community.example/p/old" }, { reporter: { id: "member-2" } });
    await prisma.case.updateMany({ data: { subjectUrlKey: null } });
    expect(await refsOf("https://community.example/p/old")).toEqual([]);
    expect(await keyCaseLinks(1)).toBeGreaterThanOrEqual(1);
    expect(await refsOf("https://community.example/p/old")).toEqual([caseRef]);
    expect(await keyCaseLinks()).toBe(0);
  });
});
