import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

// Migrates one template SQLite database per run; each test worker copies it.
const root = path.resolve(import.meta.dirname, "../..");
export const TEMPLATE = path.join(root, "data/test/template.db");

export default function setup() {
  fs.rmSync(path.dirname(TEMPLATE), { recursive: true, force: true });
  fs.mkdirSync(path.dirname(TEMPLATE), { recursive: true });
  execFileSync(
    process.execPath,
    [path.join(root, "scripts/setup.mjs"), "--quiet", "--no-seed"],
    { cwd: root, env: { ...process.env, DATABASE_URL: `file:${TEMPLATE}` }, stdio: ["ignore", "ignore", "inherit"] },
  );
  return () => fs.rmSync(path.dirname(TEMPLATE), { recursive: true, force: true });
}
