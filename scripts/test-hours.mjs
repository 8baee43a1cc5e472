// `npm run test:hours`: the tests whose subject is time of day (the dashboard's days and
// periods, SLA deadlines, crisis timings and escalation clocks) run again with the clock
// set late in the evening and just after midnight UTC, under libfaketime (Debian's
// `faketime`). A test that passes only at some hours of the day fails here, not in a CI
// run that happens to start at the wrong hour. On SQLite: the clock is the process's.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const FOLDERS = ["test/dashboard", "test/crises", "test/escalation"];
const HOURS = ["23:55:00", "00:05:00"];

if (spawnSync("faketime", ["--version"], { stdio: "ignore" }).error) {
  console.error("test:hours needs libfaketime's `faketime` command: apt-get install -y faketime");
  process.exit(1);
}

const today = new Date().toISOString().slice(0, 10);
for (const hour of HOURS) {
  console.log(`\nTime-of-day tests with the clock at ${hour} UTC`);
  const run = spawnSync(
    "faketime",
    ["-f", `@${today} ${hour}`, process.execPath, path.join(root, "node_modules/vitest/vitest.mjs"), "run", "--config", "test/vitest.config.ts", "--project", "sqlite", ...FOLDERS],
    { cwd: root, stdio: "inherit", env: { ...process.env, TZ: "UTC" } },
  );
  if (run.status !== 0) process.exit(run.status ?? 1);
}
