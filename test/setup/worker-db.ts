import fs from "node:fs";
import path from "node:path";
import { databaseUrl, withAdmin } from "./postgres";

// Each test file gets its own copy of the run's migrated template database, so
// tests run against a real store in parallel without seeing each other's rows:
// an SQLite file, or a PostgreSQL database created from the template.
const worker = process.env.VITEST_POOL_ID ?? process.env.VITEST_WORKER_ID ?? "0";

if (process.env.VIGIL_TEST_STORE === "postgresql") {
  const admin = process.env.TEST_POSTGRES_URL;
  const run = process.env.VIGIL_TEST_PG_RUN;
  if (!admin || !run) throw new Error("VIGIL_TEST_PG_RUN is not set: run the tests through test/vitest.config.ts.");
  const name = `${run}_worker${worker}`;
  if (!globalThis.__vigilPrisma && process.env.VIGIL_TEST_DB !== name) {
    await withAdmin(admin, async (client) => {
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.query(`CREATE DATABASE "${name}" TEMPLATE "${run}_template"`);
    });
    process.env.VIGIL_TEST_DB = name;
  }
  process.env.DATABASE_URL = databaseUrl(admin, name);
} else {
  const dir = process.env.VIGIL_TEST_RUN_DIR;
  if (!dir) throw new Error("VIGIL_TEST_RUN_DIR is not set: run the tests through test/vitest.config.ts.");
  const file = path.join(dir, `worker-${worker}.db`);
  if (!globalThis.__vigilPrisma && process.env.VIGIL_TEST_DB !== file) {
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
    fs.copyFileSync(path.join(dir, "template.db"), file);
    process.env.VIGIL_TEST_DB = file;
  }
  process.env.DATABASE_URL = `file:${file}`;
}
process.env.NODE_ENV = "test";
process.env.SESSION_SECRET ??= "vigil-test-secret-0123456789";
