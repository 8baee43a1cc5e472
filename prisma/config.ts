// Prisma CLI configuration: Rust-free, migrations run through the JavaScript
// schema engine with the same driver adapter the app uses.
import path from "node:path";
import { defineConfig } from "@prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

// The schema reads DATABASE_URL; the embedded SQLite file is the default.
process.env.DATABASE_URL ??= "file:./data/vigil.db";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join(import.meta.dirname, "schema.prisma"),
  migrations: { path: path.join(import.meta.dirname, "migrations") },
  async adapter() {
    const url = process.env.DATABASE_URL!;
    return new PrismaBetterSQLite3({ url: url.replace(/^file:/, "") });
  },
});
