import type { CheckView, FindingView } from "~/models/playbooks/playbook-editor.server";

// The verifier's findings, each by its line with the line as written, and for a problem
// of behaviour the shortest way a crisis gets there, in words. A line number is a link to
// the editor; with JavaScript it selects that line in the text.

export const SOURCE_ID = "playbook-source";

/** Selects a 1-based line of the editor's text and scrolls it into view. */
export function selectLine(line: number, sourceId = SOURCE_ID) {
  const area = document.getElementById(sourceId);
  if (!(area instanceof HTMLTextAreaElement)) return;
  const lines = area.value.split("\n");
  const start = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0);
  area.focus();
  area.setSelectionRange(start, start + (lines[line - 1]?.length ?? 0));
  area.scrollTop = Math.max(0, (area.scrollHeight * (line - 1)) / Math.max(lines.length, 1) - area.clientHeight / 3);
}

function Finding({ finding, sourceId }: { finding: FindingView; sourceId: string }) {
  return (
    <li className={`finding ${finding.severity}`}>
      <p className="finding-head">
        <strong>{finding.severity === "error" ? "Error" : "Warning"}</strong>
        {finding.line !== null ? (
          <>
            {" "}
            on{" "}
            <a
              href={`#${sourceId}`}
              onClick={(event) => {
                event.preventDefault();
                selectLine(finding.line!, sourceId);
              }}
            >
              line {finding.line}
            </a>
          </>
        ) : null}{" "}
        <span className="hint" title="The verifier's code for this kind of finding">
          ({finding.code.replace(/_/g, " ")})
        </span>
      </p>
      {finding.excerpt ? <code className="finding-line">{finding.excerpt}</code> : null}
      <p>{finding.message}</p>
      {finding.witness && finding.witness.length > 0 ? (
        <div className="witness">
          <p className="hint">The shortest way there from the start:</p>
          <ol>
            {finding.witness.map((text, i) => (
              <li key={i}>{text}</li>
            ))}
          </ol>
        </div>
      ) : finding.witness ? (
        <p className="hint">It is there from the start.</p>
      ) : null}
    </li>
  );
}

export function FindingsList({ check, heading, live = false, sourceId = SOURCE_ID }: { check: CheckView; heading: string; live?: boolean; sourceId?: string }) {
  const { errors, warnings } = check;
  const summary =
    errors + warnings === 0
      ? "No errors and no warnings: every step is reachable, the crisis can always be resolved and reviewed, and nothing goes out without its approval."
      : `${errors} ${errors === 1 ? "error" : "errors"} and ${warnings} ${warnings === 1 ? "warning" : "warnings"}.${errors > 0 ? " A version with errors cannot be published." : " Publishing records the warnings."}`;
  return (
    <section className="playbook-findings" aria-labelledby="findings-heading">
      <h2 id="findings-heading">{heading}</h2>
      <p role={live ? "status" : undefined} className={errors > 0 ? "field-error" : undefined}>
        {summary}
      </p>
      {check.findings.length > 0 ? (
        <ol className="findings">
          {check.findings.map((f, i) => (
            <Finding key={`${f.code}:${f.line}:${f.stepId}:${i}`} finding={f} sourceId={sourceId} />
          ))}
        </ol>
      ) : null}
    </section>
  );
}
