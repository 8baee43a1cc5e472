// Words for what the queue shows: states, waiting times, claim times, live changes.

import { stateLabel } from "~/models/cases/case-event-vocabulary";

export { stateLabel };

export const BAND_LABELS: Record<string, string> = { critical: "Critical", high: "High", medium: "Medium", low: "Low" };

export const SLA_LABELS: Record<string, string> = {
  "30m": "Waiting over 30 minutes",
  "1h": "Waiting over 1 hour",
  "4h": "Waiting over 4 hours",
  "24h": "Waiting over 24 hours",
};

/** How long a case has waited, e.g. "45 min", "3 h 10 min", "2 d 4 h". */
export function waited(fromIso: string, nowIso: string): string {
  const minutes = Math.max(0, Math.floor((Date.parse(nowIso) - Date.parse(fromIso)) / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days} d ${hours % 24} h` : `${days} d`;
}

/** A time of day in UTC, as the rest of Vigil shows times. */
export function clock(iso: string): string {
  return `${iso.slice(11, 16)} UTC`;
}

export type LiveCaseChange = { ref: string; action: string; by: string; state: string; escalation?: { tierLabel: string } };

const DONE: Record<string, string> = {
  "case.claim": "claimed",
  "case.assign": "assigned",
  "case.release": "released",
  "case.request_info": "put on hold for more information",
  "case.info_received": "answered by the reporter",
  "case.act": "actioned",
  "case.dismiss": "dismissed",
  "case.escalate": "escalated",
  "case.approve": "approved",
  "case.reject": "sent back for review",
  "case.reopen": "reopened",
  "case.close": "closed",
};

/** Escalation moves, which name the tier the case is with now. */
function describeEscalation(change: LiveCaseChange, tier: string): string {
  switch (change.action) {
    case "escalation.acknowledge":
      return `The escalation of case ${change.ref} was acknowledged by ${change.by}.`;
    case "escalation.climb":
      return `Case ${change.ref} was escalated to ${tier} by ${change.by}.`;
    case "escalation.hand_back":
      return `Case ${change.ref} was handed back to ${tier} by ${change.by}.`;
    case "escalation.resolve":
      return `The escalation of case ${change.ref} was resolved by ${change.by}.`;
    case "escalation.breach":
      return `Case ${change.ref} missed a deadline; it is now with ${tier}.`;
    default:
      return `The escalation of case ${change.ref} changed; it is now with ${tier}.`;
  }
}

/** What the live region says about someone else's change, e.g. "Case C-… was claimed by …". */
export function describeChange(change: LiveCaseChange): string {
  if (change.escalation) return describeEscalation(change, change.escalation.tierLabel);
  if (change.action === "case.claim_expired") return `The claim on case ${change.ref} expired; it is back in the queue.`;
  if (change.action === "case.created") return `New case ${change.ref} arrived.`;
  if (change.action === "case.report_added") return `Case ${change.ref} received another report.`;
  const done = DONE[change.action] ?? `changed (now ${stateLabel(change.state).toLowerCase()})`;
  return `Case ${change.ref} was ${done} by ${change.by}.`;
}
