import { Form, Link } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf-input";
import type { StageBlock, StatementMatrix } from "~/models/statements/statement-matrix.server";
import { AUDIENCES, CELL_STATES, STAGES, STATEMENT_CHANNEL_LABELS } from "~/models/statements/statement-words";

// The matrix at a glance: per stage, each audience and channel with a link per language
// showing the cell's state, whether the playbook requires it and whether it holds the
// playbook up now. Links, not buttons: the chosen cell is in the address, so it works
// without JavaScript and each cell is one Tab away.

export function StageMatrix({ block, chosen }: { block: StageBlock; chosen: string | null }) {
  return (
    <section aria-labelledby={`stage-${block.stage}`} className="statement-stage">
      <h2 id={`stage-${block.stage}`}>{block.label}</h2>
      {block.steps.length > 0 ? (
        <ul className="statement-steps">
          {block.steps.map((s) => (
            <li key={s.title}>
              <strong>{s.title}</strong> (the playbook; approval: {s.chain})
              {s.live ? (
                <span className="badge blocking">
                  {" "}
                  live at “{s.live}”: {s.open === 0 ? "every required cell is ready" : `${s.open} required cell${s.open === 1 ? "" : "s"} still ${s.need}`}
                </span>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="hint">The playbook names no cells for this stage; any cell may be drafted below.</p>
      )}
      {block.rows.length === 0 ? <p className="hint">Nothing drafted.</p> : null}
      {block.rows.map((row) => (
        <div key={`${row.audience}.${row.channel}`} className="statement-row">
          <h3>
            {row.audienceLabel} · {row.channelLabel}
          </h3>
          <ul className="statement-cells" aria-label={`${row.audienceLabel}, ${row.channelLabel}`}>
            {row.cells.map((cell) => (
              <li key={cell.key} className={`cell cell-${cell.state}${cell.blocking ? " blocking" : ""}${cell.key === chosen ? " chosen" : ""}`}>
                <Link to={`?cell=${cell.key}#chosen`} aria-current={cell.key === chosen ? "true" : undefined}>
                  <span className="cell-lang">{cell.language}</span> {CELL_STATES[cell.state]}
                  {cell.required ? <span className="cell-mark"> · required</span> : null}
                  {cell.blocking ? <span className="cell-mark"> · blocks the playbook</span> : null}
                </Link>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </section>
  );
}

/** A labelled choice among `options` (value, words). */
function Choice({ label, name, options, initial }: { label: string; name: string; options: [string, string][]; initial: string }) {
  return (
    <label>
      {label}
      <select name={name} defaultValue={initial}>
        {options.map(([value, words]) => (
          <option key={value} value={value}>
            {words}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Any cell, including those the playbook does not name (a members' post, a note to partners). */
export function DraftAnotherCell({ matrix }: { matrix: StatementMatrix }) {
  return (
    <Form method="post" className="inline-form" aria-label="Draft a cell">
      <CsrfInput />
      <input type="hidden" name="intent" value="draft" />
      <Choice label="Stage" name="stage" initial="holding" options={Object.entries(STAGES).map(([key, s]) => [key, s.label])} />
      <Choice label="Audience" name="audience" initial="members" options={Object.entries(AUDIENCES)} />
      <Choice label="Channel" name="channel" initial="public_post" options={Object.entries(STATEMENT_CHANNEL_LABELS)} />
      <Choice label="Language" name="language" initial="en" options={matrix.languages.map((l) => [l, l])} />
      <button type="submit">Draft from the template</button>
    </Form>
  );
}
