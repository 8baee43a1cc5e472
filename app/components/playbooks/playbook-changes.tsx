import { Form } from "@remix-run/react";
import type { PlaybookChange } from "~/models/playbooks/playbook-diff";

// What changed between two versions, step by step, and a plain GET form to compare others.

const KIND_WORDS = { added: "Added", removed: "Removed", changed: "Changed" } as const;

function Change({ change }: { change: PlaybookChange }) {
  const name = change.what === "playbook" ? "The playbook's own fields" : `${KIND_WORDS[change.kind]} ${change.what} `;
  return (
    <li className={`change change-${change.kind}`}>
      <p>
        {change.what === "playbook" ? (
          <strong>{name}</strong>
        ) : (
          <>
            <strong>{name}</strong>
            <code>{change.id}</code> (“{change.title}”){change.kind !== "changed" ? ` ${change.where}` : ""}
          </>
        )}
      </p>
      {change.kind === "changed" ? (
        <dl className="field-diff">
          {change.fields.map((f) => (
            <div key={f.field}>
              <dt>{f.field}</dt>
              <dd>
                <del>{f.before}</del> → <ins>{f.after}</ins>
              </dd>
            </div>
          ))}
        </dl>
      ) : null}
    </li>
  );
}

export function PlaybookChanges({ from, to, changes, versions }: { from: number; to: number; changes: PlaybookChange[]; versions: number[] }) {
  return (
    <section className="playbook-changes" aria-labelledby="changes-heading">
      <h2 id="changes-heading">
        Changes from version {from} to {to}
      </h2>
      {changes.length === 0 ? <p>The two versions hold the same plan.</p> : <ul className="changes">{changes.map((c, i) => <Change key={i} change={c} />)}</ul>}
      <Form method="get" className="compare-form">
        <input type="hidden" name="version" value={to} />
        <label htmlFor="compare-from">Compare version {to} with</label>
        <select id="compare-from" name="from" defaultValue={from}>
          {versions
            .filter((v) => v !== to)
            .map((v) => (
              <option key={v} value={v}>
                version {v}
              </option>
            ))}
        </select>
        <button type="submit" className="secondary">
          Compare
        </button>
      </Form>
    </section>
  );
}
