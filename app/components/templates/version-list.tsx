import { Link } from "@remix-run/react";
import type { TemplatePage } from "~/models/templates/templates.server";

/** Every version of a template, newest first, each a link to view it. */
export function VersionList({ versions, selected, caseRef }: { versions: TemplatePage["versions"]; selected: number; caseRef: string }) {
  return (
    <table className="versions stack">
      <caption>Versions</caption>
      <thead>
        <tr>
          <th scope="col">Version</th>
          <th scope="col">Status</th>
          <th scope="col">Author</th>
          <th scope="col">Approved by</th>
          <th scope="col">Languages</th>
          <th scope="col">Lint</th>
        </tr>
      </thead>
      <tbody>
        {versions.map((v) => (
          <tr key={v.version} aria-current={v.version === selected ? "true" : undefined}>
            <td data-label="Version">
              <Link to={`?version=${v.version}${caseRef ? `&case=${caseRef}` : ""}`}>Version {v.version}</Link>
            </td>
            <td data-label="Status">{v.status.replace("_", " ")}</td>
            <td data-label="Author">{v.author}</td>
            <td data-label="Approved by">{v.approver ?? "—"}</td>
            <td data-label="Languages">{Object.keys(v.variants).join(", ")}</td>
            <td data-label="Lint">{v.issues.length === 0 ? "clean" : `${v.issues.length} ${v.issues.length === 1 ? "issue" : "issues"}`}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
