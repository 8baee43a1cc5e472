// Leadership dashboard benchmark (npm run bench:dashboard).
//
// 1. Seeds an SQLite database with 1,000,000 cases over a year (their reports, SLA
//    deadlines and ban proposals) and 5,000,000 audit entries, by batched prepared inserts
//    with the dashboard's triggers set aside; then fills the rollups with the migration's
//    backfill (the GROUP BY over the rows) and puts the triggers back.
// 2. Times the /dashboard loader (signed in as leadership, as a browser asks for it) for a
//    90-day period with and without filters, beside the same figures computed by a naive
//    GROUP BY over the raw rows in the same run, and checks both answer the same.
//    The last 24 hours (by the hour, from the rows) are timed too.
// 3. Streams 100,000 and then 1,000,000 audit entries through the /audit/export loader, each
//    in a process of its own, and prints its peak RSS beside its RSS before the export.
import { execFileSync } from "node:child_process";
import { register } from "node:module";
import path from "node:path";
import Database from "better-sqlite3";
import { dashboardTriggers, rebuildSql, triggersSql } from "~/models/dashboard/tally-sql";
import { freshDatabase, printTable, root, summarise, timed } from "./lib";

register("./css-hooks.mjs", import.meta.url);

const CASES = Number(process.env.BENCH_DASHBOARD_CASES ?? 1_000_000);
const AUDIT = Number(process.env.BENCH_AUDIT_ENTRIES ?? 5_000_000);
const EXPORTED = Number(process.env.BENCH_EXPORT_ENTRIES ?? 1_000_000);
const REQUESTS = Number(process.env.BENCH_DASHBOARD_REQUESTS ?? 100);
const NAIVE_REQUESTS = Number(process.env.BENCH_DASHBOARD_NAIVE_REQUESTS ?? 10);

const DAY = 86_400_000;
const MIN = 60_000;
const iso = (ms: number) => new Date(ms).toISOString().replace("Z", "+00:00");
const RULES = ["spam", "spam", "spam", "off_topic", "off_topic", "respect", "respect", "respect", "privacy", "hate", "threats", "self_harm", "illegal"];
const LANGS = ["en", "en", "en", "en", "pl", "it", "lv", "zh", "de", "es", null];
const SOURCES = ["form", "form", "member", "member", "member", "platform"];
const ACTIONS = ["case.claim", "case.release", "case.dismiss", "case.act", "report.received", "case.created", "escalation.start", "message.sent"];

let seed = 7;
const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
/** Minutes drawn from an exponential distribution with this mean. */
const minutes = (mean: number) => Math.max(1, Math.round(-Math.log(1 - rand()) * mean));

