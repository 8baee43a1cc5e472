import type { TriageEventType } from "@machines/triage";
import type { AuditEntry } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { actorWords } from "../accounts/actor";
import { EVENT_LABELS } from "./case-event-vocabulary";
import { tierChoices } from "../escalation/escalation-policy.server";

// The case page's timeline: the case's audit entries and its reports' arrivals, oldest
// first, each told in words ("Escalated to Crisis team", "by Demo platform (API key)"),
// never as the log's action names or ids.

export type TimelineEntry = {
  seq: number;
  at: string;
  who: string;
  role: string | null;
  what: string;
  reason: string | null;
  detail: string | null;
};

/** The timeline lists at most this many of the latest entries. */
export const TIMELINE_LIMIT = 500;

const ESCALATION_WORDS: Record<string, string> = {
  start: "Escalated",
  acknowledge: "Escalation acknowledged",
  climb: "Escalation climbed a tier",
  hand_back: "Escalation handed back a tier",
  breach: "Escalation deadline missed",
  resolve: "Escalation resolved",
};

function parseJson(text: string | null): Record<string, unknown> {
  if (!text) return {};
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const words = (value: unknown) => (typeof value === "string" ? value.replace(/_/g, " ") : null);
const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function describeEntry(entry: AuditEntry, tierLabels: Map<string, string>): { what: string; detail: string | null } {
  const before = parseJson(entry.before);
  const after = parseJson(entry.after);
  if (entry.action === "report.received") return { what: `Report ${String(after.ref ?? "")} received`.trim(), detail: typeof after.ruleCode === "string" ? `rule ${after.ruleCode}` : null };
  if (entry.action === "case.created") return { what: "Case opened", detail: typeof after.ruleCode === "string" ? `rule ${after.ruleCode}` : null };
  if (entry.action.startsWith("escalation.")) {
    const move = entry.action.slice("escalation.".length);
    const tier = typeof after.tier === "string" ? (tierLabels.get(after.tier) ?? words(after.tier)) : null;
    const clock = after.clock === "firstResponse" ? "first response" : after.clock === "resolution" ? "resolution" : null;
    const detail = [tier ? `now with ${tier}` : null, clock ? `${clock} deadline` : null].filter(Boolean).join(", ");
    return { what: ESCALATION_WORDS[move] ?? capitalised(`escalation ${words(move)}`), detail: detail || null };
  }
  const type = entry.action.replace(/^case\./, "").toUpperCase();
  // An action this page has no words for yet still reads as words, not as "case.some_thing".
  const label = type in EVENT_LABELS ? EVENT_LABELS[type as TriageEventType] : (words(entry.action.replace(/\./g, " ")) ?? entry.action);
  const parts: string[] = [];
  if (typeof after.action === "string") parts.push(after.action.replace(/_/g, " "));
  if (typeof after.ruleCode === "string" && type === "ACT") parts.push(`rule ${after.ruleCode}`);
  const from = words(before.state);
  const to = words(after.state);
  if (from && to && from !== to) parts.push(`${from} → ${to}`);
  return { what: capitalised(label), detail: parts.join(", ") || null };
}

/** The case's audit entries and its reports' arrivals, oldest first (the latest TIMELINE_LIMIT). */
export async function caseTimeline(caseId: string, reportIds: string[]) {
  const where = { OR: [{ subjectType: "Case", subjectId: caseId }, { subjectType: "Report", subjectId: { in: reportIds } }] };
  const [latest, total] = await Promise.all([
    prisma.auditEntry.findMany({ where, orderBy: { seq: "desc" }, take: TIMELINE_LIMIT }),
    prisma.auditEntry.count({ where }),
  ]);
  const entries = latest.reverse();
  const userIds = [...new Set(entries.flatMap((e) => (e.actorId ? [e.actorId] : [])))];
  const [users, tiers] = await Promise.all([
    userIds.length ? prisma.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } }) : [],
    entries.some((e) => e.action.startsWith("escalation.")) ? tierChoices() : [],
  ]);
  const names = new Map(users.map((u) => [u.id, u.name]));
  const tierLabels = new Map(tiers.map((t) => [t.key, t.label]));
  return {
    total,
    entries: entries.map((e): TimelineEntry => {
      const name = e.actorId ? names.get(e.actorId) : undefined;
      return {
        seq: e.seq,
        at: e.at.toISOString(),
        who: name ? `${name} (${e.actorLabel})` : actorWords(e.actorLabel),
        // Intake, keys and timers act as what they are; only people act in a role.
        role: e.actorId && e.role !== "api-key" ? e.role : null,
        reason: e.reason,
        ...describeEntry(e, tierLabels),
      };
    }),
  };
}
