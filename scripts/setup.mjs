// Brings the database named by DATABASE_URL up to date: creates it if missing,
// applies the committed migrations for its store (SQLite: prisma/migrations/sqlite,
// PostgreSQL: prisma/migrations/postgresql), sets WAL mode on SQLite, and seeds
// demo data into an empty database when it is the embedded default (no DATABASE_URL)
// or `--demo` asks for it; `--no-seed` never seeds. Safe to run on every start.
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { DEFAULT_DATABASE_URL, wantsDemoData } from "./first-start.mjs";
import { providerOf, root } from "./prisma-schemas.mjs";

const seed = wantsDemoData();
const url = (process.env.DATABASE_URL ||= DEFAULT_DATABASE_URL);
const provider = providerOf(url);
const quiet = process.argv.includes("--quiet");

function run(cmd, args) {
  execFileSync(cmd, args, { cwd: root, stdio: quiet ? ["ignore", "ignore", "inherit"] : "inherit", env: process.env });
}

/**
 * `prisma migrate deploy`, its chatter kept back: printed whole when it fails, else one
 * line naming what was applied (nothing when the database was up to date).
 */
function migrate() {
  const result = spawnSync(
    process.execPath,
    [path.join(root, "node_modules/prisma/build/index.js"), "migrate", "deploy", "--config", "prisma/config.ts"],
    { cwd: root, env: process.env, encoding: "utf8" },
  );
  if (result.status !== 0) {
    process.stderr.write(`${result.stdout ?? ""}${result.stderr ?? ""}`);
    console.error("Vigil could not bring the database up to date (prisma migrate deploy failed; its output is above).");
    process.exit(1);
  }
  const applied = [...(result.stdout ?? "").matchAll(/└─ (\S+)\/\n\s*└─ migration\.sql/g)].map((m) => m[1]);
  if (applied.length > 0 && !quiet) {
    const where = provider === "sqlite" ? path.relative(process.cwd(), path.resolve(root, url.slice(5))) || url : "the PostgreSQL database";
    console.log(`Applied ${applied.length} migration${applied.length === 1 ? "" : "s"} to ${where} (${applied.at(-1)} is the latest).`);
  }
}

/** Creates the PostgreSQL database the URL names if it does not exist yet. */
async function ensurePostgresDatabase() {
  const { default: pg } = await import("pg");
  const probe = new pg.Client({ connectionString: url });
  try {
    await probe.connect();
    await probe.end();
    return;
  } catch (error) {
    if (error.code !== "3D000") throw error; // 3D000: database does not exist
  }
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  const maintenance = new URL(url);
  maintenance.pathname = "/postgres";
  const client = new pg.Client({ connectionString: maintenance.href });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${name.replaceAll('"', '""')}"`);
    if (!quiet) console.log(`Created the PostgreSQL database "${name}".`);
  } finally {
    await client.end();
  }
}

if (provider === "sqlite") {
  fs.mkdirSync(path.dirname(path.resolve(root, url.slice(5))), { recursive: true });
} else {
  await ensurePostgresDatabase();
}
migrate();

if (provider === "sqlite") {
  const { default: Database } = await import("better-sqlite3");
  const sqlite = new Database(path.resolve(root, url.slice(5)));
  sqlite.pragma("journal_mode = WAL");
  sqlite.close();
}

if (seed) {
  // --first-start: this script decided (embedded default or --demo) and the seed only
  // writes into a database without users, so production mode does not refuse it here.
  run(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), "prisma/seed.ts", "--if-empty", "--first-start"]);
}
