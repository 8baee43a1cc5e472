import crypto from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "~/models/audit/audit-verify.server";
import { createDb } from "~/utils/db.server";
import { databaseUrl } from "../setup/postgres";
import type { Instance, Session } from "./instances";
import { DEMO_API_KEY, buildIfStale, postForm, reportBody, setupDatabase, signIn, startInstance } from "./instances";

// Three real server processes on one PostgreSQL database, driven at once over HTTP:
// intake spread across them, moderators racing to claim the same cases, dismissals,
// claims left to expire so that every instance's scheduler competes for the timers,
// a live update crossing instances, and an instance killed while it holds timer leases.
// Registered only on PostgreSQL (the sqlite project excludes this file).

const admin = process.env.TEST_POSTGRES_URL;
const CLAIM_TTL_MINUTES = 0.1; // 6 s
const MODERATORS = ["moderator@example.com", "senior@example.com", "lead@example.com"];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

if (process.env.VIGIL_TEST_STORE === "postgresql" && admin) {
  describe("three instances on one PostgreSQL", () => {
    const name = `${process.env.VIGIL_TEST_PG_RUN ?? `vigil_test_adhoc_${process.pid}`}_instances_${crypto.randomBytes(2).toString("hex")}`;
    const url = databaseUrl(admin, name);
    const instances: Instance[] = [];
    let sql: pg.Client;

    beforeAll(async () => {
      buildIfStale();
      setupDatabase(url);
      const env = { SCHEDULER_POLL_MS: "200", CLAIM_TTL_MINUTES: String(CLAIM_TTL_MINUTES) };
      instances.push(...(await Promise.all(["a", "b", "c"].map((n) => startInstance(n, url, env)))));
      sql = new pg.Client({ connectionString: url });
      await sql.connect();
    }, 120_000);

    afterAll(async () => {
      await Promise.all(instances.map((i) => i.stop()));
      await sql?.end().catch(() => {});
      const client = new pg.Client({ connectionString: admin });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    }, 30_000);

    it("stay correct under concurrent intake, claims, acts and timers", async () => {
      const [a, b, c] = instances;
      const sessions: { who: string; session: Session }[] = [];
      for (const who of MODERATORS) sessions.push({ who, session: await signIn(instances[sessions.length % 3].base, who) });

      // A live update made through B reaches a queue stream opened on A.
      const stream = await fetch(`${a.base}/queue/events`, { headers: { cookie: sessions[0].session.cookie } });
      expect(stream.status).toBe(200);
      const reader = stream.body!.getReader();
      let seen = "";
      const reading = (async () => {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          seen += new TextDecoder().decode(value);
        }
      })().catch(() => {});

      // Intake: 90 reports, 30 through each instance, 12 at a time.
      const accepted: { reportId: string; caseId: string; caseRef: string }[] = [];
      const bodies = Array.from({ length: 90 }, (_, i) => reportBody(i, "instances"));
      for (let i = 0; i < bodies.length; i += 12) {
        const answers = await Promise.all(
          bodies.slice(i, i + 12).map((body, j) =>
            fetch(`${instances[(i + j) % 3].base}/api/v1/reports`, {
              method: "POST",
              headers: { authorization: `Bearer ${DEMO_API_KEY}`, "content-type": "application/json" },
              body: JSON.stringify(body),
            }),
          ),
        );
        for (const answer of answers) {
          expect(answer.status).toBe(201);
          accepted.push(await answer.json());
        }
      }
      const caseIds = [...new Set(accepted.map((r) => r.caseId))];
      expect(caseIds.length).toBeGreaterThanOrEqual(30);

      // Every moderator, through two instances each, claims the same 20 cases at once.
      const targets = caseIds.slice(0, 20);
      const claimsStarted = Date.now();
      const claimAnswers = await Promise.all(
        targets.flatMap((caseId) =>
          sessions.flatMap(({ session }, m) =>
            [0, 1].map(async (k) => {
              const via = instances[(m + k) % 3];
              const r = await postForm(via.base, "/queue", session, { intent: "claim", caseId });
              return { caseId, m, status: r.status, body: (await r.json()) as { status: string } };
            }),
          ),
        ),
      );
      for (const r of claimAnswers) expect([200, 409]).toContain(r.status);
      const winners = new Map<string, Set<number>>();
      for (const r of claimAnswers.filter((x) => x.body.status === "applied")) {
        winners.set(r.caseId, (winners.get(r.caseId) ?? new Set()).add(r.m));
      }
      // Exactly one moderator holds each case (the holder's second request renews).
      for (const caseId of targets) expect(winners.get(caseId)?.size).toBe(1);

      console.log(`instances: ${claimAnswers.length} claim requests in ${Date.now() - claimsStarted} ms`);
      // The holders dismiss ten cases, through instance B.
      const holders = await sql.query<{ id: string; ref: string; version: number; assigneeId: string; email: string }>(
        `SELECT c."id", c."ref", c."version", c."assigneeId", u."email" FROM "Case" c JOIN "User" u ON u."id" = c."assigneeId" WHERE c."id" = ANY($1)`,
        [targets],
      );
      // Unless the race itself outlasted the claim's 6 s, every case is still held.
      if (Date.now() - claimsStarted < 5_000) expect(holders.rows.length).toBe(20);
      expect(holders.rows.length).toBeGreaterThanOrEqual(10);
      const held = holders.rows.slice(0, 10);
      // On a loaded machine the race can outlast the claim's 6 s: the holders claim again first
      // (a renewal, or a fresh claim of a case whose claim just ran out), so the dismissals meet live claims.
      await Promise.all(
        held.map(async (row) => {
          const session = sessions.find((s) => s.who === row.email)!.session;
          const r = await postForm(c.base, "/queue", session, { intent: "claim", caseId: row.id });
          expect(r.status).toBe(200);
        }),
      );
      const renewed = await sql.query<{ ref: string; version: number }>(`SELECT "ref", "version" FROM "Case" WHERE "id" = ANY($1)`, [held.map((r) => r.id)]);
      const toDismiss = held.map((row) => ({ ...row, version: renewed.rows.find((r) => r.ref === row.ref)!.version }));
      await Promise.all(
        toDismiss.map(async (row) => {
          const session = sessions.find((s) => s.who === row.email)!.session;
          const r = await postForm(b.base, `/cases/${row.ref}`, session, {
            intent: "DISMISS",
            version: String(row.version),
            reason: "No breach of the rules",
          });
          // Single fetch answers an action's redirect with 202 and where to go.
          expect(r.status).toBe(202);
        }),
      );
      const arrived = (row: { ref: string }) => seen.includes(`"ref":"${row.ref}","state":"dismissed"`);
      for (let waited = 0; waited < 5_000 && !toDismiss.every(arrived); waited += 100) await sleep(100);
      expect(toDismiss.filter((row) => !arrived(row)).map((row) => row.ref)).toEqual([]);
      await reader.cancel().catch(() => {});
      await reading;

      // The other claims expire (6 s) and all three schedulers compete for them.
      const deadline = Date.now() + 20_000;
      for (;;) {
        const { rows } = await sql.query<{ n: string }>(`SELECT count(*) AS n FROM "Case" WHERE "id" = ANY($1) AND "assigneeId" IS NOT NULL`, [targets]);
        if (Number(rows[0].n) === 0) break;
        if (Date.now() > deadline) throw new Error(`${rows[0].n} claims did not expire`);
        await sleep(250);
      }

      // Every accepted report is stored.
      const stored = await sql.query<{ id: string }>(`SELECT "id" FROM "Report" WHERE "id" = ANY($1)`, [accepted.map((r) => r.reportId)]);
      expect(stored.rows.length).toBe(accepted.length);
      await expectConsistent(sql, url);
      // The survivors are still serving.
      for (const i of [a, b, c]) expect((await fetch(`${i.base}/healthz`)).status).toBe(200);
    }, 60_000);

    it("run a crisis across them: one commander of two at once, a deadline fired once by three schedulers, each page written once", async () => {
      const [a, b, c] = instances;
      const responder = await signIn(a.base, "responder@example.com");
      const declared = await postForm(a.base, "/crises/new", responder, { type: "safety_threat", severity: "SEV1", title: "A member's threat to end their life", known: "", playbook: "" });
      expect(declared.status).toBe(202);
      const { rows: crises } = await sql.query<{ id: string; ref: string; version: number }>(`SELECT "id", "ref", "version" FROM "Crisis" ORDER BY "declaredAt" DESC LIMIT 1`);
      const crisis = crises[0];

      const [commander, lead] = await Promise.all([signIn(b.base, "commander@example.com"), signIn(c.base, "lead@example.com")]);
      const takes = await Promise.all([
        postForm(b.base, `/crises/${crisis.ref}`, commander, { intent: "take-command", version: String(crisis.version), note: "" }),
        postForm(c.base, `/crises/${crisis.ref}`, lead, { intent: "take-command", version: String(crisis.version), note: "" }),
      ]);
      expect(takes.map((t) => t.status).sort()).toEqual([202, 409]);
      const { rows: commanders } = await sql.query(`SELECT "userId" FROM "CrisisRole" WHERE "crisisId" = $1 AND "role" = 'commander'`, [crisis.id]);
      expect(commanders).toHaveLength(1);

      // The first step's deadline falls due now; all three schedulers compete for it.
      await sql.query(`UPDATE "Timer" SET "dueAt" = now() - interval '1 second' WHERE "subjectType" = 'crisis' AND "subjectId" = $1 AND "kind" = 'crisis_step' AND "status" = 'pending'`, [crisis.id]);
      const deadline = Date.now() + 15_000;
      for (;;) {
        const { rows } = await sql.query<{ n: string }>(`SELECT count(*) AS n FROM "Timer" WHERE "subjectId" = $1 AND "kind" = 'crisis_step' AND "status" = 'fired'`, [crisis.id]);
        if (Number(rows[0].n) === 1) break;
        if (Date.now() > deadline) throw new Error("the crisis deadline did not fire");
        await sleep(200);
      }
      const { rows: pages } = await sql.query<{ email: string; n: string }>(
        `SELECT u."email", count(*) AS n FROM "Notification" n JOIN "User" u ON u."id" = n."userId" WHERE n."subjectRef" = $1 AND n."kind" = 'crisis_paged' AND n."title" LIKE '%is overdue%' GROUP BY u."email" ORDER BY u."email"`,
        [crisis.ref],
      );
      expect(pages.map((p) => [p.email, Number(p.n)])).toEqual([["admin@example.com", 1], ["senior@example.com", 1]]);
      const { rows: fired } = await sql.query<{ n: string }>(`SELECT count(*) AS n FROM "AuditEntry" WHERE "subjectId" = $1 AND "action" = 'crisis.timer'`, [crisis.id]);
      expect(Number(fired[0].n)).toBe(1);
    }, 60_000);

    it("take over the timer leases of an instance that was killed", async () => {
      const [a, , c] = instances;
      const session = await signIn(a.base, "moderator@example.com");
      // The cases touched last: those whose claims the first test let expire are among them,
      // so the takeover is checked on cases with a history, every run.
      const { rows: open } = await sql.query<{ id: string }>(`SELECT "id" FROM "Case" WHERE "state" = 'new' AND "assigneeId" IS NULL ORDER BY "updatedAt" DESC LIMIT 8`);
      expect(open.length).toBe(8);
      for (const { id } of open) {
        const r = await postForm(a.base, "/queue", session, { intent: "claim", caseId: id });
        expect(((await r.json()) as { status: string }).status).toBe("applied");
      }
      // C dies holding the leases of these claims' timers: its scheduler had taken them
      // (what leaseDueTimers writes) and was killed before firing them.
      const dead = `scheduler:${c.proc.pid}:killed`;
      await c.stop("SIGKILL");
      const ids = open.map((r) => r.id);
      const leased = await sql.query<{ id: string }>(
        `UPDATE "Timer" SET "lockedBy" = $2, "lockedUntil" = now() AT TIME ZONE 'UTC' + interval '4 seconds', "attempts" = "attempts" + 1
         WHERE "caseId" = ANY($1) AND "status" = 'pending' AND "event" LIKE '%CLAIM_EXPIRED%' RETURNING "id"`,
        [ids, dead],
      );
      expect(leased.rowCount).toBe(8);

      const deadline = Date.now() + 20_000;
      for (;;) {
        const { rows } = await sql.query<{ n: string }>(`SELECT count(*) AS n FROM "Case" WHERE "id" = ANY($1) AND "assigneeId" IS NOT NULL`, [ids]);
        if (Number(rows[0].n) === 0) break;
        if (Date.now() > deadline) throw new Error(`${rows[0].n} timers were not taken over`);
        await sleep(250);
      }
      // Only the timers the dead instance held: a case an earlier test claimed and let expire
      // has its own fired timer from then, which says nothing about this takeover.
      const timers = await sql.query<{ status: string; lockedBy: string; attempts: number }>(
        `SELECT "status", "lockedBy", "attempts" FROM "Timer" WHERE "id" = ANY($1)`,
        [leased.rows.map((t) => t.id)],
      );
      expect(timers.rows.length).toBe(8);
      for (const t of timers.rows) {
        expect(t.status).toBe("fired");
        expect(t.lockedBy).not.toBe(dead);
        expect(t.attempts).toBeGreaterThanOrEqual(2);
      }
      await expectConsistent(sql, url);
    }, 40_000);
  });
}

