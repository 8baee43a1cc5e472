// After `npm install`: apply our patches to dependencies (scripts/patches, applied by
// patch-package) and generate the Prisma clients. Quiet when it works: a newcomer has
// nothing to do about either; a failure prints everything that was said.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { generateClients, root, writeSchemas } from "./prisma-schemas.mjs";

try {
  execFileSync(process.execPath, [path.join(root, "node_modules/patch-package/index.js"), "--patch-dir", "scripts/patches", "--error-on-fail"], {
    cwd: root,
    stdio: "pipe",
  });
  writeSchemas();
  generateClients({ quiet: true });
} catch (error) {
  process.stderr.write(`${error.stdout ?? ""}${error.stderr ?? ""}`);
  console.error(`Vigil's post-install step failed: ${error.message.split("\n")[0]}`);
  process.exit(1);
}
