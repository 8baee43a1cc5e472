// Brings the database named by DATABASE_URL up to date: applies committed
// migrations, sets WAL mode on SQLite, and seeds demo data into an empty database
// (never when NODE_ENV=production). Safe to run on every start.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const url = (process.env.DATABASE_URL ??= "file:./data/vigil.db");
const quiet = process.argv.includes("--quiet");
const noSeed = process.argv.includes("--no-seed");

function run(cmd, args) {
  execFileSync(cmd, args, { cwd: root, stdio: quiet ? ["ignore", "ignore", "inherit"] : "inherit", env: process.env });
}

if (url.startsWith("file:")) {
  fs.mkdirSync(path.dirname(path.resolve(root, url.slice(5))), { recursive: true });
}
run(process.execPath, [path.join(root, "node_modules/prisma/build/index.js"), "migrate", "deploy", "--config", "prisma/config.ts"]);

if (url.startsWith("file:")) {
  const { default: Database } = await import("better-sqlite3");
  const sqlite = new Database(path.resolve(root, url.slice(5)));
  sqlite.pragma("journal_mode = WAL");
  sqlite.close();
}

if (!noSeed && process.env.NODE_ENV !== "production") {
  run(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), "prisma/seed.ts", "--if-empty"]);
}
