// Triage write path benchmark (npm run bench:transition).
//
// 1. Applies 10,000 events through the write path on SQLite (claim, release, claim,
//    dismiss on 2,500 cases) and prints p50/p99 per event, beside a bare insert of the
//    same rows (one transaction each: the case update, the audit entry and chain head,
//    the timer row) with prepared statements and no machine, permission or hashing.
// 2. Seeds 1,000,000 cases and times the queue loader (the real route loader, signed
//    in, with filters and counts) and prints its p95.
// 3. On the same cases, times the search box (the /search loader) for each kind of query.
import crypto from "node:crypto";
import { register } from "node:module";
import Database from "better-sqlite3";
import { REF_ALPHABET } from "~/models/cases/refs";
import { freshDatabase, printTable, summarise, timed } from "./lib";

register("./css-hooks.mjs", import.meta.url);

const EVENTS = Number(process.env.BENCH_EVENTS ?? 10_000);
const QUEUE_CASES = Number(process.env.BENCH_QUEUE_CASES ?? 1_000_000);
const QUEUE_REQUESTS = Number(process.env.BENCH_QUEUE_REQUESTS ?? 300);

const sqliteDate = (d: Date) => d.toISOString().replace("Z", "+00:00");

async function writePathBench() {
  const file = freshDatabase("transition");
  const { seedDemo } = await import("../test/factories/demo");
  const { recordReport } = await import("~/models/intake/intake.server");
  const { applyCaseEvent } = await import("~/models/cases/case-events.server");
  const { prisma } = await import("~/utils/db.server");
  await seedDemo();
  const users = await prisma.user.findMany({ include: { roles: true } });
  const actor = (email: string) => {
    const u = users.find((x) => x.email === email)!;
    return { kind: "user" as const, id: u.id, email: u.email, roles: u.roles.map((r) => r.role) };
  };
  const mo = actor("moderator@example.com");

  const caseCount = Math.ceil(EVENTS / 4);
  const caseIds: string[] = [];
  for (let i = 0; i < caseCount; i++) {
    const outcome = await recordReport(
      {
        source: "form",
        subject: { type: "content", id: `bench-${i}`, text: "You are an idiot and everyone knows it.", language: "en", authorHandle: `@a${i % 97}` },
        ruleCode: i % 3 ? "respect" : "spam",
      },
      { actor: { kind: "member" } },
    );
    if (outcome.kind !== "accepted") throw new Error(outcome.kind);
    caseIds.push(outcome.body.caseId);
  }

  const plan = [{ type: "CLAIM" }, { type: "RELEASE" }, { type: "CLAIM" }, { type: "DISMISS", reason: "No breach found" }] as const;
  const samples: number[] = [];
  let applied = 0;
  for (let n = 0; n < EVENTS; n++) {
    const caseId = caseIds[Math.floor(n / 4)];
    const [outcome, ms] = await timed(() => applyCaseEvent({ caseId, event: plan[n % 4], actor: mo, requestId: `bench-${n}` }));
    if (outcome.status === "applied") applied++;
    samples.push(ms);
  }
  if (applied !== EVENTS) throw new Error(`only ${applied} of ${EVENTS} events applied`);

  // The bare baseline: the same rows, written by prepared statements.
  const sqlite = new Database(file);
  sqlite.pragma("synchronous = FULL");
  const snapshots = sqlite.prepare(`SELECT "id", "snapshot" FROM "Case" WHERE "id" IN (SELECT "id" FROM "Case" LIMIT ?)`).all(caseCount) as { id: string; snapshot: string }[];
  const updateCase = sqlite.prepare(`UPDATE "Case" SET "state" = ?, "snapshot" = ?, "version" = "version" + 1, "assigneeId" = ?, "updatedAt" = ? WHERE "id" = ?`);
  const insertAudit = sqlite.prepare(
    `INSERT INTO "AuditEntry" ("seq", "at", "actorId", "actorLabel", "role", "action", "subjectType", "subjectId", "before", "after", "reason", "requestId", "prevHash", "hash") VALUES ((SELECT "seq" + 1 FROM "AuditHead" WHERE "id" = 1), ?, ?, ?, ?, ?, 'Case', ?, ?, ?, ?, ?, ?, ?)`,
  );
  const bumpHead = sqlite.prepare(`UPDATE "AuditHead" SET "seq" = "seq" + 1, "hash" = ? WHERE "id" = 1`);
  const insertTimer = sqlite.prepare(`INSERT INTO "Timer" ("id", "caseId", "subjectId", "kind", "event", "dueAt", "status", "attempts", "createdAt") VALUES (?, ?, ?, 'claim_expiry', ?, ?, 'pending', 0, ?)`);
  const bare = sqlite.transaction((i: number) => {
    const row = snapshots[Math.floor(i / 4) % snapshots.length];
    const now = sqliteDate(new Date());
    updateCase.run("in_review", row.snapshot, mo.id, now, row.id);
    const hash = crypto.randomBytes(32).toString("hex");
    insertAudit.run(now, mo.id, mo.email, "moderator", "case.claim", row.id, '{"state":"new"}', '{"state":"in_review"}', null, `bare-${i}`, "0".repeat(64), hash);
    bumpHead.run(hash);
    insertTimer.run(crypto.randomUUID(), row.id, row.id, '{"type":"CLAIM_EXPIRED"}', now, now);
  });
  const bareSamples: number[] = [];
  for (let i = 0; i < EVENTS; i++) {
    const start = performance.now();
    bare(i);
    bareSamples.push(performance.now() - start);
  }
  sqlite.close();
  await prisma.$disconnect();
  return { writePath: summarise("write path (applyCaseEvent)", samples), bare: summarise("bare insert of the same rows", bareSamples) };
}

