import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { When } from "~/components/case/format";
import { CsrfInput } from "~/components/csrf-input";
import type { DeliveryState, MessageLogEntry } from "~/models/messages/message-log.server";
import { CHANNEL_LABELS } from "~/models/templates/template-purposes";

/** Where a message's delivery to the community platform stands, in words. */
function Delivery({ delivery: d }: { delivery: DeliveryState | null }) {
  if (!d) return <>—</>;
  switch (d.state) {
    case "queued":
      return d.reason === "no_endpoint" ? (
        <>
          <strong>Queued</strong>: no delivery endpoint is configured
        </>
      ) : (
        <>
          <strong>Queued</strong>: next attempt at <When iso={d.nextAttemptAt} />
        </>
      );
    case "retrying":
      return (
        <>
          <strong>Retrying</strong>: attempt {d.attempts} failed ({d.lastError});{" "}
          {d.noEndpoint ? (
            "no delivery endpoint is configured"
          ) : (
            <>
              next attempt at <When iso={d.nextAttemptAt} />
            </>
          )}
        </>
      );
    case "delivered":
      return (
        <>
          <strong>Delivered</strong> at <When iso={d.deliveredAt} />
        </>
      );
    case "failed":
      return (
        <>
          <strong>Failed</strong> after {d.attempts} attempts ({d.lastError})
        </>
      );
  }
}

/** Sent messages with the template, version and language each used, and their delivery. */
export function MessageLog({
  messages,
  caption,
  showCase = true,
  empty,
  canRetry = false,
}: {
  messages: MessageLogEntry[];
  caption: string;
  showCase?: boolean;
  empty?: ReactNode;
  /** Offer "Retry delivery" on failed messages (the page's route takes the form). */
  canRetry?: boolean;
}) {
  if (messages.length === 0) return <>{empty ?? <p>No messages sent yet.</p>}</>;
  return (
    <table className="message-log stack">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Sent</th>
          {showCase ? <th scope="col">Case</th> : null}
          <th scope="col">To</th>
          <th scope="col">Template</th>
          <th scope="col">Language</th>
          <th scope="col">Delivery</th>
          <th scope="col">Text</th>
        </tr>
      </thead>
      <tbody>
        {messages.map((m) => (
          <tr key={m.id}>
            <td data-label="Sent">
              <When iso={m.createdAt} />
              <span className="sender"> by {m.sentBy}</span>
            </td>
            {showCase ? <td data-label="Case" className="mono">{m.caseRef ? <a href={`/cases/${m.caseRef}`}>{m.caseRef}</a> : "—"}</td> : null}
            <td data-label="To">{m.recipientKind === "reporter" ? `Reporter (report ${m.recipient})` : `Author ${m.recipient}`}</td>
            <td data-label="Template">
              <span className="mono">{m.templateKey}</span> v{m.templateVersion}, {CHANNEL_LABELS[m.channel as keyof typeof CHANNEL_LABELS] ?? m.channel}
            </td>
            <td data-label="Language">{m.language}</td>
            <td data-label="Delivery" className={`delivery delivery-${m.delivery?.state ?? "none"}`}>
              <Delivery delivery={m.delivery} />
              {canRetry && m.delivery?.state === "failed" ? (
                <Form method="post" className="retry">
                  <CsrfInput />
                  <input type="hidden" name="messageId" value={m.id} />
                  <button type="submit" name="intent" value="retry" aria-label={`Retry delivery of ${m.templateKey} to ${m.recipientKind === "reporter" ? `the reporter of ${m.recipient}` : m.recipient}`}>
                    Retry delivery
                  </button>
                </Form>
              ) : null}
            </td>
            <td data-label="Text" lang={m.language}>
              {m.subject ? <strong>{m.subject}: </strong> : null}
              {m.body}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
