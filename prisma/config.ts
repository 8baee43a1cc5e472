// Prisma CLI configuration: Rust-free, migrations run through the JavaScript
// schema engine with the same driver adapter the app uses. DATABASE_URL picks the
// store: a file: URL is SQLite, a postgresql:// URL PostgreSQL, each with its own
// schema (derived from prisma/schema.prisma) and migrations folder.
import crypto from "node:crypto";
import { defineConfig } from "@prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { migrationsPath, providerOf, schemaPath, writeSchemas } from "../scripts/prisma-schemas.mjs";

// The schema reads DATABASE_URL; the embedded SQLite file is the default.
const url = (process.env.DATABASE_URL ??= "file:./data/vigil.db");
const provider = providerOf(url);
// Derived on every CLI call, so the PostgreSQL schema is never older than its source.
writeSchemas();

// Idle connections let the CLI exit; sessions in UTC as the app's (app/utils/db.server.ts).
const session = { allowExitOnIdle: true, options: "-c TimeZone=UTC" };

/**
 * PrismaPg for the CLI. Idle connections do not hold the process open, and the
 * shadow database (`migrate diff --from-migrations`) is really a fresh database
 * that is dropped afterwards: PrismaPg's own points a connection-string config at
 * the main database and drops it with its pool open.
 */
class CliPostgres {
  readonly provider = "postgres";
  readonly adapterName = "@prisma/adapter-pg";
  readonly #main: PrismaPg;

  constructor(readonly url: string) {
    this.#main = new PrismaPg({ connectionString: url, ...session });
  }

  connect() {
    return this.#main.connect();
  }

  async connectToShadowDb() {
    const admin = await this.#main.connect();
    const name = `prisma_shadow_${crypto.randomUUID().replaceAll("-", "")}`;
    await admin.executeScript(`CREATE DATABASE "${name}"`);
    const shadowUrl = new URL(this.url);
    shadowUrl.pathname = `/${name}`;
    const shadow = await new PrismaPg({ connectionString: shadowUrl.href, ...session }).connect();
    const closeShadow = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      await closeShadow();
      await admin.executeScript(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.dispose();
    };
    return shadow;
  }
}

/**
 * PrismaBetterSQLite3 for the CLI. Its shadow database receives each migration as
 * one executeRaw call, which better-sqlite3 refuses for more than one statement;
 * the shadow here runs such scripts whole.
 */
class CliSqlite {
  readonly provider = "sqlite";
  readonly adapterName = "@prisma/adapter-better-sqlite3";
  readonly #main: PrismaBetterSQLite3;

  constructor(file: string) {
    this.#main = new PrismaBetterSQLite3({ url: file });
  }

  connect() {
    return this.#main.connect();
  }

  async connectToShadowDb() {
    const shadow = await new PrismaBetterSQLite3({ url: ":memory:" }).connect();
    const executeRaw = shadow.executeRaw.bind(shadow);
    shadow.executeRaw = async (query) => {
      if (query.args.length > 0) return executeRaw(query);
      await shadow.executeScript(query.sql);
      return 0;
    };
    return shadow;
  }
}

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: schemaPath(provider),
  migrations: { path: migrationsPath(provider) },
  async adapter() {
    if (provider === "postgresql") return new CliPostgres(url);
    return new CliSqlite(url.replace(/^file:/, ""));
  },
});
