import type { SlaClock } from "@machines/escalation";
import { durationText, useServerClock } from "~/components/case/countdown";
import { When } from "~/components/case/format";
import type { SlaState } from "~/models/cases/sla-state";
import { runningClockState } from "~/models/cases/sla-state";

// How every page writes a case's SLA reading (models/cases/sla-state.ts): the case summary, the
// SLA panel and the queue use these pieces, so they cannot say different things. A late
// deadline has a colour, an icon and the word "Late", so it reads in greyscale too.

export const CLOCK_NAMES: Record<SlaClock, string> = { first_response: "First response", resolution: "Resolution" };

export function LateMark() {
  return (
    <strong className="sla-late">
      <span aria-hidden="true">⚠ </span>Late
    </strong>
  );
}

/**
 * A running deadline: time left, ticking; from the deadline on (also while the page stays
 * open) it is late, by how much. `label` names the clock for screen readers.
 */
export function SlaDeadline({ dueAt, now, label }: { dueAt: string; now: string; label: string }) {
  const current = useServerClock(now);
  const left = Date.parse(dueAt) - current;
  if (runningClockState(dueAt, new Date(current)) === "late") {
    return (
      <span role="timer" aria-label={`${label}: late by ${durationText(-left)}`}>
        <LateMark /> by {durationText(-left)}
      </span>
    );
  }
  return (
    <span role="timer" aria-label={`${label}: ${durationText(left)} left`} className={left <= 5 * 60_000 ? "countdown soon" : "countdown"}>
      {durationText(left)} left
    </span>
  );
}

/** The deadline that runs out first, for the case summary and the queue. */
export function NextDeadline({ sla, now, caseOpen }: { sla: SlaState; now: string; caseOpen: boolean }) {
  const next = sla.nextDeadline;
  if (next) {
    const name = CLOCK_NAMES[next.clock];
    return (
      <>
        {name} due <When iso={next.dueAt} /> (<SlaDeadline dueAt={next.dueAt} now={now} label={`${name} due`} />)
      </>
    );
  }
  if (sla.pausedSince) {
    return (
      <>
        Paused while waiting for information, since <When iso={sla.pausedSince} />
      </>
    );
  }
  return <>{caseOpen ? "None running" : "None: the case is closed"}</>;
}
