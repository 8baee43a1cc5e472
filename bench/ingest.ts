// Ingest benchmark (npm run bench:ingest).
//
// Concurrent clients post reports through POST /api/v1/reports with the demo API key:
//   1. Vigil on SQLite, one instance;
//   2. Vigil on PostgreSQL, one instance;
//   3. Vigil on PostgreSQL, three instances (requests round-robin);
// and, in the same run, a bare node:http server (bench/ingest-bare.mjs) that stores the
// same rows in one transaction with no framework and no ORM, on SQLite and on PostgreSQL.
// Prints reports per second, p50/p99 latency and the ratios Vigil / bare; and, read from
// the servers themselves, the CPU milliseconds they spent per accepted report
// (process.cpuUsage() of every server process of the configuration) and how long each
// write transaction held the audit chain's head, from the statement that locks it to the
// end of its commit (p50, p99, and how many reports one commit carried): what more
// instances on more machines would give (docs/deploy.md).
//
// BENCH_REPORTS (default 2000) per configuration, BENCH_CLIENTS (default 16);
// BENCH_POSTGRES_URL (default postgresql://postgres@127.0.0.1:5432/postgres) names the
// server on which a database of the bench's own is created and dropped. Loopback only.
import type { ChildProcess } from "node:child_process";
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import type { Instance } from "../test/store/instances";
import { DEMO_API_KEY, buildIfStale, freePort, reportBody, setupDatabase, startInstance } from "../test/store/instances";
import { percentile, root } from "./lib";

const REPORTS = Number(process.env.BENCH_REPORTS ?? 2000);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 16);
const PG_SERVER = process.env.BENCH_POSTGRES_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const WARMUP = 50;
const LIMITS = { API_RATE_LIMIT_PER_KEY: "10000000", API_RATE_LIMIT_PER_IP: "10000000", VIGIL_WRITE_STATS: "1" };

type Stats = { cpu: { user: number; system: number }; headHolds: { ms: number; writes: number }[] };
type Result = {
  label: string;
  n: number;
  errors: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
  cpuMsPerReport: number;
  holdP50: number;
  holdP99: number;
  reportsPerCommit: number;
};

/** What every server of a configuration says about itself (and forgets its head holds). */
async function serverStats(bases: string[]): Promise<Stats[]> {
  return Promise.all(bases.map(async (base) => (await fetch(`${base}/_bench/write-stats`)).json() as Promise<Stats>));
}

/** CLIENTS loops posting `count` reports between them, spread round-robin over `bases`. */
async function drive(label: string, bases: string[], count: number, tag: string): Promise<Result> {
  const before = await serverStats(bases);
  let next = 0;
  let errors = 0;
  const latencies: number[] = [];
  const start = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      for (;;) {
        const i = next++;
        if (i >= count) return;
        const t0 = performance.now();
        const response = await fetch(`${bases[i % bases.length]}/api/v1/reports`, {
          method: "POST",
          headers: { authorization: `Bearer ${DEMO_API_KEY}`, "content-type": "application/json" },
          body: JSON.stringify(reportBody(i, tag)),
        });
        await response.arrayBuffer();
        latencies.push(performance.now() - t0);
        if (response.status !== 201) errors++;
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  const after = await serverStats(bases);
  latencies.sort((a, b) => a - b);
  const cpuMs = after.reduce((sum, a, i) => sum + (a.cpu.user + a.cpu.system - before[i].cpu.user - before[i].cpu.system) / 1000, 0);
  const holds = after.flatMap((a) => a.headHolds);
  const holdMs = holds.map((h) => h.ms).sort((a, b) => a - b);
  const written = holds.reduce((sum, h) => sum + h.writes, 0);
  return {
    label,
    n: count,
    errors,
    seconds,
    perSecond: count / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    cpuMsPerReport: cpuMs / Math.max(1, count - errors),
    holdP50: percentile(holdMs, 50),
    holdP99: percentile(holdMs, 99),
    reportsPerCommit: holds.length ? written / holds.length : NaN,
  };
}

async function measure(label: string, bases: string[], tag: string): Promise<Result> {
  await drive(`${label} (warm-up)`, bases, WARMUP, `${tag}-warm`);
  const result = await drive(label, bases, REPORTS, tag);
  console.log(`  ${label}: ${result.perSecond.toFixed(0)} reports/s, p99 ${result.p99.toFixed(1)} ms${result.errors ? `, ${result.errors} errors` : ""}`);
  return result;
}

async function startBare(url: string): Promise<{ base: string; proc: ChildProcess; stop(): Promise<void> }> {
  const port = await freePort();
  const proc = spawn(process.execPath, [path.join(root, "bench/ingest-bare.mjs")], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url, PORT: String(port), VIGIL_WRITE_STATS: "1" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    proc.stdout?.once("data", () => resolve());
    proc.once("exit", (code) => reject(new Error(`The bare server exited (${code}).`)));
  });
  const exited = new Promise((resolve) => proc.once("exit", resolve));
  return {
    base: `http://127.0.0.1:${port}`,
    proc,
    async stop() {
      proc.kill("SIGTERM");
      await exited;
    },
  };
}