async function seedDatabase(file: string, now: number, moderators: string[]) {
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = OFF");
  // The dashboard's triggers are set aside for the load and the rollups filled afterwards,
  // as the migration fills them for the rows already there.
  for (const t of dashboardTriggers("sqlite")) db.exec(`DROP TRIGGER "${t.name}"`);
  const insertCase = db.prepare(`INSERT INTO "Case" ("id", "ref", "subjectKey", "subjectType", "subjectId", "text", "language", "ruleCode", "state", "snapshot", "machineVersion", "version",
      "priority", "priorityBreakdown", "reportCount", "reporterCount", "isOpen", "source", "firstRespondedAt", "reopenedAt", "resolvedAt", "resolvedById", "escalationPeak", "createdAt", "updatedAt")
    VALUES (?, ?, ?, 'content', ?, 'Benchmark content', ?, ?, ?, '{}', 1, 1, ?, '[]', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertReport = db.prepare(`INSERT INTO "Report" ("id", "ref", "caseId", "source", "subjectType", "subjectId", "language", "ruleCode", "screen", "receivedAt") VALUES (?, ?, ?, ?, 'content', ?, ?, ?, '{}', ?)`);
  const insertDeadline = db.prepare(`INSERT INTO "SlaDeadline" ("caseId", "roundStart", "tier", "clock", "timerId", "dueAt", "outcome", "ruleCode", "language", "source") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertBan = db.prepare(`INSERT INTO "BanProposal" ("caseId", "proposedAt", "outcome", "decidedAt", "ruleCode", "language", "source") VALUES (?, ?, ?, ?, ?, ?, ?)`);
  const start = now - 365 * DAY;
  let reports = 0;
  const cases = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const id = `case${String(i).padStart(8, "0")}`;
      // Cases arrive in time order, as they do: a day's rows lie together on disk.
      const created = start + Math.floor(((i + rand()) / CASES) * 365 * DAY);
      const rule = pick(RULES);
      const language = pick(LANGS);
      const source = pick(SOURCES);
      const reopened = rand() < 0.01 && created + 3 * DAY < now ? created + 2 * DAY : null;
      const round = reopened ?? created;
      const answered = rand() < 0.92 ? round + minutes(45) * MIN : null;
      const resolved = answered && (now - round > 3 * DAY ? rand() < 0.97 : rand() < 0.5) ? answered + minutes(600) * MIN : null;
      const decided = resolved !== null && resolved < now ? resolved : null;
      const peak = rand() < 0.12 ? (rand() < 0.25 ? (rand() < 0.3 ? 4 : 2) : 1) : 0;
      const state = decided ? pick(["dismissed", "actioned", "closed"]) : answered ? "in_review" : "new";
      const lang = language ?? null;
      insertCase.run(id, `C-${i.toString(36).toUpperCase().padStart(8, "0")}`, `content:id:bench-${i}`, `bench-${i}`, lang, rule, state, 20 + Math.floor(rand() * 80), 1, 1, decided ? 0 : 1, source,
        answered && answered < now ? iso(answered) : null, reopened ? iso(reopened) : null, decided ? iso(decided) : null, decided ? pick(moderators) : null, peak, iso(created), iso(decided ?? created));
      insertReport.run(`report${i}`, `R-${i.toString(36).toUpperCase().padStart(8, "0")}`, id, source, `bench-${i}`, lang, rule, iso(created));
      reports++;
      if (rand() < 0.2) {
        insertReport.run(`report${i}b`, `R-${i.toString(36).toUpperCase().padStart(8, "0")}B`, id, pick(SOURCES), `bench-${i}`, lang, rule, iso(Math.min(now - MIN, created + minutes(300) * MIN)));
        reports++;
      }
      for (let tier = 0; tier <= peak; tier += tier === 0 && peak === 4 ? 4 : 1) {
        for (const [clock, window] of [["first_response", 60], ["resolution", 1440]] as const) {
          const due = round + tier * 30 * MIN + window * MIN;
          if (due > now) continue;
          insertDeadline.run(id, iso(round), tier, clock, `timer-${i}-${tier}-${clock}`, iso(due), rand() < 0.9 ? "met" : "missed", rule, lang ?? "", source);
        }
      }
      if (answered && rand() < 0.02) {
        const outcome = rand() < 0.3 ? "rejected" : "approved";
        insertBan.run(id, iso(answered + MIN), outcome, iso(answered + 20 * MIN), rule, lang ?? "", source);
      }
    }
  });
  for (let i = 0; i < CASES; i += 50_000) cases(i, Math.min(CASES, i + 50_000));

  const insertAudit = db.prepare(`INSERT INTO "AuditEntry" ("seq", "at", "actorId", "actorLabel", "role", "action", "subjectType", "subjectId", "before", "after", "reason", "requestId", "prevHash", "hash")
    VALUES (?, ?, ?, ?, 'moderator', ?, 'Case', ?, '{"state":"new"}', '{"state":"in_review"}', NULL, NULL, ?, ?)`);
  const hash = (n: number) => n.toString(16).padStart(64, "0");
  const audit = db.transaction((from: number, to: number) => {
    for (let s = from; s < to; s++) {
      insertAudit.run(s, iso(start + Math.floor(((s - 1) / AUDIT) * 365 * DAY)), moderators[s % moderators.length], "moderator@example.com", ACTIONS[s % ACTIONS.length], `case${String(s % CASES).padStart(8, "0")}`, hash(s - 1), hash(s));
    }
  });
  for (let s = 1; s <= AUDIT; s += 100_000) audit(s, Math.min(AUDIT + 1, s + 100_000));
  db.prepare(`UPDATE "AuditHead" SET "seq" = ?, "hash" = ? WHERE "id" = 1`).run(AUDIT, hash(AUDIT));

  const rebuilt = performance.now();
  db.exec(rebuildSql("sqlite"));
  const rebuildSeconds = (performance.now() - rebuilt) / 1000;
  db.exec(triggersSql("sqlite"));
  db.pragma("synchronous = FULL");
  db.exec("ANALYZE");
  db.pragma("optimize");
  const atSeq = (seq: number) => (db.prepare(`SELECT "at" FROM "AuditEntry" WHERE "seq" = ?`).get(Math.min(seq, AUDIT)) as { at: string }).at;
  const [exportTenth, exportThrough] = [atSeq(EXPORTED / 10), atSeq(EXPORTED)];
  db.close();
  return { reports, rebuildSeconds, exportTenth, exportThrough };
}

