import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import os from "node:os";
import path from "node:path";
import { databaseUrl, dropDatabases, withAdmin } from "./postgres";
import { isAlive } from "./runs";

// Migrates one template PostgreSQL database per run, named after the run so that
// concurrent runs never share one; each test file gets a copy of the template
// (test/setup/worker-db.ts). Teardown drops every database of the run.
const root = path.resolve(import.meta.dirname, "../..");
// Runs are named vigil_test_<host>_<pid>_<random>: a run can tell which earlier
// runs of this machine were killed before their teardown.
const host = crypto.createHash("sha256").update(os.hostname()).digest("hex").slice(0, 6);

export default async function setup() {
  const admin = process.env.TEST_POSTGRES_URL;
  if (!admin) throw new Error("TEST_POSTGRES_URL is not set.");
  const run = `vigil_test_${host}_${process.pid}_${crypto.randomBytes(3).toString("hex")}`;
  await dropAbandonedRuns(admin).catch((error: Error) => {
    throw new Error(`PostgreSQL at TEST_POSTGRES_URL (${admin}) is unreachable: ${error.message}. Unset it to test on SQLite only.`);
  });
  try {
    execFileSync(process.execPath, [path.join(root, "scripts/setup.mjs"), "--quiet", "--no-seed"], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: databaseUrl(admin, `${run}_template`) },
      stdio: ["ignore", "ignore", "inherit"],
    });
  } catch (error) {
    await dropDatabases(admin, run);
    throw error;
  }
  // Workers are started after this and inherit the environment.
  process.env.VIGIL_TEST_PG_RUN = run;
  return () => dropDatabases(admin, run);
}

/** Drops the databases of this machine's runs whose process is gone (killed before teardown). */
async function dropAbandonedRuns(admin: string) {
  const names = await withAdmin(admin, async (client) => {
    const { rows } = await client.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname ~ $1", [
      `^vigil_test_${host}_[0-9]+_[0-9a-f]+_`,
    ]);
    return rows.map((row) => row.datname);
  });
  const runs = new Set(names.map((name) => name.split("_").slice(0, 5).join("_")));
  for (const run of runs) {
    if (!isAlive(Number(run.split("_")[3]))) await dropDatabases(admin, run);
  }
}
