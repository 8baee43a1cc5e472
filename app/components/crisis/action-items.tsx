import { Form } from "@remix-run/react";
import { CsrfInput } from "~/components/csrf-input";
import { Field, SelectField } from "~/components/form-field";
import type { ReviewView } from "~/models/crises/crisis-review-view.server";
import { TASK_STATUSES } from "~/models/crises/crisis-words";
import type { Failed } from "./review-forms";
import { errorsOf, typed } from "./review-forms";

// A review's action items (docs/decisions/0025): each with its owner, due date and state;
// those who write the review mark one done, reopen it, or change its text, owner and due
// date (also after the crisis closes: the items are the work that follows it), and add new
// ones while the review is open. Plain forms; a refused change comes back with what was typed.

type Item = ReviewView["actionItems"][number];
type People = { id: string; label: string }[];

function OwnerChoices({ people }: { people: People }) {
  return (
    <>
      <option value="">Choose…</option>
      {people.map((p) => (
        <option key={p.id} value={p.id}>
          {p.label}
        </option>
      ))}
    </>
  );
}

function ChangeItem({ item, people, failed }: { item: Item; people: People; failed: Failed }) {
  const mine = failed?.intent === "edit-action-item" && failed.values.task === item.id ? failed : null;
  const id = (field: string) => `item-${item.id}-${field}`;
  return (
    <details open={!!mine}>
      <summary>Change…</summary>
      <Form method="post" className="stack" aria-label={`Change “${item.title}”`} key={JSON.stringify(mine)}>
        <CsrfInput />
        <input type="hidden" name="intent" value="edit-action-item" />
        <input type="hidden" name="task" value={item.id} />
        <Field label="Action" id={id("title")} name="title" defaultValue={typed(mine, "edit-action-item", "title", item.title)} errors={errorsOf(mine, "edit-action-item", "title")} />
        <SelectField label="Owner" id={id("owner")} name="owner" defaultValue={typed(mine, "edit-action-item", "owner", item.ownerId ?? "")} errors={errorsOf(mine, "edit-action-item", "owner")}>
          <OwnerChoices people={people} />
        </SelectField>
        <Field label="Due" hint="By the end of that day (UTC); the reminders move with it." id={id("due")} name="due" type="date" defaultValue={typed(mine, "edit-action-item", "due", item.dueAt.slice(0, 10))} errors={errorsOf(mine, "edit-action-item", "due")} />
        <button type="submit">Save the change</button>
      </Form>
    </details>
  );
}

function ItemMove({ item, intent, label }: { item: Item; intent: string; label: string }) {
  return (
    <Form method="post" className="inline-form">
      <CsrfInput />
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="task" value={item.id} />
      <button type="submit" className={intent === "reopen-action-item" ? "secondary" : undefined} aria-label={`${label === "Done" ? "Mark" : label} “${item.title}”${label === "Done" ? " done" : ""}`}>
        {label}
      </button>
    </Form>
  );
}

export function ActionItems({ items, people, canAdd, canWork, failed, today }: { items: Item[]; people: People; canAdd: boolean; canWork: boolean; failed: Failed; today: string }) {
  return (
    <>
      {items.length === 0 ? (
        <p>No action items yet.</p>
      ) : (
        <ul className="task-list" aria-label="Action items">
          {items.map((a) => (
            <li key={a.id} aria-label={a.title}>
              <strong>{a.title}</strong>
              <br />
              <span>
                {a.owner}, due {a.dueAt.slice(0, 10)}: {TASK_STATUSES[a.status as keyof typeof TASK_STATUSES] ?? a.status}
                {a.overdue ? <strong className="late"> (overdue)</strong> : null}
              </span>
              {canWork && a.status !== "done" ? (
                <>
                  <ItemMove item={a} intent="finish-action-item" label="Done" />
                  <ChangeItem item={a} people={people} failed={failed} />
                </>
              ) : null}
              {canWork && a.status === "done" ? <ItemMove item={a} intent="reopen-action-item" label="Reopen" /> : null}
            </li>
          ))}
        </ul>
      )}
      {canAdd ? (
        <Form method="post" className="stack" aria-label="Add an action item" key={JSON.stringify(failed)}>
          <CsrfInput />
          <input type="hidden" name="intent" value="add-action-item" />
          <Field label="Action" id="action-title" name="title" defaultValue={typed(failed, "add-action-item", "title", "")} errors={errorsOf(failed, "add-action-item", "title")} />
          <SelectField label="Owner" id="action-owner" name="owner" defaultValue={typed(failed, "add-action-item", "owner", "")} errors={errorsOf(failed, "add-action-item", "owner")}>
            <OwnerChoices people={people} />
          </SelectField>
          <Field label="Due" hint="By the end of that day (UTC); the owner is reminded the day before and on the day." id="action-due" name="due" type="date" min={today} defaultValue={typed(failed, "add-action-item", "due", "")} errors={errorsOf(failed, "add-action-item", "due")} />
          <button type="submit">Add the action item</button>
        </Form>
      ) : null}
    </>
  );
}
