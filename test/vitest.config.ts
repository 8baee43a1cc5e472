import path from "node:path";
import { defineConfig } from "vitest/config";

const root = path.resolve(import.meta.dirname, "..");
const setup = (file: string) => path.join(root, "test/setup", file);
const exclude = ["test/e2e/**", "node_modules/**"];

// Every test runs on SQLite. With TEST_POSTGRES_URL set (`.ci/run` sets it), the tests
// that can touch the store run on PostgreSQL too: machines/ is pure and runs once.
const postgres = process.env.TEST_POSTGRES_URL
  ? [
      {
        extends: true as const,
        test: {
          name: "postgresql",
          include: ["app/**/*.test.ts", "test/**/*.test.ts", "scripts/**/*.test.ts", "prisma/**/*.test.ts"],
          // The proxy test starts servers on SQLite copies of its own, whatever the store;
          // group commit is SQLite's (PostgreSQL has many writers).
          exclude: [...exclude, "test/accounts/proxy.test.ts", "test/store/group-commit.test.ts", "test/store/group-reports.test.ts"],
          globalSetup: [setup("global-setup-postgres.ts")],
          env: { VIGIL_TEST_STORE: "postgresql" },
        },
      },
    ]
  : [];

export default defineConfig({
  root,
  resolve: {
    alias: {
      "~": path.join(root, "app"),
      "@machines": path.join(root, "machines"),
    },
  },
  test: {
    setupFiles: [setup("worker-db.ts")],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // On two cores Vitest would run one worker; most of a test's time is spent waiting on
    // SQLite's sync or PostgreSQL, and each worker has its own databases (test/setup), so two
    // workers halve the run (measured: 17.4 to 10.6 minutes for the whole suite).
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: "sqlite",
          include: ["app/**/*.test.ts", "machines/**/*.test.ts", "test/**/*.test.ts", "scripts/**/*.test.ts", "prisma/**/*.test.ts"],
          // Several app processes on one database is a PostgreSQL deployment.
          exclude: [...exclude, "test/store/instances.test.ts"],
          globalSetup: [setup("global-setup.ts")],
          env: { VIGIL_TEST_STORE: "sqlite" },
        },
      },
      ...postgres,
    ],
  },
});
