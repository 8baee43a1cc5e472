import type { Rehearsal } from "~/models/playbooks/playbook-rehearsal";

// A rehearsal's timeline as a person reads it: each moment on the virtual clock, what
// happened, what it led to and where the crisis stands; first, how it ended.

export function RehearsalResult({ rehearsal }: { rehearsal: Rehearsal }) {
  return (
    <section className="rehearsal" aria-labelledby="rehearsal-heading">
      <h2 id="rehearsal-heading">Rehearsal</h2>
      <p role="status" className={`notice rehearsal-ending ending-${rehearsal.ending}`}>
        <strong>{rehearsal.ending === "resolved" ? "Resolved." : rehearsal.ending === "stuck" ? "Stuck." : "Still running."}</strong> {rehearsal.summary}
        {rehearsal.capped ? ` The rehearsal stopped after ${rehearsal.events.toLocaleString("en")} events.` : ""}
      </p>
      <p className="hint">On a virtual clock from the declaration (+0m): nobody was paged and nothing was sent or saved.</p>
      <ol className="rehearsal-timeline">
        {rehearsal.timeline.map((entry, i) => (
          <li key={i}>
            <span className="at">{entry.at}</span>
            <div>
              <p className="cause">{entry.cause}</p>
              {entry.lines.length > 0 ? (
                <ul>
                  {entry.lines.map((line, j) => (
                    <li key={j}>{line}</li>
                  ))}
                </ul>
              ) : null}
              <p className="hint">{entry.now.length > 0 ? `Now at: ${entry.now.join("; ")}` : "Finished"}</p>
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}
