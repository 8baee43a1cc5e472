// `npm start`: build the app if the build is missing or older than the sources,
// bring the database up to date (migrate, and seed demo data on first run), serve.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full));
    else newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

const buildFile = path.join(root, "build/index.js");
const sources = Math.max(newestMtime(path.join(root, "app")), newestMtime(path.join(root, "machines")));
if (!fs.existsSync(buildFile) || fs.statSync(buildFile).mtimeMs < sources) {
  console.log("Building Vigil…");
  execFileSync(process.execPath, [path.join(root, "node_modules/@remix-run/dev/dist/cli.js"), "build"], { cwd: root, stdio: "inherit" });
}

execFileSync(process.execPath, [path.join(root, "scripts/setup.mjs")], { cwd: root, stdio: "inherit", env: process.env });
await import("./server.mjs");
