import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { isAlive } from "./runs";

// Migrates one template SQLite database per run, in a folder of its own so that
// concurrent runs never share files; each test worker copies the template.
const root = path.resolve(import.meta.dirname, "../..");

export default function setup() {
  const runs = path.join(root, "data/test");
  const dir = path.join(runs, `run-${process.pid}`);
  const template = path.join(dir, "template.db");
  // What runs killed before their teardown left behind.
  for (const name of fs.existsSync(runs) ? fs.readdirSync(runs) : []) {
    const pid = /^run-(\d+)$/.exec(name)?.[1];
    if (pid && !isAlive(Number(pid))) fs.rmSync(path.join(runs, name), { recursive: true, force: true });
  }
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
