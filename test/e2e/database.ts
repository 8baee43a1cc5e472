import { createDb } from "~/utils/db.server";
import type { Db } from "~/utils/db.server";
import { E2E_DATABASE_FILE } from "./paths";

let db: Db | null = null;

/** A client on the end-to-end server's own database, opened on first use. */
export function e2eDb(): Db {
  db ??= createDb(`file:${E2E_DATABASE_FILE}`);
  return db;
}