/** A reference the search box accepts (refs.ts): `i` in the reference alphabet. */
function benchRef(prefix: "C" | "R", i: number) {
  let out = "";
  for (let n = i, k = 0; k < 8; k++, n = Math.floor(n / REF_ALPHABET.length)) out = REF_ALPHABET[n % REF_ALPHABET.length] + out;
  return `${prefix}-${out}`;
}

const STATES = ["new", "new", "new", "in_review", "waiting_for_info", "escalated", "awaiting_approval", "dismissed", "actioned", "closed"];
const RULES = [["spam", 1], ["off_topic", 1], ["respect", 2], ["privacy", 3], ["hate", 4], ["threats", 5], ["self_harm", 5], ["illegal", 5]] as const;
const LANGS = ["en", "en", "en", "pl", "it", "lv", "zh", "de", "es", null];

async function queueBench() {
  const file = freshDatabase("queue");
  const { seedDemo } = await import("../test/factories/demo");
  const { prisma } = await import("~/utils/db.server");
  await seedDemo();
  const mo = await prisma.user.findUniqueOrThrow({ where: { email: "moderator@example.com" } });
  const senior = await prisma.user.findUniqueOrThrow({ where: { email: "senior@example.com" } });
  await prisma.$disconnect();

  const { linkKeyOf } = await import("~/models/cases/case-search.server");
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  const insert = sqlite.prepare(
    `INSERT INTO "Case" ("id", "ref", "subjectKey", "subjectType", "subjectId", "subjectUrl", "subjectUrlKey", "authorHandle", "authorKey", "text", "language", "ruleCode", "state", "snapshot", "machineVersion", "version", "priority", "priorityBreakdown", "reportCount", "reporterCount", "assigneeId", "isOpen", "createdAt", "updatedAt")
     VALUES (?, ?, ?, 'content', ?, ?, ?, ?, ?, ?, ?, ?, ?, '{}', 1, 1, ?, '[]', ?, ?, ?, ?, ?, ?)`,
  );
  // One report in ten, so a report reference is looked up among 100,000.
  const insertReport = sqlite.prepare(
    `INSERT INTO "Report" ("id", "ref", "caseId", "source", "subjectType", "subjectId", "ruleCode", "screen", "receivedAt") VALUES (?, ?, ?, 'form', 'content', ?, ?, '{}', ?)`,
  );
  let seed = 42;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const start = Date.now() - 30 * 86_400_000;
  const seedStart = performance.now();
  const batch = sqlite.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const [rule, severity] = RULES[Math.floor(rand() * RULES.length)];
      const state = STATES[Math.floor(rand() * STATES.length)];
      const open = !["dismissed", "actioned", "closed"].includes(state);
      const reports = 1 + Math.floor(rand() * rand() * 12);
      const priority = severity * 20 + Math.min(reports - 1, 10) * 2 + Math.floor(rand() * 20);
      const assignee = state === "in_review" || state === "waiting_for_info" ? (rand() < 0.5 ? mo.id : senior.id) : null;
      const created = sqliteDate(new Date(start + i * 2_500));
      // Every other case came with a link, as a platform's reports do.
      const url = i % 2 ? `https://community.example/p/${i}` : null;
      insert.run(
        `case${String(i).padStart(8, "0")}`, benchRef("C", i), `content:id:bench-${i}`, `bench-${i}`, url, linkKeyOf(url) ?? "", `@author${i % 5000}`,
        `author${i % 5000}`, "Benchmark content snapshot", LANGS[Math.floor(rand() * LANGS.length)], rule, state, priority, reports,
        Math.max(1, reports - 1), assignee, open ? 1 : 0, created, created,
      );
      if (i % 10 === 0) insertReport.run(`report${String(i).padStart(8, "0")}`, benchRef("R", i), `case${String(i).padStart(8, "0")}`, `bench-${i}`, rule, created);
    }
  });
  for (let i = 0; i < QUEUE_CASES; i += 50_000) batch(i, Math.min(QUEUE_CASES, i + 50_000));
  sqlite.pragma("optimize");
  sqlite.exec("ANALYZE");
  sqlite.close();
  const seedSeconds = (performance.now() - seedStart) / 1000;

  const { loader } = await import("~/routes/queue");
  const { loginAs } = await import("../test/http");
  const browser = await loginAs("moderator@example.com");
  const views = [
    "/queue",
    "/queue?sort=age",
    "/queue?state=new",
    "/queue?rule=hate",
    "/queue?language=pl",
    "/queue?band=critical",
    "/queue?assignee=mine",
    "/queue?assignee=unassigned&sort=age",
    "/queue?sla=4h&rule=spam",
  ];
  const call = async (url: string) => {
    const request = new Request(`http://vigil.test${url}`, { headers: { Cookie: browser.cookie } });
    const response = await loader({ request, params: {}, context: { clientIp: "127.0.0.1", requestId: "bench" } });
    return response instanceof Response ? response.json() : response;
  };
  // Follow a few "next page" cursors too: keyset pages cost the same deep in the queue.
  for (const v of views) await call(v);
  // Sanity: the loader really answers with a full page and counts over all the cases.
  const first = (await call("/queue")) as { cases: unknown[]; counts: { total: number } };
  if (first.cases.length !== 50 || first.counts.total < QUEUE_CASES / 2) {
    throw new Error(`queue loader answered ${first.cases.length} cases of ${first.counts.total}`);
  }
  console.log(`queue: ${first.counts.total.toLocaleString("en")} open cases of ${QUEUE_CASES.toLocaleString("en")}; each request loads a page of 50 and the counts for every filter option`);
  const samples: number[] = [];
  for (let i = 0; i < QUEUE_REQUESTS; i++) {
    const url = views[i % views.length];
    const [data, ms] = await timed(() => call(url));
    samples.push(ms);
    const next = (data as { next?: string | null }).next;
    if (next && i % 3 === 0) samples.push((await timed(() => call(`${url}${url.includes("?") ? "&" : "?"}after=${next}`)))[1]);
  }
  return { seedSeconds, queue: summarise(`queue loader, ${QUEUE_CASES.toLocaleString("en")} cases`, samples), search: await searchBench(browser) };
}

