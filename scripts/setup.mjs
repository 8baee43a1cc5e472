// Brings the database named by DATABASE_URL up to date: creates it if missing,
// applies the committed migrations for its store (SQLite: prisma/migrations/sqlite,
// PostgreSQL: prisma/migrations/postgresql), sets WAL mode on SQLite, and seeds
// demo data into an empty database (never when NODE_ENV=production). Safe to run
// on every start.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { providerOf, root } from "./prisma-schemas.mjs";

const url = (process.env.DATABASE_URL ??= "file:./data/vigil.db");
const provider = providerOf(url);
const quiet = process.argv.includes("--quiet");
const noSeed = process.argv.includes("--no-seed");

function run(cmd, args) {
  execFileSync(cmd, args, { cwd: root, stdio: quiet ? ["ignore", "ignore", "inherit"] : "inherit", env: process.env });
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
run(process.execPath, [path.join(root, "node_modules/prisma/build/index.js"), "migrate", "deploy", "--config", "prisma/config.ts"]);

if (provider === "sqlite") {
  const { default: Database } = await import("better-sqlite3");
  const sqlite = new Database(path.resolve(root, url.slice(5)));
  sqlite.pragma("journal_mode = WAL");
  sqlite.close();
}

if (!noSeed && process.env.NODE_ENV !== "production") {
  run(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), "prisma/seed.ts", "--if-empty"]);
}
