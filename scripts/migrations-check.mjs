// Checks that both stores' migrations are in step with prisma/schema.prisma:
//  1. prisma/migrations/sqlite and prisma/migrations/postgresql hold the same
//     migrations, by name, each with its migration.sql and provider lock;
//  2. each folder's schema snapshot (the schema its latest migration was generated
//     to) has the datamodel of the schema now, so a schema change without a
//     migration for both stores fails here, offline;
//  3. replaying each folder's migrations builds that datamodel: SQLite always (in
//     memory), PostgreSQL when --postgres names a database on a server (Prisma
//     replays into a shadow database it creates there and drops).
//
//   node scripts/migrations-check.mjs [--postgres <url>] [--schema <file>] [--migrations <dir>]
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";
import { PROVIDERS, SOURCE_SCHEMA, prisma, renderSchema, root } from "./prisma-schemas.mjs";

export const SNAPSHOT = "schema.snapshot.prisma";
export const MIGRATIONS = path.join(root, "prisma/migrations");

/** What a store's folder keeps as its schema snapshot (see scripts/new-migration.mjs). */
export function snapshotText(source, provider, dir) {
  return (
    "// The schema this folder's latest migration was generated to, written by\n" +
    "// `npm run db:migration`; scripts/migrations-check.mjs diffs it against prisma/schema.prisma.\n\n" +
    renderSchema(source, provider, dir)
  );
}

const shown = (file) => (file.startsWith(root + path.sep) ? path.relative(root, file) : file);

/** The migration folders of one store, in the order Prisma applies them. */
export function migrationNames(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

/** The SQL that takes `from` to the schema file, or null when there is nothing to do. */
async function missingSql(from, schemaFile, url) {
  const result = await prisma(["migrate", "diff", ...from, "--to-schema-datamodel", schemaFile, "--script", "--exit-code"], { url });
  if (result.code === 0) return null;
  if (result.code === 2) return result.stdout.trim();
  throw new Error(`prisma migrate diff ${from.join(" ")} failed:\n${result.stderr.trim()}`);
}

/** Resolves to the list of problems found; empty when the migrations are in step. */
export async function checkMigrations({ schema = SOURCE_SCHEMA, migrations = MIGRATIONS, postgres } = {}) {
  const problems = [];
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "vigil-migrations-check-"));
  try {
    const source = fs.readFileSync(schema, "utf8");
    const names = {};
    const checks = [];
    for (const provider of PROVIDERS) {
      const dir = path.join(migrations, provider);
      const schemaFile = path.join(tmp, `schema.${provider}.prisma`);
      fs.writeFileSync(schemaFile, renderSchema(source, provider, tmp));
      names[provider] = migrationNames(dir);

      const lock = path.join(dir, "migration_lock.toml");
      if (!fs.existsSync(lock) || !fs.readFileSync(lock, "utf8").includes(`provider = "${provider}"`)) {
        problems.push(`${shown(lock)} is missing or names another provider than "${provider}".`);
      }
      for (const name of names[provider]) {
        if (!fs.existsSync(path.join(dir, name, "migration.sql"))) problems.push(`${shown(path.join(dir, name))} has no migration.sql.`);
      }

      const snapshot = path.join(dir, SNAPSHOT);
      if (!fs.existsSync(snapshot)) {
        problems.push(`${shown(snapshot)} is missing: it records the schema the latest migration was generated to.`);
      } else {
        checks.push(
          missingSql(["--from-schema-datamodel", snapshot], schemaFile).then(
            (sql) =>
              sql &&
              `${shown(schema)} changed since ${shown(dir)} was last generated: add a migration for both stores ` +
                `(npm run db:migration -- <name>). It would need:\n${sql}`,
          ),
        );
      }

      const replayUrl = provider === "sqlite" ? "file::memory:" : postgres;
      if (replayUrl) {
        checks.push(
          missingSql(["--from-migrations", dir], schemaFile, replayUrl).then(
            (sql) => sql && `The migrations in ${shown(dir)} do not build ${shown(schema)}; they lack:\n${sql}`,
          ),
        );
      }
    }
    for (const provider of PROVIDERS) {
      for (const other of PROVIDERS.filter((p) => p !== provider)) {
        for (const name of names[provider].filter((n) => !names[other].includes(n))) {
          problems.push(`${shown(path.join(migrations, other))} has no ${name}, which ${shown(path.join(migrations, provider))} has.`);
        }
      }
    }
    // The Prisma calls run side by side; their findings are reported in a fixed order.
    for (const finding of await Promise.all(checks)) if (finding) problems.push(finding);
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return problems;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({ options: { postgres: { type: "string" }, schema: { type: "string" }, migrations: { type: "string" } } });
  const problems = await checkMigrations({
    schema: values.schema ? path.resolve(values.schema) : undefined,
    migrations: values.migrations ? path.resolve(values.migrations) : undefined,
    postgres: values.postgres,
  });
  if (problems.length > 0) {
    for (const problem of problems) console.error(`✗ ${problem}\n`);
    process.exit(1);
  }
  const replayed = values.postgres ? "both stores" : "SQLite (pass --postgres <url> to replay PostgreSQL's too)";
  console.log(`Migrations are in step with the schema; replayed ${replayed}.`);
}