/** The /search loader on the queue's million cases: one row per kind of query. */
async function searchBench(browser: { cookie: string }) {
  const { loader } = await import("~/routes/search");
  const middle = Math.floor(QUEUE_CASES / 2) + 1;
  const kinds = [
    ["case reference", benchRef("C", middle)],
    ["report reference", benchRef("R", middle - 1)],
    ["link", `https://community.example/p/${middle}?utm_source=bench`],
    ["subject id", `bench-${middle}`],
    ["author handle (50 of 200 cases)", "@Author77"],
    ["nothing found", "@no-such-author"],
  ] as const;
  const call = async (q: string) => {
    const request = new Request(`http://vigil.test/search?${new URLSearchParams({ q })}`, { headers: { Cookie: browser.cookie } });
    try {
      return await loader({ request, params: {}, context: { clientIp: "127.0.0.1", requestId: "bench" } });
    } catch (thrown) {
      if (thrown instanceof Response) return thrown; // one case found: the redirect to it
      throw thrown;
    }
  };
  const rows = [];
  for (const [label, q] of kinds) {
    const first = await call(q);
    if (!(first instanceof Response) || first.status >= 400) throw new Error(`search for ${label} answered ${first instanceof Response ? first.status : "data"}`);
    const samples: number[] = [];
    for (let i = 0; i < 100; i++) samples.push((await timed(() => call(q)))[1]);
    rows.push(summarise(`search: ${label}`, samples));
  }
  return rows;
}

const wp = await writePathBench();
// The server runs with a 64 MB young generation (package.json, docs/decisions/0013); the
// figures hold for the heap this process was given.
const semiSpace = process.execArgv.find((a) => a.startsWith("--max-semi-space-size")) ?? "Node's default young generation";
console.log(`\nTriage write path on SQLite: ${EVENTS.toLocaleString("en")} events (heap: ${semiSpace})\n`);
printTable([wp.writePath, wp.bare]);
console.log(`\nwrite path / bare insert: p50 ${(wp.writePath.p50 / wp.bare.p50).toFixed(1)}x, p99 ${(wp.writePath.p99 / wp.bare.p99).toFixed(1)}x`);
console.log(`aim: p99 under 5 ms per event -> ${wp.writePath.p99 < 5 ? "met" : "NOT met"} (${wp.writePath.p99.toFixed(2)} ms)`);

const q = await queueBench();
console.log(`\nQueue loader (seeded ${QUEUE_CASES.toLocaleString("en")} cases in ${q.seedSeconds.toFixed(1)} s)\n`);
printTable([q.queue]);
console.log(`aim: p95 under 50 ms -> ${q.queue.p95 < 50 ? "met" : "NOT met"} (${q.queue.p95.toFixed(2)} ms)`);
console.log(`\nSearch box on the same ${QUEUE_CASES.toLocaleString("en")} cases (the /search loader, 100 requests each)\n`);
printTable(q.search);
const slowest = Math.max(...q.search.map((row) => row.p95));
console.log(`aim: every kind's p95 under 50 ms -> ${slowest < 50 ? "met" : "NOT met"} (slowest ${slowest.toFixed(2)} ms)`);
process.exit(0);
