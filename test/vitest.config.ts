import path from "node:path";
import { defineConfig } from "vitest/config";

const root = path.resolve(import.meta.dirname, "..");

export default defineConfig({
  root,
  resolve: {
    alias: {
      "~": path.join(root, "app"),
      "@machines": path.join(root, "machines"),
    },
  },
  test: {
    include: ["app/**/*.test.ts", "machines/**/*.test.ts", "test/**/*.test.ts", "scripts/**/*.test.ts", "prisma/**/*.test.ts"],
    exclude: ["test/e2e/**", "node_modules/**"],
    globalSetup: [path.join(root, "test/setup/global-setup.ts")],
    setupFiles: [path.join(root, "test/setup/worker-db.ts")],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
