import type { PolicyDefinition } from "~/models/escalation/escalation-policy.server";
import { isRole, ROLE_LABELS } from "~/utils/permissions";

const BANDS = ["critical", "high", "medium", "low"] as const;
const BAND_LABELS = { critical: "Critical", high: "High", medium: "Medium", low: "Low" } as const;
const hours = (m: number) => (m % 60 === 0 ? `${m / 60} h` : `${m} min`);
const roleNames = (roles: readonly string[]) => roles.map((r) => (isRole(r) ? ROLE_LABELS[r] : r)).join(", ");

/** The policy's tiers in order, with their roles and SLA windows per priority band. */
export function PolicyTable({ definition }: { definition: PolicyDefinition }) {
  return (
    <>
      <table className="stack">
        <caption>Tiers, lowest first. First response / resolution per priority band.</caption>
        <thead>
          <tr>
            <th scope="col">Tier</th>
            <th scope="col">Who may act</th>
            {BANDS.map((b) => (
              <th key={b} scope="col">
                {BAND_LABELS[b]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {definition.tiers.map((t) => (
            <tr key={t.key}>
              <th scope="row">{t.label}</th>
              <td data-label="Who may act">{roleNames(t.roles)}</td>
              {BANDS.map((b) => (
                <td key={b} data-label={BAND_LABELS[b]}>
                  {hours(t.firstResponseMinutes[b])} / {hours(t.resolutionMinutes[b])}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        Skip rules:{" "}
        {definition.skipRules.map((r) => `${r.ruleCode} → ${r.tier}${r.page ? " (paged)" : ""}`).join("; ") || "none"}. Warning at{" "}
        {definition.warnAtPercent}% of each window.
      </p>
    </>
  );
}
