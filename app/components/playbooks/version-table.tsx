import { Link } from "@remix-run/react";
import { When } from "~/components/case/format";
import type { VersionSummary } from "~/models/playbooks/playbook-views.server";

/** Every version of a playbook, newest first: who wrote and published it, its findings, its file. */
export function VersionTable({ playbookKey, versions, selected }: { playbookKey: string; versions: VersionSummary[]; selected: number }) {
  return (
    <table className="versions stack wide">
      <caption>Versions, newest first</caption>
      <thead>
        <tr>
          <th scope="col">Version</th>
          <th scope="col">Status</th>
          <th scope="col">Written</th>
          <th scope="col">Published</th>
          <th scope="col">Findings</th>
          <th scope="col">Note</th>
          <th scope="col">File</th>
        </tr>
      </thead>
      <tbody>
        {versions.map((v) => (
          <tr key={v.version} aria-current={v.version === selected ? "true" : undefined}>
            <th scope="row" data-label="Version">
              <Link to={`?version=${v.version}`}>Version {v.version}</Link>
              {v.version === selected ? <span className="visually-hidden"> (shown)</span> : null}
            </th>
            <td data-label="Status">
              <span className={`badge status-${v.status}`}>{v.status}</span>
            </td>
            <td data-label="Written">
              {v.author}, <When iso={v.createdAt} />
            </td>
            <td data-label="Published">
              {v.publisher && v.publishedAt ? (
                <>
                  {v.publisher}, <When iso={v.publishedAt} />
                </>
              ) : (
                "—"
              )}
            </td>
            <td data-label="Findings">{v.errors + v.warnings === 0 ? "clean" : `${v.errors} ${v.errors === 1 ? "error" : "errors"}, ${v.warnings} ${v.warnings === 1 ? "warning" : "warnings"}`}</td>
            <td data-label="Note">{v.note ?? "—"}</td>
            <td data-label="File">
              <a href={`/admin/playbooks/${playbookKey}/export?version=${v.version}`} download={`${playbookKey}-v${v.version}.yaml`}>
                Export version {v.version} (YAML)
              </a>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
