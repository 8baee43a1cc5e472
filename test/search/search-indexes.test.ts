import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PrismaClient } from "~/generated/prisma/client";
import { PrismaClient as PostgresClient } from "~/generated/prisma-pg/client";
import { caseRefOfReport, findCases } from "~/models/cases/case-search.server";
import { recordReport } from "~/models/intake/intake.server";
import { isSqlite, prisma, sqlitePath } from "~/utils/db.server";
import { resetDb } from "../db";
import { seedDemo } from "../factories/demo";

// The test for the kind "a search that scans": every statement the search runs, for every
// kind of query, is planned by the store itself and must find its rows through an index
// (SQLite: SEARCH, never SCAN; PostgreSQL, with sequential scans disabled: no Seq Scan and
// no index scan without an index condition). The queue holds a million cases; a scan there
// takes seconds (bench/transition.ts).

type Logged = { query: string; params: string };
const logged: Logged[] = [];
let logging: PrismaClient;
let original: PrismaClient | undefined;

function loggingClient(url: string): PrismaClient {
  const log = [{ emit: "event" as const, level: "query" as const }];
  const client = isSqlite()
    ? new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: sqlitePath(url) }), log })
    : (new PostgresClient({ adapter: new PrismaPg({ connectionString: url, options: "-c TimeZone=UTC" }), log }) as unknown as PrismaClient);
  const events = client as unknown as { $on(event: "query", listener: (e: Logged) => void): void };
  events.$on("query", (e) => logged.push({ query: e.query, params: e.params }));
  return client;
}

const literal = (value: unknown) => (value === null ? "NULL" : `'${String(value).replaceAll("'", "''")}'`);

/** The scans of Case or Report in the store's plan for one logged statement. */
async function scansIn({ query, params }: Logged): Promise<string[]> {
  const values = JSON.parse(params) as unknown[];
  if (isSqlite()) {
    const plan = await prisma.$queryRawUnsafe<{ detail: string }[]>(`EXPLAIN QUERY PLAN ${query}`, ...values);
    return plan.map((row) => row.detail).filter((detail) => /^SCAN (`?main`?\.)?`?(Case|Report)`?\b/.test(detail));
  }
  return prisma.$transaction(async (tx) => {
    await tx.$executeRawUnsafe("SET LOCAL enable_seqscan = off");
    await tx.$executeRawUnsafe(`PREPARE search_plan AS ${query}`);
    const execute = values.length ? `EXECUTE search_plan(${values.map(literal).join(", ")})` : "EXECUTE search_plan";
    const [row] = await tx.$queryRawUnsafe<{ "QUERY PLAN": unknown }[]>(`EXPLAIN (FORMAT JSON) ${execute}`);
    await tx.$executeRawUnsafe("DEALLOCATE search_plan");
    const scans: string[] = [];
    const walk = (node: Record<string, unknown>) => {
      const relation = node["Relation Name"];
      const type = String(node["Node Type"]);
      if ((relation === "Case" || relation === "Report") && (type === "Seq Scan" || (type.startsWith("Index") && !node["Index Cond"]))) {
        scans.push(`${type} on ${relation}`);
      }
      for (const child of (node.Plans as Record<string, unknown>[] | undefined) ?? []) walk(child);
    };
    const plan = (typeof row["QUERY PLAN"] === "string" ? JSON.parse(row["QUERY PLAN"]) : row["QUERY PLAN"]) as { Plan: Record<string, unknown> }[];
    walk(plan[0].Plan);
    return scans;
  });
}

describe("the search's statements", () => {
  beforeAll(async () => {
    await resetDb();
    await seedDemo();
    original = globalThis.__vigilPrisma;
    logging = loggingClient(process.env.DATABASE_URL ?? "");
  });
  afterAll(async () => {
    globalThis.__vigilPrisma = original;
    await logging.$disconnect();
  });

  it("find their rows through indexes, for every kind of query", async () => {
    const outcome = await recordReport(
      { source: "form", subject: { type: "content", id: "https://community.example/p/1", url: "https://community.example/p/1", authorHandle: "@alice", text: "hello" }, ruleCode: "respect" },
      { actor: { kind: "member" } },
    );
    if (outcome.kind !== "accepted") throw new Error(outcome.kind);
    const queries = [outcome.body.caseRef, outcome.body.reportRef, "https://community.example/p/1", "t3_9xk2p", "@alice", "Alice", "no such thing at all"];

    globalThis.__vigilPrisma = logging;
    try {
      for (const q of queries) expect((await findCases(q, { roles: ["moderator"] })).hits.length, q).toBeLessThanOrEqual(1);
      await caseRefOfReport(outcome.body.reportRef);
    } finally {
      globalThis.__vigilPrisma = original;
    }

    const statements = logged.filter((l) => /^\s*SELECT/i.test(l.query) && /\b(Case|Report)\b/.test(l.query));
    expect(statements.length).toBeGreaterThanOrEqual(queries.length);
    for (const statement of statements) expect(await scansIn(statement), statement.query).toEqual([]);
  });
});
