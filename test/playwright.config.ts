import path from "node:path";
import { defineConfig } from "@playwright/test";
import { E2E_DATABASE_FILE } from "./e2e/paths";

// End-to-end tests drive Debian's Chromium against the built app, served by the
// same `npm start` path a newcomer uses (production mode), on a fresh SQLite database
// seeded with the demo data (`--demo`: it is not the embedded default database).
const root = path.resolve(import.meta.dirname, "..");
const port = Number(process.env.E2E_PORT ?? 3123);
const dbFile = E2E_DATABASE_FILE;

export default defineConfig({
  testDir: path.join(root, "test/e2e"),
  outputDir: path.join(root, "test-results"),
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: true,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL: `http://localhost:${port}`,
    // Kept on a developer's machine for a failure to be opened in the trace viewer; CI keeps
    // only its log, and recording every action's snapshot cost its run about a tenth.
    trace: process.env.CI ? "off" : "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: {
    command: `rm -rf ${path.dirname(dbFile)} && node scripts/start.mjs --demo`,
    cwd: root,
    url: `http://localhost:${port}/healthz`,
    reuseExistingServer: false,
    timeout: 120_000,
    env: {
      PORT: String(port),
      DATABASE_URL: `file:${dbFile}`,
      SESSION_SECRET: "vigil-e2e-secret-0123456789abcdef",
      VIGIL_ENCRYPTION_KEY: "dmlnaWwtZTJlLWVuY3J5cHRpb24ta2V5LTAxMjM0NTY=",
    },
  },
});
