import type { LintIssue } from "~/models/templates/template-lint";

/** Lint issues for one field, shown beside its text. */
export function LintIssues({ id, issues }: { id?: string; issues: LintIssue[] }) {
  if (issues.length === 0) return null;
  return (
    <ul id={id} className="lint-issues" aria-label="Lint issues">
      {issues.map((issue, i) => (
        <li key={i} className="field-error">
          {issue.message}
        </li>
      ))}
    </ul>
  );
}
