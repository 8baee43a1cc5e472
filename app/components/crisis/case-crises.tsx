import { Link } from "@remix-run/react";
import { CrisisBadge } from "./crisis-badges";

// On a case page: the crises the case is linked to, and for the crisis team, declaring one
// from this case (the declare form carries its facts over and links it).

type LinkedCrisis = { ref: string; title: string; severity: string; stateLabel: string };

export function CaseCrises({ crises, caseRef, canDeclare }: { crises: LinkedCrisis[]; caseRef: string; canDeclare: boolean }) {
  if (crises.length === 0 && !canDeclare) return null;
  return (
    <div className="case-crises">
      {crises.map((c) => (
        <p key={c.ref}>
          <CrisisBadge crisisRef={c.ref} /> {c.severity} · {c.title} · {c.stateLabel}
        </p>
      ))}
      {canDeclare ? (
        <p>
          <Link to={`/crises/new?case=${caseRef}`}>Declare a crisis from this case</Link>
        </p>
      ) : null}
    </div>
  );
}
