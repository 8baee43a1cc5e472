import fs from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "~/generated/prisma/client";

export type Db = PrismaClient;
/** The client handed to callbacks of `prisma.$transaction(async (tx) => ...)`. */
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

export function sqlitePath(url: string): string {
  return url.replace(/^file:/, "");
}

/** Opens a client for a database URL. */
export function createDb(url: string): PrismaClient {
  const file = sqlitePath(url);
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  // A writer waits up to 10 s for another process's lock instead of failing at once.
  const adapter = new PrismaBetterSQLite3({ url: file, timeout: 10_000 });
  return new PrismaClient({ adapter });
}

declare global {
  var __vigilPrisma: PrismaClient | undefined;
}

/**
 * The process-wide client, opened on first use from DATABASE_URL (tests point it at
 * their own file first). WAL mode is set once on the file by `scripts/setup.mjs`.
 */
export const prisma: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, prop) {
    globalThis.__vigilPrisma ??= createDb(process.env.DATABASE_URL ?? "file:./data/vigil.db");
    const value = Reflect.get(globalThis.__vigilPrisma, prop);
    return typeof value === "function" ? value.bind(globalThis.__vigilPrisma) : value;
  },
});
