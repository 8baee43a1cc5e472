import { Form, Link } from "@remix-run/react";
import { When, stateLabel } from "~/components/case/format";
import { CsrfInput } from "~/components/csrf-input";
import type { CrisisRoomView } from "~/models/crises/crisis-room-view.server";
import type { TimelineEntry } from "~/models/crises/crisis-timeline";
import { CRISIS_ROLE_KEYS, CRISIS_ROLES } from "~/models/crises/crisis-words";

// The crisis's record: the timeline from its audit entries, the people in each role now and
// before, and its linked cases; and the commander's forms (take command with a note, assign
// roles, promise the next update, page a role, add a task), the link form and notes.

type Room = CrisisRoomView;

/** Pins a note above the timeline, or takes it off; the button names the note by its author and time. */
function PinForm({ entry }: { entry: TimelineEntry }) {
  const when = entry.at.slice(11, 16);
  return (
    <Form method="post" className="pin-form">
      <CsrfInput />
      <input type="hidden" name="note" value={entry.seq} />
      <button type="submit" name="intent" value={entry.pinned ? "unpin-note" : "pin-note"} className="secondary" aria-label={`${entry.pinned ? "Unpin" : "Pin"} the note by ${entry.by} at ${when} UTC`}>
        {entry.pinned ? "Unpin" : "Pin"}
      </button>
    </Form>
  );
}

export function PinnedNotes({ room, canPin }: { room: Room; canPin: boolean }) {
  if (room.pinned.length === 0) return null;
  return (
    <section aria-labelledby="pinned-heading" className="pinned-notes">
      <h3 id="pinned-heading">Pinned notes</h3>
      <ul aria-labelledby="pinned-heading">
        {room.pinned.map((e) => (
          <li key={e.seq}>
            <When iso={e.at} /> <strong>{e.by}</strong>
            <p className="note">{e.note}</p>
            {canPin ? <PinForm entry={e} /> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function Timeline({ room, canPin }: { room: Room; canPin: boolean }) {
  return (
    <>
      {room.timelineTotal > room.timeline.length ? <p className="hint">The latest {room.timeline.length} of {room.timelineTotal} entries; the audit log has them all.</p> : null}
      <ol className="timeline" aria-label="Timeline">
        {room.timeline.map((e) => (
          <li key={e.seq}>
            <When iso={e.at} /> <strong>{e.by}</strong>: {e.what}
            {e.pinned ? <span className="badge">Pinned</span> : null}
            {e.consequences.length > 0 ? <span className="hint"> ({e.consequences.join("; ")})</span> : null}
            {e.note ? <p className="note">{e.note}</p> : null}
            {e.isNote && canPin ? <PinForm entry={e} /> : null}
          </li>
        ))}
      </ol>
    </>
  );
}

export function People({ room }: { room: Room }) {
  const now = room.people.filter((p) => p.until === null);
  const before = room.people.filter((p) => p.until !== null);
  return (
    <>
      {now.length === 0 ? <p>Nobody holds a role yet.</p> : null}
      <ul className="people" aria-label="People in roles now">
        {now.map((p, i) => (
          <li key={`${p.role}-${i}`}>
            <strong>{p.roleLabel}</strong>: {p.name}, since <When iso={p.since} />
          </li>
        ))}
      </ul>
      {before.length > 0 ? (
        <details>
          <summary>Before ({before.length})</summary>
          <ul className="people">
            {before.map((p, i) => (
              <li key={`${p.role}-${i}`}>
                {p.roleLabel}: {p.name}, until <When iso={p.until!} />
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </>
  );
}

export function LinkedCases({ room, canLink }: { room: Room; canLink: boolean }) {
  return (
    <>
      {room.cases.length === 0 ? <p>No linked cases.</p> : null}
      <ul className="linked-cases" aria-label="Linked cases">
        {room.cases.map((c) => (
          <li key={c.ref}>
            <Link to={`/cases/${c.ref}`}>{c.ref}</Link> {stateLabel(c.state)}
            {c.ruleCode ? <span className="hint"> · {c.ruleCode.replace(/_/g, " ")}</span> : null}
          </li>
        ))}
      </ul>
      {canLink && room.state !== "closed" ? (
        <Form method="post" className="inline-form">
          <CsrfInput />
          <label>
            Case reference
            <input name="case" placeholder="C-…" maxLength={20} required />
          </label>
          <button type="submit" name="intent" value="link-case" className="secondary">
            Link case
          </button>
        </Form>
      ) : null}
    </>
  );
}

const RoleSelect = ({ name = "role" }: { name?: string }) => (
  <select name={name} defaultValue="responder">
    {CRISIS_ROLE_KEYS.filter((r) => r !== "commander").map((r) => (
      <option key={r} value={r}>
        {CRISIS_ROLES[r].label}
      </option>
    ))}
  </select>
);

export function CommandForms({ room, people, viewerId }: { room: Room; people: { id: string; label: string }[]; viewerId: string }) {
  const commanding = room.commander?.id === viewerId;
  return (
    <>
      {!commanding ? (
        <Form method="post" className="inline-form">
          <CsrfInput />
          <input type="hidden" name="version" value={room.version} />
          <label>
            {room.commander ? `Note for the handoff from ${room.commander.name}` : "Note (optional)"}
            <input name="note" maxLength={2000} />
          </label>
          <button type="submit" name="intent" value="take-command">
            Take command
          </button>
        </Form>
      ) : null}
      {room.state === "active" ? (
        <Form method="post" className="inline-form">
          <CsrfInput />
          <label>
            Next update in (minutes)
            <input name="minutes" type="number" min={5} max={1440} defaultValue={room.updateEveryMinutes} required />
          </label>
          <button type="submit" name="intent" value="promise-update" className="secondary">
            Promise the next update
          </button>
        </Form>
      ) : null}
      <details>
        <summary>Assign a role</summary>
        <Form method="post" className="inline-form">
          <CsrfInput />
          <label>
            Role <RoleSelect />
          </label>
          <label>
            Person
            <select name="user" defaultValue="" required>
              <option value="">Choose…</option>
              {people.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.label}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" name="intent" value="assign-role" className="secondary">
            Assign
          </button>
        </Form>
      </details>
      <details>
        <summary>Page a role</summary>
        <Form method="post" className="inline-form">
          <CsrfInput />
          <label>
            Role <RoleSelect />
          </label>
          <label>
            Why
            <input name="note" maxLength={500} required />
          </label>
          <button type="submit" name="intent" value="page" className="secondary">
            Page
          </button>
        </Form>
      </details>
      <details>
        <summary>Add a task</summary>
        <Form method="post" className="inline-form">
          <CsrfInput />
          <label>
            Task
            <input name="title" maxLength={200} required />
          </label>
          <label>
            For <RoleSelect />
          </label>
          <label>
            Due in (minutes, optional)
            <input name="dueMinutes" type="number" min={1} max={10080} />
          </label>
          <button type="submit" name="intent" value="add-task" className="secondary">
            Add task
          </button>
        </Form>
      </details>
    </>
  );
}

export function NoteForm() {
  return (
    <Form method="post">
      <CsrfInput />
      <label htmlFor="crisis-note">Add a note to the timeline</label>
      <textarea id="crisis-note" name="text" rows={3} maxLength={2000} required />
      <p>
        <button type="submit" name="intent" value="note" className="secondary">
          Add note
        </button>
      </p>
    </Form>
  );
}