async function main() {
  const file = freshDatabase("dashboard");
  const { seedDemo } = await import("../test/factories/demo");
  const { prisma } = await import("~/utils/db.server");
  await seedDemo();
  const moderators = (await prisma.user.findMany({ where: { roles: { some: { role: { in: ["moderator", "senior_moderator", "trust_safety_lead"] } } } }, select: { id: true } })).map((u) => u.id);
  await prisma.$disconnect();
  globalThis.__vigilPrisma = undefined;

  const now = Date.now();
  const seedStart = performance.now();
  const seeded = await seedDatabase(file, now, moderators);
  const seedSeconds = (performance.now() - seedStart) / 1000;
  console.log(`Seeded ${CASES.toLocaleString("en")} cases, ${seeded.reports.toLocaleString("en")} reports and ${AUDIT.toLocaleString("en")} audit entries in ${seedSeconds.toFixed(1)} s (the rollups' backfill over them: ${seeded.rebuildSeconds.toFixed(1)} s)`);

  const { loader } = await import("~/routes/dashboard");
  const { loadDashboard } = await import("~/models/dashboard/dashboard.server");
  const { loginAs } = await import("../test/http");
  const browser = await loginAs("leadership@example.com");
  const views = ["period=90d", "period=90d&rule=spam", "period=90d&language=pl", "period=90d&source=platform", "period=90d&rule=respect&language=en&source=member"];
  const callLoader = async (search: string) => {
    const request = new Request(`http://vigil.test/dashboard?${search}`, { headers: { Cookie: browser.cookie } });
    const response = await loader({ request, params: {}, context: { clientIp: "127.0.0.1", requestId: "bench" } });
    if (response.status !== 200) throw new Error(`/dashboard?${search} answered ${response.status}`);
    return response.json();
  };
  for (const v of views) await callLoader(v);
  // The rollups and the GROUP BY over the rows answer the same, here too.
  const viewer = { workload: false };
  for (const v of views.slice(0, 2)) {
    const [a, b] = await Promise.all([loadDashboard(new URLSearchParams(v), viewer), loadDashboard(new URLSearchParams(v), viewer, new Date(), { naive: true })]);
    if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error(`rollups and rows disagree for ${v}`);
  }
  const reports = ((await callLoader(views[0])) as { figures: { key: string; value: string }[] }).figures.find((f) => f.key === "reports")!.value;
  console.log(`90 days unfiltered: ${reports} reports received; views timed: ${views.map((v) => `?${v}`).join(", ")}\n`);

  const loaderSamples: number[] = [];
  for (let i = 0; i < REQUESTS; i++) loaderSamples.push((await timed(() => callLoader(views[i % views.length])))[1]);
  const rollupSamples: number[] = [];
  for (let i = 0; i < REQUESTS; i++) rollupSamples.push((await timed(() => loadDashboard(new URLSearchParams(views[i % views.length]), viewer)))[1]);
  const hourSamples: number[] = [];
  for (let i = 0; i < REQUESTS; i++) hourSamples.push((await timed(() => callLoader(i % 2 ? "period=24h" : "period=24h&language=pl")))[1]);
  const naiveSamples: number[] = [];
  for (let i = 0; i < NAIVE_REQUESTS; i++) naiveSamples.push((await timed(() => loadDashboard(new URLSearchParams(views[i % views.length]), viewer, new Date(), { naive: true })))[1]);
  const rows = [
    summarise("/dashboard loader, 90 days (rollups)", loaderSamples),
    summarise("the figures alone, 90 days (rollups)", rollupSamples),
    summarise("naive GROUP BY over the rows, 90 days", naiveSamples),
  ];
  printTable([...rows, summarise("/dashboard loader, 24 hours (rows by hour)", hourSamples)]);
  console.log(`naive / loader: p50 ${(rows[2].p50 / rows[0].p50).toFixed(0)}x, p95 ${(rows[2].p95 / rows[0].p95).toFixed(0)}x`);
  console.log(`aim: loader p95 under 300 ms for 90 days -> ${rows[0].p95 < 300 ? "met" : "NOT met"} (${rows[0].p95.toFixed(2)} ms)`);

  // The export in a process of its own, so its RSS is the server's for that request alone;
  // a tenth of it first, so the two peaks show whether memory grows with the export.
  console.log("");
  for (const through of [seeded.exportTenth, seeded.exportThrough]) {
    const out = execFileSync(process.execPath, ["--max-semi-space-size=64", "--import", "tsx", path.join(root, "bench/export-rss.ts"), through], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: `file:${file}` },
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
    });
    console.log(out.trim());
  }
  process.exit(0);
}

await main();
