import type { CaseEventBody } from "~/models/cases/case-events.server";
import { applyCaseEvent } from "~/models/cases/case-events.server";
import { recordReport } from "~/models/intake/intake.server";
import { prisma } from "~/utils/db.server";
import type { Browser } from "../http";
import { getRequest, respond, routeArgs } from "../http";

// Cases for the queue tests, opened the way members open them: through the real intake.

export type OpenCase = { id: string; ref: string };

let subjects = 0;

export async function openCase(options: { ruleCode?: string; language?: string; createdAt?: Date } = {}): Promise<OpenCase> {
  const outcome = await recordReport(
    {
      source: "form",
      subject: { type: "content", id: `post-${++subjects}-${Date.now()}`, text: "buy cheap followers", language: options.language ?? "en" },
      ruleCode: options.ruleCode ?? "spam",
    },
    { actor: { kind: "member" } },
  );
  if (outcome.kind !== "accepted") throw new Error(`intake answered ${outcome.kind}`);
  const { caseId, caseRef } = outcome.body;
  // Backdating stands in for waiting: the queue's ages and SLA filters read createdAt.
  if (options.createdAt) await prisma.case.update({ where: { id: caseId }, data: { createdAt: options.createdAt } });
  return { id: caseId, ref: caseRef };
}

/** Sends one event as a demo user through the write path, failing the test unless applied. */
export async function act(caseId: string, email: string, event: CaseEventBody) {
  const user = await prisma.user.findUniqueOrThrow({ where: { email }, include: { roles: true } });
  const outcome = await applyCaseEvent({
    caseId,
    event,
    actor: { kind: "user", id: user.id, email: user.email, roles: user.roles.map((r) => r.role) },
  });
  if (outcome.status !== "applied") throw new Error(`${event.type} by ${email}: ${outcome.status} ${"message" in outcome ? outcome.message : ""}`);
  return outcome;
}

export type QueueJson = {
  cases: {
    id: string;
    ref: string;
    state: string;
    ruleCode: string;
    language: string | null;
    priority: number;
    band: string;
    reportCount: number;
    createdAt: string;
    claimExpiresAt: string | null;
    holder: { id: string; name: string } | null;
    viewers: { id: string; name: string }[];
    claimable: boolean;
    version: number;
  }[];
  next: string | null;
  counts: {
    total: number;
    state: Record<string, number>;
    rule: { value: string; count: number }[];
    language: { value: string; count: number }[];
    band: Record<string, number>;
    assignee: { mine: number; unassigned: number };
    sla: Record<string, number>;
  };
  filters: Record<string, string>;
  workers: { id: string; name: string; senior: boolean }[];
  viewer: { canWork: boolean };
};

type Loader = (args: ReturnType<typeof routeArgs>) => unknown;

/** GETs the queue as `browser` and parses the page's data. */
export async function queueAs(loader: Loader, browser: Browser, search = ""): Promise<QueueJson> {
  const res = await respond(() => loader(routeArgs(getRequest(`/queue${search}`, browser))));
  if (res.status !== 200) throw new Error(`GET /queue${search} answered ${res.status}`);
  return (await res.json()) as QueueJson;
}

export const refsOf = (data: QueueJson) => data.cases.map((c) => c.ref);
