import { SelectField } from "~/components/form-field";
import type { QueueCase, QueueData } from "~/components/queue/types";
import { Countdown } from "~/components/case/countdown";

// The queue's escalation columns and filters: the nearest SLA deadline as a countdown, the
// tier a case is on, and filters for "escalated to me", tier and deadlines.

/** The deadline that runs out first: first response until answered, then resolution. */
export function nextDeadline(c: Pick<QueueCase, "firstResponseDueAt" | "firstRespondedAt" | "resolutionDueAt" | "escalation">) {
  const awaitingAck = c.escalation?.state === "awaiting_ack";
  const due = [!c.firstRespondedAt || awaitingAck ? c.firstResponseDueAt : null, c.resolutionDueAt].filter((d): d is string => d !== null);
  return due.sort()[0] ?? null;
}

export function SlaCell({ c, now }: { c: QueueCase; now: string }) {
  const due = nextDeadline(c);
  const tier = c.escalation && c.escalation.state !== "resolved" ? c.escalation.tierKey.replace(/_/g, " ") : null;
  return (
    <>
      {tier ? <span className="badge tier">{tier}</span> : null}{" "}
      {c.slaPausedAt ? <span className="hint">SLA paused</span> : due ? <Countdown until={due} now={now} label={`${c.ref} SLA`} /> : null}
    </>
  );
}

export function EscalationFilters({ filters, tiers }: Pick<QueueData, "filters" | "tiers">) {
  // A tier in the address that no version names any more still shows as chosen.
  const choices = filters.tier && !tiers.some((t) => t.key === filters.tier) ? [...tiers, { key: filters.tier, label: filters.tier }] : tiers;
  return (
    <>
      <SelectField label="Escalated" name="escalated" defaultValue={filters.escalated ?? ""}>
        <option value="">Any case</option>
        <option value="me">Escalated to me</option>
      </SelectField>
      <SelectField label="Tier" name="tier" defaultValue={filters.tier ?? ""}>
        <option value="">Any tier</option>
        {choices.map((t) => (
          <option key={t.key} value={t.key}>
            {t.label}
          </option>
        ))}
      </SelectField>
      <SelectField label="SLA" name="due" defaultValue={filters.due ?? ""}>
        <option value="">Any deadline</option>
        <option value="soon">Due within 30 min</option>
        <option value="breached">Deadline missed</option>
      </SelectField>
    </>
  );
}
