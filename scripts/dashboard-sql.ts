// Prints the dashboard rollups' SQL for one store: the backfill from the rows already
// there and the triggers that keep the rollups exact (app/models/dashboard/tally-sql.ts).
// Migration 0010_dashboard_tally holds this output; a migration that changes the rollups
// drops the triggers and writes them again from here.
//
//   npm run db:dashboard-sql -- sqlite|postgresql
import type { Dialect } from "~/models/dashboard/tally-sql";
import { rebuildSql, triggersSql } from "~/models/dashboard/tally-sql";

const dialect = process.argv[2] as Dialect;
if (dialect !== "sqlite" && dialect !== "postgresql") {
  console.error("Usage: npm run db:dashboard-sql -- sqlite|postgresql");
  process.exit(1);
}
console.log(`-- The rollups from the rows already there.\n${rebuildSql(dialect)}\n\n-- The triggers that keep them exact.\n${triggersSql(dialect)}`);
