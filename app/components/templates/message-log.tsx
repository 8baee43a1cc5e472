import type { MessageLogEntry } from "~/models/messages.server";
import { CHANNEL_LABELS } from "~/models/template-purposes";

type Entry = Omit<MessageLogEntry, "createdAt"> & { createdAt: string };

/** Sent messages with the template, version and language each used. */
export function MessageLog({ messages, caption, showCase = true }: { messages: Entry[]; caption: string; showCase?: boolean }) {
  if (messages.length === 0) return <p>No messages sent yet.</p>;
  return (
    <table className="message-log">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Sent</th>
          {showCase ? <th scope="col">Case</th> : null}
          <th scope="col">To</th>
          <th scope="col">Template</th>
          <th scope="col">Version</th>
          <th scope="col">Language</th>
          <th scope="col">Channel</th>
          <th scope="col">Text</th>
          <th scope="col">By</th>
        </tr>
      </thead>
      <tbody>
        {messages.map((m) => (
          <tr key={m.id}>
            <td>
              <time dateTime={m.createdAt}>{m.createdAt.replace("T", " ").slice(0, 16)}</time>
            </td>
            {showCase ? <td className="mono">{m.caseRef ? <a href={`/cases/${m.caseRef}`}>{m.caseRef}</a> : "—"}</td> : null}
            <td>
              {m.recipientKind === "reporter" ? `Reporter (report ${m.recipient})` : `Author ${m.recipient}`}
            </td>
            <td className="mono">{m.templateKey}</td>
            <td>v{m.templateVersion}</td>
            <td>{m.language}</td>
            <td>{CHANNEL_LABELS[m.channel as keyof typeof CHANNEL_LABELS] ?? m.channel}</td>
            <td lang={m.language}>
              {m.subject ? <strong>{m.subject}: </strong> : null}
              {m.body}
            </td>
            <td>{m.sentBy}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
