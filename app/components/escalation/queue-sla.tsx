import { SelectField } from "~/components/form-field";
import type { QueueCase, QueueData } from "~/components/queue/types";
import { CLOCK_NAMES, SlaDeadline } from "./sla-reading";

// The queue's escalation columns and filters: the tier a case is on and its nearest SLA
// deadline (from the same reading as the case page), and filters for "escalated to me",
// tier and deadlines.

/** The SLA piece of a queue row: the tier, then the deadline that runs out first, labelled. */
export function SlaCell({ c, now }: { c: QueueCase; now: string }) {
  const { sla } = c;
  const next = sla.nextDeadline;
  return (
    <div className="queue-sla">
      {sla.escalated && sla.tier ? <span className="badge tier">{sla.tier.label}</span> : null}{" "}
      {next ? (
        <>
          {CLOCK_NAMES[next.clock]}: <SlaDeadline dueAt={next.dueAt} now={now} label={`${c.ref} ${CLOCK_NAMES[next.clock].toLowerCase()}`} />
        </>
      ) : sla.pausedSince ? (
        <span className="hint">SLA paused</span>
      ) : null}
    </div>
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
