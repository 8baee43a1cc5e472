import { Link } from "@remix-run/react";
import { CRISIS_SEVERITIES, isCrisisSeverity } from "~/models/crises/crisis-words";

// A crisis's severity, with what it means for those who do not know the scale by heart,
// and the badge a linked case shows in the queue and on its page.

export function CrisisSeverityBadge({ severity }: { severity: string }) {
  const meaning = isCrisisSeverity(severity) ? CRISIS_SEVERITIES[severity].meaning : undefined;
  return (
    <span className={`badge severity severity-${severity.toLowerCase()}`} title={meaning}>
      {severity}
    </span>
  );
}

export function CrisisBadge({ crisisRef }: { crisisRef: string }) {
  return (
    <Link to={`/crises/${crisisRef}`} className="badge crisis-badge">
      Crisis {crisisRef}
    </Link>
  );
}