async function adminQuery(text: string) {
  const client = new pg.Client({ connectionString: PG_SERVER });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

async function main() {
  console.log(`Ingest: ${REPORTS} reports per configuration, ${CLIENTS} concurrent clients, after ${WARMUP} warm-up reports.`);
  buildIfStale();
  const results: Result[] = [];
  const running: { stop(): Promise<void> }[] = [];
  const dbName = `vigil_bench_ingest_${process.pid}`;
  const pgUrl = (() => {
    const u = new URL(PG_SERVER);
    u.pathname = `/${dbName}`;
    return u.href;
  })();
  const sqliteFile = path.join(root, "data/bench/ingest.db");
  const bareFile = path.join(root, "data/bench/ingest-bare.db");
  try {
    // SQLite: one instance (an SQLite file is for one instance).
    fs.mkdirSync(path.dirname(sqliteFile), { recursive: true });
    for (const f of [sqliteFile, bareFile]) for (const s of ["", "-wal", "-shm"]) fs.rmSync(f + s, { force: true });
    setupDatabase(`file:${sqliteFile}`);
    const sqlite = await startInstance("sqlite", `file:${sqliteFile}`, LIMITS);
    running.push(sqlite);
    results.push(await measure("Vigil, SQLite, 1 instance", [sqlite.base], "sqlite"));
    await sqlite.stop();
    const bareSqlite = await startBare(`file:${bareFile}`);
    running.push(bareSqlite);
    results.push(await measure("bare node:http, SQLite", [bareSqlite.base], "bare-sqlite"));
    await bareSqlite.stop();

    // PostgreSQL: one instance, then three on the same database.
    let reachable = true;
    await adminQuery(`DROP DATABASE IF EXISTS "${dbName}"`).catch((error: Error) => {
      reachable = false;
      console.log(`  PostgreSQL at ${PG_SERVER} is unreachable (${error.message}): skipping its rows.`);
    });
    if (reachable) {
      setupDatabase(pgUrl);
      const pgInstances: Instance[] = [await startInstance("pg-a", pgUrl, LIMITS)];
      running.push(...pgInstances);
      results.push(await measure("Vigil, PostgreSQL, 1 instance", [pgInstances[0].base], "pg1"));
      pgInstances.push(...(await Promise.all(["pg-b", "pg-c"].map((n) => startInstance(n, pgUrl, LIMITS)))));
      running.push(...pgInstances.slice(1));
      results.push(await measure("Vigil, PostgreSQL, 3 instances", pgInstances.map((i) => i.base), "pg3"));
      await Promise.all(pgInstances.map((i) => i.stop()));
      const barePg = await startBare(pgUrl);
      running.push(barePg);
      results.push(await measure("bare node:http, PostgreSQL", [barePg.base], "bare-pg"));
      await barePg.stop();
    }
  } finally {
    await Promise.all(running.map((r) => r.stop().catch(() => {})));
    await adminQuery(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`).catch(() => {});
    for (const f of [sqliteFile, bareFile]) for (const s of ["", "-wal", "-shm"]) fs.rmSync(f + s, { force: true });
  }

  console.log();
  const heads = ["reports/s", "p50 ms", "p99 ms", "errors", "CPU ms/report", "head p50 ms", "head p99 ms", "reports/commit"];
  console.log(`${"configuration".padEnd(34)} ${heads.map((h) => h.padStart(h.length > 8 ? h.length : 8)).join(" ")}`);
  for (const r of results) {
    const cells = [r.perSecond.toFixed(0), r.p50.toFixed(1), r.p99.toFixed(1), String(r.errors), r.cpuMsPerReport.toFixed(2), r.holdP50.toFixed(2), r.holdP99.toFixed(2), r.reportsPerCommit.toFixed(1)];
    console.log(`${r.label.padEnd(34)} ${cells.map((c, i) => c.padStart(heads[i].length > 8 ? heads[i].length : 8)).join(" ")}`);
  }
  const find = (label: string) => results.find((r) => r.label === label);
  const ratio = (vigil: string, bare: string) => {
    const v = find(vigil);
    const b = find(bare);
    if (!v || !b) return;
    console.log(
      `${vigil} / ${bare}: throughput ${(v.perSecond / b.perSecond).toFixed(2)}×, p99 latency ${(v.p99 / b.p99).toFixed(2)}×`,
    );
  };
  console.log();
  ratio("Vigil, SQLite, 1 instance", "bare node:http, SQLite");
  ratio("Vigil, PostgreSQL, 1 instance", "bare node:http, PostgreSQL");
  ratio("Vigil, PostgreSQL, 3 instances", "bare node:http, PostgreSQL");
  const one = find("Vigil, PostgreSQL, 1 instance");
  const three = find("Vigil, PostgreSQL, 3 instances");
  if (one && three) console.log(`Vigil, PostgreSQL, 3 instances / 1 instance: throughput ${(three.perSecond / one.perSecond).toFixed(2)}×`);
}

await main();
