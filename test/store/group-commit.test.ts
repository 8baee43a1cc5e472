import { beforeEach, describe, expect, it } from "vitest";
import { Prisma } from "~/generated/prisma/client";
import { inGroupCommit } from "~/models/workflow/group-commit.server";
import { prisma, storeConnection } from "~/utils/db.server";
import type { Tx } from "~/utils/db.server";
import { execute } from "~/utils/sqlite-lane.server";
import { logSyncsCompleted } from "~/utils/wal-sync.server";
import { resetDb } from "../db";

// SQLite's group commit (docs/decisions/0026): writes that arrive together share one
// transaction; each caller hears of its own write only, after the commit that holds it.
// Group commit is SQLite's: the PostgreSQL project leaves this file out (test/vitest.config.ts).

const bucket = (name: string) => `test:group:${name}`;

/** A lane write of one rate-limit row, as raw statements; `fail` throws after writing it. */
function write(name: string, fail = false) {
  return async (tx: Tx) => {
    await execute(tx, Prisma.sql`INSERT INTO "RateLimit" ("key", "count", "windowStart") VALUES (${bucket(name)}, 1, ${new Date()})`);
    if (fail) throw new Error(`write ${name} failed after its statement`);
    return name;
  };
}

async function written() {
  const rows = await prisma.rateLimit.findMany({ where: { key: { startsWith: bucket("") } }, orderBy: { key: "asc" } });
  return rows.map((r) => r.key.slice(bucket("").length));
}

describe("group commit on SQLite", () => {
  beforeEach(resetDb);

  it("answers every write of a group after one commit, each with its own result", async () => {
    const answers = await Promise.all(["a", "b", "c", "d"].map((name) => inGroupCommit(write(name), { lane: true })));
    expect(answers).toEqual(["a", "b", "c", "d"]);
    expect(await written()).toEqual(["a", "b", "c", "d"]);
  });

  it("rolls back a failed lane write alone: its caller hears its failure, the others are written", async () => {
    const results = await Promise.allSettled([
      inGroupCommit(write("a"), { lane: true }),
      inGroupCommit(write("b", true), { lane: true }),
      inGroupCommit(write("c"), { lane: true }),
      inGroupCommit(write("d", true), { lane: true }),
      inGroupCommit(write("e"), { lane: true }),
    ]);
    expect(results.map((r) => (r.status === "fulfilled" ? r.value : (r.reason as Error).message))).toEqual([
      "a",
      "write b failed after its statement",
      "c",
      "write d failed after its statement",
      "e",
    ]);
    // Nothing of the failed writes is kept, and each of the others exactly once.
    expect(await written()).toEqual(["a", "c", "e"]);
  });

  it("refuses every write of a group whose commit fails, and keeps none of them", async () => {
    // A foreign key checked only at the commit: the statements succeed, the COMMIT does not.
    const orphan = async (tx: Tx) => {
      await execute(tx, Prisma.sql`PRAGMA defer_foreign_keys = ON`);
      await execute(tx, Prisma.sql`INSERT INTO "UserRole" ("userId", "role") VALUES (${"nobody"}, ${"moderator"})`);
      return "orphan";
    };
    const results = await Promise.allSettled([
      inGroupCommit(write("a"), { lane: true }),
      inGroupCommit(orphan, { lane: true }),
      inGroupCommit(write("c"), { lane: true }),
    ]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected", "rejected"]);
    expect(results.map((r) => (r.status === "rejected" ? String(r.reason) : ""))).toEqual(Array(3).fill(expect.stringMatching(/FOREIGN KEY/)));
    expect(await written()).toEqual([]);
    expect(await prisma.userRole.count({ where: { userId: "nobody" } })).toBe(0);
    // The store takes the next group as usual.
    expect(await inGroupCommit(write("d"), { lane: true })).toBe("d");
    expect(await written()).toEqual(["d"]);
  });

  it("rolls back a failed client write alone in a group of client writes", async () => {
    const results = await Promise.allSettled([inGroupCommit(write("a")), inGroupCommit(write("b", true)), inGroupCommit(write("c"))]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(await written()).toEqual(["a", "c"]);
  });

  it("answers a lane write only after a sync of the log that began after its commit", async () => {
    const before = logSyncsCompleted();
    const first = inGroupCommit(write("a"), { lane: true }).then(() => logSyncsCompleted());
    const second = inGroupCommit(write("b"), { lane: true }).then(() => logSyncsCompleted());
    expect(await first).toBeGreaterThan(before);
    expect(await second).toBeGreaterThan(before);
    // A write of the next group waits for a sync of its own.
    const afterGroup = logSyncsCompleted();
    await inGroupCommit(write("c"), { lane: true });
    expect(logSyncsCompleted()).toBeGreaterThan(afterGroup);
    expect(await written()).toEqual(["a", "b", "c"]);
  });

  it("leaves the connection syncing every other commit as it commits", async () => {
    await Promise.all(["a", "b"].map((name) => inGroupCommit(write(name), { lane: true })));
    const kept = await storeConnection();
    if (kept.store !== "sqlite") throw new Error("expected SQLite");
    // 2 is FULL: the client's own commits still wait for the disk.
    expect(Number(kept.connection.pragma("synchronous", { simple: true }))).toBe(2);
  });
});