/** No double claims, no timer fired twice, an unbroken audit chain. */
async function expectConsistent(sql: pg.Client, url: string) {
  // Replays each case's audit trail: a claim is only ever applied to a free case or by its holder.
  const { rows } = await sql.query<{ subjectId: string; action: string; actorId: string | null; before: string | null; after: string | null }>(
    `SELECT "subjectId", "action", "actorId", "before", "after" FROM "AuditEntry" WHERE "subjectType" = 'case' ORDER BY "seq"`,
  );
  const holder = new Map<string, string | null>();
  for (const row of rows) {
    const before = row.before ? (JSON.parse(row.before) as { assigneeId?: string | null }) : {};
    const after = row.after ? (JSON.parse(row.after) as { assigneeId?: string | null }) : {};
    if (holder.has(row.subjectId) && "assigneeId" in before) expect(before.assigneeId, `${row.action} on ${row.subjectId}`).toBe(holder.get(row.subjectId));
    if (row.action === "case.claim") {
      expect([null, undefined, row.actorId]).toContain(before.assigneeId);
      expect(after.assigneeId).toBe(row.actorId);
    }
    if ("assigneeId" in after) holder.set(row.subjectId, after.assigneeId ?? null);
  }
  // Each fired claim-expiry timer wrote one claim_expired entry; none wrote two.
  const expired = await sql.query<{ n: string }>(`SELECT count(*) AS n FROM "AuditEntry" WHERE "action" = 'case.claim_expired'`);
  const fired = await sql.query<{ n: string }>(`SELECT count(*) AS n FROM "Timer" WHERE "status" = 'fired' AND "event" LIKE '%CLAIM_EXPIRED%'`);
  expect(Number(expired.rows[0].n)).toBe(Number(fired.rows[0].n));
  expect(Number(fired.rows[0].n)).toBeGreaterThan(0);
  const perCase = await sql.query(
    `SELECT "subjectId", "after" FROM "AuditEntry" WHERE "action" = 'case.claim_expired' GROUP BY "subjectId", "after" HAVING count(*) > 1`,
  );
  expect(perCase.rows).toEqual([]);

  const db = createDb(url);
  try {
    const check = await verifyAuditChain(db);
    expect(check).toMatchObject({ ok: true });
  } finally {
    await db.$disconnect();
  }
}
