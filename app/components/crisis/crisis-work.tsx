import { Form, Link } from "@remix-run/react";
import { When } from "~/components/case/format";
import { CsrfInput } from "~/components/csrf-input";
import type { LiveStep, RoomTask } from "~/models/crises/crisis-room-view.server";
import { TASK_STATUSES } from "~/models/crises/crisis-words";

// What the crisis team works on: the playbook's live steps, each with the moves its role may
// make (the machine decides; a step for another role says whose it is; a statement's step
// links to the statements and says which cells still hold it up), and the tasks by
// role, the viewer's first, each with start, block (with a reason) and, for a task added by
// hand, done. Plain forms: they work without JavaScript and with the keyboard alone.

const words = (answer: string) => answer.replace(/_/g, " ");

export function LiveSteps({ steps, canWork }: { steps: LiveStep[]; canWork: boolean }) {
  if (steps.length === 0) return <p>No step is live.</p>;
  return (
    <ul className="live-steps" aria-label="Live steps">
      {steps.map((s) => (
        <li key={s.id} className={s.mine ? "mine" : undefined} aria-label={s.title}>
          <strong>{s.title}</strong>
          <br />
          <span className="hint">For the {s.who}</span>
          {s.href ? (
            <p>
              <Link to={s.href}>Open the review</Link>
            </p>
          ) : null}
          {s.statements ? <StatementsBlocking step={s} statements={s.statements} /> : null}
          {canWork && s.mine && s.actions.length > 0 ? (
            <Form method="post" className="inline-form">
              <CsrfInput />
              <input type="hidden" name="intent" value="step" />
              <input type="hidden" name="step" value={s.id} />
              {s.answers.length > 0 ? (
                <label>
                  Answer
                  <select name="answer" defaultValue="">
                    <option value="">Choose…</option>
                    {s.answers.map((a) => (
                      <option key={a} value={a}>
                        {words(a)}
                      </option>
                    ))}
                  </select>
                </label>
              ) : null}
              {s.actions.map((a) => (
                <button key={a.type} type="submit" name="type" value={a.type} className={a.type === "REJECT" ? "secondary" : undefined}>
                  {a.label}
                </button>
              ))}
            </Form>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

/** A step the statements drive: it moves on by itself when its cells are ready; here is what they still lack. */
function StatementsBlocking({ step, statements }: { step: LiveStep; statements: NonNullable<LiveStep["statements"]> }) {
  return (
    <>
      <p>
        {statements.summary} <Link to={statements.href}>Open the statements</Link>
      </p>
      {statements.blocking.length > 0 ? (
        <ul className="hint" aria-label={`What still holds up “${step.title}”`}>
          {statements.blocking.map((b) => (
            <li key={b}>{b}</li>
          ))}
        </ul>
      ) : null}
    </>
  );
}

export function TaskList({ tasks, canWork }: { tasks: RoomTask[]; canWork: boolean }) {
  if (tasks.length === 0) return <p>No tasks yet.</p>;
  return (
    <ul className="task-list" aria-label="Tasks">
      {tasks.map((t) => (
        <li key={t.id} className={t.mine ? "mine" : undefined} aria-label={t.title}>
          <strong>{t.title}</strong> <span className="badge">{TASK_STATUSES[t.status as keyof typeof TASK_STATUSES] ?? t.status}</span>
          {t.mine ? <span className="badge">yours</span> : null}
          <br />
          <span className="hint">
            {t.roleLabel}
            {t.owner ? `, ${t.owner}` : ""}
            {t.dueAt && t.status !== "done" ? (
              <>
                , due <When iso={t.dueAt} />
              </>
            ) : null}
            {t.answer ? `, answered ${words(t.answer)}` : ""}
          </span>
          {t.blockedReason && t.status === "blocked" ? <p className="hint">Blocked: {t.blockedReason}</p> : null}
          {canWork && t.status !== "done" ? (
            <div className="inline-form">
              {t.status !== "in_progress" ? (
                <Form method="post">
                  <CsrfInput />
                  <input type="hidden" name="task" value={t.id} />
                  <button type="submit" name="intent" value="start-task" className="secondary">
                    Start
                  </button>
                </Form>
              ) : null}
              {t.step === null ? (
                <Form method="post">
                  <CsrfInput />
                  <input type="hidden" name="task" value={t.id} />
                  <button type="submit" name="intent" value="finish-task">
                    Done
                  </button>
                </Form>
              ) : null}
              <details>
                <summary>Blocked…</summary>
                <Form method="post" className="inline-form">
                  <CsrfInput />
                  <input type="hidden" name="task" value={t.id} />
                  <label>
                    What blocks it
                    <input name="reason" maxLength={500} required />
                  </label>
                  <button type="submit" name="intent" value="block-task" className="secondary">
                    Mark blocked
                  </button>
                </Form>
              </details>
            </div>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
