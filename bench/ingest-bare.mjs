// The baseline for `npm run bench:ingest`: a bare node:http server that takes the same
// POST /api/v1/reports JSON and stores what Vigil stores for a new report in one
// transaction (a case row, a report row, an audit entry chained to the previous one
// through a head row), with no framework, no validation library and no ORM: `pg` or
// better-sqlite3 directly, on tables of its own in the same database.
import crypto from "node:crypto";
import http from "node:http";

const url = process.env.DATABASE_URL ?? "";
const port = Number(process.env.PORT ?? 0);
// What the benchmark reads: CPU time, and how long each transaction held the head row
// (from the statement that locks it to the end of the commit).
const headHolds = [];
const KEY_HASH = crypto.createHash("sha256").update(process.env.BENCH_API_KEY ?? "vigil_demo_ingest_key").digest("hex");

const DDL = [
  `CREATE TABLE IF NOT EXISTS bare_case (id TEXT PRIMARY KEY, subject_key TEXT NOT NULL, state TEXT NOT NULL, rule_code TEXT NOT NULL, report_count INTEGER NOT NULL, created_at TEXT NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS bare_report (id TEXT PRIMARY KEY, case_id TEXT NOT NULL, source TEXT NOT NULL, subject_id TEXT NOT NULL, text TEXT, reporter_id TEXT, rule_code TEXT NOT NULL, created_at TEXT NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS bare_audit_head (id INTEGER PRIMARY KEY, seq INTEGER NOT NULL, hash TEXT NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS bare_audit (seq INTEGER PRIMARY KEY, at TEXT NOT NULL, action TEXT NOT NULL, subject_id TEXT NOT NULL, after TEXT, prev_hash TEXT NOT NULL, hash TEXT NOT NULL)`,
];

function parse(body) {
  const r = JSON.parse(body);
  if (!r || typeof r !== "object" || typeof r.ruleCode !== "string" || !r.subject || typeof r.subject.id !== "string") return null;
  return r;
}

let store;
if (url.startsWith("file:")) {
  const { default: Database } = await import("better-sqlite3");
  const db = new Database(url.slice(5));
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = FULL");
  for (const ddl of DDL) db.exec(ddl);
  db.exec(`INSERT OR IGNORE INTO bare_audit_head VALUES (1, 0, 'genesis')`);
  const stmts = {
    kase: db.prepare(`INSERT INTO bare_case VALUES (?, ?, 'new', ?, 1, ?)`),
    report: db.prepare(`INSERT INTO bare_report VALUES (?, ?, ?, ?, ?, ?, ?, ?)`),
    head: db.prepare(`UPDATE bare_audit_head SET seq = seq + 1 WHERE id = 1 RETURNING seq, hash`),
    audit: db.prepare(`INSERT INTO bare_audit VALUES (?, ?, 'report.received', ?, ?, ?, ?)`),
    setHead: db.prepare(`UPDATE bare_audit_head SET hash = ? WHERE id = 1`),
  };
  const transaction = db.transaction((r, ids, at, t) => {
    stmts.kase.run(ids.caseId, `${r.subject.type}:${r.subject.id}`, r.ruleCode, at);
    stmts.report.run(ids.reportId, ids.caseId, r.source, r.subject.id, r.subject.text ?? null, r.reporter?.id ?? null, r.ruleCode, at);
    t.head = performance.now();
    const head = stmts.head.get();
    const after = JSON.stringify({ reportId: ids.reportId, caseId: ids.caseId });
    const hash = crypto.createHash("sha256").update(`${head.hash}|${head.seq}|${at}|${ids.reportId}|${after}`).digest("hex");
    stmts.audit.run(head.seq, at, ids.reportId, after, head.hash, hash);
    stmts.setHead.run(hash);
  });
  const insert = (r, ids, at) => {
    const t = {};
    transaction(r, ids, at, t);
    headHolds.push({ ms: performance.now() - t.head, writes: 1 });
  };
  store = { insert: async (r, ids, at) => insert(r, ids, at) };
} else {
  const { default: pg } = await import("pg");
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  for (const ddl of DDL) await pool.query(ddl);
  await pool.query(`INSERT INTO bare_audit_head VALUES (1, 0, 'genesis') ON CONFLICT DO NOTHING`);
  store = {
    async insert(r, ids, at) {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        await client.query(`INSERT INTO bare_case VALUES ($1, $2, 'new', $3, 1, $4)`, [ids.caseId, `${r.subject.type}:${r.subject.id}`, r.ruleCode, at]);
        await client.query(`INSERT INTO bare_report VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`, [
          ids.reportId, ids.caseId, r.source, r.subject.id, r.subject.text ?? null, r.reporter?.id ?? null, r.ruleCode, at,
        ]);
        const taken = performance.now();
        const { rows: [head] } = await client.query(`UPDATE bare_audit_head SET seq = seq + 1 WHERE id = 1 RETURNING seq, hash`);
        const after = JSON.stringify({ reportId: ids.reportId, caseId: ids.caseId });
        const hash = crypto.createHash("sha256").update(`${head.hash}|${head.seq}|${at}|${ids.reportId}|${after}`).digest("hex");
        await client.query(`INSERT INTO bare_audit VALUES ($1, $2, 'report.received', $3, $4, $5, $6)`, [head.seq, at, ids.reportId, after, head.hash, hash]);
        await client.query(`UPDATE bare_audit_head SET hash = $1 WHERE id = 1`, [hash]);
        await client.query("COMMIT");
        headHolds.push({ ms: performance.now() - taken, writes: 1 });
      } catch (error) {
        await client.query("ROLLBACK").catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
  };
}

const server = http.createServer((req, res) => {
  if (req.method === "GET" && req.url === "/_bench/write-stats") {
    return res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ headHolds: headHolds.splice(0), cpu: process.cpuUsage() }));
  }
  if (req.method !== "POST" || req.url !== "/api/v1/reports") return res.writeHead(404).end();
  const auth = req.headers.authorization ?? "";
  if (crypto.createHash("sha256").update(auth.replace(/^Bearer /, "")).digest("hex") !== KEY_HASH) return res.writeHead(401).end();
  let body = "";
  req.setEncoding("utf8");
  req.on("data", (chunk) => (body += chunk));
  req.on("end", async () => {
    let r;
    try {
      r = parse(body);
    } catch {
      r = null;
    }
    if (!r) return res.writeHead(400).end();
    const ids = { reportId: crypto.randomUUID(), caseId: crypto.randomUUID() };
    try {
      await store.insert(r, ids, new Date().toISOString());
      res.writeHead(201, { "content-type": "application/json" }).end(JSON.stringify({ reportId: ids.reportId, caseId: ids.caseId }));
    } catch (error) {
      console.error(error);
      res.writeHead(500).end();
    }
  });
});
server.listen(port, "127.0.0.1", () => console.log(`bare ingest listening on ${server.address().port}`));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
