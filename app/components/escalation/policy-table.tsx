import type { PolicyDefinition } from "~/models/escalation-policy.server";

const BANDS = ["critical", "high", "medium", "low"] as const;
const hours = (m: number) => (m % 60 === 0 ? `${m / 60} h` : `${m} min`);

/** The policy's tiers in order, with their roles and SLA windows per priority band. */
export function PolicyTable({ definition }: { definition: PolicyDefinition }) {
  return (
    <>
      <table>
        <caption>Tiers, lowest first. First response / resolution per priority band.</caption>
        <thead>
          <tr>
            <th scope="col">Tier</th>
            <th scope="col">Who may act</th>
            {BANDS.map((b) => (
              <th key={b} scope="col">
                {b}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {definition.tiers.map((t) => (
            <tr key={t.key}>
              <th scope="row">{t.label}</th>
              <td>{t.roles.join(", ")}</td>
              {BANDS.map((b) => (
                <td key={b}>
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
