// `npm run audit:verify`: checks the whole audit chain of the database named by
// DATABASE_URL. Exits 0 when intact, 1 naming the first entry that is not, and 2
// when the check could not run.
import fs from "node:fs";
import { verifyAuditChain } from "~/models/audit-verify.server";
import { createDb, sqlitePath } from "~/utils/db.server";

const url = process.env.DATABASE_URL ?? "file:./data/vigil.db";
if (url.startsWith("file:") && !fs.existsSync(sqlitePath(url))) {
  // Opening a missing SQLite file would create an empty one.
  console.error(`could not check the audit chain: there is no database at ${sqlitePath(url)}`);
  process.exit(2);
}

const db = createDb(url);
try {
  const result = await verifyAuditChain(db);
  if (result.ok) {
    console.log(`verified ${result.count} entries`);
  } else {
    console.error(`audit chain broken: ${result.firstBad.reason} (${result.count} entries before it verified)`);
    process.exitCode = 1;
  }
} catch (error) {
  console.error(`could not check the audit chain: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 2;
} finally {
  await db.$disconnect();
}
