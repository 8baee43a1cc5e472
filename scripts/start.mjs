// `npm start`: serve the production build in production mode. Builds the app if the
// build is missing or older than the sources, brings the database up to date (migrate;
// on the embedded default database also the demo data on first start and the secrets
// production needs, see scripts/first-start.mjs), then serves.
//
//   npm start              the embedded default database, or the one DATABASE_URL names
//   npm start -- --demo    also seed the demo data into a named database that is empty
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildApp } from "./build.mjs";
import { localSecrets, onEmbeddedDefault } from "./first-start.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
// Error answers carry no stack and the demo seed is a first-start decision, not a mode.
process.env.NODE_ENV = "production";

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full));
    else newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

if (onEmbeddedDefault() && !(process.env.SESSION_SECRET && process.env.VIGIL_ENCRYPTION_KEY)) {
  const secrets = localSecrets(path.join(root, "data"));
  for (const [name, value] of Object.entries(secrets.values)) process.env[name] ||= value;
  if (secrets.created) {
    console.log(
      `Generated this installation's session secret and encryption key in ${path.relative(process.cwd(), secrets.file)}: ` +
        "keep it with the database (a deployment sets SESSION_SECRET and VIGIL_ENCRYPTION_KEY instead).",
    );
  }
}

const buildFile = path.join(root, "build/index.js");
const sources = Math.max(newestMtime(path.join(root, "app")), newestMtime(path.join(root, "machines")));
if (!fs.existsSync(buildFile) || fs.statSync(buildFile).mtimeMs < sources) {
  console.log("Building Vigil…");
  try {
    buildApp({ quiet: true });
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}

try {
  execFileSync(process.execPath, [path.join(root, "scripts/setup.mjs"), ...process.argv.slice(2)], { cwd: root, stdio: "inherit", env: process.env });
} catch {
  process.exit(1);
}
await import("./server.mjs");
