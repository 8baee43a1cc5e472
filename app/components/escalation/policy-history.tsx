import { When } from "~/components/case/format";
import type { PolicyDefinition } from "~/models/escalation/escalation-policy.server";
import { PolicyTable } from "./policy-table";

// Every published version of the escalation policy, newest first: who published it,
// when and why, which one is current, and what each said.

export type PolicyVersionRow = {
  version: number;
  current: boolean;
  note: string | null;
  createdAt: string;
  createdBy: { name: string; email: string } | null;
  definition: PolicyDefinition;
};

export function PolicyHistory({ versions }: { versions: PolicyVersionRow[] }) {
  return (
    <table className="policy-history stack">
      <caption>Versions, newest first. Cases keep the version they started under.</caption>
      <thead>
        <tr>
          <th scope="col">Version</th>
          <th scope="col">Published</th>
          <th scope="col">By</th>
          <th scope="col">Why</th>
          <th scope="col">Tiers and rules</th>
        </tr>
      </thead>
      <tbody>
        {versions.map((v) => (
          <tr key={v.version} aria-current={v.current ? "true" : undefined}>
            <th scope="row">
              {v.version} {v.current ? <span className="badge">current</span> : null}
            </th>
            <td data-label="Published">
              <When iso={v.createdAt} />
            </td>
            <td data-label="By">{v.createdBy ? `${v.createdBy.name} (${v.createdBy.email})` : "Installed with Vigil"}</td>
            <td data-label="Why">{v.note ?? ""}</td>
            <td data-label="Tiers and rules">
              <details>
                <summary>Show version {v.version}</summary>
                <PolicyTable definition={v.definition} />
              </details>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
