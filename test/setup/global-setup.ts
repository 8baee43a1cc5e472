import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

// Migrates one template SQLite database per run, in a folder of its own so that
// concurrent runs never share files; each test worker copies the template.
const root = path.resolve(import.meta.dirname, "../..");

export default function setup() {
  const dir = path.join(root, `data/test/run-${process.pid}`);
  const template = path.join(dir, "template.db");
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  execFileSync(
    process.execPath,
    [path.join(root, "scripts/setup.mjs"), "--quiet", "--no-seed"],
    { cwd: root, env: { ...process.env, DATABASE_URL: `file:${template}` }, stdio: ["ignore", "ignore", "inherit"] },
  );
  // Workers are started after this and inherit the environment.
  process.env.VIGIL_TEST_RUN_DIR = dir;
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
