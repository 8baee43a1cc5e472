// `npm run build`: `remix build` (the classic compiler), without the notice Vite prints
// when the Remix CLI loads Vite's CommonJS entry, which nothing in Vigil can change.
//
//   node scripts/build.mjs            builds, printing Remix's own lines
//   buildApp({ quiet: true })         builds, printing only a failure's output
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export function buildApp({ quiet = false } = {}) {
  const result = spawnSync(process.execPath, [path.join(root, "node_modules/@remix-run/dev/dist/cli.js"), "build"], {
    cwd: root,
    // The build's mode is NODE_ENV's: a production build unless asked otherwise.
    env: { ...process.env, NODE_ENV: process.env.NODE_ENV || "production", VITE_CJS_IGNORE_WARNING: "true" },
    stdio: quiet ? ["ignore", "pipe", "pipe"] : "inherit",
    encoding: "utf8",
  });
  if (result.status !== 0) {
    if (quiet) process.stderr.write(`${result.stdout ?? ""}${result.stderr ?? ""}`);
    throw new Error("The build failed (its output is above).");
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    buildApp();
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
