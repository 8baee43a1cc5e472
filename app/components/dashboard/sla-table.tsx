import type { DashboardView } from "~/models/dashboard/dashboard.server";
import { share } from "~/models/dashboard/dashboard-figures";

// SLA compliance per tier as numbers: deadlines met and missed for first response and
// resolution, with the share met this period and the period before.

const pct = (met: number, missed: number) => {
  const s = share(met, met + missed);
  return s === null ? "—" : `${Math.round(s * 10) / 10} %`;
};

export function SlaTable({ view }: { view: DashboardView }) {
  if (view.tiers.length === 0) return <p className="notice">No deadline fell due and no case was resolved in this period.</p>;
  return (
    <table className="stack sla-table">
      <caption>SLA deadlines per tier, {view.period.label}</caption>
      <thead>
        <tr>
          <th scope="col">Tier</th>
          <th scope="col">First response: met / missed</th>
          <th scope="col">Met</th>
          <th scope="col">Before</th>
          <th scope="col">Resolution: met / missed</th>
          <th scope="col">Met</th>
          <th scope="col">Before</th>
        </tr>
      </thead>
      <tbody>
        {view.tiers.map(({ tier, label, current: c, previous: p }) => (
          <tr key={tier}>
            <th scope="row">{label}</th>
            <td data-label="First response">
              {c.firstResponseMet} / {c.firstResponseMissed}
            </td>
            <td data-label="Met">{pct(c.firstResponseMet, c.firstResponseMissed)}</td>
            <td data-label="Before">{pct(p.firstResponseMet, p.firstResponseMissed)}</td>
            <td data-label="Resolution">
              {c.resolutionMet} / {c.resolutionMissed}
            </td>
            <td data-label="Met">{pct(c.resolutionMet, c.resolutionMissed)}</td>
            <td data-label="Before">{pct(p.resolutionMet, p.resolutionMissed)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
