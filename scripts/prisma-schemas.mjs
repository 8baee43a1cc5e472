// One Prisma schema source (prisma/schema.prisma, written for SQLite) and the
// PostgreSQL schema derived from it. A schema names one provider, so each store
// has its own generated schema, client and migrations folder; this module is
// where those paths and the derivation live.
//
//   node scripts/prisma-schemas.mjs             writes the derived schema(s)
//   node scripts/prisma-schemas.mjs --generate  ... and generates both clients
import { execFile, execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const PROVIDERS = ["sqlite", "postgresql"];
export const SOURCE_SCHEMA = path.join(root, "prisma/schema.prisma");
const GENERATED_DIR = path.join(root, "prisma/generated");
const prismaCli = path.join(root, "node_modules/prisma/build/index.js");

/** The store a database URL names: `file:` is SQLite, `postgres(ql)://` PostgreSQL. */
export function providerOf(url) {
  if (url.startsWith("file:")) return "sqlite";
  if (/^postgres(ql)?:\/\//.test(url)) return "postgresql";
  throw new Error(`DATABASE_URL must be a file: URL (SQLite) or a postgresql:// URL, not "${url.split(":")[0]}:…"`);
}

/** The schema file the Prisma CLI reads for a provider. */
export function schemaPath(provider) {
  return provider === "sqlite" ? SOURCE_SCHEMA : path.join(GENERATED_DIR, `schema.${provider}.prisma`);
}

export function migrationsPath(provider) {
  return path.join(root, "prisma/migrations", provider);
}

/**
 * The source schema rewritten for a provider: the datasource's provider and the
 * generator's output (one client per provider; the SQLite client keeps the plain
 * name). Everything else is the same text.
 */
export function renderSchema(source, provider, targetDir = GENERATED_DIR) {
  if (provider === "sqlite") return source;
  const providerLine = /(datasource\s+db\s*\{[^}]*?provider\s*=\s*)"sqlite"/;
  const outputLine = /(generator\s+client\s*\{[^}]*?output\s*=\s*)"([^"]+)"/;
  if (!providerLine.test(source)) throw new Error('prisma/schema.prisma: expected `provider = "sqlite"` in `datasource db`');
  if (!outputLine.test(source)) throw new Error("prisma/schema.prisma: expected an `output` in `generator client`");
  return source
    .replace(providerLine, `$1"${provider}"`)
    .replace(outputLine, (_all, head, output) => {
      const client = path.resolve(path.dirname(SOURCE_SCHEMA), output) + "-pg";
      return `${head}"${path.relative(targetDir, client).split(path.sep).join("/")}"`;
    });
}

/** Writes the derived schemas (atomically: concurrent CLI calls may race here). */
export function writeSchemas() {
  const source = fs.readFileSync(SOURCE_SCHEMA, "utf8");
  fs.mkdirSync(GENERATED_DIR, { recursive: true });
  fs.writeFileSync(path.join(GENERATED_DIR, ".gitignore"), "*\n");
  for (const provider of PROVIDERS.filter((p) => p !== "sqlite")) {
    const file = schemaPath(provider);
    const text =
      "// GENERATED from prisma/schema.prisma by scripts/prisma-schemas.mjs: edit the source, not this file.\n\n" +
      renderSchema(source, provider);
    if (fs.existsSync(file) && fs.readFileSync(file, "utf8") === text) continue;
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, text);
    fs.renameSync(tmp, file);
  }
}

/**
 * Runs the Prisma CLI against a database URL; resolves to its exit code and output.
 * The default, an in-memory SQLite database, suits the commands that only read
 * schema files (`migrate diff` between datamodels) for either provider.
 */
export function prisma(args, { url = "file::memory:" } = {}) {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [prismaCli, ...args, "--config", "prisma/config.ts"],
      { cwd: root, env: { ...process.env, DATABASE_URL: url }, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr }),
    );
  });
}

/** Generates one Prisma client per provider; `quiet` prints the CLI's output only when it fails. */
export function generateClients({ quiet = false } = {}) {
  for (const provider of PROVIDERS) {
    execFileSync(
      process.execPath,
      [prismaCli, "generate", "--config", "prisma/config.ts", "--schema", path.relative(root, schemaPath(provider))],
      { cwd: root, stdio: quiet ? "pipe" : "inherit" },
    );
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  writeSchemas();
  if (process.argv.includes("--generate")) generateClients();
}
