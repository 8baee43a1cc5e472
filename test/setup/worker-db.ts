import fs from "node:fs";
import path from "node:path";

// Each test worker gets its own copy of the migrated template database, so tests
// run against real SQLite files in parallel without seeing each other's rows.
const dir = process.env.VIGIL_TEST_RUN_DIR;
if (!dir) throw new Error("VIGIL_TEST_RUN_DIR is not set: run the tests through test/vitest.config.ts.");
const worker = process.env.VITEST_POOL_ID ?? process.env.VITEST_WORKER_ID ?? "0";
const file = path.join(dir, `worker-${worker}.db`);

if (!globalThis.__vigilPrisma && process.env.VIGIL_TEST_DB !== file) {
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
  fs.copyFileSync(path.join(dir, "template.db"), file);
  process.env.VIGIL_TEST_DB = file;
}
process.env.DATABASE_URL = `file:${file}`;
process.env.NODE_ENV = "test";
process.env.SESSION_SECRET ??= "vigil-test-secret-0123456789";
