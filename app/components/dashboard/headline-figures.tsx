import type { Figure } from "~/models/dashboard/dashboard-figures";

// The headline figures as a list a screen reader reads in order: each name, its value for
// the period, and the change from the period before with that period's value.

export function HeadlineFigures({ figures, previousLabel, label = "Headline figures" }: { figures: Figure[]; previousLabel: string; label?: string }) {
  return (
    <ul className="headline-figures" aria-label={label}>
      {figures.map((f) => (
        <li key={f.key} className="figure">
          <span className="figure-label">{f.label}</span>
          <span className="figure-value">{f.value}</span>
          <span className="figure-change">
            {f.change} <span className="hint">({previousLabel}: {f.previous})</span>
          </span>
          {f.detail ? <span className="hint figure-detail">{f.detail}</span> : null}
        </li>
      ))}
    </ul>
  );
}
