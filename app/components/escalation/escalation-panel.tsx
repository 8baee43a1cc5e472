import { Form } from "@remix-run/react";
import { When } from "~/components/case/format";
import { CsrfInput } from "~/components/csrf-input";
import { TextareaField } from "~/components/form-field";
import type { EscalationView } from "~/models/escalation/escalation-commands.server";
import type { ClockReading, SlaState } from "~/models/cases/sla-state";
import { CLOCK_NAMES, SlaDeadline } from "./sla-reading";

// The case's escalation: SLA clocks, the tier it is on and who may act there, the path
// it took so far, and a form for each move the escalation machine allows the viewer now.

export type SlaFields = { now: string; isOpen: boolean; sla: SlaState };

const MOVE_LABELS: Record<string, string> = {
  start: "Escalated",
  acknowledge: "Acknowledged",
  climb: "Climbed",
  hand_back: "Handed back",
  breach: "Deadline missed",
  resolve: "Resolved",
};

const FORMS = {
  ACKNOWLEDGE: { label: "Acknowledge", note: "Note (optional)", required: false },
  CLIMB: { label: "Climb one tier", note: "Why it needs the next tier", required: true },
  HAND_BACK: { label: "Hand back one tier", note: "Handoff note for the tier below", required: true },
  RESOLVE: { label: "Resolve the escalation", note: "Handoff note: what was decided", required: true },
} as const;

/** One clock as the panel reads it; the words come from the same reading as the summary's. */
function ClockLine({ name, reading, done, now }: { name: string; reading: ClockReading; done: string; now: string }) {
  const due = reading.dueAt;
  switch (reading.state) {
    case "due":
      return (
        <li>
          {name}: due <When iso={due!} /> (<SlaDeadline dueAt={due!} now={now} label={`${name} due`} />)
        </li>
      );
    case "late":
      return (
        <li>
          {name}: <SlaDeadline dueAt={due!} now={now} label={`${name} due`} /> (was due <When iso={due!} />)
        </li>
      );
    case "paused":
      return <li>{name}: paused</li>;
    case "met":
      return <li>{name}: {done}</li>;
    default:
      return null;
  }
}

export function SlaClocks({ c }: { c: SlaFields }) {
  const { sla } = c;
  if (sla.firstResponse.state === "n/a" && sla.resolution.state === "n/a") return null;
  const firstResponse = sla.escalated && sla.tier ? `First response (acknowledgement by ${sla.tier.label})` : CLOCK_NAMES.first_response;
  return (
    <section aria-label="SLA clocks" className="sla-clocks">
      <h2>SLA</h2>
      {sla.pausedSince ? (
        <p className="notice">
          Paused while waiting for information since <When iso={sla.pausedSince} />.
        </p>
      ) : null}
      <ul>
        <ClockLine name={firstResponse} reading={sla.firstResponse} done={sla.escalated ? "acknowledged" : "answered"} now={c.now} />
        <ClockLine name={CLOCK_NAMES.resolution} reading={sla.resolution} done={c.isOpen ? "stopped: the escalation is resolved" : "resolved"} now={c.now} />
      </ul>
      {sla.tier && sla.topTier ? (
        <p className="hint">{sla.tier.label} is the top tier: a missed deadline is recorded and announced, and the case stays here.</p>
      ) : null}
      {sla.tier && sla.climbsTo ? <p className="hint">A missed deadline moves the case to {sla.climbsTo.label}.</p> : null}
    </section>
  );
}

export function EscalationPanel({ view, caseRef, message }: { view: EscalationView | null; caseRef: string; message?: string | null }) {
  if (!view) return null;
  return (
    <section aria-label="Escalation" className="escalation-panel">
      <h2>Escalation</h2>
      {message ? (
        <p role="status" className="notice">
          {message}
        </p>
      ) : null}
      <p>
        {view.state === "resolved" ? "Resolved at " : "On "}
        <strong>{view.tier.label}</strong>
        {view.state === "awaiting_ack" ? " — waiting for someone to acknowledge" : null}
        {view.state === "acknowledged" && view.acknowledgedBy ? ` — acknowledged by ${view.acknowledgedBy}` : null}
        <span className="hint"> (policy version {view.policyVersion})</span>
      </p>
      {view.state !== "resolved" ? <p className="hint">On this tier: {view.onTier.map((p) => p.name).join(", ") || "nobody"}</p> : null}
      <ol className="escalation-tiers" aria-label="Tiers">
        {view.tiers.map((t) => (
          <li key={t.key} aria-current={t.current ? "step" : undefined}>
            {t.current ? <strong>{t.label}</strong> : t.label}
          </li>
        ))}
      </ol>
      <h3>Path so far</h3>
      <ol className="escalation-path" aria-label="Escalation path">
        {view.path.map((s, i) => (
          <li key={i}>
            <When iso={s.at} /> {MOVE_LABELS[s.move] ?? s.move} → {s.tier} by {s.by}
            {s.note ? <>: “{s.note}”</> : null}
          </li>
        ))}
      </ol>
      {view.allowed.map((type) => (
        <Form key={type} method="post" action={`/cases/${caseRef}/escalation`} aria-label={FORMS[type].label} className="action-form">
          <CsrfInput />
          <input type="hidden" name="intent" value={type} />
          <input type="hidden" name="version" value={view.version} />
          <TextareaField label={FORMS[type].note} name="note" required={FORMS[type].required} maxLength={2000} rows={2} />
          <button type="submit">{FORMS[type].label}</button>
        </Form>
      ))}
    </section>
  );
}
