import { Prisma } from "~/generated/prisma/client";
import type { Tx } from "~/utils/db.server";
import { prisma } from "~/utils/db.server";
import { env } from "~/utils/env.server";
import { execute } from "~/utils/sqlite-lane.server";
import { appendAudit } from "../audit/audit.server";
import type { Timer } from "../workflow/timers.server";
import { settleTimer } from "../workflow/timers.server";
import { withWriteRetry } from "../workflow/write-retry.server";
import type { Candidate, MonitorConfig, ReportFacts } from "./early-warning";
import { proposals, signalWords, spikes } from "./early-warning";
import { accountHolders, noticeTo } from "./crisis-pages.server";

// The early-warning monitor: a background job that one instance runs at a time. Its turn is
// a timer row (kind `crisis_monitor`) with an id of its own time slot, so every instance
// schedules the same row and the scheduler's lease gives it to one; the turn settles its
// row, schedules the next slot's and files its proposals in one transaction.

export const MONITOR_TIMER = "crisis_monitor";
const DAY_MS = 86_400_000;

export function monitorConfig(): MonitorConfig {
  const e = env();
  return { windowsMinutes: [10, 60], baselineDays: 7, minReports: e.CRISIS_MONITOR_MIN_REPORTS, factor: e.CRISIS_MONITOR_FACTOR, coolDownMs: e.CRISIS_MONITOR_COOLDOWN_HOURS * 3_600_000 };
}

/** Schedules the monitor's turn for the slot after `now`; instances asking for the same slot make one row. */
export async function scheduleMonitor(tx: Tx, now: Date, everyMinutes = env().CRISIS_MONITOR_MINUTES): Promise<void> {
  if (everyMinutes <= 0) return;
  const slotMs = everyMinutes * 60_000;
  const dueAt = new Date((Math.floor(now.getTime() / slotMs) + 1) * slotMs);
  const id = `crisis-monitor:${dueAt.toISOString()}`;
  await execute(
    tx,
    Prisma.sql`INSERT INTO "Timer" ("id", "subjectType", "subjectId", "caseId", "kind", "event", "dueAt", "status", "attempts", "createdAt")
    VALUES (${id}, 'crisis', 'monitor', NULL, ${MONITOR_TIMER}, ${JSON.stringify({ type: "MONITOR" })}, ${dueAt}, 'pending', 0, ${now}) ON CONFLICT ("id") DO NOTHING`,
  );
}

type Reader = Pick<Tx, "report">;

async function reportsBetween(db: Reader, from: Date, to: Date): Promise<ReportFacts[]> {
  return db.report.findMany({ where: { receivedAt: { gte: from, lt: to } }, select: { id: true, caseId: true, ruleCode: true, language: true, authorHandle: true } });
}

/** The signals far above their baseline in the windows ending `now`: reads only. */
export async function findSpikes(db: Reader, now: Date, config: MonitorConfig = monitorConfig()): Promise<Candidate[]> {
  const candidates: Candidate[] = [];
  for (const minutes of config.windowsMinutes) {
    const w = minutes * 60_000;
    const current = await reportsBetween(db, new Date(now.getTime() - w), now);
    if (current.length < config.minReports) continue;
    const past: ReportFacts[][] = [];
    for (let day = 1; day <= config.baselineDays; day++) past.push(await reportsBetween(db, new Date(now.getTime() - day * DAY_MS - w), new Date(now.getTime() - day * DAY_MS)));
    candidates.push(...spikes(minutes, current, past, config));
  }
  return candidates;
}

/** Files a proposal for each spike not cooling down, nor mostly the same reports as another; returns them. */
export async function fileSpikes(tx: Tx, candidates: Candidate[], now: Date, config: MonitorConfig = monitorConfig()): Promise<Candidate[]> {
  if (candidates.length === 0) return [];
  const recent = await tx.crisisProposal.findMany({ where: { createdAt: { gt: new Date(now.getTime() - config.coolDownMs) } }, select: { signal: true } });
  const cooling = new Set(recent.map((p) => p.signal));
  const chosen = proposals(candidates, (signal) => cooling.has(signal));
  for (const c of chosen) await fileProposal(tx, c, now);
  return chosen;
}

/** Looks at the windows ending `now` and files a proposal for each new spike; returns them. */
export async function watchReports(tx: Tx, now: Date, config: MonitorConfig = monitorConfig()): Promise<Candidate[]> {
  return fileSpikes(tx, await findSpikes(tx, now, config), now, config);
}

async function fileProposal(tx: Tx, c: Candidate, now: Date) {
  const proposal = await tx.crisisProposal.create({
    data: { signal: c.signal, windowMinutes: c.windowMinutes, count: c.count, baseline: c.baseline, caseIds: JSON.stringify(c.caseIds.slice(0, 50)), createdAt: now },
  });
  await appendAudit(tx, {
    actor: { kind: "system", name: "early-warning" },
    action: "crisis_proposal.file",
    subjectType: "CrisisProposal",
    subjectId: proposal.id,
    after: { signal: c.signal, windowMinutes: c.windowMinutes, count: c.count, baseline: Math.round(c.baseline * 100) / 100, cases: c.caseIds.length },
    at: now,
  });
  const people = [...(await accountHolders(tx, "crisis_commander")), ...(await accountHolders(tx, "trust_safety_lead"))];
  const title = `Possible crisis: ${c.count} ${signalWords(c.signal)} in ${c.windowMinutes} minutes (usually ${Math.round(c.baseline * 10) / 10})`;
  await noticeTo(tx, people, { kind: "crisis_proposal", subjectType: "crisis_proposal", crisisRef: null, title, body: "Accept it to declare a crisis with its cases linked, or dismiss it with a reason.", at: now });
}

/** The monitor's turn, fired by the scheduler: one instance, one look, the next turn scheduled. */
export async function fireMonitor(timer: Timer, now: Date): Promise<void> {
  // The windows are read before the write transaction: in a raid they hold tens of thousands
  // of reports, and on SQLite the transaction holds the one writer's turn that intake waits for.
  const candidates = await findSpikes(prisma, now);
  await withWriteRetry(async (tx) => {
    await settleTimer(tx, timer, "fired", now);
    await scheduleMonitor(tx, now);
    await fileSpikes(tx, candidates, now);
  });
}

/** Schedules the monitor's next turn, if it has none pending (each server does this as it starts). */
export async function startEarlyWarning(now = new Date()): Promise<void> {
  await withWriteRetry((tx) => scheduleMonitor(tx, now));
}
